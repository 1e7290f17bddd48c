namespace Survival.Reconstruction;

/// <summary>One point read off a published survival curve: a time and the survival probability there (a proportion).</summary>
/// <param name="Time">The time, on the figure's time axis.</param>
/// <param name="Survival">The survival probability, 0 to 1.</param>
public readonly record struct CurvePoint(double Time, double Survival);
