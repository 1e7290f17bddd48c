using ScottPlot;
using Survival.Reconstruction;

namespace Survival.Plotting;

/// <summary>The check figure of a reconstruction: for each arm, the digitised points over the Kaplan–Meier curve of the
/// reconstructed patients, in the style of <see cref="KaplanMeierPlot"/>.</summary>
public static class ReconstructionPlot
{
    /// <summary>Saves the figure as PNG or SVG by the file extension; written whole or not at all.</summary>
    /// <param name="result">The reconstruction.</param>
    /// <param name="path">A .png or .svg file.</param>
    /// <param name="xLabel">The time axis label.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="SurvivalInputException">The extension is neither .png nor .svg.</exception>
    public static void Save(ReconstructionResult result, string path, string xLabel = "Time", int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(path);
        KaplanMeierPlot.Write(Create(result, xLabel), path, width, height);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="result">The reconstruction.</param>
    /// <param name="xLabel">The time axis label.</param>
    public static Plot Create(ReconstructionResult result, string xLabel = "Time")
    {
        ArgumentNullException.ThrowIfNull(result);
        var arms = result.Arms;
        var (xmax, ticks, _, bottom, left) = KaplanMeierPlot.Frame(null, null,
            arms.SelectMany(a => a.Curve.Steps.Select(s => s.Time).Concat(a.Evidence.Curve.Points.Select(p => p.Time))), 0);
        var plot = new Plot();
        for (int i = 0; i < arms.Count; i++)
        {
            var arm = arms[i];
            var color = KaplanMeierPlot.Palette[i % KaplanMeierPlot.Palette.Length];
            var (xs, ys) = KaplanMeierPlot.StepPoints(arm.Curve, xmax, s => s.Survival);
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 2;
            line.LegendText = $"{arm.Group ?? "All"}: reconstructed (N = {arm.N}, E = {arm.Events})";
            var points = arm.Evidence.Curve.Points;
            var marks = plot.Add.Markers(points.Select(p => p.Time).ToArray(), points.Select(p => p.Survival).ToArray(), MarkerShape.OpenCircle, 6, color);
            marks.LegendText = $"{arm.Group ?? "All"}: digitised points (max |diff| {arm.MaxAbsDifference:0.000})";
        }
        KaplanMeierPlot.Style(plot, ticks, xmax, bottom, left, xLabel, "Survival probability",
            "Reconstructed patients (Guyot) against the digitised curve", Alignment.UpperRight);
        return plot;
    }
}
