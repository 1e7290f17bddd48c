namespace Survival.Assessment;

/// <summary>Options of <see cref="Concordance"/>; each default is R <c>survival::concordance</c>'s.</summary>
public sealed record ConcordanceOptions
{
    /// <summary>The defaults: Harrell's C, larger score = longer survival, no horizon, 95% limits, R's near-tie rule.</summary>
    public static ConcordanceOptions Default { get; } = new();

    /// <summary>The weighting of pairs over time (R <c>timewt</c>; default <see cref="ConcordanceTimeWeight.N"/>, R's).</summary>
    public ConcordanceTimeWeight TimeWeight { get; init; } = ConcordanceTimeWeight.N;

    /// <summary>Which way the score points (R <c>reverse</c>; default R's <c>FALSE</c>).</summary>
    public ConcordanceDirection Direction { get; init; } = ConcordanceDirection.LargerScoreLongerSurvival;

    /// <summary>Pairs whose earlier event falls after this time are not counted (R <c>ymax</c>; null, R's default,
    /// counts all).</summary>
    /// <remarks>Applied within every stratum. With more than ten strata and <see cref="ConcordanceTimeWeight.N"/> or
    /// <see cref="ConcordanceTimeWeight.I"/>, R (survival 3.5 to 3.8) moves each stratum's times onto a range of its own
    /// and compares <c>ymax</c> with the moved times, so that its horizon holds in the first stratum only; this library
    /// gives what R gives with <c>keepstrata = TRUE</c>.</remarks>
    public double? Horizon { get; init; }

    /// <summary>Times below this value are raised to it (R <c>ymin</c>; null, R's default, leaves them).</summary>
    public double? Ymin { get; init; }

    /// <summary>The level of the Wald limits C ± z·se (default 0.95). R prints the standard error only.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>R's near-tie rule on the times (R <c>timefix = TRUE</c>, the default).</summary>
    public bool TimeFix { get; init; } = true;
}
