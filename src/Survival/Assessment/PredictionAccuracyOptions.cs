namespace Survival.Assessment;

/// <summary>Options of <see cref="PredictionAccuracy"/>; the defaults are riskRegression <c>Score</c>'s.</summary>
public sealed record PredictionAccuracyOptions
{
    /// <summary>The defaults.</summary>
    public static PredictionAccuracyOptions Default { get; } = new();

    /// <summary>The level of the limits (Score's <c>alpha = 0.05</c>: 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Also return each time's ROC curve in <see cref="PredictionAccuracyResult.Roc"/> (Score's
    /// <c>plots = "ROC"</c>; default false, as Score's <c>plots = NULL</c>: a point per distinct risk and time).</summary>
    public bool Roc { get; init; }
}
