namespace Survival.Regression;

/// <summary>What a Cox fit keeps for the computations that follow it (residuals, the proportional-hazards test,
/// predicted curves): the sorted rows, the columns estimated, β̂ and its model-based variance.</summary>
internal sealed record CoxModelState(CoxRiskSets Sets, int[] Kept, double[] Beta, double[,] Variance, CoxTies Ties,
    string[] Names, CovariateTerm[] Terms)
{
    /// <summary>The rows the model was fitted on, as given (R keeps <c>fit$y</c> and the model frame for
    /// <c>concordance(fit)</c>).</summary>
    public SurvivalData? Data { get; init; }

    /// <summary>η = xᵀβ̂ on the centred covariates, in the sorted order.</summary>
    public double[] LinearPredictors() => Sets.LinearPredictors(Kept, Beta);

    /// <summary>The baseline hazard quantities at β̂.</summary>
    public CoxEventTable EventTable(double[] eta) => new(Sets, Kept, eta, Ties);
}
