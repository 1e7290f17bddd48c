using Survival.Regression;

namespace Survival.MultiState;

/// <summary>The result of <see cref="MultiStateCox.Fit"/>: the Cox fit on the data stacked by transition, with the
/// transition of each coefficient.</summary>
public sealed record MultiStateCoxResult
{
    internal MultiStateCoxResult(CoxResult fit, ValueList<MultiStateCoxTerm> terms, ValueList<string> states, ValueList<MultiStateTransition> transitions, MultiStateData data, CovariateMatrix covariates)
    {
        Fit = fit;
        Terms = terms;
        States = states;
        Transitions = transitions;
        Data = data;
        Covariates = covariates;
    }

    /// <summary>The covariate columns, one value per row of <see cref="Data"/>.</summary>
    internal CovariateMatrix Covariates { get; }

    /// <summary>The data the model was fitted to (for predictions: their time grid and starting distribution).</summary>
    internal MultiStateData Data { get; }

    /// <summary>The fit: coefficients in the order of <see cref="Terms"/>, one stratum per transition (named by its
    /// label), robust variance by subject.</summary>
    public CoxResult Fit { get; }

    /// <summary>The covariate and transition of each coefficient.</summary>
    public ValueList<MultiStateCoxTerm> Terms { get; }

    /// <summary>The states, in R's order.</summary>
    public ValueList<string> States { get; }

    /// <summary>The transitions modelled (one stratum each).</summary>
    public ValueList<MultiStateTransition> Transitions { get; }

    /// <summary>R's print of a multi-state coxph: the coefficient table with R's names, then the tests.</summary>
    public override string ToString() => Fit.ToString();
}
