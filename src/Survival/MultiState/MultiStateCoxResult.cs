using Survival.Regression;

namespace Survival.MultiState;

/// <summary>The result of <see cref="MultiStateCox.Fit"/>: the Cox fit on the data stacked by transition, with the
/// transition of each coefficient.</summary>
public sealed record MultiStateCoxResult
{
    internal MultiStateCoxResult(CoxResult fit, ValueList<MultiStateCoxTerm> terms, ValueList<string> states, ValueList<MultiStateTransition> transitions)
    {
        Fit = fit;
        Terms = terms;
        States = states;
        Transitions = transitions;
    }

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
