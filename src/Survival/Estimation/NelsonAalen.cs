namespace Survival.Estimation;

/// <summary>
/// The Nelson–Aalen estimator of the cumulative hazard, H(t) = Σ_{t_j ≤ t} d_j / n_j, with the variance
/// Σ d_j / n_j² (R <c>survfit</c>'s <c>cumhaz</c> and <c>std.chaz</c>, <c>ctype = 1</c>). It is computed alongside each
/// Kaplan–Meier curve, in the same pass (<see cref="KaplanMeier"/>), and read from
/// <see cref="SurvivalStep.CumulativeHazard"/> and <see cref="SurvivalStep.CumulativeHazardStdErr"/>; the robust
/// variance replaces the latter as <see cref="KaplanMeierVariance.Robust"/> describes.
/// </summary>
/// <remarks>References: Nelson (1972), Technometrics 14:945–966; Aalen (1978), Annals of Statistics 6:701–726;
/// Therneau &amp; Grambsch (2000) §2.1.</remarks>
public static class NelsonAalen
{
    /// <summary>The hazard increment at a time with <paramref name="events"/> (weighted) events among
    /// <paramref name="atRisk"/> at risk: d/n.</summary>
    public static double Increment(double events, double atRisk) => events / atRisk;

    /// <summary>The variance increment of the cumulative hazard at that time: d/n².</summary>
    public static double VarianceIncrement(double events, double atRisk) => events / (atRisk * atRisk);
}
