namespace Survival.Regression;

/// <summary>A predicted survival probability of a profile at one time (R <c>summary(survfit(fit, newdata), times =)</c>).</summary>
public sealed record CoxPredictedPoint
{
    internal CoxPredictedPoint(double time, double atRisk, double cumulativeHazard, double survival, double stdErr, double? lower, double? upper)
    {
        Time = time;
        AtRisk = atRisk;
        CumulativeHazard = cumulativeHazard;
        Survival = survival;
        StdErr = stdErr;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>The time.</summary>
    public double Time { get; internal init; }

    /// <summary>The (weighted) number at risk at the time: entered before it and not yet out.</summary>
    public double AtRisk { get; internal init; }

    /// <summary>Λ(t | profile).</summary>
    public double CumulativeHazard { get; }

    /// <summary>S(t | profile) = exp(−Λ).</summary>
    public double Survival { get; }

    /// <summary>The standard error of S (R's <c>summary</c> column: the se of Λ times S).</summary>
    public double StdErr { get; }

    /// <summary>Lower limit (log scale, R's default); null where R has NA.</summary>
    public double? Lower { get; }

    /// <summary>Upper limit (log scale, clipped at 1).</summary>
    public double? Upper { get; }
}
