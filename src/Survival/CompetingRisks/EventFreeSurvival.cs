namespace Survival.CompetingRisks;

/// <summary>How the event-free survival S(t− | z) in a cause-specific Cox model's absolute risk is formed from the
/// causes' hazards (riskRegression <c>predict.CauseSpecificCox(product.limit =)</c>).</summary>
public enum EventFreeSurvival
{
    /// <summary>The product limit Π_{u &lt; t} (1 − Σₖ dΛₖ(u | z)), as the Aalen–Johansen estimator and mstate
    /// (riskRegression's default, <c>product.limit = TRUE</c>).</summary>
    ProductLimit,

    /// <summary>exp(−Σₖ Λₖ(t− | z)) (<c>product.limit = FALSE</c>); it can give risks above 1 far out.</summary>
    Exponential,
}
