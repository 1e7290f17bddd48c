namespace Survival.Estimation;

/// <summary>
/// The robust (infinitesimal-jackknife) standard errors of a Kaplan–Meier curve and its Nelson–Aalen cumulative hazard,
/// as R survival's <c>survfitKM</c> computes them with <c>robust = TRUE</c>.
/// </summary>
/// <remarks>
/// <para>Cluster k's influence on S, scaled by its weights, follows the recursion over event times t_j (n_j weighted at
/// risk, d_j weighted events, h_j = d_j/n_j, S_{j−1} the curve just before t_j, Y_kj the weight of k's rows at risk,
/// dN_kj the weight of k's rows with an event at t_j):
/// I_k(t_j) = I_k(t_{j−1}) (1 − h_j) + S_{j−1} (Y_kj h_j − dN_kj) / n_j, and Var S(t) = Σ_k I_k(t)². For the
/// Nelson–Aalen cumulative hazard, J_k(t_j) = J_k(t_{j−1}) + (dN_kj − Y_kj h_j) / n_j and Var H(t) = Σ_k J_k(t)², as
/// survival 3.5 computes it (later versions average tied events in the hazard's influence).</para>
/// <para>With one row per cluster and no delayed entry the recursion has a closed form, I_i(t) = w_i S(t)
/// [Σ_{t_j ≤ min(t, x_i)} h_j/(n_j(1 − h_j)) − δ_i 1{x_i ≤ t}/(n_{x_i}(1 − h_{x_i}))], and the sum of squares over the
/// rows still at risk is S(t)² (Σ_j …)² Σ w_i² (likewise for H), so the variance takes one pass after the sort (no O(n × events) loop). Otherwise
/// (delayed entry, or an id column) the recursion runs over every cluster, as R's C code does.</para>
/// <para>Reference: R survival 3.5, <c>survfitkm.c</c> and the "survfitkm: robust variance" section of its methods document;
/// Therneau &amp; Grambsch (2000) §7.2.</para>
/// </remarks>
internal static class InfinitesimalJackknife
{
    /// <summary>The robust standard errors of S and H at each step of <paramref name="steps"/>, from the rows of one curve.</summary>
    /// <param name="steps">The curve's steps (Greenwood), in time order.</param>
    /// <param name="exit">Exit time of each row (after the near-tie rule).</param>
    /// <param name="entry">Entry time of each row, or null.</param>
    /// <param name="status">Event indicator of each row.</param>
    /// <param name="weight">Weight of each row.</param>
    /// <param name="cluster">Cluster of each row (0-based), or null for one cluster a row.</param>
    /// <param name="clusterCount">The number of clusters.</param>
    public static (double[] SurvivalStdErr, double[] HazardStdErr) Compute(IReadOnlyList<SurvivalStep> steps, double[] exit, double[]? entry,
        bool[] status, double[] weight, int[]? cluster, int clusterCount)
    {
        int n = exit.Length;
        var byExit = new int[n];
        for (int i = 0; i < n; i++) byExit[i] = i;
        var exitKeys = (double[])exit.Clone();
        Array.Sort(exitKeys, byExit);
        return entry is null && cluster is null
            ? ClosedForm(steps, exit, status, weight, byExit)
            : Recursion(steps, exit, entry, status, weight, cluster ?? Identity(n), cluster is null ? n : clusterCount, byExit);
    }

    private static int[] Identity(int n)
    {
        var c = new int[n];
        for (int i = 0; i < n; i++) c[i] = i;
        return c;
    }

    /// <summary>One row a cluster, no delayed entry: the closed form of the remarks, one pass over the rows by exit time.</summary>
    private static (double[], double[]) ClosedForm(IReadOnlyList<SurvivalStep> steps, double[] exit, bool[] status, double[] weight, int[] byExit)
    {
        int n = exit.Length;
        var seS = new double[steps.Count];
        var seH = new double[steps.Count];
        double atRiskW2 = 0;
        foreach (double w in weight) atRiskW2 += w * w;
        double exitedS = 0, exitedH = 0; // Σ over exited rows of (w·bracket)², for S (without the S(t)² factor) and for H
        double sumS = 0, sumH = 0;       // Σ_j h_j/(n_j(1 − h_j)) and Σ_j e_j over the event times so far
        double km = 1, varS = 0, varH = 0;
        bool reachedZero = false;
        int p = 0;
        for (int j = 0; j < steps.Count; j++)
        {
            var step = steps[j];
            double t = step.Time;
            int deaths = 0;
            for (int q = p; q < n && exit[byExit[q]] == t; q++) if (status[byExit[q]]) deaths++;
            if (deaths > 0 && step.Events > 0)
            {
                double nj = step.AtRisk, dj = step.Events, h = dj / nj;
                double e = dj / (nj * nj);
                sumH += e;
                if (h < 1 && !reachedZero) sumS += h / (nj * (1 - h));
                for (; p < n && exit[byExit[p]] == t; p++)
                {
                    int i = byExit[p];
                    double w = weight[i], w2 = w * w;
                    atRiskW2 -= w2;
                    double bracketS = sumS - (status[i] && h < 1 ? 1 / (nj * (1 - h)) : 0);
                    double bracketH = -sumH + (status[i] ? 1 / nj : 0);
                    exitedS += w2 * bracketS * bracketS;
                    exitedH += w2 * bracketH * bracketH;
                }
                km *= 1 - h;
                if (h >= 1) reachedZero = true;
                varS = reachedZero ? 0 : km * km * (exitedS + sumS * sumS * atRiskW2);
                varH = exitedH + sumH * sumH * atRiskW2;
            }
            else
            {
                for (; p < n && exit[byExit[p]] == t; p++)
                {
                    int i = byExit[p];
                    double w2 = weight[i] * weight[i];
                    atRiskW2 -= w2;
                    exitedS += w2 * sumS * sumS;
                    exitedH += w2 * sumH * sumH;
                }
            }
            seS[j] = Math.Sqrt(Math.Max(varS, 0));
            seH[j] = Math.Sqrt(Math.Max(varH, 0));
        }
        return (seS, seH);
    }

    /// <summary>R's recursion over every cluster at each event time (delayed entry, or clusters of several rows).</summary>
    private static (double[], double[]) Recursion(IReadOnlyList<SurvivalStep> steps, double[] exit, double[]? entry, bool[] status,
        double[] weight, int[] cluster, int clusterCount, int[] byExit)
    {
        int n = exit.Length;
        int[]? byEntry = null;
        if (entry is not null)
        {
            byEntry = Identity(n);
            var entryKeys = (double[])entry.Clone();
            Array.Sort(entryKeys, byEntry);
        }
        var atRiskWeight = new double[clusterCount];
        var atRiskRows = new int[clusterCount];
        var influenceS = new double[clusterCount];
        var influenceH = new double[clusterCount];
        if (entry is null)
        {
            for (int i = 0; i < n; i++)
            {
                atRiskRows[cluster[i]]++;
                atRiskWeight[cluster[i]] += weight[i];
            }
        }
        var seS = new double[steps.Count];
        var seH = new double[steps.Count];
        double km = 1, varS = 0, varH = 0;
        int p2 = 0, p1 = 0;
        void Leave(int i)
        {
            int k = cluster[i];
            if (--atRiskRows[k] == 0) atRiskWeight[k] = 0;
            else atRiskWeight[k] -= weight[i];
        }
        for (int j = 0; j < steps.Count; j++)
        {
            var step = steps[j];
            double t = step.Time;
            for (; p2 < n && exit[byExit[p2]] < t; p2++) Leave(byExit[p2]);
            if (byEntry is not null)
            {
                for (; p1 < n && entry![byEntry[p1]] < t; p1++)
                {
                    int i = byEntry[p1];
                    atRiskRows[cluster[i]]++;
                    atRiskWeight[cluster[i]] += weight[i];
                }
            }
            int deaths = 0;
            for (int q = p2; q < n && exit[byExit[q]] == t; q++) if (status[byExit[q]]) deaths++;
            if (deaths > 0 && step.Events > 0)
            {
                double nj = step.AtRisk, dj = step.Events, h = dj / nj;
                for (int k = 0; k < clusterCount; k++)
                {
                    influenceS[k] = influenceS[k] * (1 - h) + atRiskWeight[k] * km * h / nj;
                    influenceH[k] -= atRiskWeight[k] * h / nj;
                }
                for (; p2 < n && exit[byExit[p2]] == t; p2++)
                {
                    int i = byExit[p2];
                    if (status[i])
                    {
                        influenceS[cluster[i]] -= km * weight[i] / nj;
                        influenceH[cluster[i]] += weight[i] / nj;
                    }
                    Leave(i);
                }
                km *= 1 - h;
                varS = 0;
                varH = 0;
                for (int k = 0; k < clusterCount; k++)
                {
                    varS += influenceS[k] * influenceS[k];
                    varH += influenceH[k] * influenceH[k];
                }
            }
            seS[j] = Math.Sqrt(varS);
            seH[j] = Math.Sqrt(varH);
        }
        return (seS, seH);
    }
}
