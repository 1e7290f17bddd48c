namespace Survival.CompetingRisks;

/// <summary>Options of <see cref="FineGray.Fit"/>; the defaults are <c>crr</c>'s.</summary>
public sealed record FineGrayOptions
{
    /// <summary>The defaults.</summary>
    public static FineGrayOptions Default { get; } = new();

    /// <summary>Confidence level of the limits. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The most Newton steps. Default 10 (crr's <c>maxiter</c>).</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary>Convergence: max|score·max(|β|, 1)| &lt; max(|ℓ|, 1) · this. Default 1e-6 (crr's <c>gtol</c>).</summary>
    public double GradientTolerance { get; init; } = 1e-6;

    internal void Validate()
    {
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (MaxIterations < 0) throw new SurvivalInputException("must be ≥ 0", column: "MaxIterations", value: MaxIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!(GradientTolerance > 0)) throw new SurvivalInputException("must be > 0", column: "GradientTolerance", value: SurvivalData.Format(GradientTolerance));
    }
}
