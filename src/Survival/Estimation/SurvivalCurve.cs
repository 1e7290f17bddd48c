namespace Survival.Estimation;

/// <summary>
/// One Kaplan–Meier curve (one group, or one group within a stratum): the whole table of steps and what is read off
/// it (median, quantiles, survival at chosen times, restricted mean, numbers at risk).
/// </summary>
/// <remarks>See <see cref="SurvivalStep"/> for the estimator and its variance, <see cref="ConfidenceIntervalTransform"/>
/// for the limits and <see cref="Quantile"/> for R's quantile rule.</remarks>
public sealed record SurvivalCurve
{
    private readonly StepColumns _steps;
    private readonly ValueList<double> _times;

    internal SurvivalCurve(string? group, string? stratum, int n, double events, double initialAtRisk, SurvivalStep[] steps,
        double confidenceLevel, ConfidenceIntervalTransform transform)
        : this(group, stratum, n, events, initialAtRisk, new StepColumns(steps), confidenceLevel, transform)
    {
    }

    internal SurvivalCurve(string? group, string? stratum, int n, double events, double initialAtRisk, StepColumns steps,
        double confidenceLevel, ConfidenceIntervalTransform transform)
    {
        Group = group;
        Stratum = stratum;
        N = n;
        Events = events;
        InitialAtRisk = initialAtRisk;
        _steps = steps;
        _times = new ValueList<double>(steps.Time);
        ConfidenceLevel = confidenceLevel;
        Transform = transform;
        Median = Quantile(0.5);
    }

    /// <summary>The group label, or null when the data have no groups.</summary>
    public string? Group { get; }

    /// <summary>The stratum label, or null when the data have no strata.</summary>
    public string? Stratum { get; }

    /// <summary>The curve's name: the group, the stratum, "group, stratum" when both are given, or null for a single curve.</summary>
    public string? Label => (Group, Stratum) switch
    {
        (null, null) => null,
        ({ } g, null) => g,
        (null, { } s) => s,
        ({ } g, { } s) => $"{g}, {s}",
    };

    /// <summary>The number of input rows in the curve, whatever their weights (R's <c>n</c>).</summary>
    public int N { get; }

    /// <summary>The total number of events (weighted).</summary>
    public double Events { get; }

    /// <summary>The number at risk at the start (weighted; subjects with delayed entry are not counted until they enter).</summary>
    public double InitialAtRisk { get; }

    /// <summary>One step per distinct time with an event or a censoring, in time order.</summary>
    public IReadOnlyList<SurvivalStep> Steps => _steps;

    /// <summary>The confidence level of the limits.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The scale of the limits.</summary>
    public ConfidenceIntervalTransform Transform { get; }

    /// <summary>The median survival time with its confidence limits (R's <c>quantile(fit, 0.5)</c>); null parts are not reached.</summary>
    public IntervalEstimate Median { get; }

    /// <summary>The time by which a fraction <paramref name="p"/> has had the event, with limits from the pointwise bands.</summary>
    /// <param name="p">The probability, in [0, 1] (0.5 for the median).</param>
    /// <remarks>R's <c>quantile.survfit</c>: the first time 1 − S reaches p, the midpoint of a flat at exactly p.
    /// The lower limit is read off the lower band, the upper off the upper band. Null where not reached.</remarks>
    public IntervalEstimate Quantile(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new SurvivalInputException("the probability must be in [0, 1]", column: "p", value: SurvivalData.Format(p));
        // Straight off the columns: no per-step arrays, whatever the number of steps.
        return new IntervalEstimate(QuantileRule.Find(_steps.Time, _steps.Survival, p), QuantileRule.Find(_steps.Time, _steps.Lower, p),
            QuantileRule.Find(_steps.Time, _steps.Upper, p));
    }

    /// <summary>The curve read at one time (R's <c>summary(fit, times = t, extend = TRUE)</c>): S(t), its standard error
    /// and limits, the number at risk, and the events and censorings up to t.</summary>
    /// <param name="time">A time ≥ 0.</param>
    /// <exception cref="SurvivalInputException">The time is negative or not finite.</exception>
    public SurvivalAtTime SurvivalAt(double time) => SurvivalAt([time])[0];

    /// <summary>The curve read at each of <paramref name="times"/> (R's <c>summary(fit, times =, extend = TRUE)</c>).</summary>
    /// <param name="times">Times ≥ 0, in increasing order.</param>
    /// <exception cref="SurvivalInputException">A time is negative, not finite, or out of order.</exception>
    public IReadOnlyList<SurvivalAtTime> SurvivalAt(IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var result = new SurvivalAtTime[times.Count];
        int next = 0; // first step not yet counted in events/censored
        for (int k = 0; k < times.Count; k++)
        {
            double t = times[k];
            if (!double.IsFinite(t) || t < 0) throw new SurvivalInputException("a requested time must be finite and ≥ 0", column: "times", value: SurvivalData.Format(t));
            if (k > 0 && t < times[k - 1]) throw new SurvivalInputException("requested times must be in increasing order", column: "times", value: SurvivalData.Format(t));
            int last = LastAtOrBefore(t);
            double events = 0, censored = 0;
            for (; next <= last; next++) { events += _steps[next].Events; censored += _steps[next].Censored; }
            int first = last >= 0 && _steps[last].Time == t ? last : last + 1;
            double atRisk = first < _steps.Count ? _steps[first].AtRisk : 0;
            // Before the first step R reports S = 1 with limits (1, 1) on every scale.
            var limits = last >= 0 ? new IntervalEstimate(_steps[last].Survival, _steps[last].Lower, _steps[last].Upper) : new IntervalEstimate(1, 1, 1);
            double s = last >= 0 ? _steps[last].Survival : 1;
            double se = last >= 0 ? _steps[last].LogStdErr : 0;
            result[k] = new SurvivalAtTime(t, atRisk, events, censored, s, se, limits);
        }
        return result;
    }

    /// <summary>The number at risk at time <paramref name="t"/>: at the first step at or after t, 0 past the last
    /// (the convention of R's <c>summary(times =)</c> and of survminer's risk tables).</summary>
    public double NumberAtRisk(double t)
    {
        int last = LastAtOrBefore(t);
        int first = last >= 0 && _steps[last].Time == t ? last : last + 1;
        return first < _steps.Count ? _steps[first].AtRisk : 0;
    }

    /// <summary>S(t): the estimate at the last step at or before <paramref name="t"/> (1 before the first).</summary>
    public double SurvivalProbability(double t)
    {
        int last = LastAtOrBefore(t);
        return last >= 0 ? _steps[last].Survival : 1;
    }

    /// <summary>The restricted mean survival time up to <paramref name="tau"/> (see <see cref="Estimation.RestrictedMean"/>).</summary>
    /// <param name="tau">The truncation time, &gt; 0.</param>
    public RestrictedMean RestrictedMean(double tau)
    {
        if (!(tau > 0) || !double.IsFinite(tau)) throw new SurvivalInputException("τ must be finite and > 0", column: "tau", value: SurvivalData.Format(tau));
        int last = LastAtOrBefore(tau);
        int n = last + 2; // steps up to tau, then tau itself
        var rect = new double[n];
        var hh = new double[n];
        double prevTime = 0, prevS = 1;
        for (int i = 0; i <= last; i++)
        {
            var st = _steps[i];
            rect[i] = (st.Time - prevTime) * prevS;
            double left = st.AtRisk - st.Events;
            hh[i] = left == 0 ? 0 : st.Events / (st.AtRisk * left);
            prevTime = st.Time;
            prevS = st.Survival;
        }
        rect[n - 1] = (tau - prevTime) * prevS;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += rect[i];
        double var = 0, tail = 0;
        for (int j = n - 2; j >= 0; j--)
        {
            tail += rect[j + 1];
            var += tail * tail * hh[j];
        }
        return new RestrictedMean(tau, mean, Math.Sqrt(var), ConfidenceLevel);
    }

    private int LastAtOrBefore(double t)
    {
        int i = _times.AsSpan().BinarySearch(t);
        return i >= 0 ? i : ~i - 1;
    }
}
