using Xunit;

namespace Survival.Digitizing.Tests;

/// <summary>The tracer on images drawn pixel by pixel, where every answer is known exactly.</summary>
public class TracingTests
{
    private static readonly RgbColor White = new(255, 255, 255), Red = new(214, 39, 40), Blue = new(31, 119, 180), Black = new(0, 0, 0);

    /// <summary>A 200 × 120 canvas: x pixel = time + 20 (time 0 at column 20, 1 pixel per unit), survival 1 at row 10 and 0
    /// at row 110 (100 rows per unit).</summary>
    private static RgbColor[] Canvas() => Enumerable.Repeat(White, 200 * 120).ToArray();

    private static DigitizeOptions Options(IReadOnlyList<RgbColor>? colors = null) => new(
        AxisCalibration.Create(20, 0, 120, 100), AxisCalibration.Create(110, 0, 10, 1), colors);

    /// <summary>A step curve two pixels thick from (0, 1): levels as rows (the row pair [r, r + 2) centred on r + 1), drops at
    /// the given columns.</summary>
    private static void Steps(RgbColor[] px, RgbColor color, (int FromColumn, int Row)[] levels, int endColumn)
    {
        for (int k = 0; k < levels.Length; k++)
        {
            int to = k + 1 < levels.Length ? levels[k + 1].FromColumn : endColumn;
            for (int x = levels[k].FromColumn; x < to; x++)
                for (int y = levels[k].Row; y < levels[k].Row + 2; y++) px[y * 200 + x] = color;
            if (k + 1 < levels.Length)
                for (int y = levels[k].Row; y < levels[k + 1].Row + 2; y++)
                    for (int x = to; x < to + 2; x++) px[y * 200 + x] = color;
        }
    }

    [Fact]
    public void A_clean_staircase_is_read_exactly()
    {
        var px = Canvas();
        // Axes in black: the tracer ignores them.
        for (int y = 0; y < 120; y++) px[y * 200 + 18] = Black;
        for (int x = 18; x < 200; x++) px[112 * 200 + x] = Black;
        // Survival 1 until time 20, 0.8 until 50, 0.5 until 90 (rows 9-10, 29-30, 59-60: centres 10, 30, 60).
        Steps(px, Red, [(20, 9), (40, 29), (70, 59)], 110);
        var figure = FigureDigitizer.Digitize(new PixelImage(200, 120, px), Options());
        var curve = Assert.Single(figure.Curves);
        Assert.Equal("#d62728", curve.Color.ToString());
        Assert.False(curve.Rising);
        Assert.Equal(2, curve.LineWidth, 6);
        var p = curve.Points;
        Assert.Equal(1, p[0].Value, 6);
        Assert.Equal(0.5, p[^1].Value, 6);
        // Drops at columns 40 and 70 (strokes 2 wide): times 20 and 50 to within a pixel; levels exact.
        var drops = p.Zip(p.Skip(1)).Where(q => q.First.Time == q.Second.Time && q.Second.Value < q.First.Value).ToArray();
        Assert.Equal(2, drops.Length);
        Assert.Equal([0.8, 0.5], drops.Select(d => Math.Round(d.Second.Value, 6)));
        Assert.All(drops.Zip(new[] { 20.0, 50.0 }), d => Assert.InRange(d.First.First.Time, d.Second, d.Second + 2));
        Assert.InRange(p[^1].Time, 88, 90);
    }

    [Fact]
    public void A_censoring_mark_is_not_a_drop_and_a_hidden_start_is_taken_from_the_covering_curve()
    {
        var px = Canvas();
        // Blue drawn first, red over it: both at 1 until time 20, where red drops to 0.7 and blue to 0.9.
        Steps(px, Blue, [(20, 9), (40, 19)], 130);
        Steps(px, Red, [(20, 9), (40, 39)], 110);
        // A '+' on the blue curve at time 70 (column 90), 9 pixels tall.
        for (int y = 15; y < 24; y++) px[y * 200 + 90] = Blue;
        var figure = FigureDigitizer.Digitize(new PixelImage(200, 120, px), Options([Blue, Red]));
        var blue = figure.Curves[0].Points;
        // Blue starts at 1 (hidden under red there), drops once to 0.9 near time 20, and the mark adds no drop.
        Assert.Equal(1, blue[0].Value, 6);
        Assert.InRange(blue[0].Time, -1, 1);
        Assert.Equal([0.9], blue.Zip(blue.Skip(1)).Where(q => q.Second.Value < q.First.Value - 1e-9).Select(q => Math.Round(q.Second.Value, 6)));
        Assert.InRange(blue[^1].Time, 108, 110);
    }

    /// <summary>ggplot2's default theme: a grey panel with white grid lines over and under the curve.</summary>
    [Fact]
    public void A_grey_panel_with_white_grid_lines_is_background()
    {
        var grey = new RgbColor(235, 235, 235);
        var px = Enumerable.Repeat(grey, 200 * 120).ToArray();
        for (int x = 0; x < 200; x += 25) for (int y = 0; y < 120; y++) px[y * 200 + x] = White;
        for (int y = 5; y < 120; y += 20) for (int x = 0; x < 200; x++) px[y * 200 + x] = White;
        Steps(px, Blue, [(20, 9), (40, 29), (70, 59)], 110);
        // A white grid line drawn over the curve, as some themes do.
        for (int y = 0; y < 120; y++) px[y * 200 + 55] = White;
        var figure = FigureDigitizer.Digitize(new PixelImage(200, 120, px), Options());
        Assert.Equal(grey, figure.Background);
        var p = Assert.Single(figure.Curves).Points;
        Assert.Equal("#1f77b4", figure.Curves[0].Color.ToString());
        Assert.Equal([0.8, 0.5], p.Zip(p.Skip(1)).Where(q => q.Second.Value < q.First.Value - 1e-9).Select(q => Math.Round(q.Second.Value, 6)));
        Assert.InRange(p[^1].Time, 88, 90);
    }

    [Fact]
    public void Bad_calibration_and_colours_are_refused()
    {
        var image = new PixelImage(200, 120, Canvas());
        Assert.Contains("coincide", Assert.Throws<SurvivalInputException>(() => AxisCalibration.Create(20, 0, 20, 100)).Message);
        Assert.Contains("same axis value", Assert.Throws<SurvivalInputException>(() => AxisCalibration.Create(20, 0, 40, 0)).Message);
        Assert.Contains("outside the image", Assert.Throws<SurvivalInputException>(() => FigureDigitizer.Digitize(image,
            new DigitizeOptions(AxisCalibration.Create(20, 0, 500, 100), AxisCalibration.Create(110, 0, 10, 1)))).Message);
        Assert.Contains("no coloured curve", Assert.Throws<SurvivalInputException>(() => FigureDigitizer.Digitize(image, Options())).Message);
        Assert.Contains("not found", Assert.Throws<SurvivalInputException>(() => FigureDigitizer.Digitize(image, Options([Red]))).Message);
        Assert.Contains("#rrggbb", Assert.Throws<SurvivalInputException>(() => RgbColor.Parse("red")).Message);
        Assert.Contains("does not exist", Assert.Throws<SurvivalInputException>(() => PixelImage.Load("/no/such/figure.png")).Message);
    }
}
