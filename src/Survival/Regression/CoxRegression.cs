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
    /// <summary>
    /// Fits the model to the objects an application holds, in one pass: time, event, strata, weight and every covariate
    /// are read from the same row, so rows and covariates cannot fall out of line. A row with a missing value in any of
    /// them (<see cref="double.NaN"/>, null) is left out as R's <c>na.omit</c> and reported in
    /// <see cref="CoxResult.Omitted"/>, or is an error under <see cref="MissingValuePolicy.Fail"/>.
    /// </summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="covariates">The covariates (<see cref="Covariate.Numeric{T}"/>, <see cref="Covariate.Categorical{T}"/>).</param>
    /// <param name="strata">Optional stratum.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <example><code>
    /// var fit = CoxRegression.Fit(patients, p =&gt; p.Months, p =&gt; p.Died,
    ///     [Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age), Covariate.Categorical&lt;Patient&gt;("arm", p =&gt; p.Arm, reference: "control")]);
    /// </code></example>
    public static CoxResult Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, IReadOnlyList<Covariate<T>> covariates,
        Func<T, string>? strata = null, Func<T, double>? weight = null, CoxOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("name at least one covariate", column: "covariates");
        var times = new List<double>();
        var events = new List<bool>();
        var stratumLabels = strata is null ? null : new List<string>();
        var weights = weight is null ? null : new List<double>();
        var numeric = covariates.Select(c => c.Numeric is null ? null : new List<double>()).ToArray();
        var levels = covariates.Select(c => c.Categorical is null ? null : new List<string>()).ToArray();
        var kept = new List<long>();
        var omitted = new List<long>();
        int omittedCount = 0;
        long position = 0;
        var values = new double[covariates.Count];
        var labels = new string?[covariates.Count];
        foreach (var row in rows)
        {
            position++;
            double t = time(row), w = weight?.Invoke(row) ?? 1;
            string? k = strata?.Invoke(row);
            string? missingName = double.IsNaN(t) ? "time" : weight is not null && double.IsNaN(w) ? "weight" : strata is not null && k is null ? "strata" : null;
            for (int j = 0; j < covariates.Count && missingName is null; j++)
            {
                if (covariates[j].Numeric is { } f) { values[j] = f(row); if (double.IsNaN(values[j])) missingName = covariates[j].Name; }
                else { labels[j] = covariates[j].Categorical!(row); if (labels[j] is null) missingName = covariates[j].Name; }
            }
            if (missingName is not null)
            {
                if (missing == MissingValuePolicy.Fail)
                    throw new SurvivalInputException("the value is missing (NaN or null), and missing values are not allowed (MissingValuePolicy.Fail)",
                        column: missingName, row: position);
                omittedCount++;
                if (omitted.Count < OmittedRows.MaxPositions) omitted.Add(position);
                continue;
            }
            kept.Add(position);
            times.Add(t);
            events.Add(eventOccurred(row));
            stratumLabels?.Add(k!);
            weights?.Add(w);
            for (int j = 0; j < covariates.Count; j++)
            {
                numeric[j]?.Add(values[j]);
                levels[j]?.Add(labels[j]!);
            }
        }
        if (kept.Count == 0) throw new SurvivalInputException($"every row has a missing value ({omittedCount} omitted): no row is left");
        SurvivalData data;
        try
        {
            data = SurvivalData.Create(times.ToArray(), events.ToArray(), weight: weights?.ToArray(), strata: stratumLabels);
        }
        catch (SurvivalInputException ex) when (ex.Row is long r && r >= 1 && r <= kept.Count)
        {
            throw new SurvivalInputException(ex.Reason, column: ex.Column, value: ex.Value, row: kept[(int)(r - 1)], input: ex.Input);
        }
        var x = new CovariateMatrix(data.Count);
        for (int j = 0; j < covariates.Count; j++)
        {
            if (numeric[j] is { } v) x.AddNumeric(covariates[j].Name, v.ToArray());
            else x.AddCategorical(covariates[j].Name, Factor.FromLabels(levels[j]!, name: covariates[j].Name), covariates[j].Reference);
        }
        var fit = Fit(data, x, options);
        return omittedCount == 0 ? fit : fit with { Omitted = OmittedRows.Of(omittedCount, omitted) };
    }

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

        // Sort once by stratum, then time descending (risk sets accumulate as time decreases), and keep every column in
        // that order: the likelihood passes then read memory sequentially. The sort keys are the negated times, sorted
        // with the row numbers in place (12 bytes a row: Array.Sort of primitive keys, no scratch), and become the
        // sorted time column; with strata a counting pass first lays the rows out by stratum.
        var rawTime = data.TimeArray;
        int[]? rawStrata = data.Strata?.CodeArray;
        var time = new double[n];
        var order = new int[n];
        if (rawStrata is null)
        {
            for (int i = 0; i < n; i++) { time[i] = -rawTime[i]; order[i] = i; }
            Array.Sort(time, order);
        }
        else
        {
            int strataCount = data.Strata!.Levels.Count;
            var start = new int[strataCount + 1];
            foreach (int k in rawStrata) start[k + 1]++;
            for (int k = 0; k < strataCount; k++) start[k + 1] += start[k];
            var next = start[..strataCount];
            for (int i = 0; i < n; i++) { int o = next[rawStrata[i]]++; time[o] = -rawTime[i]; order[o] = i; }
            for (int k = 0; k < strataCount; k++) Array.Sort(time, order, start[k], start[k + 1] - start[k]);
        }
        for (int i = 0; i < n; i++) time[i] = -time[i];
        var status = new bool[n];
        double[]? weight = data.WeightArray is null ? null : new double[n];
        int[]? strata = rawStrata is null ? null : new int[n];
        var rawStatus = data.EventArray;
        double events = 0;
        for (int i = 0; i < n; i++)
        {
            int r = order[i];
            status[i] = rawStatus[r];
            if (weight is not null) weight[i] = data.WeightAt(r);
            if (strata is not null) strata[i] = rawStrata![r];
            if (status[i]) events += weight?[i] ?? 1.0;
        }
        // R's near-tie rule maps times monotonically, so the order stays valid and tied rows stay adjacent.
        if (options.TimeFix) ApplyTimeFix(time, strata is null);
        if (events == 0) throw new SurvivalInputException("the Cox model needs at least one event");

        // Centred covariates (as R), in the sorted order, and the columns kept after removing linear dependence.
        var x = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var col = covariates.Column(j);
            double mean = 0;
            for (int i = 0; i < n; i++) mean += col[i];
            mean /= n;
            var column = x[j] = new double[n];
            for (int i = 0; i < n; i++) column[i] = col[order[i]] - mean;
        }
        order = null;
        var kept = Independent(x);
        var warnings = new List<CoxWarning>();
        for (int j = 0; j < p; j++)
            if (!kept.Contains(j))
                warnings.Add(new CoxWarning(CoxWarningKind.Aliased, covariates.Names[j],
                    $"{covariates.Names[j]} is a linear combination of other covariates: its coefficient is not estimable (NA)"));

        // A covariate that never varies within a risk set at an event carries no information (the information matrix
        // is singular there): R's Cholesky drops it with NA. Drop such columns by a pivoted check at β = 0.
        while (true)
        {
            var probe = new PartialLikelihood(time, status, weight, strata, kept.Select(j => x[j]).ToArray(), options.Ties);
            var singular = SingularColumns(probe.Evaluate(new double[kept.Length]).Information);
            if (singular.Length == 0) break;
            foreach (int k in singular)
                warnings.Add(new CoxWarning(CoxWarningKind.NoInformation, covariates.Names[kept[k]],
                    $"{covariates.Names[kept[k]]} has no information in the risk sets (the information matrix is singular): its coefficient is not estimable (NA)"));
            kept = kept.Where((_, k) => !singular.Contains(k)).ToArray();
        }
        var xk = kept.Select(j => x[j]).ToArray();
        int q = xk.Length;
        var model = new PartialLikelihood(time, status, weight, strata, xk, options.Ties);

        var (ll0, u0, info0) = model.Evaluate(new double[q]);
        var fit = NewtonRaphson.Maximize(new double[q], model.Evaluate, options.MaxIterations, options.Epsilon, (ll0, u0, info0));
        var (beta, ll, u, info, iterations, converged) = fit;

        var variance = q == 0 ? Matrix<double>.Build.Dense(0, 0) : Matrix<double>.Build.DenseOfArray(info).Inverse();
        double z = ConfidenceLevel.Z(options.ConfidenceLevel);
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
            // coxph.fit's rule: the check runs whenever more than one iteration is allowed (iter.max > 1, not the count
            // made). After convergence, a coefficient is flagged when its Newton step u·V is non-finite, or exceeds both
            // eps and toler.inf·|β| (toler.inf = √eps): the likelihood was still rising along it. Without convergence R
            // only says that some coefficient may be infinite (below).
            bool infinite = options.MaxIterations > 1 && converged
                && (!double.IsFinite(u[k]) || !double.IsFinite(uv[k]) || (Math.Abs(uv[k]) > options.Epsilon && Math.Abs(uv[k]) > tolerInf * Math.Abs(beta[k])));
            if (infinite)
                warnings.Add(new CoxWarning(CoxWarningKind.PossiblyInfinite, covariates.Names[j],
                    $"Loglik converged before variable {covariates.Names[j]}; coefficient may be infinite"));
            coefficients[j] = new CoxCoefficient(covariates.Names[j], beta[k], Math.Sqrt(variance[k, k]), z, options.ConfidenceLevel, infinite);
            for (int l = 0; l < p; l++)
            {
                int m = Array.IndexOf(kept, l);
                if (m >= 0) covariance[j, l] = variance[k, m];
            }
        }

        if (!converged && options.MaxIterations > 1)
        {
            warnings.Add(new CoxWarning(CoxWarningKind.NotConverged, null, $"Ran out of iterations ({options.MaxIterations}) and did not converge"));
            // R: a centred linear predictor above 500, or a non-finite step, suggests a coefficient running to infinity.
            double maxLp = double.NegativeInfinity;
            var means = new double[q];
            double totalWeight = 0;
            for (int i = 0; i < n; i++) totalWeight += weight?[i] ?? 1.0;
            for (int k = 0; k < q; k++)
            {
                for (int i = 0; i < n; i++) means[k] += (weight?[i] ?? 1.0) * xk[k][i];
                means[k] /= totalWeight;
            }
            for (int i = 0; i < n; i++)
            {
                double lp = 0;
                for (int k = 0; k < q; k++) lp += (xk[k][i] - means[k]) * beta[k];
                maxLp = Math.Max(maxLp, lp);
            }
            if (maxLp > 500 || Enumerable.Range(0, q).Any(k => !double.IsFinite(uv[k])))
                warnings.Add(new CoxWarning(CoxWarningKind.PossiblyInfinite, null, "one or more coefficients may be infinite"));
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
            new ChiSquareTest(score, q), Concordance(time, status, eta, strata), iterations, converged, n, events, options, warnings.ToArray())
        {
            Omitted = data.Omitted,
        };
    }

    /// <summary>Harrell's C as R's <c>concordance</c>: a pair is comparable when the earlier time is an event (a censored
    /// time tied with an event counts as later); concordant when the earlier has the larger η; ties in η count ½.</summary>
    /// <param name="time">Times, sorted by stratum and then descending.</param>
    /// <param name="status">Event indicators, in the same order.</param>
    /// <param name="eta">Linear predictors, in the same order.</param>
    /// <param name="strata">Stratum codes in the same order, or null for one stratum (pairs form within a stratum).</param>
    /// <remarks>One pass down each stratum's risk sets with a Fenwick tree over the ranks of η: O(n log n).</remarks>
    internal static double? Concordance(double[] time, bool[] status, double[] eta, int[]? strata)
    {
        double concordant = 0, discordant = 0, tied = 0;
        int n = time.Length;
        var ranks = (double[])eta.Clone();
        Array.Sort(ranks);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || ranks[i] != ranks[distinct - 1]) ranks[distinct++] = ranks[i];
        var tree = new long[distinct + 1];
        int inserted = 0, a = 0;
        while (a < n)
        {
            if (a > 0 && strata is not null && strata[a] != strata[a - 1])
            {
                Array.Clear(tree);
                inserted = 0;
            }
            int b = a;
            while (b < n && time[b] == time[a] && (strata is null || strata[b] == strata[a])) b++;
            for (int k = a; k < b; k++) if (!status[k]) { Add(tree, Rank(k)); inserted++; }
            for (int k = a; k < b; k++)
            {
                if (!status[k]) continue;
                int r = Rank(k);
                long below = Sum(tree, r - 1), atOrBelow = Sum(tree, r);
                concordant += below;
                tied += atOrBelow - below;
                discordant += inserted - atOrBelow;
            }
            for (int k = a; k < b; k++) if (status[k]) { Add(tree, Rank(k)); inserted++; }
            a = b;
        }
        double total = concordant + discordant + tied;
        return total > 0 ? (concordant + tied / 2) / total : null;

        int Rank(int k) => Array.BinarySearch(ranks, 0, distinct, eta[k]) + 1;
        static void Add(long[] tree, int i) { for (; i < tree.Length; i += i & -i) tree[i]++; }
        static long Sum(long[] tree, int i) { long s = 0; for (; i > 0; i -= i & -i) s += tree[i]; return s; }
    }

    /// <summary>R's near-tie rule on times sorted by stratum and descending time (<paramref name="oneStratum"/>: the
    /// whole array is descending, so the distinct times come from one backward scan with no sort).</summary>
    private static void ApplyTimeFix(double[] time, bool oneStratum)
    {
        double[] distinct;
        if (oneStratum)
        {
            int count = 0;
            for (int i = 0; i < time.Length; i++) if (i == 0 || time[i] != time[i - 1]) count++;
            distinct = new double[count];
            for (int i = time.Length - 1, k = 0; i >= 0; i--) if (i == time.Length - 1 || time[i] != time[i + 1]) distinct[k++] = time[i];
        }
        else distinct = TimeFix.SortedDistinct((double[])time.Clone());
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
            // A copy is needed only to keep it as a basis vector for later columns, or to subtract projections from.
            var v = basis.Count == 0 && j == x.Length - 1 ? x[j] : (double[])x[j].Clone();
            double norm0 = Math.Sqrt(v.Sum(t => t * t));
            foreach (var e in basis)
            {
                double dot = 0;
                for (int i = 0; i < v.Length; i++) dot += v[i] * e[i];
                for (int i = 0; i < v.Length; i++) v[i] -= dot * e[i];
            }
            double norm = Math.Sqrt(v.Sum(t => t * t));
            if (norm0 == 0 || norm <= 1e-9 * norm0) continue;
            kept.Add(j);
            if (j == x.Length - 1) break; // no later column needs it as a basis vector (and v may be x[j] itself)
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
            basis.Add(v);
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
        double tol = Math.Pow(MachinePrecision.Epsilon, 0.75) * Math.Max(scale, double.Epsilon);
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

    private static double[] Solve(double[,] a, double[] b) => NewtonRaphson.Solve(a, b);

    /// <summary>The partial log-likelihood with its score and information, in one pass over the sorted rows.</summary>
    /// <summary>The log partial likelihood, score and information at β, by one pass over rows sorted by stratum and
    /// descending time (R's <c>coxfit6</c> recursion): risk-set sums accumulate as time decreases.</summary>
    private sealed class PartialLikelihood(double[] time, bool[] status, double[]? weight, int[]? strata, double[][] x, CoxTies ties)
    {
        public (double LogLik, double[] Score, double[,] Information) Evaluate(double[] beta)
        {
            int n = time.Length, q = x.Length;
            double ll = 0;
            var u = new double[q];
            var info = new double[q, q];
            var s1 = new double[q];
            var s2 = new double[q, q];
            var d1 = new double[q];
            var d2 = new double[q, q];
            var a1 = new double[q];
            var xi = new double[q];
            double s0 = 0;
            int i = 0;
            while (i < n)
            {
                if (i == 0 || (strata is not null && strata[i] != strata[i - 1]))
                {
                    s0 = 0;
                    Array.Clear(s1);
                    Array.Clear(s2);
                }
                int j = i;
                double t = time[i];
                int s = strata?[i] ?? 0;
                double d0 = 0, deadWeight = 0;
                int deaths = 0;
                Array.Clear(d1);
                Array.Clear(d2);
                while (j < n && time[j] == t && (strata is null || strata[j] == s))
                {
                    double eta = 0;
                    for (int k = 0; k < q; k++) { xi[k] = x[k][j]; eta += xi[k] * beta[k]; }
                    double w = weight?[j] ?? 1.0, risk = w * Math.Exp(eta);
                    s0 += risk;
                    for (int k = 0; k < q; k++)
                    {
                        double rx = risk * xi[k];
                        s1[k] += rx;
                        for (int l = 0; l <= k; l++) s2[k, l] += rx * xi[l];
                    }
                    if (status[j])
                    {
                        deaths++;
                        deadWeight += w;
                        ll += w * eta;
                        d0 += risk;
                        for (int k = 0; k < q; k++)
                        {
                            double rx = risk * xi[k];
                            u[k] += w * xi[k];
                            d1[k] += rx;
                            for (int l = 0; l <= k; l++) d2[k, l] += rx * xi[l];
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
