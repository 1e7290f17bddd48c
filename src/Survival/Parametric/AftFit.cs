using MathNet.Numerics.Distributions;

namespace Survival.Parametric;

/// <summary>
/// A fitted accelerated-failure-time model (<see cref="AftModel"/>): coefficients and <c>Log(scale)</c> with their
/// covariance, the log-likelihood, AIC and BIC, and predictions with delta-method limits, as R's <c>survreg</c>.
/// </summary>
public sealed record AftFit : ParametricFit
{
    internal AftFit(AftDistribution distribution, IReadOnlyList<string> names, double[] theta, double[,] covariance, bool fixedScale,
        double logLikelihood, int iterations, bool converged, int n, double events, double level, IReadOnlyList<string> covariateNames,
        double lastObservedTime = double.PositiveInfinity, int maxIterations = 30, FitWarning[]? notes = null)
        : base(theta, covariance, logLikelihood, iterations, converged, n, events, level, covariateNames, lastObservedTime, maxIterations, notes)
    {
        Distribution = distribution;
        double z = global::Survival.ConfidenceLevel.Z(level);
        var all = fixedScale ? names : [.. names, "Log(scale)"];
        Parameters = ValueList<ParameterEstimate>.Of(all.Select((name, j) =>
        {
            double se = Math.Sqrt(covariance[j, j]), est = theta[j], zz = est / se;
            return new ParameterEstimate(name, est, se, est - z * se, est + z * se, zz, 2 * Normal.CDF(0, 1, -Math.Abs(zz)));
        }));
    }

    /// <summary>The family.</summary>
    public AftDistribution Distribution { get; }

    /// <summary>The family as R's <c>survreg</c> names it.</summary>
    public override string Family => Distribution.ToString().ToLowerInvariant();

    /// <summary>The coefficients in R's order (<c>(Intercept)</c>, the covariates), then <c>Log(scale)</c> (none for the
    /// exponential, whose scale is 1).</summary>
    public override IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name; the message lists them.</exception>
    public ParameterEstimate this[string name]
        => Parameters.FirstOrDefault(p => p.Name == name)
           ?? throw new KeyNotFoundException($"no parameter '{name}'; the parameters are {string.Join(", ", Parameters.Select(p => $"'{p.Name}'"))}");

    /// <summary>The scale σ (1 for the exponential).</summary>
    public double Scale => Parameters.Count > CoefficientCount ? Math.Exp(Parameters[^1].Estimate) : 1;

    private int CoefficientCount => 1 + CovariateNames.Count;

    /// <summary>
    /// S(t) for a covariate profile with delta-method limits: z = (y − x'β)/σ with y = log t (t for the Gaussian and
    /// logistic families), se(z) from the gradient of z in (β, log σ) and the covariance, and the limits
    /// S(z ∓ z_α·se(z)) (S is decreasing in z, so the limits stay in [0, 1]).
    /// </summary>
    /// <param name="time">A time (&gt; 0 on the log scale).</param>
    /// <param name="profile">The covariate values, in the order of the fit's covariates; null or empty for an intercept-only fit.</param>
    /// <exception cref="SurvivalInputException">A profile of the wrong length, or a time ≤ 0 on the log scale.</exception>
    public override IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null)
    {
        profile = Profile(profile);
        bool logScale = Distribution is not (AftDistribution.Gaussian or AftDistribution.Logistic);
        if (logScale && !(time > 0)) throw new SurvivalInputException("the log-scale AFT models need times > 0", column: "time", value: SurvivalData.Format(time));
        double y = logScale ? Math.Log(time) : time, sigma = Scale;
        var x = new double[CoefficientCount];
        x[0] = 1;
        for (int j = 0; j < profile.Count; j++) x[j + 1] = profile[j];
        double eta = 0;
        for (int j = 0; j < x.Length; j++) eta += Theta[j] * x[j];
        double z = (y - eta) / sigma;
        var gradient = new double[Parameters.Count];
        for (int j = 0; j < x.Length; j++) gradient[j] = -x[j] / sigma;
        if (Parameters.Count > x.Length) gradient[^1] = -z;
        double variance = 0;
        for (int i = 0; i < gradient.Length; i++)
            for (int j = 0; j < gradient.Length; j++) variance += gradient[i] * CovarianceMatrix[i, j] * gradient[j];
        double w = global::Survival.ConfidenceLevel.Z(ConfidenceLevel) * Math.Sqrt(variance);
        return new IntervalEstimate(StandardSurvival(z), StandardSurvival(z + w), StandardSurvival(z - w));
    }

    private double StandardSurvival(double z) => Distribution switch
    {
        AftDistribution.Weibull or AftDistribution.Exponential => Math.Exp(-Math.Exp(z)),
        AftDistribution.LogLogistic or AftDistribution.Logistic => 1 / (1 + Math.Exp(z)),
        _ => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2)),
    };

    private bool LogScale => Distribution is not (AftDistribution.Gaussian or AftDistribution.Logistic);

    /// <summary>S(t; θ) for a profile, θ = (β, log σ) (β alone for the exponential).</summary>
    private double SurvivalOf(IReadOnlyList<double> theta, double time, IReadOnlyList<double> profile)
    {
        double eta = theta[0];
        for (int j = 0; j < profile.Count; j++) eta += theta[j + 1] * profile[j];
        double sigma = theta.Count > CoefficientCount ? Math.Exp(theta[^1]) : 1;
        double y = LogScale ? Math.Log(time) : time;
        return StandardSurvival((y - eta) / sigma);
    }

    /// <inheritdoc/>
    public override IntervalEstimate HazardAt(double time, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return HazardOf((t, u) => SurvivalOf(t, u, x), time);
    }

    /// <inheritdoc/>
    public override IntervalEstimate Quantile(double p, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return QuantileOf((t, u) => SurvivalOf(t, u, x), p, th => LogScale ? Math.Exp(th[0]) : Math.Abs(th[0]) + 1);
    }

    /// <inheritdoc/>
    public override IntervalEstimate RestrictedMean(double horizon, IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        return RestrictedMeanOf((t, u) => u <= 0 ? 1 : SurvivalOf(t, u, x), horizon);
    }

    /// <inheritdoc/>
    /// <remarks>E[T] for y = η + σW: e^η·Γ(1 + σ) (Weibull; e^η for the exponential), exp(η + σ²/2) (log-normal),
    /// e^η·πσ/sin(πσ) for σ &lt; 1 (log-logistic), η (Gaussian, logistic).</remarks>
    public override IntervalEstimate Mean(IReadOnlyList<double>? profile = null)
    {
        var x = Profile(profile);
        double MeanOf(IReadOnlyList<double> th)
        {
            double eta = th[0];
            for (int j = 0; j < x.Count; j++) eta += th[j + 1] * x[j];
            double sigma = th.Count > CoefficientCount ? Math.Exp(th[^1]) : 1;
            return Distribution switch
            {
                AftDistribution.Weibull or AftDistribution.Exponential => Math.Exp(eta) * MathNet.Numerics.SpecialFunctions.Gamma(1 + sigma),
                AftDistribution.LogNormal => Math.Exp(eta + sigma * sigma / 2),
                AftDistribution.LogLogistic => sigma < 1 ? Math.Exp(eta) * Math.PI * sigma / Math.Sin(Math.PI * sigma) : double.PositiveInfinity,
                _ => eta,
            };
        }
        if (!double.IsFinite(MeanOf(Theta))) return new IntervalEstimate(null, null, null);
        if (!LogScale)
        {
            // On the time scale the mean is η itself, possibly ≤ 0: Wald limits on that scale.
            double m = MeanOf(Theta), variance = 0;
            var g = new double[Theta.Count];
            g[0] = 1;
            for (int j = 0; j < x.Count; j++) g[j + 1] = x[j];
            for (int i = 0; i < g.Length; i++) for (int j = 0; j < g.Length; j++) variance += g[i] * Covariance(i, j) * g[j];
            double w = global::Survival.ConfidenceLevel.Z(ConfidenceLevel) * Math.Sqrt(variance);
            return new IntervalEstimate(m, m - w, m + w);
        }
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, MeanOf);
    }

    /// <summary>What R's <c>summary(survreg(...))</c> prints: the parameter table, the scale, the distribution and the
    /// log-likelihood.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        Printing.RFormat.Table(w, ["", "Value", "Std. Error", "z", "p"],
            Parameters.Select(p => (IReadOnlyList<string>)[p.Name, Printing.RFormat.Number(p.Estimate), Printing.RFormat.Number(p.StdErr),
                Printing.RFormat.Number(p.Z, 3), Printing.RFormat.PValue(p.PValue)]));
        w.WriteLine();
        if (Distribution != AftDistribution.Exponential) w.WriteLine($"Scale= {Printing.RFormat.Number(Scale, 3)}");
        w.WriteLine();
        w.WriteLine($"{Distribution} distribution");
        w.WriteLine($"Loglik(model)= {LogLikelihood.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}   AIC= {Aic.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}   BIC= {Bic.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}");
        w.WriteLine($"n= {N}, events= {Printing.RFormat.Number(Events)}" + (Omitted.Count > 0 ? $" ({Omitted})" : ""));
        Printing.RFormat.Warnings(w, Warnings);
        return w.ToString();
    }
}
