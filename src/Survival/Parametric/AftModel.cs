using MathNet.Numerics.Distributions;

namespace Survival.Parametric;

/// <summary>
/// Accelerated-failure-time regression at R <c>survreg</c> parity: the <see cref="AftDistribution"/> families with
/// covariates, right-censored, by maximum likelihood over (β, log σ).
/// </summary>
/// <remarks>
/// <para>With y = log t (t for the Gaussian and logistic families), η = x'β and z = (y − η)/σ, an event contributes
/// log f(z) − log σ (− log t on the log scale: the density of T, as R's log-likelihood) and a censoring log S(z), where f
/// and S are the standard extreme-value, normal or logistic density and survival. The score and information are
/// analytic in the derivatives h′, h″ of log f or log S with respect to z: ∂ℓ/∂β = −h′x/σ, ∂ℓ/∂log σ = −h′z − δ,
/// ∂²ℓ/∂β∂β′ = h″xx′/σ², ∂²ℓ/∂β∂log σ = (h″z + h′)x/σ, ∂²ℓ/∂log σ² = h″z² + h′z. Newton–Raphson with step-halving and
/// R's rule (survreg's: |1 − ℓ_old/ℓ_new| ≤ 1e-9 on a full step, at most 30 iterations, each halving counted), from
/// least squares on the events (exponential: the intercept log(T/d)).</para>
/// <para>Reference: Kalbfleisch &amp; Prentice (2002) ch. 2–3; R survival <c>survreg</c>, <c>survreg.distributions</c>.</para>
/// </remarks>
public static class AftModel
{
    /// <summary>R <c>survreg.control()</c>: <c>maxiter = 30</c>, <c>rel.tolerance = 1e-9</c>.</summary>
    internal const int DefaultMaxIterations = 30;

    internal const double DefaultEpsilon = 1e-9;

    /// <summary>Fits the model to the objects an application holds, in one pass: time, event, weight and every covariate are
    /// read from the same row, so rows and covariates cannot fall out of line. A row with a missing value in any of them
    /// (<see cref="double.NaN"/>, null) is left out as R's <c>na.omit</c> and reported in <see cref="ParametricFit.Omitted"/>,
    /// or is an error naming the row under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="distribution">The distribution (default Weibull, R <c>survreg</c>'s).</param>
    /// <param name="covariates">Optional covariates (<see cref="Regression.Covariate.Numeric{T}"/>, <see cref="Regression.Covariate.Categorical{T}"/>).</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule of <see cref="SurvivalData"/> (the row is its 1-based
    /// position among all the rows), a value is missing under <see cref="MissingValuePolicy.Fail"/>, or the fit fails as
    /// <see cref="Fit(SurvivalData, AftDistribution, Regression.CovariateMatrix?, ParametricOptions?, CancellationToken, IProgress{ProgressReport}?)"/> does.</exception>
    /// <example><code>
    /// var fit = AftModel.Fit(patients, p =&gt; p.Months, p =&gt; p.Progressed, AftDistribution.LogNormal,
    ///     [Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age), Covariate.Categorical&lt;Patient&gt;("arm", p =&gt; p.Arm)]);
    /// </code></example>
    public static AftFit Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, AftDistribution distribution = AftDistribution.Weibull,
        IReadOnlyList<Regression.Covariate<T>>? covariates = null, Func<T, double>? weight = null, ParametricOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("time", DataColumn.Time, r => double.IsNaN(time(r))) };
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        var collected = ObjectRows<T>.Collect(rows, checks, covariates, missing);
        SurvivalData data;
        Regression.CovariateMatrix? x;
        try
        {
            data = SurvivalData.From(collected.Kept, time, eventOccurred, weight: weight, missing: MissingValuePolicy.Fail);
            x = covariates is { Count: > 0 } ? collected.Covariates(covariates) : null;
        }
        catch (SurvivalInputException ex)
        {
            throw collected.AtPosition(ex);
        }
        var fit = Fit(data, distribution, x, options);
        return collected.Omitted.Count == 0 ? fit : fit with { Omitted = collected.Omitted };
    }

    /// <summary>Fits the model.</summary>
    /// <param name="data">Right-censored rows (times &gt; 0 for the log-scale families); weights as case weights.</param>
    /// <param name="distribution">The family (R's default is <see cref="AftDistribution.Weibull"/>).</param>
    /// <param name="covariates">Covariate columns aligned with <paramref name="data"/>; null for an intercept only.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="cancellationToken">Stops the fit (checked before each likelihood evaluation).</param>
    /// <param name="progress">Receives ("fitting", evaluations, limit) as the fit goes.</param>
    /// <exception cref="SurvivalInputException">A likelihood without an interior maximum (singular information, named in the
    /// message), a time ≤ 0 on the log scale, no event, or covariates of another length.</exception>
    /// <remarks>Delayed entry (left truncation), which R's <c>survreg</c> lacks, conditions each row on survival to its entry:
    /// the row's log-likelihood loses log S at the entry time (flexsurv's convention).</remarks>
    public static AftFit Fit(SurvivalData data, AftDistribution distribution = AftDistribution.Weibull, Regression.CovariateMatrix? covariates = null,
        ParametricOptions? options = null, CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ParametricOptions.Default;
        options.Validate();
        int maxIterations = options.MaxIterations ?? DefaultMaxIterations;
        double epsilon = options.Epsilon ?? DefaultEpsilon;
        if (!Enum.IsDefined(distribution)) throw new SurvivalInputException("unknown distribution", column: "distribution", value: distribution.ToString());
        if (covariates is not null && covariates.Rows != data.Count)
            throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data {data.Count}", column: "covariates");
        bool logScale = distribution is not (AftDistribution.Gaussian or AftDistribution.Logistic);
        int n = data.Count;
        var y = new double[n];
        IntervalEnds? intervals = data.IsIntervalCensored ? IntervalEnds.Of(data, logScale) : null;
        if (intervals is not null) y = intervals.Start;
        else
        {
            if (!logScale) data.Time.CopyTo(y);
            else if (LogTimes(data.Time, y) is int bad)
                throw new SurvivalInputException("the log-scale AFT models need times > 0", column: "time", value: SurvivalData.Format(data.Time[bad]), row: bad + 1, input: DataColumn.Time);
        }
        double[]? entryY = null;
        if (data.HasEntry)
        {
            entryY = new double[n];
            for (int i = 0; i < n; i++)
            {
                double e = data.Entry[i];
                entryY[i] = logScale ? (e > 0 ? Math.Log(e) : double.NegativeInfinity) : e;
            }
        }
        int p = 1 + (covariates?.Count ?? 0);
        var x = new double[p][];
        // The intercept's column of ones is made only where the general row loop reads it (interval rows, delayed entry):
        // the right-censored sums never read it, and at 10⁷ rows each column allocated costs about as much as a pass.
        if (intervals is not null || entryY is not null) x[0] = Ones(n);
        // The covariates' own columns, read and never written.
        for (int j = 1; j < p; j++) x[j] = covariates!.ColumnArray(j - 1);
        var names = new List<string> { "(Intercept)" };
        if (covariates is not null) names.AddRange(covariates.Names);
        var (events, eventLogTimes) = EventSums(data.EventArray, data.WeightArray, y);
        if (events == 0) throw new SurvivalInputException("the AFT models need at least one event");
        bool fixedScale = distribution == AftDistribution.Exponential;
        int q = fixedScale ? p : p + 1;

        // survreg works on the log-time likelihood without the Jacobian −Σ log t of the events, and tests convergence on
        // it; the same test here needs the same function (the Jacobian is a constant, added back at the end).
        double jacobian = 0;
        if (logScale && intervals is null) jacobian = eventLogTimes;
        else if (logScale)
            for (int i = 0; i < n; i++) if (intervals!.Kind[i] == IntervalKind.Exact) jacobian += data.WeightAt(i) * y[i];
        Func<double[], (double LogLik, double[] Score, double[,] Information)> Model(double[][] columns, bool fixedSigma) =>
            NewtonRaphson.Observed(theta =>
            {
                var (l, u, info) = Evaluate(data, y, columns, theta, distribution, logScale, fixedSigma, entryY, intervals);
                return (l + jacobian, u, info);
            }, maxIterations, cancellationToken, progress);
        int logScaleIndex = fixedScale ? -1 : q - 1;

        NewtonRaphson.Result? fromSurvreg = null;
        if (!data.HasEntry)
        {
            // survreg.fit's own start, so that the iterations (and a last iterate that did not converge) are R's: the
            // family's moment start for (μ, σ) (σ doubled: log(4·var)/2), the intercept by the "glim" step at z = 0, an
            // intercept-only fit of at most 20 iterations when there are covariates, then the glim step for every
            // coefficient at its σ.
            var (_, variance) = MomentStart(data, intervals?.Midpoint ?? y, distribution);
            double logSigma = fixedScale ? 0 : Math.Log(4 * variance) / 2;
            double[][] intercept = [x[0]];
            if (p > 1 && !fixedScale)
            {
                double[] start0 = [Glim(data, y, intercept, distribution, Math.Exp(logSigma), intervals)[0], logSigma];
                var fit0 = NewtonRaphson.Maximize(start0, Model(intercept, false), 20, epsilon, NewtonRule.Survreg, logScaleIndex: 1);
                logSigma = fit0.Estimate[1];
            }
            var beta = Glim(data, y, x, distribution, Math.Exp(logSigma), intervals);
            double[] start = fixedScale ? beta : [.. beta, logSigma];
            fromSurvreg = NewtonRaphson.Maximize(start, Model(x, fixedScale), maxIterations, epsilon, NewtonRule.Survreg, logScaleIndex: logScaleIndex);
        }
        var fit = fromSurvreg ?? default;
        FitWarning[] notes = [];
        if (fromSurvreg is not { } r || (!r.Converged && !Usable(r, q)))
        {
            // Delayed entry (which survreg lacks), or survreg's start ran out somewhere without standard errors (the
            // information not positive definite: R returns that point with NaN errors): from the exponential fit (σ = 1,
            // a concave problem) with its intercept moved to the family's median, and from least squares on the events.
            // A converged fit from these replaces survreg's, and says so; otherwise survreg's last iterate stands. A
            // survreg fit that ran out at a usable point (the iteration limit) is R's and is kept as it is.
            var starts = new List<double[]>();
            if (logScale && !fixedScale)
            {
                var exponential = NewtonRaphson.Maximize(StartingValues(data, intervals?.Midpoint ?? y, x, AftDistribution.Exponential, logScale, true),
                    NewtonRaphson.Observed(theta => Evaluate(data, y, x, theta, AftDistribution.Exponential, logScale, true, entryY, intervals), maxIterations, cancellationToken, progress),
                    maxIterations, epsilon, NewtonRule.Survreg, logScaleIndex: -1).Estimate;
                var fromExponential = (double[])exponential.Clone();
                if (distribution != AftDistribution.Weibull) fromExponential[0] += Math.Log(Math.Log(2));
                starts.Add([.. fromExponential, 0.0]);
            }
            starts.Add(StartingValues(data, intervals?.Midpoint ?? y, x, distribution, logScale, fixedScale));
            bool found = false;
            NewtonRaphson.Result best = default;
            foreach (var start in starts)
            {
                var candidate = NewtonRaphson.Maximize(start, Model(x, fixedScale), maxIterations, epsilon, NewtonRule.Survreg, logScaleIndex: logScaleIndex);
                bool better = !found || (candidate.Converged && (!best.Converged || candidate.LogLikelihood > best.LogLikelihood));
                if (better) (best, found) = (candidate, true);
            }
            if (fromSurvreg is null) fit = best;
            else if (best.Converged)
            {
                fit = best;
                notes = [new FitWarning(FitWarningKind.FoundFromAnotherStart, null,
                    $"survreg's own start ran out of iterations ({maxIterations}; R warns \"Ran out of iterations and did not converge\"): " +
                    "the maximum was found from another start (the exponential fit or least squares on the events)")];
            }
        }
        fit = fit with { LogLikelihood = fit.LogLikelihood - jacobian };
        var covariance = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(fit.Information).Inverse().ToArray();
        if (!Usable(fit, q))
            throw new SurvivalInputException(
                $"the {distribution.ToString().ToLowerInvariant()} likelihood has no interior maximum on these data: the information is singular where the " +
                "iterations stopped (typically the scale running to 0 because the events share one time, or a covariate " +
                "that separates events from censorings); no estimate or standard error can be given. R's survreg stops " +
                "after its iteration limit here.");
        return new AftFit(distribution, names, fit.Estimate, covariance, fixedScale, fit.LogLikelihood, fit.Iterations, fit.Converged, n, events,
            options.ConfidenceLevel, covariates?.Names ?? [], intervals?.LastObserved ?? Max(data.Time), maxIterations, notes) { Terms = covariates?.Terms ?? [] };
    }

    /// <summary>y = log t for every row, or the first row whose time is not &gt; 0. A method of its own, compiled fully
    /// optimised from its first call: in the body of a fit, called a few times, the loop would run unoptimised.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int? LogTimes(ReadOnlySpan<double> time, double[] y)
    {
        for (int i = 0; i < time.Length; i++)
        {
            double t = time[i];
            if (!(t > 0)) return i;
            y[i] = Math.Log(t);
        }
        return null;
    }

    /// <summary>Σw·δ and Σw·δ·y over the rows (δ the event indicator), compiled fully optimised (see <see cref="LogTimes"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static (double Events, double EventY) EventSums(bool[] status, double[]? weights, double[] y)
    {
        double events = 0, eventY = 0;
        for (int i = 0; i < status.Length; i++)
        {
            // Without a branch on the event (unpredictable: a mispredicted branch per row costs more than the sums).
            double d = (weights is null ? 1 : weights[i]) * System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref status[i]);
            events += d;
            eventY += d * y[i];
        }
        return (events, eventY);
    }

    private static double[] Ones(int n)
    {
        var ones = GC.AllocateUninitializedArray<double>(n);
        ones.AsSpan().Fill(1.0);
        return ones;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) if (v > max) max = v;
        return max;
    }

    /// <summary>Whether a fit's point has standard errors: finite, with a positive variance for every parameter.</summary>
    private static bool Usable(NewtonRaphson.Result fit, int q)
    {
        if (!double.IsFinite(fit.LogLikelihood) || !fit.Estimate.All(double.IsFinite)) return false;
        var covariance = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(fit.Information).Inverse();
        for (int j = 0; j < q; j++) if (!(double.IsFinite(covariance[j, j]) && covariance[j, j] > 0)) return false;
        return true;
    }

    /// <summary>survreg's moment start of its distributions (<c>survreg.distributions$…$init</c>): the weighted mean and
    /// variance of y over all rows, moved to the law's centre (+0.572 for the extreme value) and scaled to σ² (÷1.64 for
    /// the extreme value, ÷3.2 for the logistic). survreg's glim step replaces the mean; the variance starts σ.</summary>
    private static (double Mean, double Variance) MomentStart(SurvivalData data, double[] y, AftDistribution distribution)
    {
        double sw = 0, sy = 0;
        for (int i = 0; i < y.Length; i++) { double w = data.WeightAt(i); sw += w; sy += w * y[i]; }
        double mean = sy / sw, ss = 0;
        for (int i = 0; i < y.Length; i++) ss += data.WeightAt(i) * (y[i] - mean) * (y[i] - mean);
        double variance = ss / sw;
        return distribution switch
        {
            AftDistribution.Weibull or AftDistribution.Exponential => (mean + 0.572, variance / 1.64),
            AftDistribution.LogLogistic or AftDistribution.Logistic => (mean, variance / 3.2),
            _ => (mean, variance),
        };
    }

    /// <summary>survreg.fit's "glim" start: one weighted least-squares step at z = 0 for every row (the fit a perfect
    /// model would have), with the first and second derivatives of each row's log-likelihood in η there (R's
    /// <c>derfun</c>): β = (XᵀWX)⁻¹Xᵀ(W·y + w·g), W = −w·g′.</summary>
    private static double[] Glim(SurvivalData data, double[] y, double[][] x, AftDistribution distribution, double sigma, IntervalEnds? intervals = null)
    {
        int p = x.Length, n = y.Length;
        var (_, eventSlope, eventCurvature) = Derivatives(distribution, 0, eventOccurred: true);
        var (_, censoredSlope, censoredCurvature) = Derivatives(distribution, 0, eventOccurred: false);
        if (intervals is null)
        {
            var (aa, bb) = AftRightCensoredSums.GlimSums(y, x, data.EventArray, data.WeightArray,
                -eventCurvature / (sigma * sigma), -eventSlope / sigma, -censoredCurvature / (sigma * sigma), -censoredSlope / sigma);
            return NewtonRaphson.Solve(aa, bb);
        }
        var a = new double[p, p];
        var b = new double[p];
        for (int i = 0; i < n; i++)
        {
            double w = data.WeightAt(i);
            double g, weight, yy = y[i];
            if (intervals is not null && intervals.IsCensoredInInterval(i))
            {
                // survreg's derfun at η = the interval's midpoint (its start for y): the ends standardised around it.
                yy = intervals.Midpoint[i];
                var t = IntervalTerms(distribution, (y[i] - yy) / sigma, (intervals.End[i] - yy) / sigma, sigma);
                g = t.DEta;
                weight = -w * t.DEta2;
            }
            else
            {
                bool delta = intervals is null ? data.Event[i] : intervals.Kind[i] == IntervalKind.Exact;
                g = -(delta ? eventSlope : censoredSlope) / sigma;                     // ∂ℓ/∂η at z = 0
                weight = -w * (delta ? eventCurvature : censoredCurvature) / (sigma * sigma); // −w ∂²ℓ/∂η²
            }
            double target = weight * yy + w * g;
            for (int j = 0; j < p; j++)
            {
                b[j] += x[j][i] * target;
                for (int k = 0; k <= j; k++) a[j, k] += x[j][i] * weight * x[k][i];
            }
        }
        for (int j = 0; j < p; j++) for (int k = j + 1; k < p; k++) a[j, k] = a[k, j];
        return NewtonRaphson.Solve(a, b);
    }

    /// <summary>Least squares of y on x over the events (the intercept log(T/d) for the exponential), and log σ from the
    /// residual spread: a start from which Newton–Raphson converges on ordinary data.</summary>
    private static double[] StartingValues(SurvivalData data, double[] y, double[][] x, AftDistribution distribution, bool logScale, bool fixedScale)
    {
        if (x[0] is null) x = [Ones(y.Length), .. x[1..]];
        int p = x.Length, n = y.Length;
        var rows = Enumerable.Range(0, n).Where(i => data.Event[i]).ToArray();
        if (rows.Length <= p) rows = Enumerable.Range(0, n).ToArray();
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows.Length, p, (r, j) => x[j][rows[r]]);
        var target = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(rows.Length, r => y[rows[r]]);
        double[] beta;
        try { beta = design.QR().Solve(target).ToArray(); }
        catch (Exception) { beta = new double[p]; beta[0] = rows.Average(i => y[i]); }
        if (beta.Any(b => !double.IsFinite(b))) { beta = new double[p]; beta[0] = rows.Average(i => y[i]); }
        if (distribution == AftDistribution.Exponential && p == 1)
        {
            double exposure = 0, d = 0;
            for (int i = 0; i < n; i++) { exposure += data.WeightAt(i) * data.Time[i]; if (data.Event[i]) d += data.WeightAt(i); }
            beta[0] = Math.Log(exposure / d);
        }
        if (fixedScale) return beta;
        double ss = 0;
        foreach (int i in rows)
        {
            double r = y[i];
            for (int j = 0; j < p; j++) r -= beta[j] * x[j][i];
            ss += r * r;
        }
        double sd = Math.Sqrt(ss / Math.Max(1, rows.Length - p));
        // The scale of W: extreme value and logistic have sd π/√6 and π/√3; the normal 1.
        double unit = distribution switch
        {
            AftDistribution.Weibull => Math.PI / Math.Sqrt(6),
            AftDistribution.LogLogistic or AftDistribution.Logistic => Math.PI / Math.Sqrt(3),
            _ => 1,
        };
        return [.. beta, Math.Log(Math.Max(sd / unit, 1e-3))];
    }

    /// <summary>Rows per chunk when the likelihood is summed in parallel (2¹⁶: small enough to spread 10⁶ rows over the
    /// cores, large enough that a chunk's work dwarfs its scheduling).</summary>
    private const int EvaluationChunk = 1 << 16;

    /// <summary>The log-likelihood, score and information at θ = (β, log σ) (β alone with the scale fixed at 1). Right-censored
    /// rows without entry are summed by <see cref="AftRightCensoredSums"/> unless <paramref name="rowByRow"/> asks for the
    /// general row loop (which the tests compare it with).</summary>
    internal static (double LogLik, double[] Score, double[,] Information) Evaluate(SurvivalData data, double[] y, double[][] x, double[] theta,
        AftDistribution distribution, bool logScale, bool fixedScale, double[]? entryY = null, IntervalEnds? intervals = null, bool rowByRow = false)
    {
        int p = x.Length, q = theta.Length, n = y.Length;
        double logSigma = fixedScale ? 0 : theta[p], sigma = Math.Exp(logSigma);
        double ll = 0;
        var score = new double[q];
        var info = new double[q, q];
        var status = data.EventArray;
        int chunks = n >= 2 * EvaluationChunk ? (n + EvaluationChunk - 1) / EvaluationChunk : 1;
        if (intervals is null && entryY is null && !rowByRow)
        {
            // Right-censored rows without entry, nearly every fit: the blocked sums (the same chunks, added in order).
            double[] sums;
            if (chunks == 1) sums = AftRightCensoredSums.Sum(distribution, 0, n, y, x, status, data.WeightArray, theta, sigma, logScale);
            else
            {
                var partSums = new double[chunks][];
                Parallel.For(0, chunks, c => partSums[c] = AftRightCensoredSums.Sum(distribution, c * EvaluationChunk, Math.Min(n, (c + 1) * EvaluationChunk),
                    y, x, status, data.WeightArray, theta, sigma, logScale));
                sums = partSums[0];
                for (int c = 1; c < chunks; c++) for (int k = 0; k < sums.Length; k++) sums[k] += partSums[c][k];
            }
            return AftRightCensoredSums.Finish(sums, p, logSigma, sigma, fixedScale);
        }
        // Large data are summed in fixed chunks of rows on all cores, the chunks' sums added in chunk order: the same
        // result on any number of cores (and, below two chunks, the serial sum bit for bit).
        if (chunks == 1) Rows(0, n, ref ll, score, info);
        else
        {
            var parts = new (double LogLik, double[] Score, double[,] Information)[chunks];
            Parallel.For(0, chunks, c =>
            {
                double partLl = 0;
                var partScore = new double[q];
                var partInfo = new double[q, q];
                Rows(c * EvaluationChunk, Math.Min(n, (c + 1) * EvaluationChunk), ref partLl, partScore, partInfo);
                parts[c] = (partLl, partScore, partInfo);
            });
            foreach (var part in parts)
            {
                ll += part.LogLik;
                for (int j = 0; j < q; j++)
                {
                    score[j] += part.Score[j];
                    for (int k = 0; k < q; k++) info[j, k] += part.Information[j, k];
                }
            }
        }
        for (int j = 0; j < q; j++) for (int k = j + 1; k < q; k++) info[j, k] = info[k, j];
        return (ll, score, info);

        void Rows(int from, int to, ref double ll, double[] score, double[,] info)
        {
            for (int i = from; i < to; i++)
            {
                double w = data.WeightAt(i);
                if (w == 0) continue;
                double eta = 0;
                for (int j = 0; j < p; j++) eta += theta[j] * x[j][i];
                double z = (y[i] - eta) / sigma;
                if (intervals is not null && intervals.IsCensoredInInterval(i))
                {
                    // log P(left < T ≤ right) = log(F(z_r) − F(z_l)); a left-censored row has z_l = −∞.
                    var t = IntervalTerms(distribution, z, (intervals.End[i] - eta) / sigma, sigma);
                    ll += w * t.LogL;
                    for (int j = 0; j < p; j++)
                    {
                        score[j] += w * t.DEta * x[j][i];
                        for (int k = 0; k <= j; k++) info[j, k] -= w * t.DEta2 * x[j][i] * x[k][i];
                    }
                    if (!fixedScale)
                    {
                        score[p] += w * t.DS;
                        for (int j = 0; j < p; j++) info[p, j] -= w * t.DEtaDS * x[j][i];
                        info[p, p] -= w * t.DS2;
                    }
                    continue;
                }
                bool delta = intervals is null ? status[i] : intervals.Kind[i] == IntervalKind.Exact;
                if (entryY is not null && !double.IsNegativeInfinity(entryY[i]))
                {
                    // Left truncation: − log S(z_e), with z_e the standardised entry.
                    double ze = (entryY[i] - eta) / sigma;
                    var (k, k1, k2) = Derivatives(distribution, ze, eventOccurred: false);
                    ll -= w * k;
                    for (int j = 0; j < p; j++)
                    {
                        score[j] -= w * -k1 * x[j][i] / sigma;
                        for (int m = 0; m <= j; m++) info[j, m] += w * k2 * x[j][i] * x[m][i] / (sigma * sigma);
                    }
                    if (!fixedScale)
                    {
                        score[p] -= w * -k1 * ze;
                        for (int j = 0; j < p; j++) info[p, j] += w * (k2 * ze + k1) * x[j][i] / sigma;
                        info[p, p] += w * (k2 * ze * ze + k1 * ze);
                    }
                }
                var (h, h1, h2) = Derivatives(distribution, z, delta);
                ll += w * (delta ? h - logSigma - (logScale ? y[i] : 0) : h);
                // ∂ℓ/∂β_j = −h′ x_j/σ; ∂ℓ/∂log σ = −h′z − δ; the information is minus the Hessian.
                for (int j = 0; j < p; j++)
                {
                    score[j] += w * -h1 * x[j][i] / sigma;
                    for (int k = 0; k <= j; k++) info[j, k] -= w * h2 * x[j][i] * x[k][i] / (sigma * sigma);
                }
                if (!fixedScale)
                {
                    score[p] += w * (-h1 * z - (delta ? 1 : 0));
                    for (int j = 0; j < p; j++) info[p, j] -= w * (h2 * z + h1) * x[j][i] / sigma;
                    info[p, p] -= w * (h2 * z * z + h1 * z);
                }
            }
        }

    }

    /// <summary>An interval-censored row's log-likelihood log L, L = F(z_r) − F(z_l), and its derivatives in η and s = log σ,
    /// with z = (y − η)/σ: ∂L/∂η = −(f_r − f_l)/σ, ∂L/∂s = −(z_r f_r − z_l f_l), ∂²L/∂η² = (f′_r − f′_l)/σ²,
    /// ∂²L/∂η∂s = (f_r − f_l + z_r f′_r − z_l f′_l)/σ, ∂²L/∂s² = z_r² f′_r + z_r f_r − z_l² f′_l − z_l f_l, and
    /// ℓ″ = L″/L − ℓ′ℓ′ (survreg's <c>derfun</c> and C code in these terms). An infinite end contributes nothing.</summary>
    internal static (double LogL, double DEta, double DS, double DEta2, double DEtaDS, double DS2) IntervalTerms(AftDistribution distribution, double zl, double zr, double sigma)
    {
        var (fl, dfl, cdfl, survl) = StandardLaw(distribution, zl);
        var (fr, dfr, cdfr, survr) = StandardLaw(distribution, zr);
        // As survreg: the difference of survivals above the median, of distribution functions below it.
        double l = zl > 0 ? survl - survr : cdfr - cdfl;
        double zfl = double.IsInfinity(zl) ? 0 : zl * fl, zfr = double.IsInfinity(zr) ? 0 : zr * fr;
        double zdfl = double.IsInfinity(zl) ? 0 : zl * dfl, zdfr = double.IsInfinity(zr) ? 0 : zr * dfr;
        double z2dfl = double.IsInfinity(zl) ? 0 : zl * zl * dfl, z2dfr = double.IsInfinity(zr) ? 0 : zr * zr * dfr;
        double lEta = -(fr - fl) / sigma, lS = -(zfr - zfl);
        double lEta2 = (dfr - dfl) / (sigma * sigma), lEtaS = (fr - fl + zdfr - zdfl) / sigma, lS2 = z2dfr + zfr - z2dfl - zfl;
        double gEta = lEta / l, gS = lS / l;
        return (Math.Log(l), gEta, gS, lEta2 / l - gEta * gEta, lEtaS / l - gEta * gS, lS2 / l - gS * gS);
    }

    /// <summary>The standard law's density f, its derivative f′, distribution function F and survival S at z (z may be ±∞).</summary>
    private static (double F, double DF, double Cdf, double Surv) StandardLaw(AftDistribution distribution, double z)
    {
        if (double.IsNegativeInfinity(z)) return (0, 0, 0, 1);
        if (double.IsPositiveInfinity(z)) return (0, 0, 1, 0);
        switch (distribution)
        {
            case AftDistribution.Weibull or AftDistribution.Exponential:
                {
                    // Minimum extreme value: S = exp(−e^z), f = e^z S, f′ = f(1 − e^z).
                    double ez = Math.Exp(z), surv = Math.Exp(-ez), f = ez * surv;
                    return (f, f * (1 - ez), -ElementaryFunctions.Expm1(-ez), surv);
                }
            case AftDistribution.LogLogistic or AftDistribution.Logistic:
                {
                    double cdf = z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
                    double surv = z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
                    double f = cdf * surv;
                    return (f, f * (surv - cdf), cdf, surv);
                }
            default:
                {
                    double f = Normal.PDF(0, 1, z);
                    return (f, -z * f, 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z / Math.Sqrt(2)), 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2)));
                }
        }
    }

    /// <summary>log f(z) (event) or log S(z) (censoring) of the standard law, and its first and second derivatives in z.</summary>
    private static (double H, double H1, double H2) Derivatives(AftDistribution distribution, double z, bool eventOccurred)
    {
        switch (distribution)
        {
            case AftDistribution.Weibull or AftDistribution.Exponential:
                {
                    double ez = Math.Exp(z);
                    return eventOccurred ? (z - ez, 1 - ez, -ez) : (-ez, -ez, -ez);
                }
            case AftDistribution.LogLogistic or AftDistribution.Logistic:
                {
                    // p = e^z/(1 + e^z), computed without overflow.
                    double pz = z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
                    double log1pExp = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
                    return eventOccurred
                        ? (z - 2 * log1pExp, 1 - 2 * pz, -2 * pz * (1 - pz))
                        : (-log1pExp, -pz, -pz * (1 - pz));
                }
            default:
                {
                    if (eventOccurred) return (-0.5 * z * z - 0.5 * Math.Log(2 * Math.PI), -z, -1);
                    // log S(z) = log Q(z); λ = φ(z)/Q(z) (the Mills ratio's inverse), h′ = −λ, h″ = λ(z − λ).
                    var (logQ, lambda) = NormalTail.At(z);
                    return (logQ, -lambda, lambda * (z - lambda));
                }
        }
    }
}
