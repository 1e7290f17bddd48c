using Survival.Reconstruction;

namespace Survival.Digitizing;

/// <summary>One step curve traced off a figure: the corners of its steps in axis units.</summary>
/// <param name="Group">The curve's name (given, or its colour).</param>
/// <param name="Color">The colour traced.</param>
/// <param name="Points">The start, both corners of every drop, and the end, in time order.</param>
/// <param name="Rising">True when the curve rises (a cumulative incidence), false when it falls (survival).</param>
/// <param name="LineWidth">The line width measured, in pixels.</param>
public sealed record TracedCurve(string Group, RgbColor Color, ValueList<DigitizedPoint> Points, bool Rising, double LineWidth)
{
    /// <summary>The points as input to <see cref="GuyotReconstruction"/>: the scale is percent when the vertical
    /// calibration's values exceed 1.5, and a rising curve is read as a cumulative incidence.</summary>
    /// <param name="y">The vertical calibration the curve was traced with.</param>
    public DigitizedCurve ToDigitizedCurve(AxisCalibration y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var scale = Math.Max(Math.Abs(y.Value1), Math.Abs(y.Value2)) > 1.5 ? CurveScale.Percent : CurveScale.Proportion;
        return DigitizedCurve.Create(Points.Select(p => Math.Max(0, p.Time)).ToArray(), Points.Select(p => p.Value).ToArray(), Group, scale,
            Rising ? CurveKind.CumulativeIncidence : CurveKind.Survival);
    }
}
