using System.Globalization;
using ScottPlot;
using Survival.Estimation;

namespace Survival.Plotting;

/// <summary>
/// Kaplan–Meier figures as journals print them: step curves, censoring marks, optional confidence bands, events/N
/// per curve in the legend, an optional log-rank P, and a numbers-at-risk table under the x axis aligned with its ticks.
/// Rendered with ScottPlot to PNG or SVG.
/// </summary>
/// <remarks>The at-risk numbers are read with <see cref="SurvivalCurve.NumberAtRisk(double)"/> (R's
/// <c>summary(fit, times =)</c> convention, as survminer's risk tables).</remarks>
public static class KaplanMeierPlot
{
    internal static readonly Color[] Palette =
    [
        Color.FromHex("#1f4e9c"), Color.FromHex("#c0392b"), Color.FromHex("#27864a"), Color.FromHex("#8e44ad"),
        Color.FromHex("#d4820f"), Color.FromHex("#2c3e50"),
    ];

    /// <summary>Draws the figure and saves it; the format (PNG or SVG) follows the file extension.</summary>
    /// <param name="fit">The curves.</param>
    /// <param name="path">A .png or .svg path.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="SurvivalInputException">The extension is neither .png nor .svg.</exception>
    public static void Save(KaplanMeierResult fit, string path, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= KaplanMeierPlotOptions.Default;
        Write(Create(fit, options), path, options.Width, options.Height);
    }

    /// <summary>Draws the curves as <see cref="Save"/> does and returns where time 0, the last tick, survival 0 and 1 fell
    /// in the image: the calibration to read the figure back (<c>survival digitize</c>), as for a published figure.</summary>
    /// <param name="fit">The curves.</param>
    /// <param name="path">A .png or .svg file.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static FigureAxes SaveWithAxes(KaplanMeierResult fit, string path, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= KaplanMeierPlotOptions.Default;
        var plot = Create(fit, options);
        Write(plot, path, options.Width, options.Height);
        return AxesOf(plot, options.Width, options.Height);
    }

    /// <summary>The pixel positions of time 0, the last x tick, and vertical values 0 and 1 in a plot rendered at the
    /// given size.</summary>
    internal static FigureAxes AxesOf(Plot plot, int width, int height)
    {
        plot.RenderInMemory(width, height);
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        double last = ticks.Length > 0 ? ticks.Max() : 1;
        var origin = plot.GetPixel(new Coordinates(0, 0));
        var corner = plot.GetPixel(new Coordinates(last, 1));
        return new FigureAxes(origin.X, 0, corner.X, last, origin.Y, 0, corner.Y, 1);
    }

    /// <summary>Saves a figure as PNG or SVG by the file extension, creating the folder; written whole or not at all
    /// (<see cref="Survival.IO.AtomicFile"/>).</summary>
    internal static void Write(Plot plot, string path, int width, int height)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg")) throw new SurvivalInputException("the figure's file name must end in .png or .svg", file: path, value: ext);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Survival.IO.AtomicFile.Write(path, temporary =>
        {
            if (ext == ".png") plot.SavePng(temporary, width, height);
            else plot.SaveSvg(temporary, width, height);
        });
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="fit">The curves.</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static Plot Create(KaplanMeierResult fit, KaplanMeierPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= KaplanMeierPlotOptions.Default;
        var curves = fit.Curves;
        var (xmax, ticks, rowHeight, bottom, left) = Frame(options.XMax, options.TickStep, curves.SelectMany(c => c.Steps).Select(s => s.Time),
            options.ShowRiskTable ? curves.Count : 0);
        var plot = new Plot();

        for (int i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            var color = Palette[i % Palette.Length];
            var (xs, ys) = StepPoints(c, xmax, s => s.Survival);
            if (options.ShowConfidenceBands)
            {
                var (bx, lo) = StepPoints(c, xmax, s => s.Lower ?? double.NaN);
                var (_, hi) = StepPoints(c, xmax, s => s.Upper ?? double.NaN);
                var keep = Enumerable.Range(0, bx.Length).Where(k => !double.IsNaN(lo[k]) && !double.IsNaN(hi[k])).ToArray();
                if (keep.Length > 1)
                {
                    var band = plot.Add.FillY(keep.Select(k => bx[k]).ToArray(), keep.Select(k => lo[k]).ToArray(), keep.Select(k => hi[k]).ToArray());
                    band.FillStyle.Color = color.WithAlpha(0.15);
                    band.LineStyle.Width = 0;
                }
            }
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 2;
            line.LegendText = $"{c.Label ?? "All patients"}  (E/N = {Format(c.Events)}/{c.N})";
            if (options.ShowCensorMarks)
            {
                var censored = c.Steps.Where(s => s.Censored > 0 && s.Time <= xmax).ToArray();
                if (censored.Length > 0)
                {
                    var marks = plot.Add.Markers(censored.Select(s => s.Time).ToArray(), censored.Select(s => s.Survival).ToArray(), MarkerShape.Cross, 9, color);
                    marks.MarkerStyle.LineWidth = 1.5f;
                }
            }
            if (options.ShowRiskTable)
            {
                AddRiskRow(plot, c.Label ?? "All", color, -0.16 - rowHeight * i, left, ticks, c.NumberAtRisk);
            }
        }
        if (options.ShowRiskTable) AddRiskHeader(plot, left);
        if (options.PValue is double p)
        {
            var text = plot.Add.Text($"{options.PValueLabel} = {FormatP(p)}", xmax * 0.02, 0.08);
            text.LabelFontSize = 15;
            text.LabelAlignment = Alignment.MiddleLeft;
        }

        Style(plot, ticks, xmax, bottom, left, options.XLabel, options.YLabel, options.Title, Alignment.UpperRight);
        return plot;
    }

    /// <summary>The layout every figure shares: the last time shown (the option, else the last step), the x ticks, and
    /// the height of a risk-table row, the bottom and the left edge that leave room for <paramref name="riskRows"/> rows.</summary>
    internal static (double XMax, List<double> Ticks, double RowHeight, double Bottom, double Left) Frame(double? xMax, double? tickStep,
        IEnumerable<double> times, int riskRows)
    {
        double xmax = xMax ?? Math.Max(1, times.DefaultIfEmpty(1).Max());
        double step = tickStep ?? NiceStep(xmax);
        var ticks = new List<double>();
        for (double t = 0; t <= xmax + 1e-9; t += step) ticks.Add(t);
        const double rowHeight = 0.075;
        double bottom = riskRows > 0 ? -0.16 - rowHeight * riskRows : -0.02;
        return (xmax, ticks, rowHeight, bottom, -0.11 * xmax);
    }

    /// <summary>One row of the numbers-at-risk table: the curve's name, then its number at risk under each tick.</summary>
    internal static void AddRiskRow(Plot plot, string label, Color color, double y, double left, List<double> ticks, Func<double, double> atRisk)
    {
        var name = plot.Add.Text(label, left, y);
        name.LabelFontColor = color;
        name.LabelFontSize = 13;
        name.LabelAlignment = Alignment.MiddleLeft;
        foreach (double t in ticks)
        {
            var n = plot.Add.Text(Format(atRisk(t)), t, y);
            n.LabelFontSize = 13;
            n.LabelAlignment = Alignment.MiddleCenter;
        }
    }

    /// <summary>The heading of the numbers-at-risk table and the rule above it.</summary>
    internal static void AddRiskHeader(Plot plot, double left)
    {
        var head = plot.Add.Text("Number at risk", left, -0.09);
        head.LabelFontSize = 13;
        head.LabelBold = true;
        head.LabelAlignment = Alignment.MiddleLeft;
        var rule = plot.Add.HorizontalLine(-0.05, 1, Colors.Gray);
        rule.LinePattern = LinePattern.Solid;
    }

    /// <summary>The axes, ticks, labels and legend every figure of the library shares.</summary>
    internal static void Style(Plot plot, List<double> ticks, double xmax, double bottom, double left, string xLabel, string yLabel, string? title,
        Alignment legend)
    {
        plot.Axes.SetLimits(left, xmax * 1.03, bottom, 1.04);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray(), ticks.Select(t => Format(t)).ToArray());
        double[] yTicks = [0, 0.2, 0.4, 0.6, 0.8, 1.0];
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks, yTicks.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (title is not null) plot.Title(title);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = legend;
        plot.Legend.FontSize = 14;
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
    }

    /// <summary>The staircase of a curve from (0, 1) to <paramref name="xmax"/>, right-continuous.</summary>
    internal static (double[] X, double[] Y) StepPoints(SurvivalCurve c, double xmax, Func<SurvivalStep, double> value)
    {
        var xs = new List<double> { 0 };
        var ys = new List<double> { 1 };
        double last = 1;
        foreach (var s in c.Steps)
        {
            if (s.Time > xmax) break;
            double v = value(s);
            xs.Add(s.Time); ys.Add(last);
            xs.Add(s.Time); ys.Add(v);
            last = v;
        }
        double end = Math.Min(xmax, c.Steps.Count > 0 ? c.Steps[^1].Time : 0);
        xs.Add(end); ys.Add(last);
        return (xs.ToArray(), ys.ToArray());
    }


    /// <summary>The colours the figures give their first <paramref name="count"/> curves, in order, as <c>#rrggbb</c>: what a
    /// reader passes to the digitiser's colours to read a figure of this library back.</summary>
    /// <param name="count">How many curves.</param>
    public static string[] CurveColors(int count) => Enumerable.Range(0, count).Select(i => Palette[i % Palette.Length].ToHex().ToLowerInvariant()[..7]).ToArray();

    /// <summary>A tick step giving at most 10 ticks, preferring months-friendly steps (6, 12, 24).</summary>
    internal static double NiceStep(double xmax)
    {
        double[] steps = [0.1, 0.2, 0.5, 1, 2, 3, 6, 12, 24, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
        foreach (var s in steps) if (xmax / s <= 10) return s;
        return Math.Pow(10, Math.Ceiling(Math.Log10(xmax / 10)));
    }

    internal static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string FormatP(double p) => p < 0.0001 ? "< 0.0001" : p.ToString(p < 0.001 ? "0.0000" : "0.000#", CultureInfo.InvariantCulture);
}
