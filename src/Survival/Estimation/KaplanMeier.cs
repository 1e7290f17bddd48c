namespace Survival.Estimation;

/// <summary>The Kaplan–Meier product-limit estimator of the survival function, at R <c>survfit</c> parity.</summary>
/// <remarks>
/// <para>At each distinct time t_j with n_j at risk and d_j events (weighted sums with frequency weights):
/// S(t) = Π_{t_j ≤ t} (1 − d_j / n_j). A subject with delayed entry e and exit t is at risk on (e, t]. Variance by
/// Greenwood's formula, or the infinitesimal jackknife (<see cref="KaplanMeierVariance"/>; R's default when a weight is
/// not a whole number); limits as <see cref="ConfidenceIntervalTransform"/> describes; quantiles by R's rule.</para>
/// <para>References: Kaplan &amp; Meier (1958), JASA 53:457–481; Greenwood (1926); R survival <c>survfit.formula</c>,
/// <c>survfitKM</c>; Therneau &amp; Grambsch (2000), Modeling Survival Data, §2.1.</para>
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Fits one curve per group (and stratum) to row-level data.</summary>
    /// <param name="data">Validated rows.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">An option is invalid, or a delayed-entry interval collapses under the near-tie rule.</exception>
    public static KaplanMeierResult Fit(SurvivalData data, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("Kaplan–Meier", "Turnbull.Fit (the NPMLE, R's survfit on interval data)");
        options ??= KaplanMeierOptions.Default;
        options.Validate();
        if (options.TimeFix) TimeFix.CheckIntervals(data);
        var fit = Fit(SurvivalCounts.FromData(data, options.MaxDegreeOfParallelism, options.TimeFix), options with { Variance = KaplanMeierVariance.Greenwood });
        return UsesRobustVariance(data, options.Variance) ? Robust(data, fit, options) : fit with { Options = options };
    }

    /// <summary>Whether the fit uses the robust variance: R's rule for <c>robust = NULL</c> (see <see cref="KaplanMeierVariance.Auto"/>).</summary>
    internal static bool UsesRobustVariance(SurvivalData data, KaplanMeierVariance variance)
    {
        if (variance != KaplanMeierVariance.Auto) return variance == KaplanMeierVariance.Robust;
        if (data.WeightArray is { } w)
            foreach (double x in w)
                if (x != Math.Floor(x)) return true;
        if (data.Id is { } id)
        {
            // R: an id with more than one event makes the variance robust.
            var seen = new HashSet<int>();
            var status = data.Event;
            for (int i = 0; i < data.Count; i++)
                if (status[i] && !seen.Add(id.Codes[i])) return true;
        }
        return false;
    }

    /// <summary>Replaces each curve's standard errors and limits by the infinitesimal jackknife's (<see cref="InfinitesimalJackknife"/>).</summary>
    private static KaplanMeierResult Robust(SurvivalData data, KaplanMeierResult fit, KaplanMeierOptions options)
    {
        int n = data.Count;
        var exit = data.TimeArray;
        var entry = data.EntryArray;
        if (options.TimeFix)
        {
            if (TimeFix.CutsOf(data) is { } cuts)
            {
                exit = exit.Select(t => TimeFix.Map(cuts, t)).ToArray();
                entry = entry?.Select(t => TimeFix.Map(cuts, t)).ToArray();
            }
        }
        double z = ConfidenceLimits.Z(options.ConfidenceLevel);
        var curves = new SurvivalCurve[fit.Curves.Count];
        for (int c = 0; c < curves.Length; c++)
        {
            var curve = fit.Curves[c];
            int g = curve.Group is null ? -1 : IndexOf(data.Group!.Levels, curve.Group);
            int s = curve.Stratum is null ? -1 : IndexOf(data.Strata!.Levels, curve.Stratum);
            var rows = new List<int>();
            for (int i = 0; i < n; i++)
                if ((g < 0 || data.Group!.Codes[i] == g) && (s < 0 || data.Strata!.Codes[i] == s)) rows.Add(i);
            int[]? cluster = null;
            int clusterCount = rows.Count;
            if (data.Id is { } id)
            {
                // Clusters numbered in order of first appearance within the curve, as R does per curve.
                var number = new Dictionary<int, int>();
                cluster = new int[rows.Count];
                for (int r = 0; r < rows.Count; r++)
                {
                    int code = id.Codes[rows[r]];
                    if (!number.TryGetValue(code, out int k)) number[code] = k = number.Count;
                    cluster[r] = k;
                }
                clusterCount = number.Count;
            }
            var (seS, seH) = InfinitesimalJackknife.Compute(curve.Steps,
                rows.Select(i => exit[i]).ToArray(), entry is null ? null : rows.Select(i => entry[i]).ToArray(),
                rows.Select(i => data.EventArray[i]).ToArray(), rows.Select(data.WeightAt).ToArray(), cluster, clusterCount);
            var steps = new SurvivalStep[curve.Steps.Count];
            for (int j = 0; j < steps.Length; j++) steps[j] = new SurvivalStep(curve.Steps[j], seS[j], seH[j], z, options.Transform);
            curves[c] = new SurvivalCurve(curve.Group, curve.Stratum, curve.N, curve.Events, curve.InitialAtRisk, steps,
                options.ConfidenceLevel, options.Transform);
        }
        return new KaplanMeierResult(curves, options) { Variance = KaplanMeierVariance.Robust, Omitted = fit.Omitted };
    }

    private static int IndexOf(IReadOnlyList<string> levels, string level)
    {
        for (int i = 0; i < levels.Count; i++) if (levels[i] == level) return i;
        throw new InvalidOperationException($"no level '{level}'");
    }

    /// <summary>Fits one curve per group (and stratum) to counts (aggregated input): identical to the row-level fit.</summary>
    /// <param name="counts">Per-time counts.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    public static KaplanMeierResult Fit(SurvivalCounts counts, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= KaplanMeierOptions.Default;
        options.Validate();
        if (options.Variance == KaplanMeierVariance.Robust)
            throw new SurvivalInputException("the robust variance needs the rows (their clusters and weights), not per-time counts: fit the SurvivalData, or use Greenwood",
                column: "Variance", value: options.Variance.ToString());
        if (options.TimeFix) counts = TimeFix.Apply(counts);

        double z = ConfidenceLimits.Z(options.ConfidenceLevel);
        // Curves are independent: with many cells (continuous times) they are fitted on several threads, each into its
        // own slot, so the result does not depend on the threads.
        int groups = counts.GroupCount, curveCount = groups * counts.StratumCount;
        var fitted = new SurvivalCurve?[curveCount];
        int threads = options.MaxDegreeOfParallelism == 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        if (curveCount > 1 && threads > 1 && counts.CellCount >= 1 << 16)
            Parallel.For(0, curveCount, new ParallelOptions { MaxDegreeOfParallelism = threads },
                k => fitted[k] = FitCurve(counts, k / counts.StratumCount, k % counts.StratumCount, z, options));
        else
            for (int k = 0; k < curveCount; k++) fitted[k] = FitCurve(counts, k / counts.StratumCount, k % counts.StratumCount, z, options);
        return new KaplanMeierResult(fitted.OfType<SurvivalCurve>().ToArray(), options) { Omitted = counts.Omitted };
    }

    /// <summary>One curve: passes over the stratum's cells of one group, in time order.</summary>
    private static SurvivalCurve? FitCurve(SurvivalCounts counts, int g, int s, double z, KaplanMeierOptions options)
    {
        var (start, end) = counts.StratumRange(s);
        var time = counts.Time;
        var events = counts.Events;
        var censored = counts.Censored;
        // Unweighted counts carry no subjects column: a cell's subjects are its events plus censorings, exactly.
        bool exitsAreSubjects = counts.SubjectsAreExits;
        var subjects = exitsAreSubjects ? default : counts.Subjects;
        bool delayed = counts.HasEntry;
        var entered = delayed ? counts.Entered : default;
        var (cells, cellCount) = CellsOf(counts, g, start, end);

        double subjectCount = 0, totalEvents = 0, totalExits = 0;
        int stepCount = 0;
        // Unweighted rows without delayed entry: every cell holds at least one exit of weight 1, so every cell is a step,
        // and the totals are summed in the forward pass below (in the same order) instead of a pass of their own.
        bool everyCellAStep = exitsAreSubjects && !delayed;
        if (everyCellAStep)
        {
            if (cellCount == 0) return null;
            stepCount = cellCount;
        }
        else
        {
            for (int j = 0; j < cellCount; j++)
            {
                int c = cells is null ? start + j : cells[j];
                subjectCount += exitsAreSubjects ? events[c] + censored[c] : subjects[c];
                totalEvents += events[c];
                totalExits += events[c] + censored[c];
                if (events[c] + censored[c] > 0 || (!exitsAreSubjects && subjects[c] > 0)) stepCount++;
            }
            if (subjectCount == 0 && totalExits == 0) return null;
        }

        // The number at risk at each step's time, summed from the end as R's survfitkm does (exits at or after t, less
        // entries at or after t), so that a last time where everyone left has d = n exactly and S = 0 exactly. Written
        // straight into the steps' column: a cell that is not a step (entries only) still counts in the sum.
        var steps = new StepColumns(stepCount, entries: delayed);
        double suffix = 0;
        for (int j = cellCount - 1, k = stepCount - 1; j >= 0; j--)
        {
            int c = cells is null ? start + j : cells[j];
            suffix += events[c] + censored[c] - (delayed ? entered[c] : 0);
            if (events[c] + censored[c] > 0 || (!exitsAreSubjects && subjects[c] > 0)) steps.AtRisk[k--] = suffix;
        }

        double initialAtRisk = delayed ? 0 : stepCount > 0 ? steps.AtRisk[0] : 0;
        double surv = 1, greenwood = 0, hazard = 0, hazardVar = 0, se = 0, hazardSe = 0;
        var limits = default(IntervalEstimate);
        int k2 = 0;
        bool first = true;
        for (int j = 0; j < cellCount; j++)
        {
            int c = cells is null ? start + j : cells[j];
            double d = events[c], cens = censored[c], e = delayed ? entered[c] : 0;
            if (everyCellAStep)
            {
                subjectCount += d + cens;
                totalEvents += d;
            }
            if (d + cens > 0 || (!exitsAreSubjects && subjects[c] > 0))
            {
                double atRisk = steps.AtRisk[k2];
                if (first && delayed) initialAtRisk = atRisk;
                first = false;
                if (d > 0 || k2 == 0)
                {
                    if (d > 0)
                    {
                        surv *= 1 - d / atRisk;
                        greenwood += atRisk == d ? double.PositiveInfinity : d / (atRisk * (atRisk - d));
                        hazard += NelsonAalen.Increment(d, atRisk);
                        hazardVar += NelsonAalen.VarianceIncrement(d, atRisk);
                    }
                    // A step without events (censorings only) changes neither S nor its variance: it keeps the previous
                    // step's standard errors and limits, computed from the same values, without the logs and exps again.
                    se = Math.Sqrt(greenwood);
                    limits = ConfidenceLimits.For(surv, se, z, options.Transform);
                    hazardSe = Math.Sqrt(hazardVar);
                }
                steps.Set(k2++, time[c], atRisk, d, cens, e, surv, se, limits, hazard, hazardSe);
            }
        }
        string? groupLabel = counts.GroupLevels.Count > 0 ? counts.GroupLevels[g] : null;
        string? stratumLabel = counts.StratumLevels.Count > 0 ? counts.StratumLevels[s] : null;
        return new SurvivalCurve(groupLabel, stratumLabel, (int)Math.Round(subjectCount), totalEvents, initialAtRisk, steps,
            options.ConfidenceLevel, options.Transform);
    }

    /// <summary>The indices of group <paramref name="g"/>'s cells in [<paramref name="start"/>, <paramref name="end"/>), in
    /// order, and their number; null when there is one group (then they are the whole range).</summary>
    /// <remarks>Gathered without a test per cell: with continuous times consecutive cells belong to groups at random, so
    /// a branch on the group would be mispredicted about half the time in every pass over the cells.</remarks>
    private static (int[]? Cells, int Count) CellsOf(SurvivalCounts counts, int g, int start, int end)
    {
        if (counts.GroupCount == 1) return (null, end - start);
        var group = counts.Group;
        int count = 0;
        for (int c = start; c < end; c++) count += group[c] == g ? 1 : 0;
        var cells = new int[count + 1]; // one spare slot: every cell is written, the next one's overwrites it unless kept
        int k = 0;
        for (int c = start; c < end; c++)
        {
            cells[k] = c;
            k += group[c] == g ? 1 : 0;
        }
        return (cells, count);
    }
}
