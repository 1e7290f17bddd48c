namespace Survival.Regression;

/// <summary>Options of <see cref="CoxRegression"/>; the defaults are R <c>coxph</c>'s (<c>coxph.control()</c>).</summary>
public sealed record CoxOptions
{
    /// <summary>The defaults.</summary>
    public static CoxOptions Default { get; } = new();

    /// <summary>Tie handling. Default <see cref="CoxTies.Efron"/> (R).</summary>
    public CoxTies Ties { get; init; } = CoxTies.Efron;

    /// <summary>Confidence level of the hazard-ratio limits. Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Newton–Raphson stops when |1 − ℓ_old/ℓ_new| ≤ this. Default 1e-9 (R <c>eps</c>).</summary>
    public double Epsilon { get; init; } = 1e-9;

    /// <summary>The most Newton–Raphson iterations. Default 20 (R <c>iter.max</c>).</summary>
    public int MaxIterations { get; init; } = 20;

    /// <summary>The robust (sandwich) variance: true asks for it, clustered by subject when the data name subjects
    /// (<see cref="SurvivalData.Id"/>; R <c>cluster(id)</c>, SAS <c>COVS(AGGREGATE)</c>) and each row its own cluster
    /// otherwise (R <c>robust = TRUE</c>); false refuses it; null (the default) follows R <c>coxph</c> with <c>id =</c>:
    /// robust when a subject has more than one event or a weight is not a whole number.</summary>
    public bool? Robust { get; init; }

    /// <summary>Whether near-equal times are merged as ties (R <c>timefix = TRUE</c>).</summary>
    public bool TimeFix { get; init; } = true;

    internal void Validate()
    {
        if (!Enum.IsDefined(Ties)) throw new SurvivalInputException("unknown tie method", column: "Ties", value: Ties.ToString());
        Survival.ConfidenceLevel.Check(ConfidenceLevel, "ConfidenceLevel");
        if (!(Epsilon > 0)) throw new SurvivalInputException("ε must be > 0", column: "Epsilon", value: SurvivalData.Format(Epsilon));
        if (MaxIterations < 1) throw new SurvivalInputException("at least one iteration is needed", column: "MaxIterations", value: MaxIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
