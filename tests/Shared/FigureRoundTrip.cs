using Survival.Digitizing;
using Survival.Estimation;
using Survival.Plotting;
using Survival.Reconstruction;

namespace Survival.Tests.Shared;

/// <summary>A figure's round trip: patients the test knows are drawn by this library, the PNG is read back with
/// <see cref="FigureDigitizer"/> (colours found, not given), and the patients are rebuilt with the at-risk table printed
/// under the figure. Shared by the tests and the <c>reconstruct-accuracy</c> harness.</summary>
internal static class FigureRoundTrip
{
    /// <param name="data">The patients to draw.</param>
    /// <param name="png">Where to save the figure.</param>
    /// <param name="width">Its width in pixels.</param>
    /// <param name="height">Its height in pixels.</param>
    /// <param name="jpegQuality">When given, the figure is re-encoded as a JPEG of this quality (beside the PNG) and the
    /// JPEG is read instead.</param>
    public static (ReconstructionResult Result, ReconstructionScore.Result Score, DigitizedFigure Figure) Run(SurvivalData data, string png,
        int width = 800, int height = 600, int? jpegQuality = null)
    {
        var fit = KaplanMeier.Fit(data);
        var options = new KaplanMeierPlotOptions { Width = width, Height = height };
        var axes = KaplanMeierPlot.SaveWithAxes(fit, png, options);
        var digitize = new DigitizeOptions(
            AxisCalibration.Create(axes.TimePixel1, axes.Time1, axes.TimePixel2, axes.Time2),
            AxisCalibration.Create(axes.ValuePixel1, axes.Value1, axes.ValuePixel2, axes.Value2));
        string image = png;
        if (jpegQuality is int quality)
        {
            image = Path.ChangeExtension(png, ".jpg");
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            using var file = File.Create(image);
            bitmap.Encode(file, SkiaSharp.SKEncodedImageFormat.Jpeg, quality);
        }
        var figure = FigureDigitizer.Digitize(image, digitize);
        // The table printed under the figure: the number at risk at each x tick, as the figure shows it.
        var ticks = KaplanMeierPlot.Frame(null, null, fit.Curves.SelectMany(c => c.Steps).Select(s => s.Time), 0).Ticks;
        var colors = KaplanMeierPlot.CurveColors(fit.Curves.Count);
        var arms = figure.Curves.Select(traced =>
        {
            // The drawn colour nearest the one found (a JPEG shifts colours; the PNG's are found exactly).
            var found = traced.Color;
            int i = Enumerable.Range(0, colors.Length).MinBy(k =>
            {
                var c = RgbColor.Parse(colors[k]);
                return Math.Pow(c.R - found.R, 2) + Math.Pow(c.G - found.G, 2) + Math.Pow(c.B - found.B, 2);
            });
            var curve = fit.Curves[i];
            var points = traced.ToDigitizedCurve(digitize.Y);
            return new ArmEvidence(DigitizedCurve.Create(points.Points.Select(p => p.Time).ToArray(), points.Points.Select(p => p.Survival).ToArray(), curve.Label),
                AtRiskTable.FromCurve(curve, ticks));
        }).ToArray();
        var result = GuyotReconstruction.Reconstruct(arms);
        return (result, ReconstructionScore.Compare(data, result.ToSurvivalData(), 0.03), figure);
    }
}
