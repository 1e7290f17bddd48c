using MathNet.Numerics.Distributions;

namespace Survival.Parametric;

/// <summary>A fitted generalized gamma model (<see cref="GeneralizedGammaModel"/>): <c>mu</c>, <c>sigma</c> and <c>Q</c>
/// on the natural scale as flexsurv reports them, covariate effects on μ, the log-likelihood, AIC and BIC, and predictions
/// with delta-method limits.</summary>
public sealed record GeneralizedGammaFit : ParametricFit
{
    internal GeneralizedGammaFit(double[] theta, double[,] covariance, double logLikelihood, int iterations, bool converged, int n, double events,
        double level, IReadOnlyList<string> covariateNames, double lastObservedTime, int maxIterations)
        : base(theta, covariance, logLikelihood, iterations, converged, n, events, level, covariateNames, lastObservedTime, maxIterations)
    {
        double z = global::Survival.ConfidenceLevel.Z(level);
        var list = new List<ParameterEstimate> { Wald("mu", theta[0], Math.Sqrt(covariance[0, 0]), z) };
        double seLogSigma = Math.Sqrt(covariance[1, 1]), sigma = Math.Exp(theta[1]);
        // flexsurv: σ on its natural scale, se by the delta method, limits from those of log σ.
        list.Add(new ParameterEstimate("sigma", sigma, sigma * seLogSigma, Math.Exp(theta[1] - z * seLogSigma), Math.Exp(theta[1] + z * seLogSigma),
            theta[1] / seLogSigma, 2 * Normal.CDF(0, 1, -Math.Abs(theta[1] / seLogSigma))));
        list.Add(Wald("Q", theta[2], Math.Sqrt(covariance[2, 2]), z));
        for (int j = 0; j < covariateNames.Count; j++)
            list.Add(Wald(covariateNames[j], theta[3 + j], Math.Sqrt(covariance[3 + j, 3 + j]), z));
        Parameters = ValueList<ParameterEstimate>.Of(list);
    }

    private static ParameterEstimate Wald(string name, double estimate, double se, double z)
        => new(name, estimate, se, estimate - z * se, estimate + z * se, estimate / se, 2 * Normal.CDF(0, 1, -Math.Abs(estimate / se)));

    /// <summary>"gengamma".</summary>
    public override string Family => "gengamma";

    /// <summary><c>mu</c>, <c>sigma</c> (natural scale), <c>Q</c>, then each covariate's effect on μ.</summary>
    public override IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>S(t) for θ = (μ, log σ, Q, β…) and a covariate profile.</summary>
    internal static double Survival(IReadOnlyList<double> theta, double time, IReadOnlyList<double> profile)
    {
        if (time <= 0) return 1;
        double mu = theta[0];
        for (int j = 0; j < profile.Count; j++) mu += theta[3 + j] * profile[j];
        double w = (Math.Log(time) - mu) / Math.Exp(theta[1]);
        return Math.Exp(GeneralizedGammaModel.Terms.LogSurvival(w, theta[2]).Value);
    }

    /// <summary>S(t) for a covariate profile, with delta-method limits computed on log H(t) = log(−log S) (so they stay
    /// in [0, 1]).</summary>
    /// <param name="time">A time ≥ 0.</param>
    /// <param name="profile">The covariate values in the fit's order; null or empty without covariates.</param>
    public override IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        if (!(time >= 0) || !double.IsFinite(time)) throw new SurvivalInputException("a time must be finite and ≥ 0", column: "time", value: SurvivalData.Format(time));
        if (time == 0) return new IntervalEstimate(1, 1, 1);
        var h = ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th => -Math.Log(Survival(th, time, x)));
        double s = Math.Exp(-h.Estimate!.Value);
        return new IntervalEstimate(s, h.Upper is double hu ? Math.Exp(-hu) : null, h.Lower is double hl ? Math.Exp(-hl) : null);
    }

    /// <inheritdoc/>
    public override IntervalEstimate HazardAt(double time, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return HazardOf((t, u) => Survival(t, u, x), time);
    }

    /// <inheritdoc/>
    public override IntervalEstimate Quantile(double p, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return QuantileOf((t, u) => Survival(t, u, x), p, th => Math.Exp(th[0]));
    }

    /// <inheritdoc/>
    public override IntervalEstimate RestrictedMean(double horizon, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return RestrictedMeanOf((t, u) => Survival(t, u, x), horizon);
    }

    /// <inheritdoc/>
    /// <remarks>E[T] = e^μ · Γ(γ + σ/Q) / (Γ(γ) γ^{σ/Q}) with γ = Q⁻² (finite when γ + σ/Q &gt; 0; infinite, null, otherwise);
    /// the log-normal limit e^{μ + σ²/2} near Q = 0.</remarks>
    public override IntervalEstimate Mean(IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        if (!double.IsFinite(MeanOf(Theta, x))) return new IntervalEstimate(null, null, null);
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th => MeanOf(th, x));
    }

    private static double MeanOf(IReadOnlyList<double> th, IReadOnlyList<double> x)
    {
        double mu = th[0];
        for (int j = 0; j < x.Count; j++) mu += th[3 + j] * x[j];
        double sigma = Math.Exp(th[1]), q = th[2];
        if (Math.Abs(q) < 1e-6) return Math.Exp(mu + sigma * sigma / 2);
        double gamma = 1 / (q * q), k = sigma / q;
        if (!(gamma + k > 0)) return double.PositiveInfinity;
        return Math.Exp(mu + MathNet.Numerics.SpecialFunctions.GammaLn(gamma + k) - MathNet.Numerics.SpecialFunctions.GammaLn(gamma) - k * Math.Log(gamma));
    }

    /// <summary>The parameter table (flexsurv's columns) and the fit's log-likelihood and AIC.</summary>
    public override string ToString() => FlexsurvSummary();
}
