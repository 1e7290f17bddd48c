namespace Survival.Reconstruction;

/// <summary>One time of a published numbers-at-risk table, with the number the reconstructed patients leave at risk.</summary>
/// <param name="Time">The table's time.</param>
/// <param name="Published">The printed number at risk.</param>
/// <param name="Reconstructed">The reconstructed patients with a time ≥ <paramref name="Time"/> (R's <c>n.risk</c>).</param>
public readonly record struct AtRiskComparison(double Time, int Published, int Reconstructed);
