using System.Globalization;
using ScottPlot;
using Survival.Assessment;

namespace Survival.Plotting;

/// <summary>Time-dependent ROC curves: the true-positive against the false-positive rate of predicted risks, one step
/// curve per evaluation time with its AUC in the legend, over the chance diagonal (riskRegression's
/// <c>plotROC(Score(..., plots = "ROC"))</c>). PNG or SVG.</summary>
public static class RocPlot
{
    /// <summary>Draws the figure and saves it; the format (PNG or SVG) follows the file extension.</summary>
    /// <param name="accuracy">An assessment made with <see cref="PredictionAccuracyOptions.Roc"/>.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="title">An optional title.</param>
    /// <exception cref="ArgumentException">The assessment carries no ROC curves.</exception>
    public static void Save(PredictionAccuracyResult accuracy, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        KaplanMeierPlot.Write(Create(accuracy, title), path, 640, 600);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="accuracy">An assessment made with <see cref="PredictionAccuracyOptions.Roc"/>.</param>
    /// <param name="title">An optional title.</param>
    /// <exception cref="ArgumentException">The assessment carries no ROC curves.</exception>
    public static Plot Create(PredictionAccuracyResult accuracy, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(accuracy);
        if (accuracy.Roc.Count == 0)
            throw new ArgumentException("the assessment has no ROC curves: evaluate with PredictionAccuracyOptions { Roc = true }", nameof(accuracy));
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        for (int k = 0; k < accuracy.Roc.Count; k++)
        {
            var curve = accuracy.Roc[k];
            // From (0, 0) through each threshold's point; a time without cases or controls has no curve.
            var points = curve.Points.Where(p => double.IsFinite(p.TruePositiveRate) && double.IsFinite(p.FalsePositiveRate)).ToArray();
            if (points.Length == 0) continue;
            var x = points.Select(p => p.FalsePositiveRate).Prepend(0).ToArray();
            var y = points.Select(p => p.TruePositiveRate).Prepend(0).ToArray();
            var line = plot.Add.ScatterLine(x, y, KaplanMeierPlot.Palette[k % KaplanMeierPlot.Palette.Length]);
            line.LineWidth = 2;
            string auc = double.IsNaN(accuracy.Auc[k].Estimate) ? "NA" : (100 * accuracy.Auc[k].Estimate).ToString("0.0", CultureInfo.InvariantCulture);
            line.LegendText = $"at {curve.Time.ToString("0.##", CultureInfo.InvariantCulture)} (AUC {auc}%)";
        }
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("False positive rate");
        plot.YLabel(accuracy.Cause is null ? "True positive rate" : $"True positive rate ({accuracy.Cause})");
        if (title is not null) plot.Title(title);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
