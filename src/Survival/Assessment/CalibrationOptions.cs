namespace Survival.Assessment;

/// <summary>Options of <see cref="Calibration"/>.</summary>
public sealed record CalibrationOptions
{
    /// <summary>The defaults: deciles of predicted risk, 95% limits.</summary>
    public static CalibrationOptions Default { get; } = new();

    /// <summary>The number of risk groups, cut at the quantiles of the predicted risk (R <c>quantile(type = 7)</c>,
    /// repeated cuts merged, the lowest group closed: <c>cut(risk, unique(q), include.lowest = TRUE)</c>); default 10,
    /// riskRegression <c>plotCalibration(method = "quantile", q = 10)</c>'s deciles.</summary>
    public int Groups { get; init; } = 10;

    /// <summary>Fixed cut points on the risk scale (inner cuts, increasing, in (0, 1)) instead of quantiles; groups are
    /// [0, c₁], (c₁, c₂], …, (c_k, 1]. Null (the default) uses <see cref="Groups"/>.</summary>
    public IReadOnlyList<double>? Cuts { get; init; }

    /// <summary>The level of the observed risk's limits and of the slope's (default 0.95).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}
