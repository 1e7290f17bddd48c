namespace Survival.Regression;

/// <summary>The predicted curve of one profile in one stratum.</summary>
public sealed record CoxPredictedCurve
{
    internal CoxPredictedCurve(CovariateProfile profile, string? stratum, IReadOnlyList<CoxPredictedPoint> steps, IReadOnlyList<CoxPredictedPoint> at)
    {
        Profile = profile;
        Stratum = stratum;
        Steps = steps;
        At = at;
    }

    /// <summary>The profile.</summary>
    public CovariateProfile Profile { get; }

    /// <summary>The stratum, or null for an unstratified fit.</summary>
    public string? Stratum { get; }

    /// <summary>The curve at each event time of the stratum, ascending.</summary>
    public IReadOnlyList<CoxPredictedPoint> Steps { get; }

    /// <summary>The curve at the requested times, in the order given.</summary>
    public IReadOnlyList<CoxPredictedPoint> At { get; }
}
