namespace Survival.Parametric;

/// <summary>One estimated parameter of a parametric fit (AFT, Gompertz), with its standard error, Wald limits and P value.</summary>
/// <param name="Name">R's name: <c>(Intercept)</c>, a covariate, or <c>Log(scale)</c>.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StdErr">Its standard error (inverse observed information).</param>
/// <param name="Lower">Lower Wald limit, estimate − z·se.</param>
/// <param name="Upper">Upper Wald limit.</param>
/// <param name="Z">Estimate / se.</param>
/// <param name="PValue">Two-sided P of the Wald test, as R's <c>summary(survreg)</c>.</param>
public sealed record ParameterEstimate(string Name, double Estimate, double StdErr, double Lower, double Upper, double Z, double PValue);
