namespace Survival.Digitizing;

/// <summary>How to read a figure: the axis calibrations, and optionally which colours are curves and their names.</summary>
/// <param name="X">The time axis: two pixel columns and the times drawn there.</param>
/// <param name="Y">The vertical axis: two pixel rows and the values drawn there (0 and 1, or 0 and 100).</param>
/// <param name="Colors">The curves' colours; null to take every distinct saturated colour in the plot area.</param>
/// <param name="Names">A name for each colour, in the order of <paramref name="Colors"/>; null to name curves by colour.</param>
public sealed record DigitizeOptions(AxisCalibration X, AxisCalibration Y, IReadOnlyList<RgbColor>? Colors = null, IReadOnlyList<string>? Names = null);
