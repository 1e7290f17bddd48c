namespace Survival.Regression;

/// <summary>The residuals of a Cox fit, as R's <c>residuals.coxph</c> computes them (same types, orders and weighting),
/// and its linear predictors and risk scores (<c>predict(type = "lp" | "risk")</c>).</summary>
/// <remarks>
/// <para>With the baseline hazard dΛ₀ of the fit (Breslow's, or Efron's when ties are handled by Efron's method, where a
/// tied death experiences only its share of its own time's increment), rᵢ = e^ηᵢ and x̄ the risk-set mean:</para>
/// <list type="bullet">
/// <item>martingale Mᵢ = δᵢ − rᵢ ∫ Yᵢ(t) dΛ₀(t) (unweighted, as R);</item>
/// <item>deviance sign(Mᵢ) √(−2 [Mᵢ + δᵢ log(δᵢ − Mᵢ)]);</item>
/// <item>score Lᵢ = δᵢ (xᵢ − x̄(tᵢ)) − rᵢ ∫ Yᵢ(t) (xᵢ − x̄(t)) dΛ₀(t), one row per input row;</item>
/// <item>Schoenfeld xᵢ − x̄(tᵢ) at each event, in R's order (strata, then time, then input order);</item>
/// <item>scaled Schoenfeld: the Schoenfeld row times V·(number of events), plus β̂ (R's <c>"scaledsch"</c>);</item>
/// <item>dfbeta: the score row times V, times the case weight (R's default <c>weighted = TRUE</c>); dfbetas divides
/// column j by √Vⱼⱼ.</item>
/// </list>
/// <para>V is the model-based variance (R's <c>naive.var</c> when the fit is robust). Every pass is linear after the fit's
/// sort. Columns of coefficients that are not estimable (NA in R) are left out of the matrices. References: Therneau,
/// Grambsch &amp; Fleming (1990); Therneau &amp; Grambsch (2000), ch. 4 and 6; R survival <c>residuals.coxph</c>.</para>
/// </remarks>
public static class CoxResiduals
{
    /// <summary>Martingale residuals, one per row used by the fit, in input order (R: <c>residuals(fit)</c>).</summary>
    /// <param name="fit">The fit.</param>
    public static IReadOnlyList<double> Martingale(CoxResult fit)
    {
        var state = State(fit);
        var eta = state.LinearPredictors();
        return ToInputOrder(state.Sets, Martingale(state, eta, state.EventTable(eta)));
    }

    /// <summary>Deviance residuals, one per row, in input order (R: <c>residuals(fit, "deviance")</c>).</summary>
    /// <param name="fit">The fit.</param>
    public static IReadOnlyList<double> Deviance(CoxResult fit)
    {
        var state = State(fit);
        var m = Martingale(fit);
        var result = new double[m.Count];
        for (int s = 0; s < state.Sets.Count; s++)
        {
            int r = state.Sets.Order[s];
            double d = state.Sets.Status[s] ? 1 : 0, mi = m[r];
            double inner = d > 0 ? mi + d * Math.Log(d - mi) : mi;
            result[r] = Math.Sign(mi) * Math.Sqrt(-2 * inner);
        }
        return result;
    }

    /// <summary>Score residuals, one row per input row (columns: the estimable coefficients).</summary>
    /// <param name="fit">The fit.</param>
    public static ResidualMatrix Score(CoxResult fit)
    {
        var state = State(fit);
        var eta = state.LinearPredictors();
        var score = ScoreSorted(state, eta, state.EventTable(eta));
        return Rows(state, score, ToInputRows(state.Sets, score, state.Kept.Length));
    }

    /// <summary>dfbeta: the approximate change in each coefficient when the row is left out (score × V × weight).</summary>
    /// <param name="fit">The fit.</param>
    public static ResidualMatrix DfBeta(CoxResult fit) => DfBeta(fit, scaled: false);

    /// <summary>dfbetas: dfbeta with column j divided by the coefficient's model-based standard error.</summary>
    /// <param name="fit">The fit.</param>
    public static ResidualMatrix DfBetas(CoxResult fit) => DfBeta(fit, scaled: true);

    /// <summary>Schoenfeld residuals, one row per event in R's order (by stratum, then time, then input order), with the
    /// event's time and stratum.</summary>
    /// <param name="fit">The fit.</param>
    public static ResidualMatrix Schoenfeld(CoxResult fit) => Schoenfeld(fit, scaled: false);

    /// <summary>Scaled Schoenfeld residuals: Schoenfeld × V × (number of events) + β̂ (R's <c>"scaledsch"</c>), whose
    /// smoothed plot against time estimates β(t).</summary>
    /// <param name="fit">The fit.</param>
    public static ResidualMatrix ScaledSchoenfeld(CoxResult fit) => Schoenfeld(fit, scaled: true);

    /// <summary>Linear predictors (xᵢ − x̄)ᵀβ̂, one per row in input order, as R's <c>predict(fit, type = "lp")</c>:
    /// x̄ is <see cref="CoxResult.Means"/>, or for a stratified fit the weighted means of the row's stratum (R's default
    /// <c>reference = "strata"</c>).</summary>
    /// <param name="fit">The fit.</param>
    public static IReadOnlyList<double> LinearPredictors(CoxResult fit)
    {
        var state = State(fit);
        var sets = state.Sets;
        var eta = state.LinearPredictors();
        if (sets.Strata is not null)
        {
            for (int s = 0; s + 1 < sets.StratumStart.Length; s++)
            {
                int a = sets.StratumStart[s], b = sets.StratumStart[s + 1];
                double total = 0, mean = 0;
                for (int i = a; i < b; i++) { total += sets.WeightAt(i); mean += sets.WeightAt(i) * eta[i]; }
                mean /= total;
                for (int i = a; i < b; i++) eta[i] -= mean;
            }
        }
        return ToInputOrder(sets, eta);
    }

    /// <summary>Risk scores exp(linear predictor) (R's <c>predict(fit, type = "risk")</c>), in input order.</summary>
    /// <param name="fit">The fit.</param>
    public static IReadOnlyList<double> RiskScores(CoxResult fit) => LinearPredictors(fit).Select(Math.Exp).ToArray();

    private static CoxModelState State(CoxResult fit)
        => (fit ?? throw new ArgumentNullException(nameof(fit))).State
           ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");

    private static ResidualMatrix DfBeta(CoxResult fit, bool scaled)
    {
        var state = State(fit);
        var eta = state.LinearPredictors();
        var dfbeta = DfBetaSorted(state, eta, state.EventTable(eta), weighted: true);
        int q = state.Kept.Length;
        if (scaled)
            for (int i = 0; i < dfbeta.Length / Math.Max(q, 1); i++)
                for (int j = 0; j < q; j++) dfbeta[i * q + j] /= Math.Sqrt(state.Variance[j, j]);
        return Rows(state, dfbeta, ToInputRows(state.Sets, dfbeta, q));
    }

    private static ResidualMatrix Schoenfeld(CoxResult fit, bool scaled)
    {
        var state = State(fit);
        var sets = state.Sets;
        var eta = state.LinearPredictors();
        var table = state.EventTable(eta);
        int q = state.Kept.Length;
        // R's order: stratum, then ascending time, then input order. The table runs backwards in time within each
        // stratum; walk each stratum's event times from its end.
        var rows = new List<double[]>();
        var times = new List<double>();
        var strata = new List<string>();
        int k = 0;
        while (k < table.Count)
        {
            int end = k;
            while (end < table.Count && table.Stratum[end] == table.Stratum[k]) end++;
            for (int e = end - 1; e >= k; e--)
            {
                var deaths = new List<int>();
                for (int d = table.DeathStart[e]; d < table.DeathEnd[e]; d++) if (sets.Status[d]) deaths.Add(d);
                deaths.Sort((a, b) => sets.Order[a].CompareTo(sets.Order[b]));
                foreach (int d in deaths)
                {
                    var row = new double[q];
                    for (int j = 0; j < q; j++) row[j] = sets.X[state.Kept[j]][d] - table.MeanX[e * q + j];
                    rows.Add(row);
                    times.Add(table.Time[e]);
                    if (sets.Strata is not null) strata.Add(fit.StrataLevels![sets.Strata[d]]);
                }
            }
            k = end;
        }
        if (scaled)
        {
            int events = rows.Count;
            foreach (var row in rows)
            {
                var scaledRow = new double[q];
                for (int j = 0; j < q; j++)
                {
                    double v = 0;
                    for (int l = 0; l < q; l++) v += row[l] * state.Variance[l, j];
                    scaledRow[j] = v * events + state.Beta[j];
                }
                Array.Copy(scaledRow, row, q);
            }
        }
        return new ResidualMatrix(state.Kept.Select(j => state.Names[j]).ToArray(), rows.ToArray(), times.ToArray(),
            sets.Strata is null ? null : strata.ToArray());
    }

    private static ResidualMatrix Rows(CoxModelState state, double[] _, double[][] rows)
        => new(state.Kept.Select(j => state.Names[j]).ToArray(), rows, null, null);

    internal static double[] Martingale(CoxModelState state, double[] eta, CoxEventTable table)
    {
        var sets = state.Sets;
        var exit = table.ExitIndex(sets);
        var entry = table.EntryIndex(sets);
        var m = new double[sets.Count];
        for (int i = 0; i < sets.Count; i++)
        {
            double r = Math.Exp(eta[i]);
            double exposure = (exit[i] >= 0 ? table.CumulativeHazard[exit[i]] : 0) - (entry[i] >= 0 ? table.CumulativeHazard[entry[i]] : 0);
            double mi = -r * exposure;
            if (sets.Status[i])
            {
                int e = exit[i];
                mi += 1 + r * (table.Hazard[e] - table.DeathHazard[e]);
            }
            m[i] = mi;
        }
        return m;
    }

    /// <summary>Score residuals in the sorted order, row-major (q per row).</summary>
    internal static double[] ScoreSorted(CoxModelState state, double[] eta, CoxEventTable table)
    {
        var sets = state.Sets;
        int q = state.Kept.Length, n = sets.Count;
        var exit = table.ExitIndex(sets);
        var entry = table.EntryIndex(sets);
        var result = new double[n * q];
        for (int i = 0; i < n; i++)
        {
            double r = Math.Exp(eta[i]);
            int a = exit[i], b = entry[i];
            double h = (a >= 0 ? table.CumulativeHazard[a] : 0) - (b >= 0 ? table.CumulativeHazard[b] : 0);
            bool died = sets.Status[i];
            for (int j = 0; j < q; j++)
            {
                double x = sets.X[state.Kept[j]][i];
                double hx = (a >= 0 ? table.CumulativeHazardX[a * q + j] : 0) - (b >= 0 ? table.CumulativeHazardX[b * q + j] : 0);
                double v = -r * (x * h - hx);
                if (died)
                    v += x - table.MeanX[a * q + j]
                         + r * ((table.Hazard[a] - table.DeathHazard[a]) * x - (table.HazardX[a * q + j] - table.DeathHazardX[a * q + j]));
                result[i * q + j] = v;
            }
        }
        return result;
    }

    /// <summary>dfbeta in the sorted order (score × V), times the case weight when <paramref name="weighted"/>.</summary>
    internal static double[] DfBetaSorted(CoxModelState state, double[] eta, CoxEventTable table, bool weighted)
    {
        var score = ScoreSorted(state, eta, table);
        int q = state.Kept.Length, n = state.Sets.Count;
        var result = new double[n * q];
        for (int i = 0; i < n; i++)
        {
            double w = weighted ? state.Sets.WeightAt(i) : 1;
            for (int j = 0; j < q; j++)
            {
                double v = 0;
                for (int l = 0; l < q; l++) v += score[i * q + l] * state.Variance[l, j];
                result[i * q + j] = v * w;
            }
        }
        return result;
    }

    private static double[] ToInputOrder(CoxRiskSets sets, double[] sorted)
    {
        var result = new double[sorted.Length];
        for (int i = 0; i < sorted.Length; i++) result[sets.Order[i]] = sorted[i];
        return result;
    }

    private static double[][] ToInputRows(CoxRiskSets sets, double[] sorted, int q)
    {
        var rows = new double[sets.Count][];
        for (int i = 0; i < sets.Count; i++) rows[sets.Order[i]] = sorted.AsSpan(i * q, q).ToArray();
        return rows;
    }
}
