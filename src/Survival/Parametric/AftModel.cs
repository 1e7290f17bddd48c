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
        for (int i = 0; i < n; i++)
        {
            double t = data.Time[i];
            if (logScale && !(t > 0)) throw new SurvivalInputException("the log-scale AFT models need times > 0", column: "time", value: SurvivalData.Format(t), row: i + 1, input: DataColumn.Time);
            y[i] = logScale ? Math.Log(t) : t;
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
        x[0] = Enumerable.Repeat(1.0, n).ToArray();
        for (int j = 1; j < p; j++) x[j] = covariates!.Column(j - 1).ToArray();
        var names = new List<string> { "(Intercept)" };
        if (covariates is not null) names.AddRange(covariates.Names);
        double events = 0;
        for (int i = 0; i < n; i++) if (data.Event[i]) events += data.WeightAt(i);
        if (events == 0) throw new SurvivalInputException("the AFT models need at least one event");
        bool fixedScale = distribution == AftDistribution.Exponential;
        int q = fixedScale ? p : p + 1;

        // Starting values: on the log scale, from the exponential fit (σ = 1, a concave problem), its intercept moved to
        // the family's median (W's median is log log 2 for the extreme value, 0 for the normal and logistic), as
        // survreg starts from a simpler fit; least squares on the events as a second start, and for the time-scale
        // families. The converged fit with the highest likelihood is kept.
        var starts = new List<double[]>();
        if (logScale && !fixedScale)
        {
            var exponential = NewtonRaphson.Maximize(StartingValues(data, y, x, AftDistribution.Exponential, logScale, true),
                NewtonRaphson.Observed(theta => Evaluate(data, y, x, theta, AftDistribution.Exponential, logScale, true, entryY), maxIterations, cancellationToken, progress),
                maxIterations, epsilon, NewtonRule.Survreg, logScaleIndex: -1).Estimate;
            var fromExponential = (double[])exponential.Clone();
            if (distribution != AftDistribution.Weibull) fromExponential[0] += Math.Log(Math.Log(2));
            starts.Add([.. fromExponential, 0.0]);
        }
        starts.Add(StartingValues(data, y, x, distribution, logScale, fixedScale));
        NewtonRaphson.Result fit = default;
        bool found = false;
        foreach (var start in starts)
        {
            var candidate = NewtonRaphson.Maximize(start,
                NewtonRaphson.Observed(theta => Evaluate(data, y, x, theta, distribution, logScale, fixedScale, entryY), maxIterations, cancellationToken, progress),
                maxIterations, epsilon,
                NewtonRule.Survreg, logScaleIndex: fixedScale ? -1 : q - 1);
            bool better = !found || (candidate.Converged && (!fit.Converged || candidate.LogLikelihood > fit.LogLikelihood));
            if (better) (fit, found) = (candidate, true);
        }
        var covariance = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(fit.Information).Inverse().ToArray();
        bool usable = double.IsFinite(fit.LogLikelihood) && fit.Estimate.All(double.IsFinite);
        for (int j = 0; j < q && usable; j++) usable = double.IsFinite(covariance[j, j]) && covariance[j, j] > 0;
        if (!usable)
            throw new SurvivalInputException(
                $"the {distribution.ToString().ToLowerInvariant()} likelihood has no interior maximum on these data: the information is singular where the " +
                "iterations stopped (typically the scale running to 0 because the events share one time, or a covariate " +
                "that separates events from censorings); no estimate or standard error can be given. R's survreg stops " +
                "after its iteration limit here.");
        return new AftFit(distribution, names, fit.Estimate, covariance, fixedScale, fit.LogLikelihood, fit.Iterations, fit.Converged, n, events,
            options.ConfidenceLevel, covariates?.Names ?? [], data.Time.ToArray().Max(), maxIterations);
    }

    /// <summary>Least squares of y on x over the events (the intercept log(T/d) for the exponential), and log σ from the
    /// residual spread: a start from which Newton–Raphson converges on ordinary data.</summary>
    private static double[] StartingValues(SurvivalData data, double[] y, double[][] x, AftDistribution distribution, bool logScale, bool fixedScale)
    {
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

    /// <summary>The log-likelihood, score and information at θ = (β, log σ) (β alone with the scale fixed at 1).</summary>
    internal static (double LogLik, double[] Score, double[,] Information) Evaluate(SurvivalData data, double[] y, double[][] x, double[] theta,
        AftDistribution distribution, bool logScale, bool fixedScale, double[]? entryY = null)
    {
        int p = x.Length, q = theta.Length, n = y.Length;
        double logSigma = fixedScale ? 0 : theta[p], sigma = Math.Exp(logSigma);
        double ll = 0;
        var score = new double[q];
        var info = new double[q, q];
        var status = data.Event;
        for (int i = 0; i < n; i++)
        {
            double w = data.WeightAt(i);
            if (w == 0) continue;
            double eta = 0;
            for (int j = 0; j < p; j++) eta += theta[j] * x[j][i];
            double z = (y[i] - eta) / sigma;
            bool delta = status[i];
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
        for (int j = 0; j < q; j++) for (int k = j + 1; k < q; k++) info[j, k] = info[k, j];
        return (ll, score, info);
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
                    double q = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));
                    double lambda = q > 1e-300 ? Normal.PDF(0, 1, z) / q : z + 1 / z;
                    double logQ = q > 1e-300 ? Math.Log(q) : Normal.PDFLn(0, 1, z) - Math.Log(z);
                    return (logQ, -lambda, lambda * (z - lambda));
                }
        }
    }
}
