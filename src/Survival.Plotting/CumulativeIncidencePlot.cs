using System.Globalization;
using ScottPlot;
using Survival.CompetingRisks;

namespace Survival.Plotting;

/// <summary>
/// Cumulative incidence figures in the style of the Kaplan–Meier figures: step curves per group and cause (stacked or
/// side by side), the numbers at risk per group under the axis, and Gray's P for each cause in the legend. PNG or SVG.
/// </summary>
public static class CumulativeIncidencePlot
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Draws the figure and saves it; the format (PNG or SVG) follows the file extension.</summary>
    /// <param name="fit">The curves.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static void Save(CumulativeIncidenceResult fit, string path, CumulativeIncidencePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CumulativeIncidencePlotOptions.Default;
        KaplanMeierPlot.Write(Create(fit, options), path, options.Width, options.Height);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="fit">The curves.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static Plot Create(CumulativeIncidenceResult fit, CumulativeIncidencePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= CumulativeIncidencePlotOptions.Default;
        var groups = fit.EventFree.Select(c => c.Group).ToArray();
        var (xmax, ticks, rowHeight, bottom, left) = KaplanMeierPlot.Frame(options.XMax, options.TickStep,
            fit.Curves.SelectMany(c => c.Steps).Select(s => s.Time), options.ShowRiskTable ? groups.Length : 0);
        var plot = new Plot();
        var gray = fit.GrayTests.ToDictionary(t => t.Cause, t => t.Test.PValue);

        for (int g = 0; g < groups.Length; g++)
        {
            var curves = fit.Curves.Where(c => c.Group == groups[g]).ToArray();
            var color = KaplanMeierPlot.Palette[g % KaplanMeierPlot.Palette.Length];
            var below = new double[0];
            for (int k = 0; k < curves.Length; k++)
            {
                var c = curves[k];
                var (xs, ys) = options.Layout == CumulativeIncidenceLayout.Stacked
                    ? Stacked(curves.Take(k + 1).ToArray(), xmax) // cause k drawn as the band above the causes before it
                    : StepPoints(c, xmax);
                var line = plot.Add.ScatterLine(xs, ys, options.Layout == CumulativeIncidenceLayout.Stacked ? KaplanMeierPlot.Palette[k % KaplanMeierPlot.Palette.Length] : color);
                line.LineWidth = 2;
                line.LinePattern = options.Layout == CumulativeIncidenceLayout.Stacked ? Patterns[g % Patterns.Length] : Patterns[k % Patterns.Length];
                string cause = options.CauseNames?.GetValueOrDefault(c.Cause!) ?? c.Cause!;
                string p = g == 0 && gray.TryGetValue(c.Cause!, out double pv) ? $"  (Gray P = {KaplanMeierPlot.FormatP(pv)})" : "";
                line.LegendText = (c.Group is null ? cause : $"{c.Group}: {cause}") + p;
            }
            if (options.ShowRiskTable)
            {
                var free = fit.EventFree[g];
                KaplanMeierPlot.AddRiskRow(plot, groups[g] ?? "All", options.Layout == CumulativeIncidenceLayout.Stacked ? Colors.Black : color,
                    -0.16 - rowHeight * g, left, ticks, t => AtRisk(free, t));
            }
        }
        if (options.ShowRiskTable) KaplanMeierPlot.AddRiskHeader(plot, left);
        KaplanMeierPlot.Style(plot, ticks, xmax, bottom, left, options.XLabel, options.YLabel, options.Title, Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The number at risk at t: that of the first step at or after t (R's <c>summary(times =)</c>), 0 past the last.</summary>
    private static double AtRisk(IncidenceCurve curve, double t)
    {
        foreach (var s in curve.Steps) if (s.Time >= t) return s.AtRisk;
        return 0;
    }

    /// <summary>The staircase of the sum of <paramref name="curves"/> over the union of their step times.</summary>
    private static (double[] X, double[] Y) Stacked(IncidenceCurve[] curves, double xmax)
    {
        var times = curves.SelectMany(c => c.Steps).Select(s => s.Time).Where(t => t <= xmax).Distinct().Order().ToArray();
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        double last = 0;
        foreach (double t in times)
        {
            double v = curves.Sum(c => c.EstimateAt(t));
            xs.Add(t); ys.Add(last);
            xs.Add(t); ys.Add(v);
            last = v;
        }
        xs.Add(times.Length > 0 ? times[^1] : 0); ys.Add(last);
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>The staircase of a curve from (0, 0) to <paramref name="xmax"/>.</summary>
    private static (double[] X, double[] Y) StepPoints(IncidenceCurve c, double xmax)
    {
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        double last = 0;
        foreach (var s in c.Steps)
        {
            if (s.Time > xmax) break;
            xs.Add(s.Time); ys.Add(last);
            xs.Add(s.Time); ys.Add(s.Estimate);
            last = s.Estimate;
        }
        double end = Math.Min(xmax, c.Steps.Count > 0 ? c.Steps[^1].Time : 0);
        xs.Add(end); ys.Add(last);
        return (xs.ToArray(), ys.ToArray());
    }
}
