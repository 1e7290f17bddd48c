using MathNet.Numerics.LinearAlgebra;

namespace Survival.Regression;

/// <summary>Tests the proportional-hazards assumption of a Cox fit as R survival 3.x <c>cox.zph</c> does.</summary>
/// <remarks>
/// <para>The test is the score test, at (β̂, γ = 0), of the model with the added terms x·g(t), where g is the chosen
/// transform of time centred on its mean over the events (Grambsch &amp; Therneau 1994, as revised in survival 3.0: the
/// full information matrix, not the approximation of earlier versions and of lifelines). With V(t) the risk-set
/// covariance at an event time (Efron's average over tied deaths when ties are Efron's), the information has blocks
/// Σ V, Σ g V and Σ g² V, and the score of γ is Σ g (x − x̄) over the deaths. A covariate's test uses all β columns and
/// that covariate's γ columns; the global test all of them. Coefficients that are not estimable are left out, as R does.
/// One walk over the fit's sorted risk sets; the time scale merges the fit's sorted strata (O(n log S)) and looks each event time up by binary search.</para>
/// </remarks>
public static class ProportionalHazards
{
    /// <summary>Runs the test.</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="transform">The time scale (default R's <c>"km"</c>).</param>
    public static ProportionalHazardsResult Test(CoxResult fit, ProportionalHazardsTransform transform = ProportionalHazardsTransform.KaplanMeier)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!Enum.IsDefined(transform)) throw new SurvivalInputException("unknown transform", column: "transform", value: transform.ToString());
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var sets = state.Sets;
        int q = state.Kept.Length;
        if (q == 0) throw new SurvivalInputException("the model has no estimable coefficient: there is nothing to test");
        var g = TimeScale(sets, transform);
        var eta = state.LinearPredictors();
        var xs = state.Kept.Select(c => sets.X[c]).ToArray();
        var u = new double[q];
        var imat = new double[2 * q, 2 * q];
        var xbar = new double[q];
        var v = new double[q, q];
        sets.Sweep(state.Kept, eta, true, s =>
        {
            double gt = g(s.Time);
            bool efron = state.Ties == CoxTies.Efron;
            int m = efron ? s.Deaths : 1;
            double wbar = s.DeadWeight / m;
            Array.Clear(v);
            for (int d = s.DeathStart; d < s.DeathEnd; d++)
            {
                if (!sets.Status[d]) continue;
                double w = sets.WeightAt(d);
                for (int k = 0; k < q; k++) u[k] += gt * w * xs[k][d];
            }
            for (int e = 0; e < m; e++)
            {
                double f = efron ? (double)e / s.Deaths : 0;
                double den = s.S0 - f * s.E0;
                for (int k = 0; k < q; k++)
                {
                    xbar[k] = (s.S1[k] - f * s.E1[k]) / den;
                    u[k] -= gt * wbar * xbar[k];
                }
                for (int k = 0; k < q; k++)
                    for (int l = 0; l <= k; l++)
                        v[k, l] += wbar * ((s.S2![k, l] - f * s.E2![k, l]) / den - xbar[k] * xbar[l]);
            }
            for (int k = 0; k < q; k++)
                for (int l = 0; l <= k; l++)
                {
                    imat[k, l] += v[k, l];
                    imat[q + k, l] += gt * v[k, l];
                    imat[q + k, q + l] += gt * gt * v[k, l];
                    if (l < k) imat[q + l, k] += gt * v[k, l];
                }
        });
        for (int k = 0; k < 2 * q; k++)
            for (int l = 0; l < k; l++) imat[l, k] = imat[k, l];

        var terms = new List<ProportionalHazardsTerm>();
        foreach (var term in state.Terms)
        {
            var columns = Enumerable.Range(term.FirstColumn, term.ColumnCount).Select(c => Array.IndexOf(state.Kept, c)).Where(k => k >= 0).ToArray();
            if (columns.Length == 0) continue;
            terms.Add(new ProportionalHazardsTerm(term.Name, ScoreTest(imat, u, q, columns)));
        }
        var global = new ProportionalHazardsTerm("GLOBAL", ScoreTest(imat, u, q, Enumerable.Range(0, q).ToArray()));
        return new ProportionalHazardsResult(transform, terms.ToArray(), global);
    }

    /// <summary>uᵀ I⁻¹ u over the β block and the γ columns <paramref name="columns"/>, with u = (0, U_γ).</summary>
    private static ChiSquareTest ScoreTest(double[,] imat, double[] u, int q, int[] columns)
    {
        var index = Enumerable.Range(0, q).Concat(columns.Select(c => q + c)).ToArray();
        var m = Matrix<double>.Build.Dense(index.Length, index.Length, (i, j) => imat[index[i], index[j]]);
        var b = Vector<double>.Build.Dense(index.Length);
        for (int k = 0; k < columns.Length; k++) b[q + k] = u[columns[k]];
        var x = m.Solve(b);
        return new ChiSquareTest(x * b, columns.Length);
    }

    /// <summary>g(t) centred on its mean over the event rows, as a function of the (time-fixed) event time.</summary>
    private static Func<double, double> TimeScale(CoxRiskSets sets, ProportionalHazardsTransform transform)
    {
        int n = sets.Count;
        // Every row's exit time, ascending (ignoring strata, as R): the fit's sorted strata merged, not sorted again.
        var times = MergeAscending(sets, sets.Stop, null);
        Func<double, double> raw;
        switch (transform)
        {
            case ProportionalHazardsTransform.Identity:
                raw = t => t;
                break;
            case ProportionalHazardsTransform.Rank:
                // R's rank(): the mean of the positions (1-based) the tied values occupy.
                raw = t =>
                {
                    int lo = SortedSearch.CountBelow(times, t), hi = SortedSearch.CountAtOrBelow(times, t);
                    return (lo + 1 + hi) / 2.0;
                };
                break;
            default:
                {
                    // 1 − KM(t−): the unweighted, unstratified Kaplan–Meier of the rows (with their entry times), left-continuous.
                    var entries = sets.Entry is null ? null : MergeAscending(sets, sets.Entry, sets.EntryOrder);
                    var eventTimes = new List<double>();
                    var survivalBefore = new List<double>();
                    var deathTimes = MergeAscending(sets, sets.Stop, null, eventsOnly: true);
                    double sv = 1;
                    for (int i = 0; i < deathTimes.Length;)
                    {
                        int j = i;
                        while (j < deathTimes.Length && deathTimes[j] == deathTimes[i]) j++;
                        double t = deathTimes[i];
                        double atRisk = n - SortedSearch.CountBelow(times, t) - (entries is null ? 0 : n - SortedSearch.CountBelow(entries, t));
                        eventTimes.Add(t);
                        survivalBefore.Add(sv);
                        sv *= 1 - (j - i) / atRisk;
                        i = j;
                    }
                    var et = eventTimes.ToArray();
                    var sb = survivalBefore.ToArray();
                    raw = t =>
                    {
                        int k = Array.BinarySearch(et, t);
                        double before = k >= 0 ? sb[k] : (~k < et.Length ? sb[~k] : sv);
                        return 1 - before;
                    };
                    break;
                }
        }
        double mean = 0;
        int events = 0;
        for (int i = 0; i < n; i++) if (sets.Status[i]) { mean += raw(sets.Stop[i]); events++; }
        mean /= events;
        return t => raw(t) - mean;
    }

    /// <summary>The values of every stratum (each descending along the sorted rows, or along <paramref name="order"/>)
    /// merged into one ascending array: O(n log S) for S strata, linear for one.</summary>
    private static double[] MergeAscending(CoxRiskSets sets, double[] values, int[]? order, bool eventsOnly = false)
    {
        int strata = sets.StratumStart.Length - 1;
        var result = new List<double>(sets.Count);
        var next = new int[strata];
        var queue = new PriorityQueue<int, double>();
        for (int s = 0; s < strata; s++)
        {
            next[s] = sets.StratumStart[s + 1] - 1;
            Advance(s);
        }
        while (queue.TryDequeue(out int s, out double v))
        {
            result.Add(v);
            next[s]--;
            Advance(s);
        }
        return result.ToArray();

        void Advance(int s)
        {
            // Skip to the stratum's next value from its end (ascending), or stop at its start.
            for (; next[s] >= sets.StratumStart[s]; next[s]--)
            {
                int row = order is null ? next[s] : order[next[s]];
                if (eventsOnly && !sets.Status[row]) continue;
                queue.Enqueue(s, values[row]);
                return;
            }
        }
    }
}
