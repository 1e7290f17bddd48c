namespace Survival.Estimation;

/// <summary>
/// The curve read at a requested time, as a row of R's <c>summary(fit, times = t, extend = TRUE)</c>.
/// </summary>
/// <remarks>
/// S, its standard error and limits are those of the last step at or before t (S = 1, standard error 0 before the first);
/// <see cref="AtRisk"/> is the number at risk at the first step at or after t (0 past the last step);
/// <see cref="Events"/> and <see cref="Censored"/> count what happened after the previous requested time (or
/// from the start) up to and including t, as R reports them for sorted requested times.
/// </remarks>
public sealed record SurvivalAtTime
{
    internal SurvivalAtTime(double time, double atRisk, double events, double censored, double survival, double logStdErr, IntervalEstimate limits)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Survival = survival;
        StdErr = double.IsFinite(logStdErr) ? survival * logStdErr : null;
        Lower = limits.Lower;
        Upper = limits.Upper;
    }

    /// <summary>The requested time.</summary>
    public double Time { get; }

    /// <summary>The number at risk at the requested time (see remarks).</summary>
    public double AtRisk { get; }

    /// <summary>Events since the previous requested time (weighted).</summary>
    public double Events { get; }

    /// <summary>Censorings since the previous requested time (weighted).</summary>
    public double Censored { get; }

    /// <summary>S(t).</summary>
    public double Survival { get; }

    /// <summary>The standard error of S(t); null where R gives NaN.</summary>
    public double? StdErr { get; }

    /// <summary>The lower confidence limit, or null where R gives NA.</summary>
    public double? Lower { get; }

    /// <summary>The upper confidence limit, or null where R gives NA.</summary>
    public double? Upper { get; }
}
