namespace Survival.CompetingRisks;

/// <summary>One coefficient of a Fine–Gray model: β, its robust standard error, the subdistribution hazard ratio with
/// limits, z and P (as <c>summary(crr(...))</c>).</summary>
public sealed record FineGrayCoefficient
{
    internal FineGrayCoefficient(string name, double estimate, double stdErr, double z, double level)
    {
        Name = name;
        Estimate = estimate;
        StdErr = stdErr;
        HazardRatio = Math.Exp(estimate);
        Lower = Math.Exp(estimate - z * stdErr);
        Upper = Math.Exp(estimate + z * stdErr);
        Z = estimate / stdErr;
        PValue = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(Z));
        ConfidenceLevel = level;
    }

    /// <summary>The coefficient's name.</summary>
    public string Name { get; }

    /// <summary>β (log subdistribution hazard ratio).</summary>
    public double Estimate { get; }

    /// <summary>The robust (sandwich) standard error of Fine &amp; Gray (1999), as <c>crr</c> reports it.</summary>
    public double StdErr { get; }

    /// <summary>e^β.</summary>
    public double HazardRatio { get; }

    /// <summary>Lower limit of e^β.</summary>
    public double Lower { get; }

    /// <summary>Upper limit of e^β.</summary>
    public double Upper { get; }

    /// <summary>β / se.</summary>
    public double Z { get; }

    /// <summary>Two-sided P.</summary>
    public double PValue { get; }

    /// <summary>The confidence level of the limits.</summary>
    public double ConfidenceLevel { get; }
}
