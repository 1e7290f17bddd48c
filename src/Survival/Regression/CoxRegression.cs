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
    /// <param name="cluster">Optional cluster (subject) label, R's <c>cluster(id)</c>: the robust (sandwich) variance
    /// summed over each cluster's rows, reported beside the model-based one and used for the limits and tests (unless
    /// <see cref="CoxOptions.Robust"/> is false).</param>
    /// <example><code>
    /// var fit = CoxRegression.Fit(patients, p =&gt; p.Months, p =&gt; p.Died,
    ///     [Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age), Covariate.Categorical&lt;Patient&gt;("arm", p =&gt; p.Arm, reference: "control")]);
    /// </code></example>
    public static CoxResult Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, IReadOnlyList<Covariate<T>> covariates,
        Func<T, string>? strata = null, Func<T, double>? weight = null, CoxOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit,
        Func<T, string>? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("name at least one covariate", column: "covariates");
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("time", DataColumn.Time, r => double.IsNaN(time(r))) };
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        if (strata is not null) checks.Add(("strata", DataColumn.Strata, r => strata(r) is null));
        if (cluster is not null) checks.Add(("cluster", DataColumn.Id, r => cluster(r) is null));
        var collected = ObjectRows<T>.Collect(rows, checks, covariates, missing);
        var data = collected.Survival(time, eventOccurred, weight, strata, cluster);
        CovariateMatrix x;
        try { x = collected.Covariates(covariates); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
        // R: a cluster() term always makes the variance robust.
        if (cluster is not null && options?.Robust is null) options = (options ?? CoxOptions.Default) with { Robust = true };
        return Fit(data, x, options);
    }

    /// <summary>Fits the model.</summary>
    /// <param name="data">Right-censored rows (strata from <see cref="SurvivalData.Strata"/>; weights as case weights).</param>
    /// <param name="covariates">The covariate columns (at least one).</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="cancellationToken">Stops the fit (checked before each likelihood evaluation and between the fit's
    /// stages): <see cref="OperationCanceledException"/>.</param>
    /// <param name="progress">Receives the stage ("risk sets", "fitting" with the iterations used out of the limit,
    /// "concordance") as the fit goes; at 10⁷ rows each stage takes about a second.</param>
    /// <exception cref="SurvivalInputException">No covariates, a size mismatch, delayed entry, or no events.</exception>
    public static CoxResult Fit(SurvivalData data, CovariateMatrix covariates, CoxOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("Cox regression", "no interval-censored Cox model here (SAS ICPHREG); fit an interval-censored parametric model (AftModel.Fit) or test with IntervalLogRank");
        ArgumentNullException.ThrowIfNull(covariates);
        options ??= CoxOptions.Default;
        options.Validate();
        if (covariates.Count == 0) throw new SurvivalInputException("the Cox model needs at least one covariate");
        if (covariates.Rows != data.Count) throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data have {data.Count}");
        int n = data.Count, p = covariates.Count;
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ProgressReport("risk sets", 0, 1));
        var sets = new CoxRiskSets(data, covariates, options.TimeFix);
        cancellationToken.ThrowIfCancellationRequested();
        double events = 0;
        // Weight times 0 or 1 rather than a branch on a coin flip (w·0 = +0 changes no sum; weights are finite and ≥ 0).
        var isEvent = System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(sets.Status.AsSpan());
        for (int i = 0; i < n; i++) events += sets.WeightAt(i) * isEvent[i];
        if (events == 0) throw new SurvivalInputException("the Cox model needs at least one event");
        var (robust, clusters) = RobustDesign(data, options);

        // Columns kept after removing constant and linearly dependent ones (R reports their coefficients as NA).
        var warnings = new List<FitWarning>();
        var kept = Independent(sets.X, sets.Centres, covariates.Names, warnings);

        // A covariate that never varies within a risk set at an event carries no information (the information matrix
        // is singular there): R's Cholesky drops it with NA. Drop such columns by a pivoted check at β = 0.
        (double, double[], double[,])? atZero = null;
        PartialLikelihood? probe = null;
        while (kept.Length > 0)
        {
            probe = new PartialLikelihood(sets, kept, options.Ties, probe?.Buffer);
            var evaluation = probe.Evaluate(new double[kept.Length]);
            var singular = SingularColumns(evaluation.Information);
            if (singular.Length == 0) { atZero = evaluation; break; }
            foreach (int k in singular)
                warnings.Add(new FitWarning(FitWarningKind.NoInformation, covariates.Names[kept[k]],
                    $"{covariates.Names[kept[k]]} has no information in the risk sets (it does not vary among the subjects at risk at any event time): its coefficient is not estimable (NA)"));
            kept = kept.Where((_, k) => !singular.Contains(k)).ToArray();
        }
        int q = kept.Length;
        var model = atZero is null ? new PartialLikelihood(sets, kept, options.Ties, probe?.Buffer) : probe!;

        var (ll0, u0, info0) = atZero ?? model.Evaluate(new double[q]);
        // R's two loops differ in when a pulled-back step may converge and what is returned at the iteration limit:
        // coxfit6 for right-censored rows, agfit4 for (start, stop] rows.
        var fit = NewtonRaphson.Maximize(new double[q], NewtonRaphson.Observed(model.Evaluate, options.MaxIterations, cancellationToken, progress),
            options.MaxIterations, options.Epsilon,
            data.HasEntry ? NewtonRule.Agreg : NewtonRule.Coxph, (ll0, u0, info0));
        var (beta, ll, u, info, iterations, converged) = fit;

        var variance = q == 0 ? new double[0, 0] : Matrix<double>.Build.DenseOfArray(info).Inverse().ToArray();
        double tolerInf = Math.Sqrt(options.Epsilon);
        var uv = q == 0 ? [] : (Matrix<double>.Build.DenseOfArray(variance) * Vector<double>.Build.DenseOfArray(u)).ToArray();
        var infinite = new bool[q];
        for (int k = 0; k < q; k++)
        {
            // coxph.fit's rule: the check runs whenever more than one iteration is allowed (iter.max > 1, not the count
            // made). After convergence, a coefficient is flagged when its Newton step u·V is non-finite, or exceeds both
            // eps and toler.inf·|β| (toler.inf = √eps): the likelihood was still rising along it. Without convergence R
            // only says that some coefficient may be infinite (below).
            // agreg.fit (start, stop] rows) flags a step above toler.inf·(1 + |β|) instead.
            bool large = data.HasEntry
                ? Math.Abs(uv[k]) > tolerInf * (1 + Math.Abs(beta[k]))
                : Math.Abs(uv[k]) > options.Epsilon && Math.Abs(uv[k]) > tolerInf * Math.Abs(beta[k]);
            infinite[k] = options.MaxIterations > 1 && converged && (!double.IsFinite(u[k]) || !double.IsFinite(uv[k]) || large);
            if (infinite[k])
                warnings.Add(new FitWarning(FitWarningKind.PossiblyInfinite, covariates.Names[kept[k]],
                    $"Loglik converged before variable {covariates.Names[kept[k]]}; coefficient may be infinite (the likelihood keeps rising as it grows: separation, monotone likelihood)"));
        }
        var eta = sets.LinearPredictors(kept, beta, model.Buffer);
        if (!converged)
        {
            // R is silent at iter.max = 1 ("never complain about convergence on the first step"); a result that did not
            // converge always says so here.
            warnings.Add(FitWarning.NotConverged(options.MaxIterations));
            // coxph.fit: a centred linear predictor above 500, or a non-finite step, suggests a coefficient running to
            // infinity (agreg.fit does not look).
            if (options.MaxIterations > 1 && !data.HasEntry && (eta.Max() > 500 || uv.Any(v => !double.IsFinite(v))))
                warnings.Add(new FitWarning(FitWarningKind.PossiblyInfinite, null, "one or more coefficients may be infinite"));
        }

        var state = new CoxModelState(sets, kept, beta, variance, options.Ties, covariates.Names.ToArray(), covariates.Terms.ToArray()) { Data = data };
        double[,]? robustVariance = null;
        ChiSquareTest? robustScore = null;
        if (robust && q > 0)
        {
            var (rv, rs) = CoxRobustVariance.Compute(state, eta, clusters);
            robustVariance = rv;
            robustScore = rs;
        }

        double z = ConfidenceLevel.Z(options.ConfidenceLevel);
        var coefficients = new CoxCoefficient[p];
        var covariance = new double[p, p];
        double[,]? robustCovariance = robustVariance is null ? null : new double[p, p];
        for (int j = 0; j < p; j++)
        {
            int k = Array.IndexOf(kept, j);
            if (k < 0)
            {
                coefficients[j] = new CoxCoefficient(covariates.Names[j], null, null, null, z, options.ConfidenceLevel, false);
                continue;
            }
            coefficients[j] = new CoxCoefficient(covariates.Names[j], beta[k], Math.Sqrt(variance[k, k]),
                robustVariance is null ? null : Math.Sqrt(robustVariance[k, k]), z, options.ConfidenceLevel, infinite[k]);
            for (int l = 0; l < p; l++)
            {
                int m = Array.IndexOf(kept, l);
                if (m < 0) continue;
                covariance[j, l] = variance[k, m];
                if (robustCovariance is not null) robustCovariance[j, l] = robustVariance![k, m];
            }
        }

        double wald = 0, score = 0;
        if (q > 0)
        {
            var b = Vector<double>.Build.DenseOfArray(beta);
            // R's Wald test uses the variance it reports: the robust one when there is one.
            wald = robustVariance is null
                ? b * (Matrix<double>.Build.DenseOfArray(info) * b)
                : b * Vector<double>.Build.DenseOfArray(Solve(robustVariance, beta));
            var u0v = Vector<double>.Build.DenseOfArray(u0);
            score = u0v * Vector<double>.Build.DenseOfArray(Solve(info0, u0));
        }
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new ProgressReport("concordance", 0, 1));
        var concordance = CoxConcordance.Compute(sets, eta);
        return new CoxResult(coefficients, covariance, ll0, ll, new ChiSquareTest(2 * (ll - ll0), q), new ChiSquareTest(wald, q),
            new ChiSquareTest(score, q), concordance, iterations, converged, n, events, options, warnings.ToArray())
        {
            Omitted = data.Omitted,
            RobustCovarianceMatrix = robustCovariance is null ? null : new SquareMatrix(robustCovariance),
            RobustScore = robustScore,
            Clusters = robust ? clusters?.Max() + 1 ?? n : null,
            Means = ValueList<double>.Of(sets.Means),
            Terms = covariates.Terms,
            HasEntry = data.HasEntry,
            State = state,
            StrataLevels = data.Strata?.Levels,
        };
    }

    /// <summary>R <c>coxph</c>'s rule for the robust variance: asked for, or by default when a weight is not a whole
    /// number or a subject (<see cref="SurvivalData.Id"/>, R's <c>id</c>) has more than one event; the clusters are the
    /// subjects, or each row its own.</summary>
    private static (bool Robust, int[]? Clusters) RobustDesign(SurvivalData data, CoxOptions options)
    {
        bool fractionalWeights = false;
        foreach (double w in data.Weight) if (w != Math.Floor(w)) { fractionalWeights = true; break; }
        bool repeatedEvents = false;
        if (data.Id is { } id)
        {
            var seen = new bool[id.Levels.Count];
            var codes = id.Codes;
            var events = data.Event;
            for (int i = 0; i < data.Count && !repeatedEvents; i++)
                if (events[i]) { repeatedEvents = seen[codes[i]]; seen[codes[i]] = true; }
        }
        bool robust = options.Robust ?? (fractionalWeights || repeatedEvents);
        if (!robust) return (false, null);
        if (data.Id is not null) return (true, data.Id.Codes.ToArray());
        if (data.HasEntry && options.Robust == true)
            throw new SurvivalInputException("a robust variance for (start, stop] data needs the subject of each row (a cluster, R's cluster(id)): rows of one subject are not independent",
                column: "Robust");
        return (true, null);
    }

    /// <summary>Indices of columns that are neither constant nor (numerically) linear combinations of earlier ones, with
    /// a warning naming each column left out and why. Gram–Schmidt on the centred columns, streaming: a column's
    /// projections on the kept basis come from its dot products, its residual norm from one more pass, and the normalised
    /// residual is stored only when a later column needs it as a basis vector (so one covariate costs no copy).</summary>
    private static int[] Independent(double[][] x, double[] means, IReadOnlyList<string> names, List<FitWarning> warnings)
    {
        var basis = new List<double[]>();
        var kept = new List<int>();
        int n = x.Length == 0 ? 0 : x[0].Length;
        for (int j = 0; j < x.Length; j++)
        {
            var c = x[j];
            double norm0 = 0, largest = 0;
            for (int i = 0; i < n; i++) { norm0 += c[i] * c[i]; largest = Math.Max(largest, Math.Abs(c[i])); }
            norm0 = Math.Sqrt(norm0);
            if (norm0 == 0 || largest <= 1e-12 * (Math.Abs(means[j]) + largest))
            {
                warnings.Add(new FitWarning(FitWarningKind.Constant, names[j],
                    $"{names[j]} is constant (it has one value in every row used): its coefficient is not estimable (NA)"));
                continue;
            }
            // Classical Gram–Schmidt, twice (the second pass restores the orthogonality the first loses to rounding).
            var dots = new double[basis.Count];
            for (int k = 0; k < basis.Count; k++)
            {
                var e = basis[k];
                double dot = 0;
                for (int i = 0; i < n; i++) dot += c[i] * e[i];
                dots[k] = dot;
            }
            var correction = new double[basis.Count];
            for (int k = 0; k < basis.Count; k++)
            {
                var e = basis[k];
                double dot = 0;
                for (int i = 0; i < n; i++) dot += (c[i] - Residual(i, basis.Count)) * e[i];
                correction[k] = dot;
            }
            for (int k = 0; k < basis.Count; k++) dots[k] += correction[k];
            double norm = 0;
            for (int i = 0; i < n; i++) { double r = c[i] - Residual(i, basis.Count); norm += r * r; }
            norm = Math.Sqrt(norm);
            if (norm <= 1e-9 * norm0)
            {
                warnings.Add(new FitWarning(FitWarningKind.Aliased, names[j],
                    $"{names[j]} is a linear combination of {string.Join(", ", Combination(x, kept, j).Select(k => names[k]))} (collinear): its coefficient is not estimable (NA)"));
                continue;
            }
            kept.Add(j);
            if (j == x.Length - 1) break;
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = (c[i] - Residual(i, basis.Count)) / norm;
            basis.Add(v);

            // Σ_{l < upTo} dots[l] · basis[l][i]: the part of column j along the first upTo basis vectors.
            double Residual(int i, int upTo)
            {
                double r = 0;
                for (int l = 0; l < upTo; l++) r += dots[l] * basis[l][i];
                return r;
            }
        }
        return kept.ToArray();
    }

    /// <summary>The earlier kept columns that an aliased column <paramref name="j"/> is made of (least squares, QR), for
    /// the warning: those with a coefficient that is not negligible.</summary>
    private static IEnumerable<int> Combination(double[][] x, List<int> kept, int j)
    {
        if (kept.Count == 0) return [];
        var a = Matrix<double>.Build.Dense(x[j].Length, kept.Count, (i, k) => x[kept[k]][i]);
        var c = a.QR().Solve(Vector<double>.Build.DenseOfArray(x[j]));
        double scale = c.AbsoluteMaximum();
        return kept.Where((_, k) => Math.Abs(c[k]) > 1e-8 * scale).ToArray();
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

    /// <summary>The log partial likelihood, score and information at β, by one walk over the risk sets (R's
    /// <c>coxfit6</c> and <c>agfit4</c> recursions). The deaths' own terms Σ w η and Σ w x are plain sums over the
    /// event rows, taken in the pass that computes η; the walk then needs only the risk weights w·e^η, which overwrite η
    /// in one buffer reused by every evaluation.</summary>
    /// <param name="sets">The sorted rows.</param>
    /// <param name="columns">The covariate columns in the model.</param>
    /// <param name="ties">The handling of tied event times.</param>
    /// <param name="buffer">A buffer of one value a row to reuse, or null.</param>
    /// <param name="general">Always walk the risk sets through <see cref="CoxRiskSets.SweepRisk"/> with a visitor (the
    /// tests' oracle for the fused one-covariate walk).</param>
    private sealed class PartialLikelihood(CoxRiskSets sets, int[] columns, CoxTies ties, double[]? buffer = null, bool general = false)
    {
        /// <summary>The η / risk-weight buffer (reused by a later model on the same rows).</summary>
        public double[] Buffer { get; } = buffer ?? new double[sets.Count];

        public (double LogLik, double[] Score, double[,] Information) Evaluate(double[] beta)
        {
            int q = columns.Length, n = sets.Count;
            var risk = sets.LinearPredictors(columns, beta, Buffer);
            double ll = 0;
            var u = new double[q];
            var info = new double[q, q];
            var status = sets.Status;
            var weight = sets.Weight;
            var xs = new double[q][];
            for (int k = 0; k < q; k++) xs[k] = sets.X[columns[k]];
            // The deaths' own terms, over the event rows in order (a list, not a test of every row's status: events and
            // censorings alternate at random, and the test would be mispredicted often).
            foreach (int i in sets.EventRows)
            {
                double w = weight?[i] ?? 1.0;
                ll += w * risk[i];
                for (int k = 0; k < q; k++) u[k] += w * xs[k][i];
            }
            // η becomes the risk weight w·e^η, row by row on all cores (each row on its own: the same values on any
            // number of threads). At β = 0 (the start, the score test) every e^η is exactly 1: the exponentials are
            // skipped, not approximated.
            bool atZero = Array.TrueForAll(beta, b => b == 0);
            int parts = RadixSort.Threads(n);
            RadixSort.Run(parts, t =>
            {
                int from = (int)((long)n * t / parts), to = (int)((long)n * (t + 1) / parts);
                if (atZero)
                    for (int i = from; i < to; i++) risk[i] = weight?[i] ?? 1.0;
                else
                    for (int i = from; i < to; i++) risk[i] = (weight?[i] ?? 1.0) * Math.Exp(risk[i]);
            });
            bool efron = ties == CoxTies.Efron;
            if (q == 1 && sets.Entry is null && !general)
            {
                var (llOne, uOne, infoOne) = SweepOne(risk, efron, ll, u[0]);
                info[0, 0] = infoOne;
                return (llOne, [uOne], info);
            }
            var a1 = new double[q];
            sets.SweepRisk(columns, risk, true, s =>
            {
                int m = efron ? s.Deaths : 1;
                double mean = s.DeadWeight / m;
                var s2 = s.S2!;
                var d2 = s.E2!;
                for (int e = 0; e < m; e++)
                {
                    double f = efron ? (double)e / s.Deaths : 0;
                    double den = s.S0 - f * s.E0;
                    ll -= mean * Math.Log(den);
                    for (int k = 0; k < q; k++)
                    {
                        a1[k] = (s.S1[k] - f * s.E1[k]) / den;
                        u[k] -= mean * a1[k];
                    }
                    for (int k = 0; k < q; k++)
                        for (int l = 0; l <= k; l++)
                            info[k, l] += mean * ((s2[k, l] - f * d2[k, l]) / den - a1[k] * a1[l]);
                }
            });
            for (int k = 0; k < q; k++)
                for (int l = 0; l < k; l++) info[l, k] = info[k, l];
            return (ll, u, info);
        }

        /// <summary>The walk for one covariate without delayed entry: <see cref="CoxRiskSets.SweepOne"/> with the Breslow/Efron
        /// terms as a struct visitor, the same operations in the same order as the general visitor (so the same bits),
        /// without a delegate call and array stores per event time (millions of them with continuous times).</summary>
        private (double LogLik, double Score, double Information) SweepOne(double[] risk, bool efron, double ll, double u)
        {
            var terms = new EfronTerms(efron) { LogLik = ll, Score = u };
            sets.SweepOne(sets.X[columns[0]], risk, second: true, ref terms);
            return (terms.LogLik, terms.Score, terms.Information);
        }
    }

    /// <summary>One covariate's log-likelihood, score and information, summed over the event times of a walk.</summary>
    private struct EfronTerms(bool efron) : CoxRiskSets.IOneVisitor
    {
        public double LogLik, Score, Information;

        public void Visit(in CoxRiskSets.OneSums s)
        {
            int m = efron ? s.Deaths : 1;
            double mean = s.DeadWeight / m;
            for (int e = 0; e < m; e++)
            {
                double f = efron ? (double)e / s.Deaths : 0;
                double den = s.S0 - f * s.E0;
                LogLik -= mean * Math.Log(den);
                double a1 = (s.S1 - f * s.E1) / den;
                Score -= mean * a1;
                Information += mean * ((s.S2 - f * s.E2) / den - a1 * a1);
            }
        }
    }

    /// <summary>The log-likelihood, score and information at <paramref name="beta"/>, by the fused one-covariate walk or
    /// (with <paramref name="general"/>) by the general one: for the tests, which compare the two bit for bit.</summary>
    internal static (double LogLik, double[] Score, double[,] Information) Evaluate(CoxRiskSets sets, int[] columns, CoxTies ties, double[] beta, bool general)
        => new PartialLikelihood(sets, columns, ties, general: general).Evaluate(beta);
}
