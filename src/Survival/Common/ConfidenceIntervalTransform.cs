namespace Survival;

/// <summary>
/// The scale on which a pointwise confidence interval for a survival probability S is made symmetric.
/// </summary>
/// <remarks>
/// With σ the standard error of log S (Greenwood: σ² = Σ d/(n(n−d))) and z the normal quantile:
/// <list type="bullet">
/// <item><see cref="Plain"/>: S ± z·S·σ, clipped to [0, 1] (R <c>conf.type = "plain"</c>).</item>
/// <item><see cref="Log"/>: S·exp(±z·σ), upper clipped at 1 (R's default <c>conf.type = "log"</c>).</item>
/// <item><see cref="LogLog"/>: S^exp(±z·σ/log S) (R <c>"log-log"</c>; SAS PROC LIFETEST's default <c>CONFTYPE=LOGLOG</c>).</item>
/// <item><see cref="Logit"/>: on log(S/(1−S)) with standard error σ/(1−S) (R <c>"logit"</c>).</item>
/// <item><see cref="Arcsin"/>: on arcsin(√S) with standard error σ/2·√(S/(1−S)) (R <c>"arcsin"</c>).</item>
/// </list>
/// Reference: Therneau &amp; Grambsch (2000), §2.1; R survival <c>survfit_confint</c>.
/// </remarks>
public enum ConfidenceIntervalTransform
{
    /// <summary>Linear scale (R <c>"plain"</c>).</summary>
    Plain,

    /// <summary>Log scale: R survival's default (<c>conf.type = "log"</c>).</summary>
    Log,

    /// <summary>Complementary log-log scale (R <c>"log-log"</c>, SAS's default).</summary>
    LogLog,

    /// <summary>Logit scale (R <c>"logit"</c>).</summary>
    Logit,

    /// <summary>Arcsine-square-root scale (R <c>"arcsin"</c>).</summary>
    Arcsin,
}
