namespace Survival.Comparison;

/// <summary>The weight w_j given to the j-th distinct event time in a weighted log-rank test.</summary>
/// <remarks>
/// n_j is the number at risk, Ŝ the pooled Kaplan–Meier estimate and S̃(t) = Π_{t_i ≤ t} (1 − d_i/(n_i + 1)),
/// all within the stratum (definitions of SAS PROC LIFETEST, <c>TEST=</c>, and survminer's <c>surv_pvalue</c>):
/// <list type="bullet">
/// <item><see cref="LogRank"/>: w = 1 (R <c>survdiff(rho = 0)</c>, the default).</item>
/// <item><see cref="FlemingHarrington"/>: w = Ŝ(t_j−)^ρ (1 − Ŝ(t_j−))^γ; with γ = 0 this is R's <c>survdiff(rho = ρ)</c>
/// (ρ = 1 is the Peto–Peto modification of the Gehan–Wilcoxon test as R names it).</item>
/// <item><see cref="GehanBreslow"/>: w = n_j (generalised Wilcoxon).</item>
/// <item><see cref="TaroneWare"/>: w = √n_j.</item>
/// <item><see cref="PetoPeto"/>: w = S̃(t_j).</item>
/// <item><see cref="ModifiedPeto"/>: w = S̃(t_j) n_j / (n_j + 1).</item>
/// </list>
/// Reference: Klein &amp; Moeschberger (2003) §7.3; SAS/STAT User's Guide, PROC LIFETEST "Rank Tests for the Association".
/// </remarks>
public enum LogRankWeighting
{
    /// <summary>Equal weights: the log-rank (Mantel–Haenszel) test.</summary>
    LogRank,

    /// <summary>Gehan–Breslow generalised Wilcoxon: w = n.</summary>
    GehanBreslow,

    /// <summary>Tarone–Ware: w = √n.</summary>
    TaroneWare,

    /// <summary>Peto–Peto: w = S̃(t).</summary>
    PetoPeto,

    /// <summary>Modified Peto–Peto (Andersen): w = S̃(t)·n/(n + 1).</summary>
    ModifiedPeto,

    /// <summary>Fleming–Harrington G(ρ, γ): w = Ŝ(t−)^ρ (1 − Ŝ(t−))^γ.</summary>
    FlemingHarrington,
}
