using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Survival.Design;

/// <summary>Sample size and power of a one-arm trial with an exponential endpoint, testing a median m₀ against m₁.</summary>
/// <remarks>
/// <para>The test is one-sided at level α in the direction of m₁ (larger medians when m₁ &gt; m₀). With d events and total
/// time at risk T, 2λT ~ χ²(2d) given d (Epstein &amp; Sobel 1953). For m₁ &gt; m₀ the exact test rejects when
/// 2λ₀T &gt; q = χ²₁₋α(2d), and its power under λ₁ is 1 − F₂d(q · λ₁/λ₀) with λ₁/λ₀ = m₀/m₁; for m₁ &lt; m₀ it rejects when
/// 2λ₀T &lt; χ²α(2d), with power F₂d(χ²α(2d) · m₀/m₁). The normal approximation uses var(log λ̂) = 1/d: power
/// Φ(√d |ln(m₁/m₀)| − z₁₋α), so d = ((z₁₋α + z₁₋β) / ln(m₁/m₀))².</para>
/// <para>Patients: entering uniformly over an accrual period A and analysed at A + F, a patient's event is observed with
/// probability 1 − (e^(−λF) − e^(−λ(A+F))) / (λA) under λ = ln 2 / m₁ (Lachin &amp; Foulkes 1986, one arm), and
/// n = ⌈d / Pr(event)⌉. References: Epstein B, Sobel M (1953) JASA 48:486–502; Lachin JM, Foulkes MA (1986)
/// Biometrics 42:507–519.</para>
/// </remarks>
public static class ExponentialSampleSize
{
    /// <summary>The events and patients needed for a target power.</summary>
    /// <param name="nullMedian">m₀ &gt; 0 (the paper: 40 months).</param>
    /// <param name="alternativeMedian">m₁ &gt; 0, ≠ m₀ (the paper: 52 months).</param>
    /// <param name="accrualTime">A ≥ 0, the accrual period.</param>
    /// <param name="followUp">F ≥ 0 after accrual closes; A + F &gt; 0.</param>
    /// <param name="alpha">One-sided level α in (0, 0.5). Default 0.05.</param>
    /// <param name="power">Target power in (α, 1). Default 0.80.</param>
    /// <param name="method">The test. Default <see cref="ExponentialTestMethod.ExactChiSquare"/>.</param>
    /// <exception cref="SurvivalInputException">A parameter is out of range.</exception>
    public static OneArmExponentialDesign ForPower(double nullMedian, double alternativeMedian, double accrualTime, double followUp,
        double alpha = 0.05, double power = 0.80, ExponentialTestMethod method = ExponentialTestMethod.ExactChiSquare)
    {
        Validate(nullMedian, alternativeMedian, accrualTime, followUp, alpha, method);
        if (!(power > alpha && power < 1)) throw Bad("the power must be in (α, 1)", "power", power);
        double effect = Math.Abs(Math.Log(alternativeMedian / nullMedian));
        double approx = Math.Pow((Normal.InvCDF(0, 1, 1 - alpha) + Normal.InvCDF(0, 1, power)) / effect, 2);
        int d = Math.Max(1, (int)Math.Ceiling(approx));
        if (method == ExponentialTestMethod.ExactChiSquare)
        {
            while (d > 1 && PowerAtEvents(d - 1, nullMedian, alternativeMedian, alpha, method) >= power) d--;
            while (PowerAtEvents(d, nullMedian, alternativeMedian, alpha, method) < power) d++;
        }
        double pEvent = ProbabilityOfEvent(alternativeMedian, accrualTime, followUp);
        int patients = (int)Math.Ceiling(d / pEvent - 1e-9);
        return new OneArmExponentialDesign(nullMedian, alternativeMedian, alpha, method, accrualTime, followUp, d,
            PowerAtEvents(d, nullMedian, alternativeMedian, alpha, method), pEvent, patients);
    }

    /// <summary>The expected events and the power of a given number of patients.</summary>
    /// <param name="patients">n ≥ 1.</param>
    /// <param name="nullMedian">m₀ &gt; 0.</param>
    /// <param name="alternativeMedian">m₁ &gt; 0, ≠ m₀.</param>
    /// <param name="accrualTime">A ≥ 0.</param>
    /// <param name="followUp">F ≥ 0; A + F &gt; 0.</param>
    /// <param name="alpha">One-sided level α in (0, 0.5). Default 0.05.</param>
    /// <param name="method">The test. Default <see cref="ExponentialTestMethod.ExactChiSquare"/>.</param>
    /// <remarks>The power is evaluated at the expected number of events d = n · Pr(event), which need not be whole
    /// (the χ² distribution takes any positive degrees of freedom).</remarks>
    public static OneArmExponentialDesign PowerOf(int patients, double nullMedian, double alternativeMedian, double accrualTime,
        double followUp, double alpha = 0.05, ExponentialTestMethod method = ExponentialTestMethod.ExactChiSquare)
    {
        Validate(nullMedian, alternativeMedian, accrualTime, followUp, alpha, method);
        if (patients < 1) throw Bad("the number of patients must be ≥ 1", "patients", patients);
        double pEvent = ProbabilityOfEvent(alternativeMedian, accrualTime, followUp);
        double d = patients * pEvent;
        return new OneArmExponentialDesign(nullMedian, alternativeMedian, alpha, method, accrualTime, followUp, d,
            PowerAtEvents(d, nullMedian, alternativeMedian, alpha, method), pEvent, patients);
    }

    /// <summary>The power of the one-sided test after <paramref name="events"/> events, under m₁.</summary>
    /// <param name="events">d &gt; 0 (need not be whole).</param>
    /// <param name="nullMedian">m₀ &gt; 0.</param>
    /// <param name="alternativeMedian">m₁ &gt; 0, ≠ m₀.</param>
    /// <param name="alpha">One-sided level α in (0, 0.5).</param>
    /// <param name="method">The test.</param>
    public static double PowerAtEvents(double events, double nullMedian, double alternativeMedian, double alpha = 0.05,
        ExponentialTestMethod method = ExponentialTestMethod.ExactChiSquare)
    {
        Validate(nullMedian, alternativeMedian, 0, 1, alpha, method);
        if (!(events > 0) || !double.IsFinite(events)) throw Bad("the number of events must be a finite number > 0", "events", events);
        double ratio = nullMedian / alternativeMedian; // λ₁/λ₀
        if (method == ExponentialTestMethod.LogRateNormal)
            return Normal.CDF(0, 1, Math.Sqrt(events) * Math.Abs(Math.Log(ratio)) - Normal.InvCDF(0, 1, 1 - alpha));
        // χ²(2d) quantiles through the inverse regularised gamma function: q = 2 P⁻¹(d, p).
        if (ratio < 1)
        {
            double q = 2 * SpecialFunctions.GammaLowerRegularizedInv(events, 1 - alpha);
            return SpecialFunctions.GammaUpperRegularized(events, q * ratio / 2);
        }
        double lower = 2 * SpecialFunctions.GammaLowerRegularizedInv(events, alpha);
        return SpecialFunctions.GammaLowerRegularized(events, lower * ratio / 2);
    }

    /// <summary>Pr(event observed by A + F) for uniform entry over [0, A] and median <paramref name="median"/>.</summary>
    /// <param name="median">The exponential median &gt; 0.</param>
    /// <param name="accrualTime">A ≥ 0.</param>
    /// <param name="followUp">F ≥ 0; A + F &gt; 0.</param>
    public static double ProbabilityOfEvent(double median, double accrualTime, double followUp)
    {
        if (!(median > 0) || !double.IsFinite(median)) throw Bad("the median must be a finite number > 0", "median", median);
        CheckTimes(accrualTime, followUp);
        double rate = Constants.Ln2 / median;
        if (accrualTime == 0) return -ElementaryFunctions.Expm1(-rate * followUp);
        // 1 − e^(−λF)(1 − e^(−λA)) / (λA), written with expm1 for accuracy when λA is small.
        return 1 + Math.Exp(-rate * followUp) * ElementaryFunctions.Expm1(-rate * accrualTime) / (rate * accrualTime);
    }

    private static void Validate(double m0, double m1, double accrual, double followUp, double alpha, ExponentialTestMethod method)
    {
        if (!(m0 > 0) || !double.IsFinite(m0)) throw Bad("the null median must be a finite number > 0", "nullMedian", m0);
        if (!(m1 > 0) || !double.IsFinite(m1)) throw Bad("the alternative median must be a finite number > 0", "alternativeMedian", m1);
        if (m0 == m1) throw Bad("the alternative median must differ from the null median", "alternativeMedian", m1);
        if (!(alpha > 0 && alpha < 0.5)) throw Bad("the one-sided α must be in (0, 0.5)", "alpha", alpha);
        if (!Enum.IsDefined(method)) throw new SurvivalInputException("unknown test method", column: "method", value: method.ToString());
        CheckTimes(accrual, followUp);
    }

    private static void CheckTimes(double accrual, double followUp)
    {
        if (!(accrual >= 0) || !double.IsFinite(accrual)) throw Bad("the accrual time must be a finite number ≥ 0", "accrualTime", accrual);
        if (!(followUp >= 0) || !double.IsFinite(followUp)) throw Bad("the follow-up must be a finite number ≥ 0", "followUp", followUp);
        if (accrual + followUp <= 0) throw Bad("accrual plus follow-up must be > 0", "followUp", followUp);
    }

    private static SurvivalInputException Bad(string reason, string column, double value)
        => new(reason, column: column, value: SurvivalData.Format(value));
}
