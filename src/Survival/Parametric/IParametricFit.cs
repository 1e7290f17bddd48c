namespace Survival.Parametric;

/// <summary>What every parametric survival fit offers, whatever its family: the parameters, the log-likelihood and the
/// criteria to compare families by, and S(t) with limits for a covariate profile.</summary>
public interface IParametricFit
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

    /// <summary>Whether the maximisation converged.</summary>
    bool Converged { get; }

    /// <summary>S(t) for a covariate profile (in the fit's covariate order), with limits.</summary>
    IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null);
}
