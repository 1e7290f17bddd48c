namespace Survival.Estimation;

/// <summary>Options of <see cref="KaplanMeier.Fit(SurvivalData, KaplanMeierOptions?)"/>; the defaults are R <c>survfit</c>'s.</summary>
public sealed record KaplanMeierOptions
{
    /// <summary>The default options: 95% limits on the log scale, R's near-tie rule on.</summary>
    public static KaplanMeierOptions Default { get; } = new();

    /// <summary>Confidence level of the pointwise limits, in (0, 1). Default 0.95 (R <c>conf.int = 0.95</c>).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>The scale of the pointwise limits. Default <see cref="ConfidenceIntervalTransform.Log"/> (R <c>conf.type = "log"</c>).</summary>
    public ConfidenceIntervalTransform Transform { get; init; } = ConfidenceIntervalTransform.Log;

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>, the default).</summary>
    public bool TimeFix { get; init; } = true;

    /// <summary>At most this many threads reduce the rows to per-time counts and fit the curves: 0 (the default) lets the
    /// library choose (for the reduction all cores, at most 8, for 2^21 or more unweighted rows; for the curves all cores
    /// when there are 2^16 cells or more; one thread otherwise), 1 keeps the work on the calling thread (e.g. inside a
    /// server request or a caller's own parallel loop). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The variance of S and H. Default <see cref="KaplanMeierVariance.Auto"/> (R <c>robust = NULL</c>: the
    /// infinitesimal jackknife when a weight is not a whole number or an id repeats among events, Greenwood otherwise).</summary>
    public KaplanMeierVariance Variance { get; init; } = KaplanMeierVariance.Auto;

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 0)
            throw new SurvivalInputException("the degree of parallelism must be 0 (the library's choice) or more", column: "MaxDegreeOfParallelism",
                value: MaxDegreeOfParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (!Enum.IsDefined(Variance))
            throw new SurvivalInputException("unknown variance", column: "Variance", value: Variance.ToString());
        if (!Enum.IsDefined(Transform))
            throw new SurvivalInputException("unknown confidence-interval transform", column: "Transform", value: Transform.ToString());
    }
}
