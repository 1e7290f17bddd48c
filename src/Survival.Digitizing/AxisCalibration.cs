using System.Globalization;

namespace Survival.Digitizing;

/// <summary>One axis of a figure: two pixel positions and the axis values drawn there, the calibration a digitiser asks
/// for. Pixels count from the image's top-left corner; pixel i covers [i, i + 1), so its centre is at i + 0.5 (R's
/// <c>grconvertX(…, "device")</c> and ScottPlot's pixel units).</summary>
/// <remarks>The axis is linear: value = Value1 + (pixel − Pixel1)(Value2 − Value1)/(Pixel2 − Pixel1).</remarks>
public sealed record AxisCalibration
{
    private AxisCalibration(double pixel1, double value1, double pixel2, double value2)
    {
        Pixel1 = pixel1;
        Value1 = value1;
        Pixel2 = pixel2;
        Value2 = value2;
    }

    /// <summary>The first pixel position.</summary>
    public double Pixel1 { get; }

    /// <summary>The axis value at <see cref="Pixel1"/>.</summary>
    public double Value1 { get; }

    /// <summary>The second pixel position.</summary>
    public double Pixel2 { get; }

    /// <summary>The axis value at <see cref="Pixel2"/>.</summary>
    public double Value2 { get; }

    /// <summary>Validates a calibration.</summary>
    /// <param name="pixel1">First pixel position (≥ 0).</param>
    /// <param name="value1">Its axis value.</param>
    /// <param name="pixel2">Second pixel position, not the first.</param>
    /// <param name="value2">Its axis value, not the first.</param>
    /// <param name="name">The option or axis named in errors (e.g. <c>--x-calibration</c>).</param>
    /// <exception cref="SurvivalInputException">A value is not finite or negative, or the two points coincide.</exception>
    public static AxisCalibration Create(double pixel1, double value1, double pixel2, double value2, string name = "calibration")
    {
        foreach (var (v, what) in new[] { (pixel1, "pixel"), (value1, "value"), (pixel2, "pixel"), (value2, "value") })
            if (!double.IsFinite(v)) throw new SurvivalInputException($"a calibration {what} must be a finite number", column: name, value: Text(v));
        if (pixel1 < 0 || pixel2 < 0) throw new SurvivalInputException("a pixel position must be ≥ 0 (counted from the image's top-left)", column: name, value: Text(Math.Min(pixel1, pixel2)));
        if (pixel1 == pixel2) throw new SurvivalInputException("the two calibration points coincide: give two different pixel positions", column: name, value: Text(pixel1));
        if (value1 == value2) throw new SurvivalInputException("the two calibration points have the same axis value: give two different values", column: name, value: Text(value1));
        return new AxisCalibration(pixel1, value1, pixel2, value2);
    }

    /// <summary>Parses <c>PX1=V1,PX2=V2</c> (the CLI's form).</summary>
    /// <param name="text">Two <c>pixel=value</c> pairs separated by a comma.</param>
    /// <param name="name">The option named in errors.</param>
    /// <exception cref="SurvivalInputException">The text is not two pairs of numbers, or <see cref="Create"/> refuses them.</exception>
    public static AxisCalibration Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = text.Split(',', StringSplitOptions.TrimEntries);
        if (pairs.Length != 2) throw new SurvivalInputException("give two points as PIXEL=VALUE,PIXEL=VALUE", column: name, value: text);
        var parsed = pairs.Select(p =>
        {
            var parts = p.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double pixel)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new SurvivalInputException("each point must be PIXEL=VALUE, both numbers", column: name, value: p);
            return (pixel, value);
        }).ToArray();
        return Create(parsed[0].pixel, parsed[0].value, parsed[1].pixel, parsed[1].value, name);
    }

    /// <summary>The axis value at a pixel position.</summary>
    /// <param name="pixel">A position in pixels (centre of pixel i: i + 0.5).</param>
    public double ToValue(double pixel) => Value1 + (pixel - Pixel1) * (Value2 - Value1) / (Pixel2 - Pixel1);

    /// <summary>The pixel position of an axis value.</summary>
    /// <param name="value">An axis value.</param>
    public double ToPixel(double value) => Pixel1 + (value - Value1) * (Pixel2 - Pixel1) / (Value2 - Value1);

    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
