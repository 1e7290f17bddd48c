namespace Survival.Digitizing;

/// <summary>A point read off a figure, in the axes' units.</summary>
/// <param name="Time">On the time axis.</param>
/// <param name="Value">On the vertical axis, as calibrated (a proportion, a percentage, or a cumulative incidence).</param>
public readonly record struct DigitizedPoint(double Time, double Value);
