namespace Survival.Estimation;

/// <summary>The variance of a Kaplan–Meier curve (and of its Nelson–Aalen cumulative hazard): R <c>survfit</c>'s <c>robust =</c>.</summary>
public enum KaplanMeierVariance
{
    /// <summary>
    /// R's default (<c>robust = NULL</c>): <see cref="Robust"/> when any case weight is not a whole number, or when an id
    /// (cluster) column is given and an id has more than one event; <see cref="Greenwood"/> otherwise. Counts without rows
    /// (<see cref="KaplanMeier.Fit(SurvivalCounts, KaplanMeierOptions?)"/>) cannot give the robust variance and use Greenwood.
    /// </summary>
    Auto,

    /// <summary>Greenwood's formula for S (and Σ d/n² for the cumulative hazard): R <c>robust = FALSE</c>.</summary>
    Greenwood,

    /// <summary>
    /// The infinitesimal-jackknife (robust, sandwich) variance: the sum over clusters (rows, or the id column's subjects) of
    /// the squared weighted influence of the cluster on S(t) and H(t): R <c>robust = TRUE</c>. Needs rows.
    /// </summary>
    Robust,
}
