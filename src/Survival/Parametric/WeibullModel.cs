namespace Survival.Parametric;

/// <summary>Fits the Weibull model (see <see cref="WeibullFit"/>).</summary>
public static class WeibullModel
{
    /// <summary>Fits one Weibull model to right-censored rows (weights as case weights).</summary>
    /// <param name="data">Rows without delayed entry, with at least one event.</param>
    /// <param name="options">Options; null for the defaults (95% limits for the shape and scale).</param>
    /// <param name="cancellationToken">Stops the fit (checked before each likelihood evaluation).</param>
    public static WeibullFit Fit(SurvivalData data, ParametricOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The Weibull (rate, shape) fit", "AftModel.Fit with AftDistribution.Weibull");
        if (data.HasEntry) throw new SurvivalInputException("the Weibull fit does not support delayed entry (as R's survreg)");
        options ??= ParametricOptions.Default;
        options.Validate();
        double confidenceLevel = options.ConfidenceLevel;
        for (int i = 0; i < data.Count; i++)
            if (!(data.Time[i] > 0)) throw new SurvivalInputException("the Weibull model needs times > 0", column: "time", value: SurvivalData.Format(data.Time[i]), row: i + 1, input: DataColumn.Time);
        var exponential = ExponentialModel.Fit(data);
        if (exponential.Events == 0) throw new SurvivalInputException("the Weibull model needs at least one event");

        int maxIterations = options.MaxIterations ?? AftModel.DefaultMaxIterations;
        double mu0 = Math.Log(exponential.Exposure / exponential.Events);
        // Newton–Raphson on (μ, θ = log σ) with survreg's step-halving and convergence rule; information = −Hessian.
        var fit = NewtonRaphson.Maximize([mu0, 0.0], NewtonRaphson.Observed(p =>
        {
            var (l, g, h) = Evaluate(data, p[0], p[1]);
            return (l, g, new[,] { { -h[0, 0], -h[0, 1] }, { -h[1, 0], -h[1, 1] } });
        }, maxIterations, cancellationToken, null), maxIterations, options.Epsilon ?? AftModel.DefaultEpsilon, NewtonRule.Survreg, logScaleIndex: 1);
        double mu = fit.Estimate[0], theta = fit.Estimate[1], ll = fit.LogLikelihood;
        var info = fit.Information;
        double d = info[0, 0] * info[1, 1] - info[0, 1] * info[1, 0];
        var covariance = new double[,] { { info[1, 1] / d, -info[0, 1] / d }, { -info[1, 0] / d, info[0, 0] / d } };
        int iterations = fit.Iterations;
        // The exponential log-likelihood d·log λ − λT is on the same scale (the density of T), so the LR test is direct.
        return new WeibullFit(mu, theta, covariance, ll, exponential.LogLikelihood, iterations, confidenceLevel, fit.Converged, maxIterations);
    }

    private static (double LogLik, double[] Gradient, double[,] Hessian) Evaluate(SurvivalData data, double mu, double theta)
    {
        double sigma = Math.Exp(theta), ll = 0, gMu = 0, gTheta = 0, hMuMu = 0, hMuTheta = 0, hThetaTheta = 0;
        var time = data.Time;
        var status = data.Event;
        for (int i = 0; i < data.Count; i++)
        {
            double w = data.WeightAt(i), logT = Math.Log(time[i]), z = (logT - mu) / sigma, ez = Math.Exp(z);
            if (status[i])
            {
                ll += w * (-theta - logT + z - ez);
                gMu += w * (ez - 1) / sigma;
                gTheta += w * (-1 - z + z * ez);
                hMuTheta += w * (1 - z * ez - ez) / sigma;
                hThetaTheta += w * (z - z * ez - z * z * ez);
            }
            else
            {
                ll -= w * ez;
                gMu += w * ez / sigma;
                gTheta += w * z * ez;
                hMuTheta += w * (-z * ez - ez) / sigma;
                hThetaTheta += w * (-z * ez - z * z * ez);
            }
            hMuMu -= w * ez / (sigma * sigma);
        }
        return (ll, [gMu, gTheta], new[,] { { hMuMu, hMuTheta }, { hMuTheta, hThetaTheta } });
    }
}
