using Survival.Estimation;

namespace Survival.IntervalCensoring;

/// <summary>Options of <see cref="Turnbull.Fit"/>; the defaults are R <c>survfit</c>'s for interval-censored data.</summary>
public sealed record TurnbullOptions
{
    /// <summary>The default options: R's convergence rule, 95% limits on the log scale, R's near-tie rule on.</summary>
    public static TurnbullOptions Default { get; } = new();

    /// <summary>Confidence level of the pointwise limits, in (0, 1). Default 0.95 (R <c>conf.int = 0.95</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The scale of the pointwise limits. Default <see cref="ConfidenceIntervalTransform.Log"/> (R <c>conf.type = "log"</c>).</summary>
    public ConfidenceIntervalTransform Transform { get; init; } = ConfidenceIntervalTransform.Log;

    /// <summary>Whether near-equal interval ends are merged as ties (R <c>timefix = TRUE</c>, the default; R's <c>aeqSurv</c>
    /// on both ends).</summary>
    public bool TimeFix { get; init; } = true;

    /// <summary>The self-consistency iteration stops when no survival value at a support point moves by more than this
    /// between iterations (tested at iterations 2, 3, 4, 7, 8, 9, …, as R's <c>survfitTurnbull</c>). Default 5e-5 (R's
    /// fixed value).</summary>
    public double Tolerance { get; init; } = 5e-5;

    /// <summary>The most iterations before the fit is returned as not converged. Default 100,000; R has no limit (its loop
    /// runs until the test passes).</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>For tests: force R's arithmetic (true) or sums per support point (false); null chooses by size.</summary>
    internal bool? RArithmetic { get; init; }

    internal void Validate()
    {
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (!Enum.IsDefined(Transform))
            throw new SurvivalInputException("unknown confidence-interval transform", column: "Transform", value: Transform.ToString());
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new SurvivalInputException("the tolerance must be finite and > 0", column: "Tolerance", value: SurvivalData.Format(Tolerance));
        if (MaxIterations < 1)
            throw new SurvivalInputException("at least one iteration is needed", column: "MaxIterations",
                value: MaxIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
