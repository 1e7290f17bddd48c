namespace Survival.Parametric;

/// <summary>The accelerated-failure-time families of R's <c>survreg</c> (its <c>dist =</c>): a location–scale model
/// y = x'β + σ·W for y = log T (the first four) or y = T (the last two).</summary>
public enum AftDistribution
{
    /// <summary>Weibull: W is the standard minimum extreme-value law on log T (R's default, <c>dist = "weibull"</c>).</summary>
    Weibull,

    /// <summary>Exponential: the Weibull with σ fixed at 1 (<c>dist = "exponential"</c>).</summary>
    Exponential,

    /// <summary>Log-normal: W standard normal on log T (<c>dist = "lognormal"</c>).</summary>
    LogNormal,

    /// <summary>Log-logistic: W standard logistic on log T (<c>dist = "loglogistic"</c>).</summary>
    LogLogistic,

    /// <summary>Gaussian on the time scale (<c>dist = "gaussian"</c>).</summary>
    Gaussian,

    /// <summary>Logistic on the time scale (<c>dist = "logistic"</c>).</summary>
    Logistic,
}
