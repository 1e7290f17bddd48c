using MathNet.Numerics.LinearAlgebra;

namespace Survival.Regression;

/// <summary>The Cox proportional-hazards model fitted by Newton–Raphson on the partial likelihood, at R <c>coxph</c> parity.</summary>
/// <remarks>
/// <para>With linear predictor η = xᵀβ and, at each distinct event time t, the risk set R(t) = {time ≥ t} (within the
/// stratum), Breslow's log partial likelihood is Σ_t [Σ_{deaths} w η − d_w log Σ_{R(t)} w e^η]. Efron's replaces the
/// denominator for the k-th of m tied deaths (k = 0…m−1) by Σ_{R(t)} w e^η − (k/m) Σ_{deaths} w e^η, each weighted by the
/// mean death weight. The score U and information I are its first and (minus) second derivatives.</para>
/// <para>Newton–Raphson from β = 0; a step that lowers the log-likelihood is halved; convergence when
/// |1 − ℓ_old/ℓ_new| ≤ ε (R's rule, ε = 1e-9, 20 iterations). Covariates that are linear combinations of earlier ones are
/// aliased (null, as R's NA). A coefficient whose final Newton step is still large relative to itself is flagged
/// as possibly infinite (R's <c>toler.inf</c> check, √ε). References: Cox (1972); Efron (1977); Therneau &amp; Grambsch
/// (2000), ch. 3; R survival <c>coxph.fit</c>.</para>
/// </remarks>
public static class CoxRegression
{
    /// <summary>Fits the model.</summary>
    /// <param name="data">Right-censored rows (strata from <see cref="SurvivalData.Strata"/>; weights as case weights).</param>
    /// <param name="covariates">The covariate columns (at least one).</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">No covariates, a size mismatch, delayed entry, or no events.</exception>
    public static CoxResult Fit(SurvivalData data, CovariateMatrix covariates, CoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        options ??= CoxOptions.Default;
        options.Validate();
        if (covariates.Count == 0) throw new SurvivalInputException("the Cox model needs at least one covariate");
        if (covariates.Rows != data.Count) throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data have {data.Count}");
        if (data.HasEntry) throw new SurvivalInputException("delayed entry (counting-process data) is not supported by the Cox fit yet");
        int n = data.Count, p = covariates.Count;

        var time = data.Time.ToArray();
        if (options.TimeFix) ApplyTimeFix(time);
        var status = data.Event.ToArray();
        var weight = new double[n];
        for (int i = 0; i < n; i++) weight[i] = data.WeightAt(i);
        int[] strata = data.Strata?.CodeArray ?? new int[n];
        double events = 0;
        for (int i = 0; i < n; i++) if (status[i]) events += weight[i];
        if (events == 0) throw new SurvivalInputException("the Cox model needs at least one event");

        // Centred covariates (as R), and the columns kept after removing linear dependence.
        var x = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var col = covariates.Column(j);
            double mean = 0;
            for (int i = 0; i < n; i++) mean += col[i];
            mean /= n;
            x[j] = new double[n];
            for (int i = 0; i < n; i++) x[j][i] = col[i] - mean;
        }
        var kept = Independent(x);
        var warnings = new List<string>();
        for (int j = 0; j < p; j++)
            if (!kept.Contains(j)) warnings.Add($"{covariates.Names[j]} is a linear combination of other covariates: its coefficient is not estimable (NA)");
        // Order: by stratum, then time descending (risk sets accumulate as time decreases).
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => strata[a] != strata[b] ? strata[a].CompareTo(strata[b]) : time[b].CompareTo(time[a]));

        // A covariate that never varies within a risk set at an event carries no information (the information matrix
        // is singular there): R's Cholesky drops it with NA. Drop such columns by a pivoted check at β = 0.
        while (true)
        {
            var probe = new PartialLikelihood(order, time, status, weight, strata, kept.Select(j => x[j]).ToArray(), options.Ties);
            var singular = SingularColumns(probe.Evaluate(new double[kept.Length]).Information);
            if (singular.Length == 0) break;
            foreach (int k in singular)
                warnings.Add($"{covariates.Names[kept[k]]} has no information in the risk sets (the information matrix is singular): its coefficient is not estimable (NA)");
            kept = kept.Where((_, k) => !singular.Contains(k)).ToArray();
        }
        var xk = kept.Select(j => x[j]).ToArray();
        int q = xk.Length;
        var model = new PartialLikelihood(order, time, status, weight, strata, xk, options.Ties);

        var beta = new double[q];
        var (ll, u, info) = model.Evaluate(beta);
        double ll0 = ll;
        var u0 = (double[])u.Clone();
        var info0 = info;
        int iterations = 0;
        bool converged = q == 0;
        while (!converged && iterations < options.MaxIterations)
        {
            iterations++;
            var step = Solve(info, u);
            var next = new double[q];
            for (int j = 0; j < q; j++) next[j] = beta[j] + step[j];
            var (nll, nu, ninfo) = model.Evaluate(next);
            int halvings = 0;
            while ((double.IsNaN(nll) || nll < ll) && halvings < 30)
            {
                for (int j = 0; j < q; j++) next[j] = (beta[j] + next[j]) / 2;
                (nll, nu, ninfo) = model.Evaluate(next);
                halvings++;
            }
            converged = Math.Abs(1 - ll / nll) <= options.Epsilon;
            beta = next;
            ll = nll;
            u = nu;
            info = ninfo;
        }
        if (!converged) warnings.Add($"Newton–Raphson did not converge in {options.MaxIterations} iterations");

        var variance = q == 0 ? Matrix<double>.Build.Dense(0, 0) : Matrix<double>.Build.DenseOfArray(info).Inverse();
        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - options.ConfidenceLevel) / 2);
        double tolerInf = Math.Sqrt(options.Epsilon);
        var uv = q == 0 ? Vector<double>.Build.Dense(0) : variance * Vector<double>.Build.DenseOfArray(u);
        var coefficients = new CoxCoefficient[p];
        var covariance = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            int k = Array.IndexOf(kept, j);
            if (k < 0)
            {
                coefficients[j] = new CoxCoefficient(covariates.Names[j], null, null, z, options.ConfidenceLevel, false);
                continue;
            }
            bool infinite = iterations > 1 && Math.Abs(uv[k]) > options.Epsilon && Math.Abs(uv[k]) > tolerInf * Math.Abs(beta[k]);
            if (infinite) warnings.Add($"Loglik converged before variable {covariates.Names[j]}; coefficient may be infinite");
            coefficients[j] = new CoxCoefficient(covariates.Names[j], beta[k], Math.Sqrt(variance[k, k]), z, options.ConfidenceLevel, infinite);
            for (int l = 0; l < p; l++)
            {
                int m = Array.IndexOf(kept, l);
                if (m >= 0) covariance[j, l] = variance[k, m];
            }
        }

        double wald = 0, score = 0;
        if (q > 0)
        {
            var b = Vector<double>.Build.DenseOfArray(beta);
            wald = b * (Matrix<double>.Build.DenseOfArray(info) * b);
            var u0v = Vector<double>.Build.DenseOfArray(u0);
            score = u0v * Vector<double>.Build.DenseOfArray(Solve(info0, u0));
        }
        var eta = new double[n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < q; k++) eta[i] += xk[k][i] * beta[k];
        return new CoxResult(coefficients, covariance, ll0, ll, new ChiSquareTest(2 * (ll - ll0), q), new ChiSquareTest(wald, q),
            new ChiSquareTest(score, q), Concordance(time, status, strata, eta), iterations, converged, n, events, options, warnings.ToArray());
    }

    /// <summary>Harrell's C as R's <c>concordance</c>: a pair is comparable when the earlier time is an event (a censored
    /// time tied with an event counts as later); concordant when the earlier has the larger η; ties in η count ½.</summary>
    internal static double? Concordance(double[] time, bool[] status, int[] strata, double[] eta)
    {
        double concordant = 0, discordant = 0, tied = 0;
        int n = time.Length;
        foreach (var group in Enumerable.Range(0, n).GroupBy(i => strata[i]))
        {
            var rows = group.OrderByDescending(i => time[i]).ToArray();
            var ranks = rows.Select(i => eta[i]).Distinct().Order().ToArray();
            var tree = new long[ranks.Length + 1];
            int inserted = 0;
            int a = 0;
            while (a < rows.Length)
            {
                int b = a;
                while (b < rows.Length && time[rows[b]] == time[rows[a]]) b++;
                for (int k = a; k < b; k++) if (!status[rows[k]]) { Add(tree, Rank(ranks, eta[rows[k]])); inserted++; }
                for (int k = a; k < b; k++)
                {
                    if (!status[rows[k]]) continue;
                    int r = Rank(ranks, eta[rows[k]]);
                    long below = Sum(tree, r - 1), atOrBelow = Sum(tree, r);
                    concordant += below;
                    tied += atOrBelow - below;
                    discordant += inserted - atOrBelow;
                }
                for (int k = a; k < b; k++) if (status[rows[k]]) { Add(tree, Rank(ranks, eta[rows[k]])); inserted++; }
                a = b;
            }
        }
        double total = concordant + discordant + tied;
        return total > 0 ? (concordant + tied / 2) / total : null;

        static int Rank(double[] ranks, double v) => Array.BinarySearch(ranks, v) + 1;
        static void Add(long[] tree, int i) { for (; i < tree.Length; i += i & -i) tree[i]++; }
        static long Sum(long[] tree, int i) { long s = 0; for (; i > 0; i -= i & -i) s += tree[i]; return s; }
    }

    private static void ApplyTimeFix(double[] time)
    {
        var distinct = time.Distinct().Order().ToArray();
        var cuts = TimeFix.Cuts(distinct);
        if (cuts is null) return;
        for (int i = 0; i < time.Length; i++) time[i] = TimeFix.Map(cuts, time[i]);
    }

    /// <summary>Indices of columns that are not (numerically) linear combinations of earlier ones (Gram–Schmidt).</summary>
    private static int[] Independent(double[][] x)
    {
        var basis = new List<double[]>();
        var kept = new List<int>();
        for (int j = 0; j < x.Length; j++)
        {
            var v = (double[])x[j].Clone();
            double norm0 = Math.Sqrt(v.Sum(t => t * t));
            foreach (var e in basis)
            {
                double dot = 0;
                for (int i = 0; i < v.Length; i++) dot += v[i] * e[i];
                for (int i = 0; i < v.Length; i++) v[i] -= dot * e[i];
            }
            double norm = Math.Sqrt(v.Sum(t => t * t));
            if (norm0 == 0 || norm <= 1e-9 * norm0) continue;
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
            basis.Add(v);
            kept.Add(j);
        }
        return kept.ToArray();
    }

    /// <summary>Columns whose Cholesky pivot vanishes (relative tolerance ε^¾, R's <c>toler.chol</c>).</summary>
    private static int[] SingularColumns(double[,] info)
    {
        int q = info.GetLength(0);
        var l = new double[q, q];
        var singular = new List<int>();
        double scale = 0;
        for (int j = 0; j < q; j++) scale = Math.Max(scale, Math.Abs(info[j, j]));
        double tol = Math.Pow(Math.Pow(2, -52), 0.75) * Math.Max(scale, double.Epsilon);
        for (int j = 0; j < q; j++)
        {
            double pivot = info[j, j];
            for (int k = 0; k < j; k++) pivot -= l[j, k] * l[j, k];
            if (pivot <= tol) { singular.Add(j); continue; }
            l[j, j] = Math.Sqrt(pivot);
            for (int i = j + 1; i < q; i++)
            {
                double v = info[i, j];
                for (int k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                l[i, j] = v / l[j, j];
            }
        }
        return singular.ToArray();
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        if (b.Length == 0) return [];
        var m = Matrix<double>.Build.DenseOfArray(a);
        return m.Cholesky().Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
    }

    /// <summary>The partial log-likelihood with its score and information, in one pass over the sorted rows.</summary>
    private sealed class PartialLikelihood(int[] order, double[] time, bool[] status, double[] weight, int[] strata, double[][] x, CoxTies ties)
    {
        public (double LogLik, double[] Score, double[,] Information) Evaluate(double[] beta)
        {
            int n = order.Length, q = x.Length;
            double ll = 0;
            var u = new double[q];
            var info = new double[q, q];
            var s1 = new double[q];
            var s2 = new double[q, q];
            var d1 = new double[q];
            var d2 = new double[q, q];
            var a1 = new double[q];
            double s0 = 0;
            int i = 0;
            while (i < n)
            {
                if (i == 0 || strata[order[i]] != strata[order[i - 1]])
                {
                    s0 = 0;
                    Array.Clear(s1);
                    Array.Clear(s2);
                }
                int j = i;
                double t = time[order[i]];
                int s = strata[order[i]];
                double d0 = 0, deadWeight = 0;
                int deaths = 0;
                Array.Clear(d1);
                Array.Clear(d2);
                while (j < n && time[order[j]] == t && strata[order[j]] == s)
                {
                    int r = order[j];
                    double eta = 0;
                    for (int k = 0; k < q; k++) eta += x[k][r] * beta[k];
                    double w = weight[r], risk = w * Math.Exp(eta);
                    s0 += risk;
                    for (int k = 0; k < q; k++)
                    {
                        s1[k] += risk * x[k][r];
                        for (int l = 0; l <= k; l++) s2[k, l] += risk * x[k][r] * x[l][r];
                    }
                    if (status[r])
                    {
                        deaths++;
                        deadWeight += w;
                        ll += w * eta;
                        d0 += risk;
                        for (int k = 0; k < q; k++)
                        {
                            u[k] += w * x[k][r];
                            d1[k] += risk * x[k][r];
                            for (int l = 0; l <= k; l++) d2[k, l] += risk * x[k][r] * x[l][r];
                        }
                    }
                    j++;
                }
                if (deaths > 0)
                {
                    int m = ties == CoxTies.Efron ? deaths : 1;
                    double mean = deadWeight / m;
                    for (int e = 0; e < m; e++)
                    {
                        double f = ties == CoxTies.Efron ? (double)e / deaths : 0;
                        double den = s0 - f * d0;
                        ll -= mean * Math.Log(den);
                        for (int k = 0; k < q; k++)
                        {
                            a1[k] = (s1[k] - f * d1[k]) / den;
                            u[k] -= mean * a1[k];
                        }
                        for (int k = 0; k < q; k++)
                            for (int l = 0; l <= k; l++)
                                info[k, l] += mean * ((s2[k, l] - f * d2[k, l]) / den - a1[k] * a1[l]);
                    }
                }
                i = j;
            }
            for (int k = 0; k < q; k++)
                for (int l = 0; l < k; l++) info[l, k] = info[k, l];
            return (ll, u, info);
        }
    }
}
