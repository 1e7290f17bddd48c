namespace Survival.Parametric;

/// <summary>The parametric families the library fits (NICE DSU TSD 14's list, and the Gaussian and logistic of survreg).</summary>
/// <remarks>A superset of <see cref="AftDistribution"/> on purpose: that enum is R's <c>survreg(dist =)</c>, the choice
/// <see cref="AftModel"/> takes, where a Gompertz or a generalized gamma could not be fitted; this one names every family
/// <see cref="ParametricModels"/> can fit, whatever the model behind it.</remarks>
public enum ParametricFamily
{
    /// <summary>Weibull (<see cref="AftDistribution.Weibull"/>).</summary>
    Weibull,

    /// <summary>Exponential (<see cref="AftDistribution.Exponential"/>).</summary>
    Exponential,

    /// <summary>Log-normal (<see cref="AftDistribution.LogNormal"/>).</summary>
    LogNormal,

    /// <summary>Log-logistic (<see cref="AftDistribution.LogLogistic"/>).</summary>
    LogLogistic,

    /// <summary>Gaussian on the time scale (<see cref="AftDistribution.Gaussian"/>).</summary>
    Gaussian,

    /// <summary>Logistic on the time scale (<see cref="AftDistribution.Logistic"/>).</summary>
    Logistic,

    /// <summary>Gompertz (<see cref="GompertzModel"/>).</summary>
    Gompertz,

    /// <summary>Generalized gamma, Prentice's μ, σ, Q (<see cref="GeneralizedGammaModel"/>).</summary>
    GeneralizedGamma,
}
