using Survival.Regression;

namespace Survival.MultiState;

/// <summary>
/// The multi-state Cox model as R's <c>coxph(Surv(tstart, tstop, state) ~ x, id = id)</c> fits it with the default
/// transition structure: each covariate has its own coefficient on each transition, each transition its own baseline
/// hazard, ties by Efron's rule and a robust variance clustered by subject.
/// </summary>
/// <remarks>
/// <para>The model is the Cox model on the data stacked by transition (Therneau, "Multi-state models and competing
/// risks", survival vignette; Putter, Fiocco &amp; Geskus 2007): a row in which the subject is in state a appears once
/// for each transition a → b seen in the data, as a row of stratum "a → b" that ends in an event when the subject
/// entered b there; covariate x of transition a → b is x on that transition's rows and 0 elsewhere. Rows in a state
/// with no transitions out are not at risk of anything and are left out. The partial likelihood is the product of the
/// transitions' partial likelihoods, and the robust (sandwich) variance sums each subject's score residuals over all
/// its stacked rows, as R's <c>coxph</c> does for multi-state data.</para>
/// </remarks>
public static class MultiStateCox
{
    /// <summary>Fits the model.</summary>
    /// <param name="data">Multi-state rows.</param>
    /// <param name="covariates">The covariate columns (numeric, or categorical already coded), one value per row of
    /// <paramref name="data"/>; each column becomes one coefficient per transition.</param>
    /// <param name="options">Cox options; null for R's defaults (Efron ties; the robust variance is on unless
    /// <see cref="CoxOptions.Robust"/> is false, as R turns it on for multi-state data).</param>
    /// <exception cref="SurvivalInputException">No covariates, a size mismatch, or no transition in the data.</exception>
    public static MultiStateCoxResult Fit(MultiStateData data, CovariateMatrix covariates, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("the multi-state Cox model needs at least one covariate");
        if (covariates.Rows != data.Count)
            throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data have {data.Count}");
        if (data.Transitions.Count == 0) throw new SurvivalInputException("the multi-state Cox model needs at least one transition", input: DataColumn.State);
        options ??= CoxOptions.Default;
        if (options.Robust is null) options = options with { Robust = true };

        var rows = data.Rows;
        var from = data.FromState;
        var end = data.EndState;
        var transitions = data.Transitions;
        var stateIndex = data.States.Select((s, k) => (s, k)).ToDictionary(x => x.s, x => x.k, StringComparer.Ordinal);
        var stacked = new List<(int Row, int Transition)>();
        for (int i = 0; i < data.Count; i++)
            for (int t = 0; t < transitions.Count; t++)
                if (stateIndex[transitions[t].From] == from[i]) stacked.Add((i, t));
        int m = stacked.Count;
        var time = new double[m];
        var status = new bool[m];
        var entry = rows.HasEntry ? new double[m] : null;
        var weight = rows.HasWeights ? new double[m] : null;
        var strata = new int[m];
        var id = new int[m];
        for (int r = 0; r < m; r++)
        {
            var (i, t) = stacked[r];
            time[r] = rows.Time[i];
            if (entry is not null) entry[r] = rows.Entry[i];
            if (weight is not null) weight[r] = rows.Weight[i];
            status[r] = end[i] == stateIndex[transitions[t].To];
            strata[r] = t;
            id[r] = data.SubjectIndex[i];
        }
        var idLevels = rows.Id?.Levels ?? Enumerable.Range(1, data.SubjectCount).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var survival = SurvivalData.FromFactors(time, status, group: null,
            strata: Factor.FromCodes(strata, transitions.Select(t => t.Label).ToArray(), "transition"), entry, weight,
            Factor.FromCodes(id, idLevels, "id"));

        // Columns by transition, then covariate, as R's cmap numbers the coefficients.
        var x = new CovariateMatrix(m);
        var terms = new List<MultiStateCoxTerm>();
        for (int t = 0; t < transitions.Count; t++)
            for (int j = 0; j < covariates.Count; j++)
            {
                string name = covariates.Names[j];
                var column = covariates.Column(j);
                var values = new double[m];
                for (int r = 0; r < m; r++) if (stacked[r].Transition == t) values[r] = column[stacked[r].Row];
                string rName = $"{name}_{stateIndex[transitions[t].From] + 1}:{stateIndex[transitions[t].To] + 1}";
                x.AddNumeric(rName, values);
                terms.Add(new MultiStateCoxTerm(rName, name, transitions[t]));
            }
        var fit = CoxRegression.Fit(survival, x, options);
        return new MultiStateCoxResult(fit with { Omitted = rows.Omitted }, new ValueList<MultiStateCoxTerm>(terms.ToArray()),
            ValueList<string>.Of(data.States), ValueList<MultiStateTransition>.Of(transitions));
    }
}
