using System.Globalization;
using ScottPlot;
using Survival.Estimation;
using Survival.Parametric;

namespace Survival.Plotting;

/// <summary>
/// The Kaplan–Meier curve with fitted parametric families overlaid and extrapolated to a horizon, as NICE DSU TSD 14's
/// visual check: each family solid over the data and dashed beyond the last observed time (an extrapolation, also
/// marked by a dotted line "end of data"), its AIC in the legend.
/// </summary>
public static class ParametricFitPlot
{
    private static readonly Color[] Palette =
    [
        new(0xD6, 0x27, 0x28), new(0x2C, 0xA0, 0x2C), new(0xFF, 0x7F, 0x0E), new(0x94, 0x67, 0xBD), new(0x8C, 0x56, 0x4B),
        new(0xE3, 0x77, 0xC2), new(0x17, 0xBE, 0xCF),
    ];

    /// <summary>Builds the figure (for further styling by the caller).</summary>
    /// <param name="km">The Kaplan–Meier fit (its first curve is drawn; fit the families to the same rows).</param>
    /// <param name="fits">The fitted families (without covariates, or read at <paramref name="profile"/>).</param>
    /// <param name="horizon">How far to draw: the extrapolation horizon.</param>
    /// <param name="options">Kaplan–Meier figure options (title, labels); <c>XMax</c> is the horizon.</param>
    /// <param name="profile">The covariate profile at which the families are read; null for none.</param>
    public static Plot Create(KaplanMeierResult km, IReadOnlyList<IParametricFit> fits, double horizon, KaplanMeierPlotOptions? options = null,
        IReadOnlyList<double>? profile = null)
    {
        ArgumentNullException.ThrowIfNull(km);
        ArgumentNullException.ThrowIfNull(fits);
        if (!(horizon > 0)) throw new SurvivalInputException("the horizon must be > 0", column: "horizon", value: horizon.ToString("R", CultureInfo.InvariantCulture));
        options = (options ?? KaplanMeierPlotOptions.Default) with { XMax = horizon, ShowRiskTable = false };
        var plot = KaplanMeierPlot.Create(km, options);
        double endOfData = fits.Count > 0 ? fits.Min(f => f.LastObservedTime) : horizon;
        for (int k = 0; k < fits.Count; k++)
        {
            var fit = fits[k];
            var color = Palette[k % Palette.Length];
            const int points = 240;
            var inside = new List<(double X, double Y)>();
            var beyond = new List<(double X, double Y)>();
            for (int i = 0; i <= points; i++)
            {
                double t = horizon * i / points;
                double s = t == 0 ? 1 : fit.SurvivalAt(t, profile).Estimate ?? double.NaN;
                if (!fit.IsExtrapolation(t)) inside.Add((t, s));
                else
                {
                    if (beyond.Count == 0 && inside.Count > 0) beyond.Add(inside[^1]);
                    beyond.Add((t, s));
                }
            }
            string label = $"{fit.Family}  (AIC = {fit.Aic.ToString("F1", CultureInfo.InvariantCulture)})";
            if (inside.Count > 1)
            {
                var line = plot.Add.ScatterLine(inside.Select(p => p.X).ToArray(), inside.Select(p => p.Y).ToArray(), color);
                line.LineWidth = 1.8f;
                line.LegendText = label;
            }
            if (beyond.Count > 1)
            {
                var dashed = plot.Add.ScatterLine(beyond.Select(p => p.X).ToArray(), beyond.Select(p => p.Y).ToArray(), color);
                dashed.LineWidth = 1.8f;
                dashed.LinePattern = LinePattern.Dashed;
                if (inside.Count <= 1) dashed.LegendText = label;
            }
        }
        if (endOfData < horizon)
        {
            var end = plot.Add.VerticalLine(endOfData, 1, Colors.Gray);
            end.LinePattern = LinePattern.Dotted;
            var text = plot.Add.Text("end of data: extrapolated beyond", endOfData, 0.55);
            text.LabelFontSize = 12;
            text.LabelAlignment = Alignment.UpperLeft;
        }
        return plot;
    }

    /// <summary>Draws the figure and saves it as PNG or SVG (by the file extension).</summary>
    /// <param name="km">The Kaplan–Meier fit.</param>
    /// <param name="fits">The fitted families.</param>
    /// <param name="horizon">The extrapolation horizon.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="options">Figure options; null for the defaults.</param>
    public static void Save(KaplanMeierResult km, IReadOnlyList<IParametricFit> fits, double horizon, string path, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= KaplanMeierPlotOptions.Default;
        KaplanMeierPlot.Write(Create(km, fits, horizon, options), path, options.Width, options.Height);
    }
}
