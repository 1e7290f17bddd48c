namespace Survival.Assessment;

/// <summary>An accuracy measure at one time with its standard error and Wald limits (clipped to [0, 1], as
/// riskRegression's <c>Score</c>).</summary>
/// <param name="Time">The evaluation time.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StdErr">Its standard error (sd of the influence function / √n).</param>
/// <param name="Lower">max(0, estimate − z·se).</param>
/// <param name="Upper">min(1, estimate + z·se).</param>
public sealed record TimedEstimate(double Time, double Estimate, double StdErr, double Lower, double Upper);
