namespace Survival.Assessment;

/// <summary>The calibration slope with its model-based standard error and Wald limits.</summary>
/// <param name="Estimate">The coefficient of log(−log(1 − p)).</param>
/// <param name="StdErr">Its standard error (the Cox model's, or the Fine–Gray model's robust one).</param>
/// <param name="Lower">estimate − z·se.</param>
/// <param name="Upper">estimate + z·se.</param>
public sealed record CalibrationSlope(double Estimate, double StdErr, double Lower, double Upper);
