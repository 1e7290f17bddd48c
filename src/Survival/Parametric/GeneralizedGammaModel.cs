using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Survival.Parametric;

/// <summary>
/// The generalized gamma distribution in Prentice's (1974) parametrisation, as flexsurv's <c>gengamma</c>: location μ,
/// scale σ &gt; 0 and shape Q, covariates acting on μ (an accelerated-failure-time model), right-censored or delayed-entry
/// rows, by maximum likelihood.
/// </summary>
/// <remarks>
/// <para>With w = (log t − μ)/σ, γ = Q⁻² and u = γ e^{Qw}: log f = −log(σt) + log|Q|(1 − 2γ) + γ(Qw − e^{Qw}) − log Γ(γ), and
/// S = Q(γ, u) (upper regularised incomplete gamma) for Q &gt; 0, P(γ, u) for Q &lt; 0. Q = 1 is the Weibull (log σ its
/// <c>Log(scale)</c>), Q = 0 the log-normal (the limit), Q = σ the gamma.</para>
/// <para>The gradient is analytic: in μ, β and log σ through ∂/∂w; in Q through the digamma function and, for censored and
/// entry times, the derivative of the incomplete gamma in its shape, ∫ (log s − ψ(γ)) s^{γ−1} e^{−s}/Γ(γ) ds over the
/// tail, by adaptive Gauss–Kronrod quadrature in log s (MathNet gives the incomplete gamma, not this derivative). Near
/// Q = 0, where those terms cancel (|Q| &lt; 10⁻³), the log-likelihood in Q is the quadratic through Q = ±10⁻³ and the
/// log-normal limit at 0, so that the fit passes through the log-normal smoothly. Maximisation: damped Newton
/// (Levenberg–Marquardt) from the log-normal and Weibull fits and a third start, then Newton–Raphson polishing, with the
/// information taken as central differences of the analytic gradient; standard errors from that observed information. References: Prentice RL (1974),
/// Biometrika 61:539–544; Cox C, Chu H, Schneider MF, Muñoz A (2007), Stat Med 26:4352–4374; flexsurv <c>dgengamma</c>.</para>
/// </remarks>
public static class GeneralizedGammaModel
{
    /// <summary>Below this |Q| the log-likelihood is interpolated through the log-normal limit (see remarks).</summary>
    private const double QSmall = 1e-3;

    /// <summary>Fits the model.</summary>
    /// <param name="data">Rows (delayed entry conditions on survival to the entry); weights as case weights.</param>
    /// <param name="covariates">Covariates on μ, aligned with <paramref name="data"/>; null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <exception cref="SurvivalInputException">No event, a time of 0, covariates of another length, or a maximum on the
    /// boundary (|Q| running to infinity, or σ to 0), named in the message.</exception>
    /// <param name="cancellationToken">Stops the fit (checked at every step of the search and the polish).</param>
    /// <param name="progress">Receives ("fitting", evaluations, limit) during the Newton polish.</param>
    public static GeneralizedGammaFit Fit(SurvivalData data, Regression.CovariateMatrix? covariates = null, ParametricOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The generalized gamma fit", "an AFT family (AftModel.Fit)");
        options ??= ParametricOptions.Default;
        options.Validate();
        if (covariates is not null && covariates.Rows != data.Count)
            throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data {data.Count}", column: "covariates");
        for (int i = 0; i < data.Count; i++)
            if (!(data.Time[i] > 0))
                throw new SurvivalInputException("the generalized gamma needs times > 0 (it models log time)", column: "time", value: SurvivalData.Format(data.Time[i]), row: i + 1, input: DataColumn.Time);
        double events = 0;
        for (int i = 0; i < data.Count; i++) if (data.Event[i]) events += data.WeightAt(i);
        if (events == 0) throw new SurvivalInputException("the generalized gamma needs at least one event");
        var model = new Likelihood(data, covariates);

        // Starts: the log-normal (Q near 0), the Weibull (Q = 1), and the log-normal with Q < 0.
        var logNormal = AftModel.Fit(data, AftDistribution.LogNormal, covariates, cancellationToken: cancellationToken);
        var weibull = AftModel.Fit(data, AftDistribution.Weibull, covariates, cancellationToken: cancellationToken);
        var starts = new[] { Start(logNormal, 0.1), Start(weibull, 1.0), Start(logNormal, -0.5) };
        double[]? best = null;
        double bestValue = double.NegativeInfinity;
        foreach (var start in starts)
        {
            var theta = Maximise(model, start, cancellationToken);
            if (theta is null) continue;
            double value = model.LogLikelihood(theta);
            if (double.IsFinite(value) && value > bestValue) { best = theta; bestValue = value; }
        }
        if (best is null) throw new SurvivalInputException("the generalized gamma fit failed from every start (the likelihood was not finite)");

        // Newton–Raphson polishing, with the information from the analytic gradient.
        var polished = NewtonRaphson.Maximize(best, NewtonRaphson.Observed(theta => (model.LogLikelihood(theta), model.Gradient(theta), Information(model, theta)),
                options.MaxIterations ?? GompertzModel.DefaultMaxIterations, cancellationToken, progress),
            options.MaxIterations ?? GompertzModel.DefaultMaxIterations, options.Epsilon ?? 1e-14, NewtonRule.Coxph);
        var estimate = polished.Estimate;
        double lastTime = data.Time.ToArray().Max();
        if (Math.Abs(estimate[2]) > 25 || estimate[1] < -25 || !double.IsFinite(polished.LogLikelihood))
            throw new SurvivalInputException(
                $"the generalized gamma likelihood has no interior maximum on these data: {(Math.Abs(estimate[2]) > 25 ? $"the shape Q runs towards {(estimate[2] > 0 ? "+∞" : "−∞")}" : "the scale σ runs towards 0")}; " +
                "no estimate or standard error can be given; fit another family");
        var info = Matrix<double>.Build.DenseOfArray(polished.Information);
        Matrix<double> covariance;
        try
        {
            covariance = info.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(info.RowCount));
        }
        catch (ArgumentException)
        {
            // Not an interior maximum: most often the likelihood keeps rising as |Q| grows and σ shrinks (a boundary).
            string where = Math.Abs(estimate[2]) > 3
                ? $"it keeps rising as Q grows towards {(estimate[2] > 0 ? "+∞" : "−∞")} and σ shrinks (the fit stopped at Q = {estimate[2]:F1}, σ = {Math.Exp(estimate[1]):G3})"
                : "it is flat in some direction at the best point found (too few events for three parameters?)";
            throw new SurvivalInputException($"the generalized gamma likelihood has no interior maximum on these data: {where}; no standard errors can be given; fit another family");
        }
        return new GeneralizedGammaFit(estimate, covariance.ToArray(), polished.LogLikelihood, polished.Iterations, polished.Converged, data.Count, events,
            options.ConfidenceLevel, covariates?.Names ?? [], lastTime, options.MaxIterations ?? GompertzModel.DefaultMaxIterations) { Terms = covariates?.Terms ?? [] };
    }

    private static double[] Start(AftFit fit, double q)
    {
        int k = fit.CovariateNames.Count;
        var theta = new double[3 + k];
        theta[0] = fit.Parameters[0].Estimate;
        theta[1] = Math.Log(fit.Scale);
        theta[2] = q;
        for (int j = 0; j < k; j++) theta[3 + j] = fit.Parameters[1 + j].Estimate;
        return theta;
    }

    /// <summary>Damped Newton (Levenberg–Marquardt) from <paramref name="start"/>: each step solves (I + λ·diag I) δ = U
    /// with the observed information I, λ raised tenfold until the step is an ascent and lowered after one, so that the
    /// search is safe where I is not positive definite (far from the maximum); null when no finite value is reached.</summary>
    private static double[]? Maximise(Likelihood model, double[] start, CancellationToken cancellationToken)
    {
        var theta = (double[])start.Clone();
        double ll = model.LogLikelihood(theta);
        if (!double.IsFinite(ll)) return null;
        double lambda = 1e-3;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = model.Gradient(theta);
            var info = Information(model, theta);
            int p = theta.Length;
            bool moved = false;
            for (int attempt = 0; attempt < 40 && !moved; attempt++)
            {
                var damped = Matrix<double>.Build.Dense(p, p, (a, b) => info[a, b] + (a == b ? lambda * Math.Max(Math.Abs(info[a, a]), 1e-8) : 0));
                double[] step;
                try { step = damped.Cholesky().Solve(Vector<double>.Build.DenseOfArray(u)).ToArray(); }
                catch (ArgumentException) { lambda *= 10; continue; }
                var next = new double[p];
                for (int k = 0; k < p; k++) next[k] = theta[k] + step[k];
                double nll = model.LogLikelihood(next);
                if (double.IsFinite(nll) && nll >= ll)
                {
                    bool done = nll - ll <= 1e-13 * Math.Max(1, Math.Abs(ll));
                    theta = next;
                    ll = nll;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    moved = true;
                    if (done) return theta;
                }
                else lambda *= 10;
            }
            if (!moved) return theta; // no ascent left at any damping: a maximum to the working precision
        }
        return theta;
    }

    /// <summary>The observed information: minus the central differences of the analytic gradient, symmetrised.</summary>
    internal static double[,] Information(Likelihood model, double[] theta)
    {
        int p = theta.Length;
        var info = new double[p, p];
        for (int k = 0; k < p; k++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(theta[k]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[k] += h;
            minus[k] -= h;
            var gp = model.Gradient(plus);
            var gm = model.Gradient(minus);
            for (int j = 0; j < p; j++) info[j, k] = -(gp[j] - gm[j]) / (2 * h);
        }
        for (int j = 0; j < p; j++)
            for (int k = 0; k < j; k++) info[j, k] = info[k, j] = (info[j, k] + info[k, j]) / 2;
        return info;
    }

    /// <summary>log f, log S and their derivatives for one time at one (μ, σ, Q).</summary>
    internal static class Terms
    {
        /// <summary>log f(t) and (∂/∂w, ∂/∂Q), with w = (log t − μ)/σ (the −log(σt) term is the caller's).</summary>
        public static (double Value, double DW, double DQ) LogDensity(double w, double q)
        {
            if (Math.Abs(q) < QSmall) return Interpolated(w, q, LogDensity);
            // Written so that the terms of size γ log γ cancel analytically (they are huge when Q is small):
            // log|Q|(1 − 2γ) − γ − log Γ(γ) = −½ log 2π − R(γ), R the Stirling remainder, and γ(Qw − e^{Qw}) = −γ + γ(a − expm1 a).
            double gamma = 1 / (q * q), a = q * w, em1 = Expm1(a);
            double value = -0.5 * Math.Log(2 * Math.PI) - StirlingRemainder(gamma) + gamma * (a - em1);
            double dw = -em1 / q;
            // ∂/∂Q: (2/Q³)(ψ(γ) − log γ + expm1(a) − a) + 1/Q − γ w expm1(a), the same cancellation taken out of ψ.
            double q3 = q * q * q;
            double dq = (2 / q3) * (DigammaMinusLog(gamma) + (em1 - a)) + 1 / q - gamma * w * em1;
            return (value, dw, dq);
        }

        /// <summary>e^x − 1 at full precision (<see cref="ElementaryFunctions.Expm1"/>).</summary>
        internal static double Expm1(double x) => ElementaryFunctions.Expm1(x);

        /// <summary>R(γ) = log Γ(γ) − (γ − ½) log γ + γ − ½ log 2π, by its asymptotic series for large γ.</summary>
        internal static double StirlingRemainder(double gamma)
        {
            if (gamma < 20) return SpecialFunctions.GammaLn(gamma) - (gamma - 0.5) * Math.Log(gamma) + gamma - 0.5 * Math.Log(2 * Math.PI);
            double g2 = gamma * gamma;
            return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * g2)) / g2) / g2) / gamma;
        }

        /// <summary>ψ(γ) − log γ, by its asymptotic series for large γ.</summary>
        internal static double DigammaMinusLog(double gamma)
        {
            if (gamma < 20) return SpecialFunctions.DiGamma(gamma) - Math.Log(gamma);
            double g2 = gamma * gamma;
            return -1 / (2 * gamma) - (1.0 / 12 - (1.0 / 120 - (1.0 / 252 - 1.0 / (240 * g2)) / g2) / g2) / g2;
        }

        /// <summary>log S(t) and (∂/∂w, ∂/∂Q).</summary>
        public static (double Value, double DW, double DQ) LogSurvival(double w, double q)
        {
            if (Math.Abs(q) < QSmall) return Interpolated(w, q, LogSurvival);
            double gamma = 1 / (q * q), e = Math.Exp(q * w), u = gamma * e;
            bool upper = q > 0;
            double s = upper ? SpecialFunctions.GammaUpperRegularized(gamma, u) : SpecialFunctions.GammaLowerRegularized(gamma, u);
            if (!(s > 0)) return (double.NegativeInfinity, double.NaN, double.NaN);
            // d S/du: minus (upper tail) or plus (lower tail) the gamma(γ) density at u.
            double density = Math.Exp((gamma - 1) * Math.Log(u) - u - SpecialFunctions.GammaLn(gamma));
            double dSdu = upper ? -density : density;
            double dudw = e / q;
            double q3 = q * q * q;
            double dgamma = -2 / q3;
            double dudq = e * (dgamma + w / (q * q));
            double dSdgamma = ShapeDerivative(gamma, u, upper);
            return (Math.Log(s), dSdu * dudw / s, (dSdgamma * dgamma + dSdu * dudq) / s);
        }

        /// <summary>∂/∂γ of the regularised incomplete gamma over the tail (upper: [u, ∞), lower: [0, u]):
        /// ∫ (log s − ψ(γ)) s^{γ−1} e^{−s}/Γ(γ) ds, in v = log s by adaptive Gauss–Kronrod over the window that holds the
        /// mass (the density in v peaks at log γ with width 1/√γ; its left tail falls like e^{γ v}), to 1e-11.</summary>
        internal static double ShapeDerivative(double gamma, double u, bool upper)
        {
            double psi = SpecialFunctions.DiGamma(gamma), lg = SpecialFunctions.GammaLn(gamma);
            // The window that holds all but e^−40 or so of the gamma(γ) mass: above γ + 20√γ + 50 nothing; below, the
            // lower tail falls like s^γ (small γ) or is Gaussian around γ (large γ).
            double hi = Math.Log(gamma + 20 * Math.Sqrt(gamma) + 50);
            double lo = gamma > 400 ? Math.Log(gamma - 18 * Math.Sqrt(gamma)) : -45 / gamma - 5;
            double cut = Math.Log(u);
            double a = upper ? Math.Max(cut, lo) : lo, b = upper ? hi : Math.Min(cut, hi);
            if (!(b > a)) return 0;
            double Integrand(double v) => (v - psi) * Math.Exp(gamma * v - Math.Exp(v) - lg);
            return Integrate.GaussKronrod(Integrand, a, b, out _, out _, 1e-11, 14, 21);
        }

        /// <summary>Near Q = 0: the quadratic in Q through ±<see cref="QSmall"/> and the log-normal limit at 0.</summary>
        private static (double Value, double DW, double DQ) Interpolated(double w, double q, Func<double, double, (double Value, double DW, double DQ)> exact)
        {
            var plus = exact(w, QSmall);
            var minus = exact(w, -QSmall);
            var zero = exact == LogDensity ? LogNormalDensity(w) : LogNormalSurvival(w);
            double h = QSmall, x = q / h;
            // Lagrange basis on (−h, 0, h) at q = x h.
            double lm = x * (x - 1) / 2, l0 = 1 - x * x, lp = x * (x + 1) / 2;
            double dlm = (2 * x - 1) / (2 * h), dl0 = -2 * x / h, dlp = (2 * x + 1) / (2 * h);
            return (lm * minus.Value + l0 * zero.Value + lp * plus.Value,
                lm * minus.DW + l0 * zero.DW + lp * plus.DW,
                dlm * minus.Value + dl0 * zero.Value + dlp * plus.Value);
        }

        private static (double Value, double DW, double DQ) LogNormalDensity(double w)
            => (-0.5 * w * w - 0.5 * Math.Log(2 * Math.PI), -w, 0);

        private static (double Value, double DW, double DQ) LogNormalSurvival(double w)
        {
            double s = MathNet.Numerics.Distributions.Normal.CDF(0, 1, -w);
            double density = Math.Exp(-0.5 * w * w) / Math.Sqrt(2 * Math.PI);
            return (Math.Log(s), -density / s, 0);
        }
    }

    /// <summary>The log-likelihood over the rows and its analytic gradient in θ = (μ, log σ, Q, β…).</summary>
    internal sealed class Likelihood(SurvivalData data, Regression.CovariateMatrix? covariates)
    {
        private readonly double[][] _x = Enumerable.Range(0, covariates?.Count ?? 0).Select(j => covariates!.Column(j).ToArray()).ToArray();

        public double LogLikelihood(double[] theta) => Evaluate(theta, null);

        public double[] Gradient(double[] theta)
        {
            var g = new double[theta.Length];
            Evaluate(theta, g);
            return g;
        }

        private double Evaluate(double[] theta, double[]? gradient)
        {
            double sigma = Math.Exp(theta[1]), q = theta[2], ll = 0;
            for (int i = 0; i < data.Count; i++)
            {
                double weight = data.WeightAt(i);
                if (weight == 0) continue;
                double mu = theta[0];
                for (int j = 0; j < _x.Length; j++) mu += theta[3 + j] * _x[j][i];
                double t = data.Time[i], w = (Math.Log(t) - mu) / sigma;
                double value, dw, dq, dlogSigma;
                if (data.Event[i])
                {
                    (value, dw, dq) = Terms.LogDensity(w, q);
                    value -= Math.Log(sigma * t);
                    dlogSigma = -w * dw - 1;
                }
                else
                {
                    (value, dw, dq) = Terms.LogSurvival(w, q);
                    dlogSigma = -w * dw;
                }
                double dmu = -dw / sigma;
                if (data.HasEntry && data.Entry[i] > 0)
                {
                    double we = (Math.Log(data.Entry[i]) - mu) / sigma;
                    var (ve, dwe, dqe) = Terms.LogSurvival(we, q);
                    value -= ve;
                    dmu += dwe / sigma;
                    dlogSigma += we * dwe;
                    dq -= dqe;
                }
                ll += weight * value;
                if (gradient is null) continue;
                gradient[0] += weight * dmu;
                gradient[1] += weight * dlogSigma;
                gradient[2] += weight * dq;
                for (int j = 0; j < _x.Length; j++) gradient[3 + j] += weight * dmu * _x[j][i];
            }
            return ll;
        }
    }
}
