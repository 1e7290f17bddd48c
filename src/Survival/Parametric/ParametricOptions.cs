namespace Survival.Parametric;

/// <summary>Options of the parametric fits (<see cref="ExponentialModel"/>, <see cref="WeibullModel"/>); the defaults are
/// R <c>survreg</c>'s and <c>confint</c>'s.</summary>
public sealed record ParametricOptions
{
    /// <summary>The defaults: 95% limits.</summary>
    public static ParametricOptions Default { get; } = new();

    /// <summary>Confidence level of the limits, in (0, 1). Default 0.95 (R <c>confint(level = 0.95)</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    internal void Validate() => Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
}
