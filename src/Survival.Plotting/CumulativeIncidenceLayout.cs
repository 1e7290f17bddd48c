namespace Survival.Plotting;

/// <summary>How <see cref="CumulativeIncidencePlot"/> arranges the causes.</summary>
public enum CumulativeIncidenceLayout
{
    /// <summary>Each group's curves stacked: cause 1 from 0, cause 2 above it, …; the event-free probability is the band
    /// left at the top (the curves add to one).</summary>
    Stacked,

    /// <summary>Every curve from 0, side by side on one axis (one line per group and cause).</summary>
    SideBySide,
}
