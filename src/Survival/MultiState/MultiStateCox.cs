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
    /// <summary>Fits the model to the objects an application holds (R <c>coxph(Surv(tstart, tstop, state) ~ x, id = id)</c>),
    /// in one pass: the multi-state rows and every covariate are read from the same row, so rows and covariates cannot
    /// fall out of line; a row with a missing value in any of them is left out as R's <c>na.omit</c> (reported on the
    /// fit, <see cref="CoxResult.Omitted"/>) or is an error under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Stop time.</param>
    /// <param name="state">The state entered at the stop, or a censoring label or null for no transition.</param>
    /// <param name="id">Subject id.</param>
    /// <param name="covariates">The covariates (<see cref="Covariate.Numeric{T}"/>, <see cref="Covariate.Categorical{T}"/>):
    /// each becomes one coefficient per transition.</param>
    /// <param name="entry">Optional start time.</param>
    /// <param name="initialState">Optional state the subject starts in (R <c>istate</c>).</param>
    /// <param name="states">Optional order of the entered states (R's factor levels).</param>
    /// <param name="censored">The labels meaning no transition; <see cref="MultiStateData.DefaultCensoringLabels"/> when null.</param>
    /// <param name="options">Cox options; null for R's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="MultiStateData.From{T}"/> and <see cref="Fit(MultiStateData, CovariateMatrix, CoxOptions?)"/>,
    /// the row named by its 1-based position among all the rows.</exception>
    /// <example><code>
    /// var fit = MultiStateCox.Fit(visits, v =&gt; v.Stop, v =&gt; v.State, v =&gt; v.PatientId,
    ///     [Covariate.Numeric&lt;Visit&gt;("age", v =&gt; v.Age)], entry: v =&gt; v.Start);
    /// </code></example>
    public static MultiStateCoxResult Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> state, Func<T, string?> id,
        IReadOnlyList<Covariate<T>> covariates, Func<T, double>? entry = null, Func<T, string?>? initialState = null,
        IReadOnlyList<string>? states = null, IReadOnlyList<string>? censored = null, CoxOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("name at least one covariate", column: "covariates");
        var collected = ObjectRows<T>.Collect(rows, MultiStateData.Checks(time, id, entry, initialState, null, null), covariates, missing);
        var data = MultiStateData.FromCollected(collected, time, state, id, entry, initialState, null, null, states, censored);
        CovariateMatrix x;
        try { x = collected.Covariates(covariates); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
        return Fit(data, x, options);
    }

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
            ValueList<string>.Of(data.States), ValueList<MultiStateTransition>.Of(transitions), data, covariates);
    }

    /// <summary>The predicted state probabilities of a covariate profile (R <c>survfit(fit, newdata)</c> for a
    /// multi-state coxph, its defaults <c>stype = 2</c> and <c>ctype</c> following the ties).</summary>
    /// <remarks>Each transition's hazard increment for the profile at time t is Σw(events) / D(t) · exp(xᵀβ), with the
    /// transition's own coefficients and D(t) from the rows at risk of that transition: with Breslow's ties (R
    /// <c>ctype = 1</c>) D = S₀ = Σ w·exp(xᵢᵀβ); with Efron's (R's default <c>ctype = 2</c> for an Efron fit) D is R's
    /// <c>coxsurv2</c> "Efron number at risk", the mean over k = 0…d−1 of S₀ − k·S_d/d² for d tied events whose risk
    /// weights sum to S_d (R survival 3.5's multi-state rule; it is not the single-state Efron hazard of
    /// <see cref="Regression.CoxPrediction"/>). At each time of the data
    /// the state probabilities are p(t) = p(t−)·exp(A(t)), with A the transition-rate matrix of that time's hazard
    /// increments (rows adding to zero), from the data's starting distribution p0. R computes no standard errors for
    /// these curves, and neither does this.</remarks>
    /// <param name="fit">A fit from <see cref="Fit"/>.</param>
    /// <param name="profile">A value for every covariate column of the fit.</param>
    /// <exception cref="SurvivalInputException">A covariate of the fit is missing from the profile, or the profile names one it does not have.</exception>
    public static MultiStatePrediction Predict(MultiStateCoxResult fit, IReadOnlyDictionary<string, double> profile)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(profile);
        var covariates = fit.Terms.Select(t => t.Covariate).Distinct().ToArray();
        foreach (var c in covariates)
            if (!profile.ContainsKey(c)) throw new SurvivalInputException($"the profile needs a value for {c}", column: c);
        foreach (var name in profile.Keys)
            if (!covariates.Contains(name)) throw new SurvivalInputException($"is not a covariate of the model ({string.Join(", ", covariates)})", column: "profile", value: name);
        var data = fit.Data;
        // One curve without groups: the starting distribution and time grid of R's survfitCI on the data.
        var noGroups = MultiStateData.Create(data.Rows.Time, data.EndState.ToArray().Select(k => k < 0 ? null : data.States[k]).ToArray(),
            data.Rows.Id?.Levels is { } levels ? data.Rows.Id.Codes.ToArray().Select(c => levels[c]).ToArray() : null,
            data.Rows.HasEntry ? data.Rows.Entry.ToArray() : null, data.FromState.ToArray().Select(k => data.States[k]).ToArray(),
            data.Rows.HasWeights ? data.Rows.Weight.ToArray() : null, states: data.States.ToArray(), censored: []);
        var grid = AalenJohansen.Fit(noGroups, new AalenJohansenOptions { TimeFix = fit.Fit.Options.TimeFix }).Curves[0];
        int s = data.States.Count, nt = fit.Transitions.Count;
        var stateIndex = data.States.Select((x, k) => (x, k)).ToDictionary(x => x.x, x => x.k, StringComparer.Ordinal);
        var times = grid.Steps.Select(x => x.Time).ToArray();
        var increments = new double[nt][];
        for (int t = 0; t < nt; t++) increments[t] = TransitionHazard(fit, t, profile, times, stateIndex);
        var probability = new ValueList<double>[times.Length];
        var hazards = new ValueList<double>[times.Length];
        var current = grid.Initial.ToArray();
        var previous = new double[nt];
        for (int i = 0; i < times.Length; i++)
        {
            var h = new double[nt];
            var a = new double[s, s];
            bool any = false;
            for (int t = 0; t < nt; t++)
            {
                double increment = increments[t][i];
                h[t] = previous[t] + increment;
                previous[t] = h[t];
                if (increment > 0)
                {
                    any = true;
                    int from = stateIndex[fit.Transitions[t].From], to = stateIndex[fit.Transitions[t].To];
                    a[from, to] += increment;
                    a[from, from] -= increment;
                }
            }
            if (any)
            {
                var e = MatrixExponential.Of(a);
                var next = new double[s];
                for (int b = 0; b < s; b++)
                    for (int k = 0; k < s; k++) next[b] += current[k] * e[k, b];
                current = next;
            }
            probability[i] = new ValueList<double>((double[])current.Clone());
            hazards[i] = new ValueList<double>(h);
        }
        return new MultiStatePrediction(new Dictionary<string, double>(profile, StringComparer.Ordinal), fit.States, fit.Transitions,
            new ValueList<double>(times), new ValueList<ValueList<double>>(probability), new ValueList<ValueList<double>>(hazards), grid.Initial);
    }

    // One transition's hazard increments for the profile at each time of the grid (R multihaz with coxsurv2's counts).
    private static double[] TransitionHazard(MultiStateCoxResult fit, int t, IReadOnlyDictionary<string, double> profile, double[] times,
        Dictionary<string, int> stateIndex)
    {
        var data = fit.Data;
        var rows = data.Rows;
        int from = stateIndex[fit.Transitions[t].From], to = stateIndex[fit.Transitions[t].To];
        var terms = Enumerable.Range(0, fit.Terms.Count).Where(k => fit.Terms[k].Transition == fit.Transitions[t]).ToArray();
        double Beta(int k) => fit.Fit.Coefficients[k].Estimate ?? 0;
        var members = Enumerable.Range(0, data.Count).Where(i => data.FromState[i] == from).ToArray();
        var names = fit.Covariates.Names.ToList();
        var lp = new double[members.Length];
        foreach (int k in terms)
        {
            var column = fit.Covariates.Column(names.IndexOf(fit.Terms[k].Covariate));
            for (int r = 0; r < members.Length; r++) lp[r] += column[members[r]] * Beta(k);
        }
        double centre = lp.Length == 0 ? 0 : lp.Average();
        double profileRisk = Math.Exp(terms.Sum(k => profile[fit.Terms[k].Covariate] * Beta(k)) - centre);
        var risk = lp.Select(x => Math.Exp(x - centre)).ToArray();
        bool efron = fit.Fit.Options.Ties == CoxTies.Efron;
        var result = new double[times.Length];
        for (int i = 0; i < times.Length; i++)
        {
            double time = times[i], s0 = 0, sd = 0, wd = 0;
            int d = 0;
            for (int r = 0; r < members.Length; r++)
            {
                int row = members[r];
                double start = rows.HasEntry ? rows.Entry[row] : double.NegativeInfinity, stop = rows.Time[row];
                if (!(start < time && stop >= time)) continue;
                double w = rows.WeightAt(row);
                s0 += w * risk[r];
                if (stop == time && data.EndState[row] == to) { d++; wd += w; sd += w * risk[r]; }
            }
            if (d == 0 || s0 <= 0) continue;
            double denominator = s0;
            if (efron && d > 1)
            {
                double meanWeight = sd / ((double)d * d);
                denominator = 0;
                for (int k = 0; k < d; k++) denominator += s0 - k * meanWeight;
                denominator /= d;
            }
            result[i] = wd / denominator * profileRisk;
        }
        return result;
    }
}
