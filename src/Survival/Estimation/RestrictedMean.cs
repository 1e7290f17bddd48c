namespace Survival.Estimation;

/// <summary>The restricted mean survival time up to τ with its standard error, as R's <c>print(fit, rmean = τ)</c>.</summary>
/// <remarks>
/// RMST(τ) = ∫₀^τ S(t) dt, the area under the step curve. Its variance is R's: Σ_j A_j² d_j / (n_j (n_j − d_j))
/// over event times t_j ≤ τ, where A_j = ∫_{t_j}^τ S(t) dt (terms with n_j = d_j contribute 0). Reference:
/// Klein &amp; Moeschberger (2003) §4.5; R survival <c>print.survfit</c> / <c>survmean</c>.
/// </remarks>
public sealed record RestrictedMean
{
    internal RestrictedMean(double tau, double estimate, double stdErr, double level)
    {
        Tau = tau;
        Estimate = estimate;
        StdErr = stdErr;
        double z = ConfidenceLimits.Z(level);
        Lower = estimate - z * stdErr;
        Upper = estimate + z * stdErr;
    }

    /// <summary>The truncation time τ.</summary>
    public double Tau { get; }

    /// <summary>The restricted mean ∫₀^τ S(t) dt.</summary>
    public double Estimate { get; }

    /// <summary>Its standard error.</summary>
    public double StdErr { get; }

    /// <summary>Lower Wald limit, estimate − z·se.</summary>
    public double Lower { get; }

    /// <summary>Upper Wald limit, estimate + z·se.</summary>
    public double Upper { get; }
}
