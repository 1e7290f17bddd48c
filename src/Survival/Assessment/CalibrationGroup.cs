namespace Survival.Assessment;

/// <summary>One risk group of a calibration table.</summary>
/// <param name="Predicted">The mean predicted risk of the group's rows.</param>
/// <param name="Observed">The observed risk: 1 − Kaplan–Meier (or the Aalen–Johansen cumulative incidence of the cause)
/// of the group's rows at the time.</param>
/// <param name="Lower">Its lower limit (1 − the upper limit of S on R's default log scale; the incidence's own limits).</param>
/// <param name="Upper">Its upper limit.</param>
/// <param name="N">Rows in the group.</param>
/// <param name="LowestRisk">The smallest predicted risk in the group.</param>
/// <param name="HighestRisk">The largest predicted risk in the group.</param>
public sealed record CalibrationGroup(double Predicted, double Observed, double? Lower, double? Upper, int N, double LowestRisk, double HighestRisk);
