using ScottPlot;
using Survival.IntervalCensoring;

namespace Survival.Plotting;

/// <summary>The Turnbull estimate drawn in the style of the Kaplan–Meier figures, with each support interval shaded: the
/// NPMLE says how much probability lies in an interval, not where in it, so the curve may fall anywhere inside the
/// shaded box (R draws the step at the midpoint, as the line here does).</summary>
public static class TurnbullPlot
{
    /// <summary>Draws the figure and saves it (.png or .svg).</summary>
    /// <param name="fit">The Turnbull fit.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="options">Options; null for the defaults (censor marks are not drawn: censoring here is an interval).</param>
    public static void Save(TurnbullResult fit, string path, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= KaplanMeierPlotOptions.Default with { ShowCensorMarks = false };
        KaplanMeierPlot.Write(Create(fit, options), path, options.Width, options.Height);
    }

    /// <summary>Builds the ScottPlot figure.</summary>
    /// <param name="fit">The Turnbull fit.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static Plot Create(TurnbullResult fit, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= KaplanMeierPlotOptions.Default with { ShowCensorMarks = false };
        var plot = KaplanMeierPlot.Create(fit.AsSurvivalCurves(), options with { Title = options.Title ?? "Turnbull estimate (interval-censored)" });
        for (int c = 0; c < fit.Curves.Count; c++)
        {
            var color = KaplanMeierPlot.Palette[c % KaplanMeierPlot.Palette.Length];
            double before = 1;
            foreach (var interval in fit.Curves[c].Intervals)
            {
                double after = before - interval.Probability;
                if (interval.Upper > interval.Lower && interval.Probability > 1e-9)
                {
                    var box = plot.Add.Rectangle(interval.Lower, interval.Upper, after, before);
                    box.FillStyle.Color = color.WithAlpha(0.18);
                    box.LineStyle.Width = 0;
                }
                before = after;
            }
        }
        return plot;
    }
}
