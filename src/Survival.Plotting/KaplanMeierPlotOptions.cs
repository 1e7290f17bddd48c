namespace Survival.Plotting;

/// <summary>What a Kaplan–Meier figure shows and how it is laid out.</summary>
public sealed record KaplanMeierPlotOptions
{
    /// <summary>The defaults: censoring marks, no bands, a numbers-at-risk table, 1000 × 700 pixels.</summary>
    public static KaplanMeierPlotOptions Default { get; } = new();

    /// <summary>The title above the plot; none when null.</summary>
    public string? Title { get; init; }

    /// <summary>The x-axis label. Default "Months".</summary>
    public string XLabel { get; init; } = "Months";

    /// <summary>The y-axis label. Default "Survival probability".</summary>
    public string YLabel { get; init; } = "Survival probability";

    /// <summary>Whether to shade the pointwise confidence bands. Default false.</summary>
    public bool ShowConfidenceBands { get; init; }

    /// <summary>Whether to mark censoring times with "+". Default true.</summary>
    public bool ShowCensorMarks { get; init; } = true;

    /// <summary>Whether to draw the numbers-at-risk table under the x axis. Default true.</summary>
    public bool ShowRiskTable { get; init; } = true;

    /// <summary>A P value to print on the plot (e.g. the log-rank test's); none when null.</summary>
    public double? PValue { get; init; }

    /// <summary>The label before <see cref="PValue"/>. Default "Log-rank P".</summary>
    public string PValueLabel { get; init; } = "Log-rank P";

    /// <summary>The right end of the x axis; the last time of any curve when null.</summary>
    public double? XMax { get; init; }

    /// <summary>The spacing of x ticks (and of the risk table's columns); chosen from the range when null.</summary>
    public double? TickStep { get; init; }

    /// <summary>Width in pixels. Default 1000.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Height in pixels. Default 700.</summary>
    public int Height { get; init; } = 700;
}
