namespace Survival.Digitizing;

/// <summary>The curves read off one figure (<see cref="FigureDigitizer"/>).</summary>
/// <param name="Curves">One traced curve per colour, in the order of the colours given (or found).</param>
/// <param name="Background">The plot area's background colour (its most frequent colour).</param>
/// <param name="Options">The calibration and colours used.</param>
public sealed record DigitizedFigure(ValueList<TracedCurve> Curves, RgbColor Background, DigitizeOptions Options);
