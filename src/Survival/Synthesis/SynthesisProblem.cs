using Survival.Comparison;
using Survival.Estimation;
using Survival.Reconstruction;

namespace Survival.Synthesis;

/// <summary>What every chain of a synthesis shares, fixed before the search: the grid, each row's allowed times, which
/// targets belong to which group, and the scoring of a candidate by the library's own estimators.</summary>
internal sealed class SynthesisProblem
{
    public SynthesisProblem(CohortTargets targets, SynthesisOptions options)
    {
        Targets = targets;
        Options = options;
        Step = options.TimeStep ?? DefaultStep(targets);
        if (!(Step > 0) || !double.IsFinite(Step))
            throw new SurvivalInputException("the time step must be finite and > 0", column: "timeStep", value: SurvivalData.Format(Step));
        var c = targets.Constraints;
        double maxTime = c.MaxTime ?? c.CutOff ?? 2 * LargestTargetTime(targets);
        double minTime = c.MinTime ?? Step;
        MinTick = (long)Math.Ceiling(minTime / Step - 1e-9);
        MaxTick = (long)Math.Floor(maxTime / Step + 1e-9);
        if (MaxTick - MinTick > 50_000_000)
            throw new SurvivalInputException($"the time step {SurvivalData.Format(Step)} makes {MaxTick - MinTick} grid times up to {SurvivalData.Format(maxTime)}: give a coarser step",
                column: "timeStep", value: SurvivalData.Format(Step));
        if (MaxTick < MinTick)
            throw new SurvivalInputException($"no grid time of step {SurvivalData.Format(Step)} lies between the shortest ({SurvivalData.Format(minTime)}) and longest ({SurvivalData.Format(maxTime)}) time",
                column: "constraints.maxTime", value: SurvivalData.Format(maxTime));
        if (c.CutOff is double cut)
        {
            Administrative = true;
            AdminLowTick = Math.Max(MinTick, (long)Math.Ceiling((cut - (c.Accrual ?? 0)) / Step - 1e-9));
            AdminHighTick = Math.Min(MaxTick, (long)Math.Floor(cut / Step + 1e-9));
            if (AdminHighTick < AdminLowTick)
                throw new SurvivalInputException("no grid time lies in the administrative window [cut-off − accrual, cut-off]", column: "constraints.accrual");
            LostMax = c.LostToFollowUp ?? 0;
        }
        Groups = targets.Groups.Count;
        Levels = targets.Groups.ToArray();
        Patients = targets.Groups.Select(targets.PatientsOf).ToArray();
        Events = targets.Groups.Select(targets.EventsOf).ToArray();
        var groupTargets = Enumerable.Range(0, Groups).Select(_ => new List<int>()).ToArray();
        var cross = new List<int>();
        for (int k = 0; k < targets.Targets.Count; k++)
        {
            var t = targets.Targets[k];
            if (IsGroupStatistic(t.Statistic)) groupTargets[Array.IndexOf(Levels, t.Group)].Add(k);
            else cross.Add(k);
        }
        GroupTargets = groupTargets.Select(l => l.ToArray()).ToArray();
        CrossTargets = cross.ToArray();
        Curves = new CurvePoint[Groups][];
        foreach (var curve in targets.Curves)
            Curves[Array.IndexOf(Levels, curve.Group)] = curve.Cleaned.Where(p => p.Time > 0).ToArray();
    }

    public CohortTargets Targets { get; }
    public SynthesisOptions Options { get; }
    public double Step { get; }
    public long MinTick { get; }
    public long MaxTick { get; }
    public bool Administrative { get; }
    public long AdminLowTick { get; }
    public long AdminHighTick { get; }
    public int LostMax { get; }
    public int Groups { get; }
    public int[] Patients { get; }
    public int?[] Events { get; }
    public int[][] GroupTargets { get; }
    public int[] CrossTargets { get; }
    public CurvePoint[]?[] Curves { get; }
    public string[] Levels { get; }

    /// <summary>The allowed ticks of a row in a state: an administratively censored row lies in the window.</summary>
    public (long Low, long High) Range(bool evt, bool lost)
        => Administrative && !evt && !lost ? (AdminLowTick, AdminHighTick) : (MinTick, MaxTick);

    public static bool IsGroupStatistic(TargetStatistic s)
        => s is not (TargetStatistic.LogRankP or TargetStatistic.HazardRatio or TargetStatistic.HazardRatioLower
            or TargetStatistic.HazardRatioUpper or TargetStatistic.HazardRatioP or TargetStatistic.FollowUpMedian);

    /// <summary>Scores one group's own targets on its rows alone, into <paramref name="distance"/>; returns the weighted
    /// distance to the group's digitised curve (0 without one).</summary>
    public double EvaluateGroup(int g, long[] ticks, bool[] evt, double?[] values, double[] distance)
    {
        var time = new double[ticks.Length];
        for (int i = 0; i < time.Length; i++) time[i] = ticks[i] * Step;
        var curve = KaplanMeier.Fit(SurvivalData.FromFactors(time, evt), Targets.Options).Curves[0];
        foreach (int k in GroupTargets[g])
        {
            var t = Targets.Targets[k];
            double? v = CohortTargets.GroupValue(curve, t);
            values[k] = v;
            distance[k] = Score(t.Printed, v);
        }
        return Curves[g] is { } points ? Options.CurveWeight * CurveDistance(curve, points).Mean / 0.02 : 0;
    }

    /// <summary>Scores the targets between groups (log-rank, Cox, follow-up) on the whole cohort, into
    /// <paramref name="distance"/>.</summary>
    public void EvaluateCross(long[][] ticks, bool[][] evt, double?[] values, double[] distance)
    {
        if (CrossTargets.Length == 0) return;
        var data = Cohort(ticks, evt);
        FollowUp? followUp = null;
        foreach (int k in CrossTargets)
        {
            var t = Targets.Targets[k];
            double? v = t.Statistic switch
            {
                TargetStatistic.FollowUpMedian => (followUp ??= FollowUp.Compute(data)).Median.Estimate,
                TargetStatistic.LogRankP => LogRankTest.Compute(t.Groups!.Count == Groups ? data : CohortTargets.Subset(data, t.Groups!)).PValue,
                _ => CohortTargets.Cox(data, t),
            };
            values[k] = v;
            distance[k] = Score(t.Printed, v);
        }
    }

    /// <summary>The search's distance of a value from a printed number: <see cref="PrintedNumber.Distance"/> when it is
    /// missed; when met, a margin of at most <see cref="Margin"/> that grows towards the edge of the rounding window
    /// (0.05 (v − p)² / (u/2)²), so that met numbers keep slack for the changes that the others still need.</summary>
    public static double Score(PrintedNumber printed, double? value)
    {
        double d = printed.Distance(value);
        if (d > 0 || printed.Kind != PrintedKind.Rounded || value is not double v) return d;
        double half = 0.5 * Math.Pow(10, -printed.Decimals);
        double x = (v - printed.Value) / half;
        return Margin * Math.Min(1, x * x);
    }

    /// <summary>The largest margin of a met number: well below the 0.5 a missed one costs.</summary>
    public const double Margin = 0.05;

    /// <summary>The cohort of the rows, with the targets' groups as levels.</summary>
    public SurvivalData Cohort(long[][] ticks, bool[][] evt)
    {
        int n = Patients.Sum();
        var time = new double[n];
        var status = new bool[n];
        var codes = new int[n];
        int r = 0;
        for (int g = 0; g < Groups; g++)
            for (int i = 0; i < ticks[g].Length; i++, r++)
            {
                time[r] = ticks[g][i] * Step;
                status[r] = evt[g][i];
                codes[r] = g;
            }
        return SurvivalData.FromFactors(time, status, Factor.FromCodes(codes, Levels, "group"));
    }

    /// <summary>The vertical distance of each digitised point to the step curve: at a point on a drop, the nearer of the
    /// levels before and after it.</summary>
    public static (double Max, double Mean) CurveDistance(SurvivalCurve curve, CurvePoint[] points)
    {
        double max = 0, sum = 0;
        var steps = curve.Steps;
        foreach (var p in points)
        {
            double at = curve.SurvivalProbability(p.Time);
            double d = Math.Abs(at - p.Survival);
            // The level just before p.Time: the step before the last one at or before it, when that one is at p.Time.
            int last = LastAtOrBefore(steps, p.Time);
            if (last >= 0 && steps[last].Time == p.Time)
                d = Math.Min(d, Math.Abs((last > 0 ? steps[last - 1].Survival : 1) - p.Survival));
            max = Math.Max(max, d);
            sum += d;
        }
        return (max, points.Length == 0 ? 0 : sum / points.Length);
    }

    private static int LastAtOrBefore(IReadOnlyList<SurvivalStep> steps, double t)
    {
        int lo = 0, hi = steps.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (steps[mid].Time <= t) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>The unit of the last printed digit of the time-valued targets (medians, their limits, the follow-up),
    /// the finest of them; 1 when none is printed.</summary>
    private static double DefaultStep(CohortTargets targets)
    {
        int decimals = targets.Targets
            .Where(t => t.Printed.Kind == PrintedKind.Rounded && t.Statistic is TargetStatistic.Median or TargetStatistic.MedianLower
                or TargetStatistic.MedianUpper or TargetStatistic.FollowUpMedian)
            .Select(t => t.Printed.Decimals).DefaultIfEmpty(0).Max();
        return Math.Pow(10, -decimals);
    }

    /// <summary>The largest time any target names (landmark, at-risk time, median and limits, follow-up); 1 when none.</summary>
    private static double LargestTargetTime(CohortTargets targets)
    {
        double largest = 0;
        foreach (var t in targets.Targets)
        {
            if (t.Time is double time) largest = Math.Max(largest, time);
            if (t.Printed.Kind == PrintedKind.Rounded && t.Statistic is TargetStatistic.Median or TargetStatistic.MedianLower
                    or TargetStatistic.MedianUpper or TargetStatistic.FollowUpMedian)
                largest = Math.Max(largest, t.Printed.Value);
        }
        foreach (var c in targets.Curves) largest = Math.Max(largest, c.Cleaned[^1].Time);
        return largest > 0 ? largest : 1;
    }
}
