using MathNet.Numerics.Distributions;

namespace Survival.Estimation;

/// <summary>The method of a confidence interval for a binomial proportion.</summary>
public enum BinomialIntervalMethod
{
    /// <summary>Clopper–Pearson exact interval from beta quantiles (R <c>binom.test</c>).</summary>
    ClopperPearson,

    /// <summary>Wilson score interval without continuity correction (R <c>prop.test(correct = FALSE)</c>).</summary>
    Wilson,

    /// <summary>Jeffreys interval: Beta(x + ½, n − x + ½) quantiles, with 0 / 1 at the extremes.</summary>
    Jeffreys,
}

/// <summary>A proportion x/n (a response rate) with its confidence interval.</summary>
/// <remarks>
/// Clopper–Pearson: lower = B⁻¹(α/2; x, n − x + 1), upper = B⁻¹(1 − α/2; x + 1, n − x), 0 and 1 at x = 0 and x = n
/// (Clopper &amp; Pearson 1934). Wilson: (p̂ + z²/2n ± z√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n) (Wilson 1927).
/// Jeffreys: Beta(x + ½, n − x + ½) quantiles (Brown, Cai &amp; DasGupta 2001).
/// </remarks>
public sealed record BinomialProportion
{
    internal BinomialProportion(int successes, int trials, double lower, double upper, double level, BinomialIntervalMethod method)
    {
        Successes = successes;
        Trials = trials;
        Estimate = (double)successes / trials;
        Lower = lower;
        Upper = upper;
        ConfidenceLevel = level;
        Method = method;
    }

    /// <summary>The number of successes x.</summary>
    public int Successes { get; }

    /// <summary>The number of trials n.</summary>
    public int Trials { get; }

    /// <summary>x / n.</summary>
    public double Estimate { get; }

    /// <summary>The lower confidence limit.</summary>
    public double Lower { get; }

    /// <summary>The upper confidence limit.</summary>
    public double Upper { get; }

    /// <summary>The confidence level.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The interval method.</summary>
    public BinomialIntervalMethod Method { get; }

    /// <summary>Estimates x/n with a confidence interval.</summary>
    /// <param name="successes">x, 0 ≤ x ≤ n.</param>
    /// <param name="trials">n ≥ 1.</param>
    /// <param name="confidenceLevel">In (0, 1); default 0.95.</param>
    /// <param name="method">Default <see cref="BinomialIntervalMethod.ClopperPearson"/> (R <c>binom.test</c>).</param>
    public static BinomialProportion Compute(int successes, int trials, double confidenceLevel = 0.95,
        BinomialIntervalMethod method = BinomialIntervalMethod.ClopperPearson)
    {
        if (trials < 1) throw new SurvivalInputException("the number of trials must be ≥ 1", column: "trials", value: trials.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (successes < 0 || successes > trials) throw new SurvivalInputException("successes must be between 0 and the number of trials", column: "successes", value: successes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Survival.ConfidenceLevel.Check(confidenceLevel, "confidenceLevel");
        double alpha = 1 - confidenceLevel;
        int x = successes, n = trials;
        double lo, hi;
        switch (method)
        {
            case BinomialIntervalMethod.ClopperPearson:
                lo = x == 0 ? 0 : Beta.InvCDF(x, n - x + 1, alpha / 2);
                hi = x == n ? 1 : Beta.InvCDF(x + 1, n - x, 1 - alpha / 2);
                break;
            case BinomialIntervalMethod.Wilson:
                {
                    double z = Survival.ConfidenceLevel.Z(confidenceLevel), p = (double)x / n, z2 = z * z;
                    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
                    double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
                    lo = Math.Max(0, centre - half);
                    hi = Math.Min(1, centre + half);
                    break;
                }
            case BinomialIntervalMethod.Jeffreys:
                lo = x == 0 ? 0 : Beta.InvCDF(x + 0.5, n - x + 0.5, alpha / 2);
                hi = x == n ? 1 : Beta.InvCDF(x + 0.5, n - x + 0.5, 1 - alpha / 2);
                break;
            default:
                throw new SurvivalInputException("unknown interval method", column: "method", value: method.ToString());
        }
        return new BinomialProportion(x, n, lo, hi, confidenceLevel, method);
    }
}
