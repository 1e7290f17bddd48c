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

    /// <summary>R's print of a multi-state coxph: one coefficient table per transition (named by state numbers), the
    /// states, the likelihood-ratio test, and n (the rows of the data, not of the stacked data) and the transitions.</summary>
    public override string ToString()
    {
        var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var index = States.Select((s, k) => (s, k)).ToDictionary(x => x.s, x => x.k + 1, StringComparer.Ordinal);
        foreach (var transition in Transitions)
        {
            w.WriteLine($"{index[transition.From]}:{index[transition.To]} ({transition.Label})");
            var rows = new List<IReadOnlyList<string>>();
            for (int k = 0; k < Terms.Count; k++)
            {
                if (Terms[k].Transition != transition) continue;
                var c = Fit.Coefficients[k];
                rows.Add([Terms[k].Covariate, Printing.RFormat.Number(c.Estimate), Printing.RFormat.Number(c.HazardRatio), Printing.RFormat.Number(c.StdErr),
                    Printing.RFormat.Number(c.RobustStdErr), Printing.RFormat.Number(c.Z, 4), c.PValue is double p ? Printing.RFormat.PValue(p) : "NA"]);
            }
            Printing.RFormat.Table(w, ["", "coef", "exp(coef)", "se(coef)", "robust se", "z", "p"], rows);
            w.WriteLine();
        }
        w.WriteLine(" States:  " + string.Join(", ", States.Select((s, k) => $"{k + 1}= {s}")));
        w.WriteLine();
        w.WriteLine($"Likelihood ratio test={Printing.RFormat.Number(Fit.LikelihoodRatio.ChiSquare, 4)}  on {Fit.LikelihoodRatio.DegreesOfFreedom} df, p={Printing.RFormat.PValue(Fit.LikelihoodRatio.PValue)}");
        w.WriteLine($"n= {Data.Count}, number of events= {Transitions.Sum(t => t.Events)}");
        if (Fit.Omitted.Count > 0) w.WriteLine($"   ({Fit.Omitted})");
        Printing.RFormat.Warnings(w, Fit.Warnings);
        return w.ToString();
    }
}
