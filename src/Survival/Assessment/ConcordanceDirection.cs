namespace Survival.Assessment;

/// <summary>Which way a score points (R <c>concordance(reverse =)</c>).</summary>
public enum ConcordanceDirection
{
    /// <summary>A larger score predicts longer survival: R's default for <c>concordance(Surv ~ x)</c> (<c>reverse = FALSE</c>)
    /// and for the linear predictor of an accelerated-failure-time model (<c>concordance(survreg fit)</c>).</summary>
    LargerScoreLongerSurvival,
    /// <summary>A larger score predicts a higher risk (shorter survival): R's <c>reverse = TRUE</c>, used by
    /// <c>concordance(coxph fit)</c> for the linear predictor and for a risk score.</summary>
    LargerScoreHigherRisk,
}
