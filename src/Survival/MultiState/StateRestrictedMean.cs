namespace Survival.MultiState;

/// <summary>The restricted mean time spent in one state up to a horizon (R <c>print(fit, rmean = h)</c>'s
/// <c>rmean</c> and <c>se(rmean)</c>).</summary>
/// <param name="State">The state.</param>
/// <param name="Estimate">∫₀ʰ p(t) dt: the area under the state's probability curve.</param>
/// <param name="StdErr">Its infinitesimal-jackknife standard error: √Σᵢ (wᵢ ∫₀ʰ Uᵢ(t) dt)², with Uᵢ the influence of
/// subject i on the probability.</param>
/// <param name="Horizon">The horizon h.</param>
public sealed record StateRestrictedMean(string State, double Estimate, double StdErr, double Horizon);
