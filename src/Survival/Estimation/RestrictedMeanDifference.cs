namespace Survival.Estimation;

/// <summary>The difference of two restricted mean survival times up to the same τ, with a Wald confidence interval.</summary>
/// <remarks>
/// Δ = RMST₁(τ) − RMST₂(τ); the curves are independent, so se(Δ) = √(se₁² + se₂²) with each se as
/// <see cref="RestrictedMean"/> computes it (R's); limits Δ ± z·se(Δ), and the two-sided P of Δ/se(Δ). This is
/// the unadjusted comparison of R's <c>survRM2::rmst2</c> (Uno et al. 2014, J Clin Oncol 32:2380–2385), whose
/// variance uses the same Greenwood-type formula.
/// </remarks>
public sealed record RestrictedMeanDifference
{
    internal RestrictedMeanDifference(RestrictedMean first, RestrictedMean second, double level)
    {
        First = first;
        Second = second;
        Estimate = first.Estimate - second.Estimate;
        StdErr = Math.Sqrt(first.StdErr * first.StdErr + second.StdErr * second.StdErr);
        double z = ConfidenceLimits.Z(level);
        Lower = Estimate - z * StdErr;
        Upper = Estimate + z * StdErr;
        PValue = StdErr > 0 ? 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(Estimate) / StdErr) : double.NaN;
        ConfidenceLevel = level;
    }

    /// <summary>The first curve's restricted mean.</summary>
    public RestrictedMean First { get; }

    /// <summary>The second curve's restricted mean.</summary>
    public RestrictedMean Second { get; }

    /// <summary>RMST₁ − RMST₂.</summary>
    public double Estimate { get; }

    /// <summary>The standard error of the difference.</summary>
    public double StdErr { get; }

    /// <summary>Lower limit.</summary>
    public double Lower { get; }

    /// <summary>Upper limit.</summary>
    public double Upper { get; }

    /// <summary>Two-sided P of the Wald test of no difference (NaN when both curves have zero variance).</summary>
    public double PValue { get; }

    /// <summary>The confidence level.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Compares the restricted means of two curves up to τ.</summary>
    /// <param name="first">The first curve.</param>
    /// <param name="second">The second curve.</param>
    /// <param name="tau">The truncation time, &gt; 0.</param>
    /// <param name="options">Options; null for the defaults (95%).</param>
    public static RestrictedMeanDifference Compute(SurvivalCurve first, SurvivalCurve second, double tau, RestrictedMeanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= RestrictedMeanOptions.Default;
        options.Validate();
        double confidenceLevel = options.ConfidenceLevel;
        return new RestrictedMeanDifference(first.RestrictedMean(tau), second.RestrictedMean(tau), confidenceLevel);
    }
}
