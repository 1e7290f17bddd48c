using System.Globalization;
using ScottPlot;
using Survival.Design;

namespace Survival.Plotting;

/// <summary>The boundaries of a group-sequential design by stage, as rpact's <c>plot(design)</c> draws them (type 1):
/// the efficacy bounds and any futility bounds on the z scale against the information rate, or against the events of a
/// survival trial with each bound's hazard ratio written beside it.</summary>
public static class GroupSequentialPlot
{
    /// <summary>Saves the figure as PNG or SVG by the file extension; written whole or not at all.</summary>
    /// <param name="design">The design.</param>
    /// <param name="path">A .png or .svg file.</param>
    /// <param name="trial">A survival sample size for the design: the x axis becomes its cumulative events and each
    /// bound is labelled with its hazard ratio; null: information rates.</param>
    /// <param name="title">The title; null for a description of the design.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="SurvivalInputException">The extension is neither .png nor .svg.</exception>
    public static void Save(GroupSequentialDesign design, string path, SurvivalSampleSizeResult? trial = null, string? title = null,
        int width = 1000, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(path);
        KaplanMeierPlot.Write(Create(design, trial, title), path, width, height);
    }

    /// <summary>Builds the ScottPlot figure, for further styling by the caller.</summary>
    /// <param name="design">The design.</param>
    /// <param name="trial">A survival sample size for the design (x axis in events, hazard-ratio labels), or null.</param>
    /// <param name="title">The title; null for a description of the design.</param>
    public static Plot Create(GroupSequentialDesign design, SurvivalSampleSizeResult? trial = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (trial is not null && !ReferenceEquals(trial.Design, design) && trial.Design != design)
            throw new ArgumentException("the sample size was computed for another design", nameof(trial));
        int k = design.Stages;
        double[] x = trial is null ? design.InformationRates.ToArray() : trial.EventsPerStage.ToArray();
        var plot = new Plot();
        double top = design.CriticalValues.Where(double.IsFinite).DefaultIfEmpty(4).Max();
        double[] efficacy = design.CriticalValues.Select(c => double.IsFinite(c) ? c : double.NaN).ToArray();
        AddBound(plot, x, efficacy, KaplanMeierPlot.Palette[0], "Efficacy boundary (reject H0 above)", trial?.CriticalValuesEffectScale);
        if (design.Options.Sides == TestSides.Two)
            AddBound(plot, x, efficacy.Select(c => -c).ToArray(), KaplanMeierPlot.Palette[0], "Efficacy boundary, other side", trial?.CriticalValuesEffectScaleOtherSide, legend: false);
        double bottom = design.Options.Sides == TestSides.Two ? -top : 0;
        if (design.FutilityBounds is { } futility)
        {
            var f = futility.Select(b => b <= GroupSequential.NoFutilityBound ? double.NaN : b).ToArray();
            AddBound(plot, x.Take(k - 1).ToArray(), f, KaplanMeierPlot.Palette[1],
                design.Options.BindingFutility ? "Futility boundary (binding)" : "Futility boundary (non-binding)", trial?.FutilityBoundsEffectScale);
            bottom = Math.Min(bottom, f.Where(double.IsFinite).DefaultIfEmpty(0).Min());
        }
        double span = x[^1];
        plot.Axes.SetLimits(0, span * 1.08, Math.Floor(bottom - 0.5), Math.Ceiling(top + 0.5));
        var zero = plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        zero.LegendText = "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x,
            x.Select(v => trial is null ? v.ToString("0.###", CultureInfo.InvariantCulture) : v.ToString("0.#", CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel(trial is null ? "Information rate" : "Cumulative number of events");
        plot.YLabel("Critical value (z scale)");
        plot.Title(title ?? $"Boundaries of a {k}-stage design, {(design.Options.Sides == TestSides.One ? "one" : "two")}-sided α = {design.Options.Alpha.ToString("0.###", CultureInfo.InvariantCulture)}");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontSize = 14;
        plot.Axes.Bottom.Label.FontSize = 16;
        plot.Axes.Left.Label.FontSize = 16;
        return plot;
    }

    private static void AddBound(Plot plot, double[] x, double[] z, Color color, string label, IReadOnlyList<double>? hazardRatios, bool legend = true)
    {
        var line = plot.Add.Scatter(x, z, color);
        line.LineWidth = 2;
        line.MarkerSize = 9;
        line.LegendText = legend ? label : "";
        if (hazardRatios is null) return;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(z[i]) || i >= hazardRatios.Count || !double.IsFinite(hazardRatios[i])) continue;
            var text = plot.Add.Text($"HR {hazardRatios[i].ToString("0.000", CultureInfo.InvariantCulture)}", x[i], z[i]);
            text.LabelFontColor = color;
            text.LabelFontSize = 13;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 6;
            text.OffsetY = -4;
        }
    }
}
