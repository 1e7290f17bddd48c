using MathNet.Numerics.Distributions;

namespace Survival.Parametric;

/// <summary>A fitted Gompertz model (<see cref="GompertzModel"/>): <c>shape</c> and <c>rate</c> on the natural scale as
/// flexsurv reports them, covariate effects on log(rate), the log-likelihood, AIC and BIC, and S(t) with limits.</summary>
public sealed record GompertzFit : ParametricFit
{
    internal GompertzFit(double[] theta, double[,] covariance, double logLikelihood, int iterations, bool converged, int n, double events,
        double level, IReadOnlyList<string> covariateNames, double lastObservedTime = double.PositiveInfinity, int maxIterations = 50)
        : base(theta, covariance, logLikelihood, iterations, converged, n, events, level, covariateNames, lastObservedTime, maxIterations)
    {
        double z = global::Survival.ConfidenceLevel.Z(level);
        var list = new List<ParameterEstimate>();
        double seShape = Math.Sqrt(covariance[0, 0]);
        list.Add(Wald("shape", theta[0], seShape, z));
        double seLogRate = Math.Sqrt(covariance[1, 1]), rate = Math.Exp(theta[1]);
        // flexsurv: the rate on its natural scale, se by the delta method, limits from those of log(rate).
        list.Add(new ParameterEstimate("rate", rate, rate * seLogRate, Math.Exp(theta[1] - z * seLogRate), Math.Exp(theta[1] + z * seLogRate),
            theta[1] / seLogRate, 2 * Normal.CDF(0, 1, -Math.Abs(theta[1] / seLogRate))));
        for (int j = 0; j < covariateNames.Count; j++)
            list.Add(Wald(covariateNames[j], theta[j + 2], Math.Sqrt(covariance[j + 2, j + 2]), z));
        Parameters = ValueList<ParameterEstimate>.Of(list);
    }

    private static ParameterEstimate Wald(string name, double estimate, double se, double z)
        => new(name, estimate, se, estimate - z * se, estimate + z * se, estimate / se, 2 * Normal.CDF(0, 1, -Math.Abs(estimate / se)));

    /// <summary>"gompertz".</summary>
    public override string Family => "gompertz";

    /// <summary><c>shape</c>, <c>rate</c> (natural scale), then each covariate's effect on log(rate).</summary>
    public override IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>S(t) = exp(−rate·G(shape, t)) for a covariate profile, with delta-method limits computed on log H(t) (so
    /// they stay in [0, 1]).</summary>
    /// <param name="time">A time ≥ 0.</param>
    /// <param name="profile">The covariate values in the fit's order; null or empty without covariates.</param>
    public override IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null)
    {
        profile = Profile(profile);
        if (!(time >= 0) || !double.IsFinite(time)) throw new SurvivalInputException("a time must be finite and ≥ 0", column: "time", value: SurvivalData.Format(time));
        if (time == 0) return new IntervalEstimate(1, 1, 1);
        double eta = Theta[1];
        for (int j = 0; j < CovariateNames.Count; j++) eta += Theta[j + 2] * profile[j];
        var (g, ga, _) = GompertzModel.G(Theta[0], time);
        double logH = eta + Math.Log(g);
        var gradient = new double[Theta.Count];
        gradient[0] = ga / g;
        gradient[1] = 1;
        for (int j = 0; j < CovariateNames.Count; j++) gradient[j + 2] = profile[j];
        double variance = 0;
        for (int i = 0; i < gradient.Length; i++) for (int j = 0; j < gradient.Length; j++) variance += gradient[i] * CovarianceMatrix[i, j] * gradient[j];
        double w = global::Survival.ConfidenceLevel.Z(ConfidenceLevel) * Math.Sqrt(variance);
        return new IntervalEstimate(Math.Exp(-Math.Exp(logH)), Math.Exp(-Math.Exp(logH + w)), Math.Exp(-Math.Exp(logH - w)));
    }

    private double SurvivalOf(IReadOnlyList<double> theta, double time, IReadOnlyList<double> profile)
    {
        double eta = theta[1];
        for (int j = 0; j < profile.Count; j++) eta += theta[j + 2] * profile[j];
        return Math.Exp(-Math.Exp(eta) * GompertzModel.G(theta[0], time).G);
    }

    /// <inheritdoc/>
    public override IntervalEstimate HazardAt(double time, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        // h(t) = rate·e^{shape·t}: exact, with the delta method for its limits.
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th =>
        {
            double eta = th[1];
            for (int j = 0; j < x.Count; j++) eta += th[j + 2] * x[j];
            return Math.Exp(eta + th[0] * time);
        });
    }

    /// <inheritdoc/>
    public override IntervalEstimate Quantile(double p, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return QuantileOf((t, u) => SurvivalOf(t, u, x), p, th => 1 / Math.Exp(th[1]));
    }

    /// <inheritdoc/>
    public override IntervalEstimate RestrictedMean(double horizon, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return RestrictedMeanOf((t, u) => SurvivalOf(t, u, x), horizon);
    }

    /// <inheritdoc/>
    /// <remarks>∫₀^∞ S(t) dt by adaptive quadrature; infinite (null) when the shape is ≤ 0, where the hazard does not grow
    /// and, below 0, a fraction never fails.</remarks>
    public override IntervalEstimate Mean(IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        if (!(Theta[0] > 0)) return new IntervalEstimate(null, null, null);
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th =>
        {
            if (!(th[0] > 0)) return double.PositiveInfinity;
            // S is negligible beyond the time where the cumulative hazard reaches 50.
            double eta = th[1];
            for (int j = 0; j < x.Count; j++) eta += th[j + 2] * x[j];
            double end = Math.Log(1 + 50 * th[0] / Math.Exp(eta)) / th[0];
            return ParametricPrediction.RestrictedMean((t, u) => SurvivalOf(t, u, x), th, end);
        });
    }

    /// <summary>The parameter table (flexsurv's columns) and the fit's log-likelihood and AIC.</summary>
    public override string ToString() => FlexsurvSummary();
}
