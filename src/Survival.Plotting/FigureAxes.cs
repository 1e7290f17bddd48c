namespace Survival.Plotting;

/// <summary>Where two values of each axis fell in a saved figure, in pixels from its top-left corner (pixel i covering
/// [i, i + 1)): the calibration a digitiser needs to read the figure back.</summary>
/// <param name="TimePixel1">The column of <paramref name="Time1"/>.</param>
/// <param name="Time1">A time on the axis (0).</param>
/// <param name="TimePixel2">The column of <paramref name="Time2"/>.</param>
/// <param name="Time2">A later time on the axis (the last tick).</param>
/// <param name="ValuePixel1">The row of <paramref name="Value1"/>.</param>
/// <param name="Value1">A vertical value (0).</param>
/// <param name="ValuePixel2">The row of <paramref name="Value2"/>.</param>
/// <param name="Value2">Another vertical value (1).</param>
public sealed record FigureAxes(double TimePixel1, double Time1, double TimePixel2, double Time2,
    double ValuePixel1, double Value1, double ValuePixel2, double Value2);
