using Survival.Estimation;

namespace Survival.IntervalCensoring;

/// <summary>
/// Turnbull's non-parametric maximum-likelihood estimate of the survival function from interval-censored data, at R
/// <c>survfit</c> parity (<c>survfit(Surv(left, right, type = "interval2") ~ g)</c>, R's <c>survfitTurnbull</c>).
/// </summary>
/// <remarks>
/// <para><b>Support.</b> Sort every end (a right-censored or interval row's left end, an exact time, a left-censored row's
/// right end, an interval's right end), ties ordered exact, right end, left end. Each place where an exact time or a left
/// end is followed directly by a right end bounds one of Turnbull's innermost intervals; the estimate puts its mass there,
/// at the interval's midpoint as R does, and at every exact time. A left-censored time before all of these is an exact
/// time (R's rule).</para>
/// <para><b>Self-consistency (EM).</b> With masses p_j at the support points, an interval- or left-censored row of weight
/// w spreads w·p_j / Σ_{k ∈ row} p_k over the support points j inside its interval; exact and right-censored rows stay as
/// they are; the weighted Kaplan–Meier estimate of these rows gives the next masses. Every fifth iteration Aitken's
/// Δ² acceleration is tried and kept when it raises the likelihood Σ log Σ_{j ∈ row} p_j (R's rule, unweighted). The
/// iteration stops when no S at a support point moves more than <see cref="TurnbullOptions.Tolerance"/> (5e-5), tested
/// at iterations whose remainder modulo 5 is 2, 3 or 4, as R tests it.</para>
/// <para><b>Curve, errors, limits.</b> The result is the last weighted Kaplan–Meier fit: steps at every end and support
/// point, n at risk and events as weighted sums, R's standard errors (the infinitesimal jackknife with each weighted row
/// its own cluster, R's default for weights that are not whole numbers; Greenwood when all are) and limits; median,
/// quantiles and values at times are read off it as for Kaplan–Meier. Events before the first support point (the
/// left-censored times R makes exact) are reported as 0, as R does, though the curve drops there.</para>
/// <para><b>Deliberate difference.</b> A group without interval- or left-censored rows gets the Kaplan–Meier estimate,
/// which is the NPMLE there. R's loop adds a phantom subject of weight 1 spread over the event times in that case (its
/// curve is not the Kaplan–Meier curve); the library does not copy that.</para>
/// <para>References: Turnbull (1976), JRSS B 38:290–295; Therneau &amp; Grambsch (2000) §2.3; R survival 3.5
/// <c>survfitTurnbull</c>.</para>
/// </remarks>
public static class Turnbull
{
    /// <summary>Fits one curve per group (and stratum).</summary>
    /// <param name="data">Interval-censored rows (<see cref="SurvivalData.FromIntervals(ReadOnlySpan{double}, ReadOnlySpan{double}, double[], IReadOnlyList{string}, IReadOnlyList{string})"/>);
    /// exact and right-censored rows are accepted too (the estimate is then Kaplan–Meier's).</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="cancellationToken">Stops the fit (checked every iteration).</param>
    /// <exception cref="SurvivalInputException">An option is invalid, or an interval collapses to length 0 under the near-tie rule (R's "aeqSurv exception").</exception>
    public static TurnbullResult Fit(SurvivalData data, TurnbullOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= TurnbullOptions.Default;
        options.Validate();
        var (lower, upper, kind) = PreparedEnds(data, options.TimeFix);
        int n = data.Count;
        int groups = data.Group?.Levels.Count ?? 1, strata = data.Strata?.Levels.Count ?? 1;
        var rowsOf = new List<int>[groups * strata];
        for (int k = 0; k < rowsOf.Length; k++) rowsOf[k] = [];
        for (int i = 0; i < n; i++)
            rowsOf[(data.Group?.CodeArray[i] ?? 0) * strata + (data.Strata?.CodeArray[i] ?? 0)].Add(i);
        var curves = new List<TurnbullCurve>();
        for (int k = 0; k < rowsOf.Length; k++)
        {
            if (rowsOf[k].Count == 0) continue;
            string? group = data.Group is null ? null : data.Group.Levels[k / strata];
            string? stratum = data.Strata is null ? null : data.Strata.Levels[k % strata];
            var rows = rowsOf[k];
            curves.Add(FitCurve(rows.Select(i => lower[i]).ToArray(), rows.Select(i => upper[i]).ToArray(), rows.Select(i => kind[i]).ToArray(),
                rows.Select(data.WeightAt).ToArray(), group, stratum, options, cancellationToken));
        }
        return new TurnbullResult(curves.ToArray(), options, data.Omitted);
    }

    /// <summary>Each row's ends and kind after R's near-tie rule (when <paramref name="timeFix"/>): what the estimate and the
    /// generalised log-rank test start from.</summary>
    internal static (double[] Lower, double[] Upper, IntervalKind[] Kind) PreparedEnds(SurvivalData data, bool timeFix)
    {
        var ends = Ends(data);
        if (timeFix) ApplyTimeFix(ends.Lower, ends.Upper, ends.Kind);
        return ends;
    }

    /// <summary>Each row's ends and kind; exact and right-censored data read as intervals [t, t] and (t, ∞).</summary>
    private static (double[] Lower, double[] Upper, IntervalKind[] Kind) Ends(SurvivalData data)
    {
        int n = data.Count;
        if (data.IsIntervalCensored) return ((double[])data.TimeArray.Clone(), (double[])data.UpperArray!.Clone(), (IntervalKind[])data.KindArray!.Clone());
        if (data.HasEntry) throw new SurvivalInputException("the Turnbull estimate takes no delayed entry (R's survfit refuses counting-process data here)", column: "entry");
        var lower = (double[])data.TimeArray.Clone();
        var upper = new double[n];
        var kind = new IntervalKind[n];
        for (int i = 0; i < n; i++)
        {
            bool e = data.EventArray[i];
            upper[i] = e ? lower[i] : double.PositiveInfinity;
            kind[i] = e ? IntervalKind.Exact : IntervalKind.RightCensored;
        }
        return (lower, upper, kind);
    }

    /// <summary>R's <c>aeqSurv</c> on interval data: the finite ends of all rows are merged into near-tie clusters, each end
    /// replaced by its cluster's smallest value; an interval whose two ends fall into one cluster is an error, as in R.</summary>
    private static void ApplyTimeFix(double[] lower, double[] upper, IntervalKind[] kind)
    {
        var values = new List<double>(2 * lower.Length);
        for (int i = 0; i < lower.Length; i++)
        {
            // R keeps a left-censored row's right end as its first time; a row's other (placeholder) end is not a time.
            if (kind[i] == IntervalKind.LeftCensored) values.Add(upper[i]);
            else values.Add(lower[i]);
            if (kind[i] == IntervalKind.Interval) values.Add(upper[i]);
        }
        var cuts = TimeFix.Cuts(TimeFix.SortedDistinct(values.ToArray()));
        if (cuts is null) return;
        for (int i = 0; i < lower.Length; i++)
        {
            switch (kind[i])
            {
                case IntervalKind.LeftCensored: upper[i] = TimeFix.Map(cuts, upper[i]); break;
                case IntervalKind.Exact: lower[i] = upper[i] = TimeFix.Map(cuts, lower[i]); break;
                case IntervalKind.RightCensored: lower[i] = TimeFix.Map(cuts, lower[i]); break;
                default:
                    double l = TimeFix.Map(cuts, lower[i]), r = TimeFix.Map(cuts, upper[i]);
                    if (l == r)
                        throw new SurvivalInputException($"the interval ({SurvivalData.Format(lower[i])}, {SurvivalData.Format(upper[i])}] has length 0 under R's near-tie rule " +
                            "(R: \"aeqSurv exception, an interval has effective length 0\"); turn the rule off (TimeFix = false) or widen the interval", column: "right",
                            value: SurvivalData.Format(upper[i]));
                    lower[i] = l;
                    upper[i] = r;
                    break;
            }
        }
    }

    /// <summary>One curve: R's <c>doit</c> for one stratum.</summary>
    internal static TurnbullCurve FitCurve(double[] lower, double[] upper, IntervalKind[] kind, double[] weight, string? group, string? stratum,
        TurnbullOptions options, CancellationToken cancellationToken)
    {
        var support = TurnbullSupport.Build(lower, upper, kind);
        if (support.CensoredRows.Length == 0) return KaplanMeierCurve(support, weight, group, stratum, options);
        var em = new TurnbullIteration(support, weight, options.RArithmetic);
        var (iterations, converged) = em.Run(options.Tolerance, options.MaxIterations, cancellationToken);
        return FinalCurve(support, weight, em.PseudoWeights, group, stratum, options, iterations, converged);
    }

    /// <summary>No interval- or left-censored row: the Kaplan–Meier estimate of the exact and right-censored rows.</summary>
    private static TurnbullCurve KaplanMeierCurve(TurnbullSupport support, double[] weight, string? group, string? stratum, TurnbullOptions options)
    {
        var (fit, variance) = WeightedKaplanMeier(support.FixedTime, support.FixedEvent, support.FixedRows.Select(i => weight[i]).ToArray(), options);
        var curve = Relabel(fit, group, stratum, support.RowCount, support.MinimumSupport, options);
        return new TurnbullCurve(curve, variance, Intervals(support, curve), 0, true, options.MaxIterations);
    }

    /// <summary>R's last <c>survfitKM</c> call: the exact and right-censored rows with their weights, and one event row per
    /// support point with the weight the interval rows put there.</summary>
    private static TurnbullCurve FinalCurve(TurnbullSupport support, double[] weight, double[] pseudo, string? group, string? stratum, TurnbullOptions options,
        int iterations, bool converged)
    {
        int f = support.FixedRows.Length, m = support.Points.Length;
        var time = new double[f + m];
        var status = new bool[f + m];
        var w = new double[f + m];
        for (int r = 0; r < f; r++) { time[r] = support.FixedTime[r]; status[r] = support.FixedEvent[r]; w[r] = weight[support.FixedRows[r]]; }
        for (int j = 0; j < m; j++) { time[f + j] = support.Points[j]; status[f + j] = true; w[f + j] = pseudo[j]; }
        var (fit, variance) = WeightedKaplanMeier(time, status, w, options);
        var curve = Relabel(fit, group, stratum, support.RowCount, support.MinimumSupport, options);
        return new TurnbullCurve(curve, variance, Intervals(support, curve), iterations, converged, options.MaxIterations);
    }

    private static (SurvivalCurve Curve, KaplanMeierVariance Variance) WeightedKaplanMeier(double[] time, bool[] status, double[] weight, TurnbullOptions options)
    {
        var rows = SurvivalData.FromFactors(time, status, weight: weight);
        var fit = KaplanMeier.Fit(rows, new KaplanMeierOptions
        {
            ConfidenceLevel = options.ConfidenceLevel,
            Transform = options.Transform,
            TimeFix = false, // R applies aeqSurv to the data before the loop, not to survfitKM's pseudo-rows
            MaxDegreeOfParallelism = 1,
        });
        return (fit.Curves[0], fit.Variance);
    }

    /// <summary>R's bookkeeping on the last fit: n is the number of input rows, and events before the first support point
    /// (left-censored times made exact) are reported as 0.</summary>
    private static SurvivalCurve Relabel(SurvivalCurve fit, string? group, string? stratum, int rowCount, double minimumSupport, TurnbullOptions options)
    {
        var steps = new SurvivalStep[fit.Steps.Count];
        double events = 0;
        for (int j = 0; j < steps.Length; j++)
        {
            var s = fit.Steps[j];
            double d = s.Time < minimumSupport ? 0 : s.Events;
            steps[j] = new SurvivalStep(s.Time, s.AtRisk, d, s.Censored, s.Entered, s.Survival, s.StdErr, s.LogStdErr, s.Lower, s.Upper,
                s.CumulativeHazard, s.CumulativeHazardStdErr);
            events += d;
        }
        return new SurvivalCurve(group, stratum, rowCount, events, fit.InitialAtRisk, steps, options.ConfidenceLevel, options.Transform);
    }

    private static TurnbullInterval[] Intervals(TurnbullSupport support, SurvivalCurve curve)
    {
        var result = new TurnbullInterval[support.Points.Length];
        double previous = 1;
        for (int j = 0; j < result.Length; j++)
        {
            double s = curve.SurvivalProbability(support.Points[j]);
            result[j] = new TurnbullInterval(support.IntervalLower[j], support.IntervalUpper[j], support.Points[j], previous - s);
            previous = s;
        }
        return result;
    }
}
