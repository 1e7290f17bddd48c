namespace Survival.Plotting;

/// <summary>Options of <see cref="CumulativeIncidencePlot"/>.</summary>
public sealed record CumulativeIncidencePlotOptions
{
    /// <summary>The defaults.</summary>
    public static CumulativeIncidencePlotOptions Default { get; } = new();

    /// <summary>Stacked or side by side. Default side by side (cumulative incidence as papers draw it).</summary>
    public CumulativeIncidenceLayout Layout { get; init; } = CumulativeIncidenceLayout.SideBySide;

    /// <summary>A title, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; init; } = "Months";

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; init; } = "Cumulative incidence";

    /// <summary>Whether to draw the numbers at risk under the axis.</summary>
    public bool ShowRiskTable { get; init; } = true;

    /// <summary>The last time shown; null for the last step.</summary>
    public double? XMax { get; init; }

    /// <summary>The distance between x ticks; null to choose one.</summary>
    public double? TickStep { get; init; }

    /// <summary>Friendlier cause names for the legend (e.g. "pcm" → "Progression"); causes not named keep their label.</summary>
    public IReadOnlyDictionary<string, string>? CauseNames { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 700;
}
