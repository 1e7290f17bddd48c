namespace Survival.Comparison;

/// <summary>Options of <see cref="LogRankTest"/>; the defaults are R <c>survdiff</c>'s.</summary>
public sealed record LogRankOptions
{
    /// <summary>The default: the unweighted log-rank test with R's near-tie rule.</summary>
    public static LogRankOptions Default { get; } = new();

    /// <summary>The weight function. Default <see cref="LogRankWeighting.LogRank"/> (R <c>rho = 0</c>); a non-zero
    /// <see cref="Rho"/> or <see cref="Gamma"/> with it means <see cref="LogRankWeighting.FlemingHarrington"/>, as R's
    /// <c>survdiff(rho = 1)</c> does (<see cref="EffectiveWeighting"/>).</summary>
    public LogRankWeighting Weighting { get; init; } = LogRankWeighting.LogRank;

    /// <summary>ρ of <see cref="LogRankWeighting.FlemingHarrington"/> (R's <c>rho</c>), ≥ 0. Default 0. Setting it (or
    /// <see cref="Gamma"/>) without a weighting selects Fleming–Harrington; with another weighting it is an error.</summary>
    public double Rho { get; init; }

    /// <summary>γ of <see cref="LogRankWeighting.FlemingHarrington"/>, ≥ 0. Default 0 (R's survdiff has only ρ).</summary>
    public double Gamma { get; init; }

    /// <summary>The weighting the test uses: <see cref="Weighting"/>, or Fleming–Harrington when it is the default log-rank
    /// and ρ or γ is not zero (R <c>survdiff(rho = ρ)</c>).</summary>
    public LogRankWeighting EffectiveWeighting
        => Weighting == LogRankWeighting.LogRank && (Rho != 0 || Gamma != 0) ? LogRankWeighting.FlemingHarrington : Weighting;

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>, the default).</summary>
    public bool TimeFix { get; init; } = true;

    /// <summary>At most this many threads reduce the rows to per-time counts: 0 (the default) lets the library choose
    /// (all cores, at most 8, for 2^21 or more unweighted rows; one thread otherwise), 1 keeps the work on the calling
    /// thread (e.g. inside a server request or a caller's own parallel loop). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 0)
            throw new SurvivalInputException("the degree of parallelism must be 0 (the library's choice) or more", column: "MaxDegreeOfParallelism",
                value: MaxDegreeOfParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!Enum.IsDefined(Weighting)) throw new SurvivalInputException("unknown weighting", column: "Weighting", value: Weighting.ToString());
        if (!(Rho >= 0) || !double.IsFinite(Rho)) throw new SurvivalInputException("ρ must be finite and ≥ 0", column: "Rho", value: SurvivalData.Format(Rho));
        if (!(Gamma >= 0) || !double.IsFinite(Gamma)) throw new SurvivalInputException("γ must be finite and ≥ 0", column: "Gamma", value: SurvivalData.Format(Gamma));
        if ((Rho != 0 || Gamma != 0) && Weighting is not (LogRankWeighting.LogRank or LogRankWeighting.FlemingHarrington))
            throw new SurvivalInputException($"ρ and γ belong to the Fleming–Harrington weights; with {Weighting} weights they would be ignored",
                column: Rho != 0 ? "Rho" : "Gamma", value: SurvivalData.Format(Rho != 0 ? Rho : Gamma));
    }
}
