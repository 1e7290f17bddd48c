namespace Survival.MultiState;

/// <summary>Options of <see cref="AalenJohansen"/>; the defaults are R <c>survfit</c>'s for multi-state data.</summary>
public sealed record AalenJohansenOptions
{
    /// <summary>The defaults.</summary>
    public static AalenJohansenOptions Default { get; } = new();

    /// <summary>Confidence level of the pointwise limits. Default 0.95 (R <c>conf.int = 0.95</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The scale of the limits. Default <see cref="ConfidenceIntervalTransform.Log"/>, R <c>survfit</c>'s
    /// <c>conf.type = "log"</c> applied to each state probability.</summary>
    public ConfidenceIntervalTransform Transform { get; init; } = ConfidenceIntervalTransform.Log;

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>).</summary>
    public bool TimeFix { get; init; } = true;

    /// <summary>Times at which to read every curve (R <c>summary(fit, times = , extend = TRUE)</c>); may be empty.</summary>
    public IReadOnlyList<double> At { get; init; } = [];

    /// <summary>The horizon of the restricted mean time in each state (R <c>print(fit, rmean = h)</c>); null for R's
    /// default <c>rmean = "common"</c>, the largest time of all curves.</summary>
    public double? RestrictedMeanHorizon { get; init; }

    internal void Validate()
    {
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (!Enum.IsDefined(Transform)) throw new ArgumentOutOfRangeException(nameof(Transform));
        foreach (double t in At)
            if (!double.IsFinite(t)) throw new SurvivalInputException("a time must be a finite number", column: "At", value: SurvivalData.Format(t));
        if (RestrictedMeanHorizon is double h && !double.IsFinite(h))
            throw new SurvivalInputException("the restricted-mean horizon must be a finite number", column: "RestrictedMeanHorizon", value: SurvivalData.Format(h));
    }
}
