namespace Survival.Assessment;

/// <summary>The calibration table and slope at one time.</summary>
/// <param name="Time">The time.</param>
/// <param name="Groups">The risk groups, from the lowest predicted risk up.</param>
/// <param name="Slope">The calibration slope: the coefficient of log(−log(1 − p)) in a Cox model (a Fine–Gray model for
/// a cause) on the assessed data, 1 for a well-calibrated spread of risks (below 1: predictions too extreme); null when a
/// risk is 0 or 1 (the transform is infinite) or the fit fails.</param>
public sealed record CalibrationAtTime(double Time, IReadOnlyList<CalibrationGroup> Groups, CalibrationSlope? Slope);
