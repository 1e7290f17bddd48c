namespace Survival.Regression;

/// <summary>A fitted Cox proportional-hazards model: coefficients, the three global tests, concordance and the fit's history.</summary>
public sealed record CoxResult
{
    private readonly double[,] _covariance;

    internal CoxResult(CoxCoefficient[] coefficients, double[,] covariance, double logLikelihoodNull, double logLikelihood,
        ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score, double? concordance, int iterations, bool converged,
        int n, double events, CoxOptions options, CoxWarning[] warnings)
    {
        Coefficients = coefficients;
        _covariance = covariance;
        LogLikelihoodNull = logLikelihoodNull;
        LogLikelihood = logLikelihood;
        LikelihoodRatio = likelihoodRatio;
        Wald = wald;
        Score = score;
        Concordance = concordance;
        Iterations = iterations;
        Converged = converged;
        N = n;
        Events = events;
        Options = options;
        Warnings = warnings;
    }

    /// <summary>One entry per covariate column, in order (aliased columns have null estimates).</summary>
    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>Covariance of coefficients <paramref name="i"/> and <paramref name="j"/> (the inverse information; 0 for aliased ones).</summary>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The partial log-likelihood at β = 0.</summary>
    public double LogLikelihoodNull { get; }

    /// <summary>The partial log-likelihood at the estimate.</summary>
    public double LogLikelihood { get; }

    /// <summary>Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)).</summary>
    public ChiSquareTest LikelihoodRatio { get; }

    /// <summary>Wald test β̂ᵀ I(β̂) β̂.</summary>
    public ChiSquareTest Wald { get; }

    /// <summary>Score (log-rank) test U(0)ᵀ I(0)⁻¹ U(0).</summary>
    public ChiSquareTest Score { get; }

    /// <summary>Harrell's concordance of the linear predictor as R reports it (within strata); null when no pair is comparable.</summary>
    public double? Concordance { get; }

    /// <summary>Newton–Raphson iterations used.</summary>
    public int Iterations { get; }

    /// <summary>Whether the convergence criterion was met within the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>Events (weighted).</summary>
    public double Events { get; }

    /// <summary>The options used.</summary>
    public CoxOptions Options { get; }

    /// <summary>What R would warn about: aliased covariates, possibly infinite coefficients, no convergence.</summary>
    public IReadOnlyList<CoxWarning> Warnings { get; }
}
