namespace Survival.Parametric;

/// <summary>What every parametric survival fit offers, whatever its family: the parameters, the log-likelihood and the
/// criteria to compare families by, S(t) with limits for a covariate profile, and (as every iterative fit) whether it
/// converged, in how many iterations, with R's warnings.</summary>
public interface IParametricFit : IIterativeFit
{
    /// <summary>The family, as R names it (<c>weibull</c>, <c>lognormal</c>, <c>gompertz</c>, …).</summary>
    string Family { get; }

    /// <summary>The estimated parameters, named as R (survreg, or flexsurv for Gompertz).</summary>
    IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>The maximised log-likelihood (density of the times).</summary>
    double LogLikelihood { get; }

    /// <summary>AIC = −2ℓ + 2k.</summary>
    double Aic { get; }

    /// <summary>BIC = −2ℓ + k log n.</summary>
    double Bic { get; }

    /// <summary>The number of rows.</summary>
    int N { get; }

    /// <summary>The (weighted) number of events.</summary>
    double Events { get; }

    /// <summary>S(t) for a covariate profile (in the fit's covariate order), with limits.</summary>
    IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null);

    /// <summary>The hazard h(t) for a covariate profile, with delta-method limits.</summary>
    IntervalEstimate HazardAt(double time, IReadOnlyList<double>? profile = null);

    /// <summary>The time by which a fraction <paramref name="p"/> has failed (S = 1 − p; the median at 0.5), with
    /// delta-method limits; null where S never falls that low.</summary>
    IntervalEstimate Quantile(double p, IReadOnlyList<double>? profile = null);

    /// <summary>The restricted mean ∫₀^τ S(t) dt up to <paramref name="horizon"/>, with delta-method limits.</summary>
    IntervalEstimate RestrictedMean(double horizon, IReadOnlyList<double>? profile = null);

    /// <summary>The (unrestricted) mean survival time for a covariate profile, with delta-method limits; null where it is
    /// infinite (a log-logistic with σ ≥ 1, a Gompertz with a shape ≤ 0 whose survival does not fall to 0).</summary>
    IntervalEstimate Mean(IReadOnlyList<double>? profile = null);

    /// <summary>The largest time in the data: a prediction beyond it is an extrapolation (<see cref="IsExtrapolation"/>).</summary>
    double LastObservedTime { get; }

    /// <summary>Whether a prediction at <paramref name="time"/> lies beyond the data (an extrapolation).</summary>
    bool IsExtrapolation(double time) => time > LastObservedTime;
}
