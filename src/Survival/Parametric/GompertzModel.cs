namespace Survival.Parametric;

/// <summary>
/// The Gompertz model in flexsurv's parametrisation: hazard h(t) = rate·exp(shape·t), covariates acting on log(rate)
/// (a proportional-hazards model), right-censored, by maximum likelihood.
/// </summary>
/// <remarks>
/// <para>With b = exp(x'β) and G(a, t) = (e^{a t} − 1)/a (t when a = 0), H(t) = b·G(shape, t) and an observation
/// contributes δ(x'β + a t) − b·G. The score and information are analytic: ∂ℓ/∂β = x(δ − bG), ∂ℓ/∂a = δt − bG_a, and the
/// information b·[xx′G, xG_a; G_a x′, G_aa] with G_a = ∫₀ᵗ s e^{as} ds and G_aa = ∫₀ᵗ s² e^{as} ds (series for small |at|,
/// where the closed forms cancel). The information is positive definite (Cauchy–Schwarz), so the likelihood is concave
/// and Newton–Raphson from the exponential fit (shape 0) converges. A negative shape gives a hazard that falls to 0 and
/// a fraction that never fails (S(∞) = exp(rate/shape)). Reference: flexsurv <c>dgompertz</c>; Jackson (2016), JSS 70(8).</para>
/// </remarks>
public static class GompertzModel
{
    /// <summary>The Newton limit and tolerance (flexsurv fits by <c>optim</c>, which has no Newton rule to copy; the
    /// likelihood is concave, so these only bound a fit whose maximum is at infinity).</summary>
    internal const int DefaultMaxIterations = 50;

    internal const double DefaultEpsilon = 1e-12;

    /// <summary>Fits the model.</summary>
    /// <param name="data">Right-censored rows; weights as case weights.</param>
    /// <param name="covariates">Covariates on log(rate), aligned with <paramref name="data"/>; null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <exception cref="SurvivalInputException">No event, covariates of another length, or a likelihood whose supremum lies
    /// at an infinite shape (events crowded at the end of follow-up, or all at its start with the rest censored), named in
    /// the message.</exception>
    /// <remarks>Delayed entry (left truncation) conditions each row on survival to its entry: its cumulative hazard counts
    /// from the entry, H(t) − H(e).</remarks>
    /// <param name="cancellationToken">Stops the fit (checked before each likelihood evaluation).</param>
    /// <param name="progress">Receives ("fitting", evaluations, limit) as the fit goes.</param>
    public static GompertzFit Fit(SurvivalData data, Regression.CovariateMatrix? covariates = null, ParametricOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The Gompertz fit", "an AFT family (AftModel.Fit)");
        options ??= ParametricOptions.Default;
        options.Validate();
        if (covariates is not null && covariates.Rows != data.Count)
            throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data {data.Count}", column: "covariates");
        int n = data.Count, p = 1 + (covariates?.Count ?? 0);
        var x = new double[p][];
        x[0] = Enumerable.Repeat(1.0, n).ToArray();
        for (int j = 1; j < p; j++) x[j] = covariates!.Column(j - 1).ToArray();
        double events = 0, exposure = 0;
        for (int i = 0; i < n; i++)
        {
            exposure += data.WeightAt(i) * (data.Time[i] - (data.HasEntry ? data.Entry[i] : 0));
            if (data.Event[i]) events += data.WeightAt(i);
        }
        if (events == 0) throw new SurvivalInputException("the Gompertz model needs at least one event");
        var start = new double[p + 1];
        start[1] = Math.Log(events / exposure);
        int maxIterations = options.MaxIterations ?? DefaultMaxIterations;
        var fit = NewtonRaphson.Maximize(start, NewtonRaphson.Observed(theta => Evaluate(data, x, theta), maxIterations, cancellationToken, progress), maxIterations, options.Epsilon ?? DefaultEpsilon, NewtonRule.Coxph);
        double lastTime = data.Time.ToArray().Max();
        if (OnBoundary(fit, lastTime) is { } direction)
            throw new SurvivalInputException(
                $"the Gompertz likelihood has no maximum within double precision on these data: the shape runs towards {direction} (" +
                (direction == "+∞"
                    ? "the events crowd at the end of follow-up, so the fitted hazard is 0 before them and infinite after"
                    : "the events all come at the start and the rest never fail, so the fitted curve drops at once and stays flat") +
                "); no Gompertz estimate or standard error can be given; fit another family");
        var covariance = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(fit.Information).Inverse().ToArray();
        return new GompertzFit(fit.Estimate, covariance, fit.LogLikelihood, fit.Iterations, fit.Converged, n, events, options.ConfidenceLevel,
            covariates?.Names ?? [], lastTime, maxIterations) { Terms = covariates?.Terms ?? [] };
    }

    /// <summary>
    /// Where the maximum lies on the boundary of the parameter space: "+∞" or "−∞" for the shape, null for an interior fit.
    /// </summary>
    /// <remarks>The likelihood is concave, so a sup at infinity shows as a shape whose hazard ratio over the follow-up,
    /// e^{|shape|·t_max}, leaves double precision (|shape|·t_max > 500, with the rate driven to underflow to match) or as
    /// an iteration stopped by non-finite values (Newton–Raphson then keeps its last finite iterate, which shows the
    /// direction). An interior maximum of real data is many orders of magnitude inside that bound.</remarks>
    internal static string? OnBoundary(NewtonRaphson.Result fit, double lastTime)
    {
        double shape = fit.Estimate[0];
        bool finite = double.IsFinite(fit.LogLikelihood) && fit.Estimate.All(double.IsFinite);
        if (finite && Math.Abs(shape) * lastTime <= 500) return null;
        return shape >= 0 ? "+∞" : "−∞";
    }

    /// <summary>The log-likelihood, score and information at θ = (shape, β) with β₀ = log(rate).</summary>
    private static (double LogLik, double[] Score, double[,] Information) Evaluate(SurvivalData data, double[][] x, double[] theta)
    {
        int p = x.Length, q = p + 1, n = data.Count;
        double a = theta[0];
        double ll = 0;
        var score = new double[q];
        var info = new double[q, q];
        for (int i = 0; i < n; i++)
        {
            double w = data.WeightAt(i);
            if (w == 0) continue;
            double t = data.Time[i], eta = 0;
            for (int j = 0; j < p; j++) eta += theta[j + 1] * x[j][i];
            double b = Math.Exp(eta), d = data.Event[i] ? 1 : 0;
            var (g, ga, gaa) = G(a, t);
            if (data.HasEntry && data.Entry[i] > 0)
            {
                // Left truncation: H counts from the entry, so subtract G(a, e) (and its derivatives).
                var (ge, gae, gaae) = G(a, data.Entry[i]);
                (g, ga, gaa) = (g - ge, ga - gae, gaa - gaae);
            }
            ll += w * (d * (eta + a * t) - b * g);
            score[0] += w * (d * t - b * ga);
            info[0, 0] += w * b * gaa;
            for (int j = 0; j < p; j++)
            {
                score[j + 1] += w * x[j][i] * (d - b * g);
                info[j + 1, 0] += w * b * ga * x[j][i];
                for (int k = 0; k <= j; k++) info[j + 1, k + 1] += w * b * g * x[j][i] * x[k][i];
            }
        }
        for (int j = 0; j < q; j++) for (int k = j + 1; k < q; k++) info[j, k] = info[k, j];
        return (ll, score, info);
    }

    /// <summary>G(a, t) = ∫₀ᵗ e^{as} ds and its first two derivatives in a (∫ s e^{as}, ∫ s² e^{as}).</summary>
    internal static (double G, double Ga, double Gaa) G(double a, double t)
    {
        double at = a * t;
        if (Math.Abs(at) < 1e-3)
        {
            // Series: G = Σ a^k t^{k+1}/(k+1)!, G_a = Σ k a^{k−1} t^{k+1}/(k+1)!, G_aa = Σ k(k−1) a^{k−2} t^{k+1}/(k+1)!.
            double g = 0, ga = 0, gaa = 0, term = t; // term = a^k t^{k+1}/(k+1)!, k = 0
            for (int k = 0; k < 8; k++)
            {
                g += term;
                if (k >= 1) ga += k * term / a;
                if (k >= 2) gaa += k * (k - 1) * term / (a * a);
                term *= at / (k + 2);
            }
            if (a == 0) { ga = t * t / 2; gaa = t * t * t / 3; }
            else if (Math.Abs(at) < 1e-300) { ga = t * t / 2; gaa = t * t * t / 3; }
            return (g, ga, gaa);
        }
        double e = Math.Exp(at);
        double gv = (e - 1) / a;
        double gav = (t * e - gv) / a;
        double gaav = (t * t * e - 2 * gav) / a;
        return (gv, gav, gaav);
    }
}
