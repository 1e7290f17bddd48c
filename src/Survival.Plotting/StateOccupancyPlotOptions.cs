namespace Survival.Plotting;

/// <summary>Options of <see cref="StateOccupancyPlot"/>.</summary>
public sealed record StateOccupancyPlotOptions
{
    /// <summary>The defaults.</summary>
    public static StateOccupancyPlotOptions Default { get; } = new();

    /// <summary>A title, or null.</summary>
    public string? Title { get; init; }

    /// <summary>The x-axis label.</summary>
    public string XLabel { get; init; } = "Months";

    /// <summary>The y-axis label.</summary>
    public string YLabel { get; init; } = "Probability in state (stacked)";

    /// <summary>The last time shown; null for the last step.</summary>
    public double? XMax { get; init; }

    /// <summary>The distance between x ticks; null to choose one.</summary>
    public double? TickStep { get; init; }

    /// <summary>Friendlier state names for the legend (e.g. "(s0)" → "Progression-free"); others keep their label.</summary>
    public IReadOnlyDictionary<string, string>? StateNames { get; init; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 700;
}
