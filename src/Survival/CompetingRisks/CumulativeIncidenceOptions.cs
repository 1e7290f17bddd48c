namespace Survival.CompetingRisks;

/// <summary>Options of <see cref="CumulativeIncidence"/>; the defaults are R <c>survfit</c>'s for a multi-state status.</summary>
public sealed record CumulativeIncidenceOptions
{
    /// <summary>The defaults.</summary>
    public static CumulativeIncidenceOptions Default { get; } = new();

    /// <summary>Confidence level of the pointwise limits. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>).</summary>
    public bool TimeFix { get; init; } = true;

    /// <summary>Times at which to read every curve (R <c>summary(fit, times = , extend = TRUE)</c>); may be empty.</summary>
    public IReadOnlyList<double> At { get; init; } = [];

    internal void Validate()
    {
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        foreach (double t in At)
            if (!double.IsFinite(t)) throw new SurvivalInputException("a time must be a finite number", column: "At", value: SurvivalData.Format(t));
    }
}
