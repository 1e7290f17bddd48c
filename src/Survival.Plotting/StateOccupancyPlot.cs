using ScottPlot;
using Survival.MultiState;

namespace Survival.Plotting;

/// <summary>
/// The stacked state-occupancy figure of a multi-state fit (R <c>plot(survfit(...))</c> of the state probabilities,
/// stacked as in the survival vignette's figures): at each time the states' probabilities are stacked in the order of
/// the states, so each band's height is the probability of its state and the bands fill [0, 1]. One curve is drawn as
/// filled bands; several as the bands' upper edges, one line style per group and one colour per state. PNG or SVG.
/// </summary>
public static class StateOccupancyPlot
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Draws the figure and saves it; the format (PNG or SVG) follows the file extension.</summary>
    /// <param name="fit">The state probabilities.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static void Save(StateOccupancyResult fit, string path, StateOccupancyPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= StateOccupancyPlotOptions.Default;
        KaplanMeierPlot.Write(Create(fit, options), path, options.Width, options.Height);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="fit">The state probabilities.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static Plot Create(StateOccupancyResult fit, StateOccupancyPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= StateOccupancyPlotOptions.Default;
        var (xmax, ticks, _, bottom, left) = KaplanMeierPlot.Frame(options.XMax, options.TickStep,
            fit.Curves.SelectMany(c => c.Steps).Select(s => s.Time), 0);
        var plot = new Plot();
        if (fit.Curves.Count == 1)
        {
            // One curve: each state a filled band between its lower and upper edge, bottom to top in the order of the states.
            var curve = fit.Curves[0];
            var xs = new List<double> { curve.StartTime };
            var rows = new List<IReadOnlyList<double>> { curve.Initial };
            foreach (var step in curve.Steps)
            {
                if (step.Time > xmax) break;
                xs.Add(step.Time); rows.Add(rows[^1]);
                xs.Add(step.Time); rows.Add(step.Probability);
            }
            xs.Add(Math.Min(xmax, curve.Steps.Count > 0 ? curve.Steps[^1].Time : xmax)); rows.Add(rows[^1]);
            for (int k = 0; k < fit.States.Count; k++)
            {
                var lower = rows.Select(r => r.Take(k).Sum()).ToArray();
                var upper = rows.Select(r => r.Take(k + 1).Sum()).ToArray();
                var band = plot.Add.FillY(xs.ToArray(), upper, lower);
                band.FillColor = KaplanMeierPlot.Palette[k % KaplanMeierPlot.Palette.Length].WithAlpha(0.55);
                band.LineWidth = 0;
                band.LegendText = options.StateNames?.GetValueOrDefault(fit.States[k]) ?? fit.States[k];
            }
            KaplanMeierPlot.Style(plot, ticks, xmax, bottom, left, options.XLabel, options.YLabel, options.Title, Alignment.UpperRight);
            return plot;
        }
        for (int g = 0; g < fit.Curves.Count; g++)
        {
            var curve = fit.Curves[g];
            // The upper edge of band k is the sum of the probabilities of states 0…k; the last band's edge is 1.
            for (int k = 0; k < fit.States.Count - 1; k++)
            {
                var xs = new List<double> { curve.StartTime };
                var ys = new List<double> { curve.Initial.Take(k + 1).Sum() };
                foreach (var step in curve.Steps)
                {
                    if (step.Time > xmax) break;
                    double v = step.Probability.Take(k + 1).Sum();
                    xs.Add(step.Time); ys.Add(ys[^1]);
                    xs.Add(step.Time); ys.Add(v);
                }
                xs.Add(Math.Min(xmax, curve.Steps.Count > 0 ? curve.Steps[^1].Time : xmax)); ys.Add(ys[^1]);
                var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), KaplanMeierPlot.Palette[k % KaplanMeierPlot.Palette.Length]);
                line.LineWidth = 2;
                line.LinePattern = Patterns[g % Patterns.Length];
                string state = options.StateNames?.GetValueOrDefault(fit.States[k]) ?? fit.States[k];
                line.LegendText = (curve.Group is null ? "" : $"{curve.Group}: ") + $"top of {state}";
            }
        }
        KaplanMeierPlot.Style(plot, ticks, xmax, bottom, left, options.XLabel, options.YLabel, options.Title, Alignment.UpperRight);
        return plot;
    }
}
