namespace Survival.Estimation;

/// <summary>
/// One row of a Kaplan–Meier table: a distinct time at which the curve's subjects had an event or were censored,
/// as a row of R's <c>summary(survfit(...), censored = TRUE)</c>.
/// </summary>
/// <remarks>
/// With n_j at risk and d_j events at time t_j (weighted sums when weights are given): S(t) = Π_{t_j ≤ t} (1 − d_j/n_j);
/// Greenwood's variance of log S is Σ d_j / (n_j (n_j − d_j)) and <see cref="StdErr"/> = S·√(that) (R's
/// <c>summary</c> <c>std.err</c>). Nelson–Aalen: H(t) = Σ d_j/n_j with standard error √(Σ d_j/n_j²) (R's
/// <c>cumhaz</c> and <c>std.chaz</c>). Reference: Kaplan &amp; Meier (1958); Greenwood (1926); Therneau &amp; Grambsch (2000) §2.1.
/// </remarks>
public readonly record struct SurvivalStep
{
    internal SurvivalStep(double time, double atRisk, double events, double censored, double entered, double survival,
        double logStdErr, IntervalEstimate limits, double cumulativeHazard, double cumulativeHazardStdErr)
        : this(time, atRisk, events, censored, entered, survival, double.IsFinite(logStdErr) ? survival * logStdErr : null, logStdErr,
            limits.Lower, limits.Upper, cumulativeHazard, cumulativeHazardStdErr)
    {
    }

    /// <summary>A step from stored columns (<see cref="StepColumns"/>): every value as it was computed.</summary>
    internal SurvivalStep(double time, double atRisk, double events, double censored, double entered, double survival, double? stdErr,
        double logStdErr, double? lower, double? upper, double cumulativeHazard, double cumulativeHazardStdErr)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Entered = entered;
        Survival = survival;
        StdErr = stdErr;
        LogStdErr = logStdErr;
        Lower = lower;
        Upper = upper;
        CumulativeHazard = cumulativeHazard;
        CumulativeHazardStdErr = cumulativeHazardStdErr;
    }

    /// <summary>A step whose standard errors come from elsewhere (the robust variance): <paramref name="stdErr"/> is the
    /// standard error of S itself, as R's robust <c>survfit</c> reports it (0 where S has reached 0).</summary>
    internal SurvivalStep(SurvivalStep greenwood, double stdErr, double cumulativeHazardStdErr, double z, ConfidenceIntervalTransform transform)
    {
        this = greenwood;
        double logStdErr = Survival > 0 ? stdErr / Survival : stdErr == 0 ? 0 : double.PositiveInfinity;
        LogStdErr = logStdErr;
        StdErr = stdErr;
        var limits = ConfidenceLimits.For(Survival, logStdErr, z, transform);
        Lower = limits.Lower;
        Upper = limits.Upper;
        CumulativeHazardStdErr = cumulativeHazardStdErr;
    }

    /// <summary>The time.</summary>
    public double Time { get; }

    /// <summary>The number at risk just before <see cref="Time"/> (weighted).</summary>
    public double AtRisk { get; }

    /// <summary>The number of events at <see cref="Time"/> (weighted).</summary>
    public double Events { get; }

    /// <summary>The number censored at <see cref="Time"/> (weighted).</summary>
    public double Censored { get; }

    /// <summary>The number entering the risk set at <see cref="Time"/> (delayed entry; weighted); they are at risk only after it.</summary>
    public double Entered { get; }

    /// <summary>The Kaplan–Meier estimate S(t).</summary>
    public double Survival { get; }

    /// <summary>The standard error of S(t): Greenwood's (null where R gives NaN, after S reaches 0) or, with the robust
    /// variance, the infinitesimal jackknife's (0 once S has reached 0, as R).</summary>
    public double? StdErr { get; }

    /// <summary>The standard error of log S(t): Greenwood's √Σ d/(n(n − d)) (+∞ once S has reached 0), or the robust
    /// standard error of S divided by S.</summary>
    public double LogStdErr { get; }

    /// <summary>The lower confidence limit, or null where R gives NA.</summary>
    public double? Lower { get; }

    /// <summary>The upper confidence limit, or null where R gives NA.</summary>
    public double? Upper { get; }

    /// <summary>The Nelson–Aalen cumulative hazard H(t) = Σ d/n.</summary>
    public double CumulativeHazard { get; }

    /// <summary>The standard error of H(t): √Σ d/n², or its infinitesimal-jackknife counterpart with the robust variance.</summary>
    public double CumulativeHazardStdErr { get; }
}
