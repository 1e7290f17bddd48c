namespace Survival.Regression;

/// <summary>One coefficient of a Cox model: β, its standard error, the hazard ratio e^β with limits, z and P.</summary>
public sealed record CoxCoefficient
{
    internal CoxCoefficient(string name, double? estimate, double? stdErr, double? robustStdErr, double z, double level, bool mayBeInfinite)
    {
        Name = name;
        Estimate = estimate;
        StdErr = stdErr;
        RobustStdErr = robustStdErr;
        MayBeInfinite = mayBeInfinite;
        if (estimate is double b && (robustStdErr ?? stdErr) is double se)
        {
            HazardRatio = Math.Exp(b);
            Lower = Math.Exp(b - z * se);
            Upper = Math.Exp(b + z * se);
            Z = b / se;
            PValue = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(b / se));
        }
    }

    /// <summary>The covariate's name.</summary>
    public string Name { get; }

    /// <summary>β; null when the covariate is aliased (a linear combination of others; R reports NA).</summary>
    public double? Estimate { get; }

    /// <summary>The standard error of β (from the inverse information); null when aliased.</summary>
    public double? StdErr { get; }

    /// <summary>The robust (sandwich) standard error, or null when the fit has no robust variance. When present, z, P
    /// and the limits use it, as R's <c>summary</c> does.</summary>
    public double? RobustStdErr { get; }

    /// <summary>e^β.</summary>
    public double? HazardRatio { get; }

    /// <summary>Lower limit of the hazard ratio, e^(β − z·se) (robust se when there is one).</summary>
    public double? Lower { get; }

    /// <summary>Upper limit of the hazard ratio, e^(β + z·se) (robust se when there is one).</summary>
    public double? Upper { get; }

    /// <summary>Wald z = β/se (robust se when there is one).</summary>
    public double? Z { get; }

    /// <summary>Two-sided P of z.</summary>
    public double? PValue { get; }

    /// <summary>Monotone likelihood: the log-likelihood converged while this coefficient was still moving (R's warning
    /// "Loglik converged before variable …; coefficient may be infinite").</summary>
    public bool MayBeInfinite { get; }
}
