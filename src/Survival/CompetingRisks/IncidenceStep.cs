namespace Survival.CompetingRisks;

/// <summary>One step of a cumulative incidence (or event-free) curve: a distinct exit time of the group.</summary>
public sealed record IncidenceStep
{
    internal IncidenceStep(double time, double atRisk, double estimate, double stdErr, double? lower, double? upper)
    {
        Time = time;
        AtRisk = atRisk;
        Estimate = estimate;
        StdErr = stdErr;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time.</summary>
    public double Time { get; internal init; }

    /// <summary>The number at risk (event-free and under observation) at the time: rows, unweighted, as R's multi-state
    /// <c>survfit</c> reports it.</summary>
    public double AtRisk { get; internal init; }

    /// <summary>The probability: of having had this cause by the time (cumulative incidence), or of being event-free.</summary>
    public double Estimate { get; }

    /// <summary>Its infinitesimal-jackknife standard error (R <c>survfit</c>'s <c>std.err</c>).</summary>
    public double StdErr { get; }

    /// <summary>Lower limit on R's default log scale (null where R has NA: an estimate of 0).</summary>
    public double? Lower { get; }

    /// <summary>Upper limit (log scale, clipped at 1).</summary>
    public double? Upper { get; }
}
