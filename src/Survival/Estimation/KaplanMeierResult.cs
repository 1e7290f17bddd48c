namespace Survival.Estimation;

/// <summary>The Kaplan–Meier fit: one curve per group (per group and stratum when strata are given), and the options used.</summary>
public sealed record KaplanMeierResult
{
    internal KaplanMeierResult(SurvivalCurve[] curves, KaplanMeierOptions options)
    {
        Curves = curves;
        Options = options;
    }

    /// <summary>The curves, in group-level order (group-major, then stratum, as R's <c>survfit(Surv ~ g + s)</c>).</summary>
    public IReadOnlyList<SurvivalCurve> Curves { get; }

    /// <summary>The options the curves were fitted with.</summary>
    public KaplanMeierOptions Options { get; internal init; }

    /// <summary>The variance the standard errors and limits use: <see cref="KaplanMeierVariance.Greenwood"/> or
    /// <see cref="KaplanMeierVariance.Robust"/> (what <see cref="KaplanMeierOptions.Variance"/> resolved to).</summary>
    public KaplanMeierVariance Variance { get; internal init; } = KaplanMeierVariance.Greenwood;
}
