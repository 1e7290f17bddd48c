using FsCheck.Xunit;
using Survival.Estimation;
using Survival.IntervalCensoring;

namespace Survival.Tests.Properties;

/// <summary>Properties of the Turnbull estimate that hold for any interval-censored data.</summary>
public class TurnbullProperties
{
    /// <summary>Arbitrary integers as visits: an event time in (0, 30], seen between visits every 1–3 units, some exact,
    /// some right-censored, some left-censored.</summary>
    private static SurvivalData? Build(int[] raw)
    {
        if (raw is null || raw.Length < 2) return null;
        var left = new double[raw.Length];
        var right = new double[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            int x = Math.Abs(raw[i] % 1000);
            double t = 0.5 + x % 30, every = 1 + x % 3;
            switch (x % 5)
            {
                case 0: left[i] = right[i] = t; break;                            // exact
                case 1: left[i] = t; right[i] = double.PositiveInfinity; break;   // right-censored
                case 2: left[i] = double.NaN; right[i] = every; break;            // left-censored, before the first visit
                default: left[i] = Math.Floor(t / every) * every; right[i] = left[i] + every; break;
            }
        }
        return SurvivalData.FromIntervals(left, right);
    }

    [Property(MaxTest = 150)]
    public bool Survival_is_monotone_in_the_unit_interval_and_masses_are_probabilities(int[] raw)
    {
        var data = Build(raw);
        if (data is null) return true;
        var curve = Turnbull.Fit(data).Curves[0];
        double previous = 1;
        foreach (var s in curve.Estimate.Steps)
        {
            if (s.Survival > previous + 1e-12 || s.Survival < -1e-12) return false;
            previous = s.Survival;
        }
        double total = curve.Intervals.Sum(i => i.Probability);
        return curve.Intervals.All(i => i.Probability >= -1e-12 && i.Lower <= i.Time && i.Time <= i.Upper) && total <= 1 + 1e-9;
    }

    [Property(MaxTest = 150)]
    public bool Invariant_to_row_order(int[] raw, int seed)
    {
        var data = Build(raw);
        if (data is null) return true;
        var order = Enumerable.Range(0, data.Count).OrderBy(i => new Random(seed + i).Next()).ToArray();
        double Left(int i) => data.Kinds[i] == IntervalKind.LeftCensored ? double.NaN : data.Time[i];
        var shuffled = SurvivalData.FromIntervals(order.Select(Left).ToArray(), order.Select(i => data.Upper[i]).ToArray());
        var a = Turnbull.Fit(data).Curves[0].Estimate.Steps;
        var b = Turnbull.Fit(shuffled).Curves[0].Estimate.Steps;
        return a.Count == b.Count && a.Zip(b).All(p => Math.Abs(p.First.Survival - p.Second.Survival) <= 1e-12 && p.First.Time == p.Second.Time);
    }

    [Property(MaxTest = 150)]
    public bool Exact_and_right_censored_rows_give_the_Kaplan_Meier_estimate(int[] raw)
    {
        if (raw is null || raw.Length == 0) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 40) / 2.0).ToArray();
        var status = raw.Select(x => (x & 1) == 0).ToArray();
        var km = KaplanMeier.Fit(SurvivalData.Create(time, status)).Curves[0].Steps;
        var tb = Turnbull.Fit(SurvivalData.FromIntervals(time, time.Select((t, i) => status[i] ? t : double.PositiveInfinity).ToArray())).Curves[0].Estimate.Steps;
        return km.SequenceEqual(tb);
    }

    [Property(MaxTest = 60)]
    public bool Narrowing_intervals_around_exact_times_converges_to_Kaplan_Meier(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var time = raw.Select((x, i) => 1 + Math.Abs(x % 40) + 0.01 * i).ToArray(); // distinct
        var status = raw.Select(x => (x & 1) == 0).ToArray();
        if (!status.Any(s => s)) return true;
        var km = KaplanMeier.Fit(SurvivalData.Create(time, status)).Curves[0];
        double Distance(double half)
        {
            var left = time.Select((t, i) => status[i] ? t - half : t).ToArray();
            var right = time.Select((t, i) => status[i] ? t + half : double.PositiveInfinity).ToArray();
            var curve = Turnbull.Fit(SurvivalData.FromIntervals(left, right), new TurnbullOptions { Tolerance = 1e-10 }).Curves[0].Estimate;
            // Compared at every time ≥ the half-width away from an event time, where both curves are flat.
            return time.Select(t => t + 0.5).Concat(time.Select(t => t - 0.5)).Where(t => t > 0)
                .Max(t => Math.Abs(curve.SurvivalProbability(t) - km.SurvivalProbability(t)));
        }
        return Distance(0.004) <= 1e-6;
    }
}
