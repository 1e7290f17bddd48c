namespace Survival.Parametric;

/// <summary>Options of the parametric fits (<see cref="ExponentialModel"/>, <see cref="WeibullModel"/>); the defaults are
/// R <c>survreg</c>'s and <c>confint</c>'s.</summary>
public sealed record ParametricOptions
{
    /// <summary>The defaults: 95% limits.</summary>
    public static ParametricOptions Default { get; } = new();

    /// <summary>Confidence level of the limits, in (0, 1). Default 0.95 (R <c>confint(level = 0.95)</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The most Newton–Raphson iterations (each step-halving counted, as R's <c>iter</c>). Null (the default)
    /// takes each family's: 30 for the AFT families and <see cref="WeibullModel"/> (R <c>survreg.control(maxiter = 30)</c>),
    /// 50 for the Gompertz fit and the generalized gamma's Newton polish (flexsurv fits these with <c>optim</c>, which has
    /// no Newton limit to copy).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>The convergence tolerance on the relative change of the log-likelihood, |1 − ℓ_old/ℓ_new|. Null (the
    /// default) takes each family's: 1e-9 (R <c>survreg.control(rel.tolerance = 1e-9)</c>), 1e-12 for Gompertz and 1e-14
    /// for the generalized gamma's polish of an optimum already found.</summary>
    public double? Epsilon { get; init; }

    internal void Validate()
    {
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (MaxIterations is int m && m < 1)
            throw new SurvivalInputException("at least one iteration is needed", column: "MaxIterations", value: m.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Epsilon is double e && !(e > 0 && double.IsFinite(e)))
            throw new SurvivalInputException("ε must be finite and > 0", column: "Epsilon", value: SurvivalData.Format(e));
    }
}
