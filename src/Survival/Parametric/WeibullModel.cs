namespace Survival.Parametric;

/// <summary>Fits the Weibull model (see <see cref="WeibullFit"/>).</summary>
public static class WeibullModel
{
    /// <summary>Fits one Weibull model to right-censored rows (weights as case weights).</summary>
    /// <param name="data">Rows without delayed entry, with at least one event.</param>
    /// <param name="confidenceLevel">Confidence level of the shape and scale limits, default 0.95.</param>
    public static WeibullFit Fit(SurvivalData data, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.HasEntry) throw new SurvivalInputException("the Weibull fit does not support delayed entry (as R's survreg)");
        ConfidenceLevel.Check(confidenceLevel, "confidenceLevel");
        for (int i = 0; i < data.Count; i++)
            if (!(data.Time[i] > 0)) throw new SurvivalInputException("the Weibull model needs times > 0", column: "time", value: SurvivalData.Format(data.Time[i]), row: i + 1);
        var exponential = ExponentialModel.Fit(data);
        if (exponential.Events == 0) throw new SurvivalInputException("the Weibull model needs at least one event");

        double mu = Math.Log(exponential.Exposure / exponential.Events), theta = 0;
        var (ll, g, h) = Evaluate(data, mu, theta);
        int iterations = 0;
        for (; iterations < 50; iterations++)
        {
            // Newton step on (μ, θ): solve H δ = −g for the 2×2 Hessian.
            double det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
            double dMu = -(h[1, 1] * g[0] - h[0, 1] * g[1]) / det;
            double dTheta = -(-h[1, 0] * g[0] + h[0, 0] * g[1]) / det;
            double nMu = mu + dMu, nTheta = theta + dTheta;
            var (nll, ng, nh) = Evaluate(data, nMu, nTheta);
            for (int halving = 0; (double.IsNaN(nll) || nll < ll) && halving < 30; halving++)
            {
                nMu = (mu + nMu) / 2;
                nTheta = (theta + nTheta) / 2;
                (nll, ng, nh) = Evaluate(data, nMu, nTheta);
            }
            bool converged = Math.Abs(1 - ll / nll) <= 1e-9;
            (mu, theta, ll, g, h) = (nMu, nTheta, nll, ng, nh);
            if (converged) { iterations++; break; }
        }
        double d = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
        var covariance = new double[,] { { -h[1, 1] / d, h[0, 1] / d }, { h[1, 0] / d, -h[0, 0] / d } };
        // The exponential log-likelihood d·log λ − λT is on the same scale (the density of T), so the LR test is direct.
        return new WeibullFit(mu, theta, covariance, ll, exponential.LogLikelihood, iterations, confidenceLevel);
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
