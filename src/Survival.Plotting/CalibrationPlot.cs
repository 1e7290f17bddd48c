using System.Globalization;
using ScottPlot;
using Survival.Assessment;

namespace Survival.Plotting;

/// <summary>The calibration figure: observed against mean predicted risk per risk group, with the observed risk's limits
/// as vertical bars and the line of perfect calibration, one colour per time (riskRegression's
/// <c>plotCalibration(bars = FALSE, method = "quantile")</c> drawn as points with limits). PNG or SVG.</summary>
public static class CalibrationPlot
{
    /// <summary>Draws the figure and saves it; the format (PNG or SVG) follows the file extension.</summary>
    /// <param name="calibration">The calibration tables.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="title">An optional title.</param>
    public static void Save(CalibrationResult calibration, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        KaplanMeierPlot.Write(Create(calibration, title), path, 640, 600);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="calibration">The calibration tables.</param>
    /// <param name="title">An optional title.</param>
    public static Plot Create(CalibrationResult calibration, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var plot = new Plot();
        double top = 0.05;
        foreach (var t in calibration.Times)
            foreach (var g in t.Groups) top = Math.Max(top, Math.Max(g.Predicted, g.Upper ?? g.Observed));
        top = Math.Min(1, Math.Ceiling(top * 10 * 1.05) / 10);
        var diagonal = plot.Add.Line(0, 0, top, top);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";
        for (int k = 0; k < calibration.Times.Count; k++)
        {
            var t = calibration.Times[k];
            var color = KaplanMeierPlot.Palette[k % KaplanMeierPlot.Palette.Length];
            foreach (var g in t.Groups)
                if (g.Lower is double lo && g.Upper is double up)
                {
                    var bar = plot.Add.Line(g.Predicted, lo, g.Predicted, up);
                    bar.LineColor = color;
                    bar.LineWidth = 1.5f;
                }
            var points = plot.Add.ScatterPoints(t.Groups.Select(g => g.Predicted).ToArray(), t.Groups.Select(g => g.Observed).ToArray(), color);
            points.MarkerSize = 9;
            points.LegendText = "at " + t.Time.ToString("0.##", CultureInfo.InvariantCulture)
                + (t.Slope is { } s ? $" (slope {s.Estimate.ToString("0.00", CultureInfo.InvariantCulture)})" : "");
        }
        plot.Axes.SetLimits(0, top, 0, top);
        plot.XLabel("Predicted risk");
        plot.YLabel(calibration.Cause is null ? "Observed risk (1 − Kaplan–Meier)" : $"Observed cumulative incidence ({calibration.Cause})");
        if (title is not null) plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
