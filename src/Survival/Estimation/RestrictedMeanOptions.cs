namespace Survival.Estimation;

/// <summary>Options of <see cref="RestrictedMeanDifference.Compute"/>; the defaults are R <c>survRM2::rmst2</c>'s.</summary>
public sealed record RestrictedMeanOptions
{
    /// <summary>The defaults: a 95% interval.</summary>
    public static RestrictedMeanOptions Default { get; } = new();

    /// <summary>Confidence level of the Wald interval, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    internal void Validate() => Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
}
