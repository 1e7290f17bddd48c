namespace Survival.Comparison;

/// <summary>Options of <see cref="LogRankTest"/>; the defaults are R <c>survdiff</c>'s.</summary>
public sealed record LogRankOptions
{
    /// <summary>The default: the unweighted log-rank test with R's near-tie rule.</summary>
    public static LogRankOptions Default { get; } = new();

    /// <summary>The weight function. Default <see cref="LogRankWeighting.LogRank"/> (R <c>rho = 0</c>).</summary>
    public LogRankWeighting Weighting { get; init; } = LogRankWeighting.LogRank;

    /// <summary>ρ of <see cref="LogRankWeighting.FlemingHarrington"/> (R's <c>rho</c>), ≥ 0. Default 0.</summary>
    public double Rho { get; init; }

    /// <summary>γ of <see cref="LogRankWeighting.FlemingHarrington"/>, ≥ 0. Default 0 (R's survdiff has only ρ).</summary>
    public double Gamma { get; init; }

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>, the default).</summary>
    public bool TimeFix { get; init; } = true;

    internal void Validate()
    {
        if (!Enum.IsDefined(Weighting)) throw new SurvivalInputException("unknown weighting", column: "Weighting", value: Weighting.ToString());
        if (!(Rho >= 0) || !double.IsFinite(Rho)) throw new SurvivalInputException("ρ must be finite and ≥ 0", column: "Rho", value: SurvivalData.Format(Rho));
        if (!(Gamma >= 0) || !double.IsFinite(Gamma)) throw new SurvivalInputException("γ must be finite and ≥ 0", column: "Gamma", value: SurvivalData.Format(Gamma));
    }
}
