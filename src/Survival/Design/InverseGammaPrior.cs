using MathNet.Numerics;

namespace Survival.Design;

/// <summary>
/// An inverse-gamma distribution IG(shape a, scale b) for the mean μ of exponential event times: density
/// ∝ μ^(−a−1) e^(−b/μ), the conjugate prior of Thall, Wooten &amp; Tannir's event-time monitoring.
/// </summary>
/// <remarks>
/// <para>Equivalently the event rate λ = 1/μ is Gamma(shape a, rate b). After d events in total time at risk T the
/// posterior is IG(a + d, b + T), so the shape counts events and the scale counts time: the prior is "worth" a
/// events observed over b time units. This is the effective sample size of Morita, Thall &amp; Müller (2008,
/// Biometrics 64:595–602) for the gamma–exponential model, and what <see cref="EffectiveSampleSize"/> reports.</para>
/// <para>Mean b / (a − 1) for a &gt; 1 (infinite otherwise); variance b² / ((a − 1)²(a − 2)) for a &gt; 2.
/// Pr(μ &gt; x) = P(a, b/x), the regularised lower incomplete gamma function. Under an exponential model the median
/// is μ ln 2, so a median m corresponds to a mean m / ln 2.</para>
/// </remarks>
public sealed record InverseGammaPrior
{
    internal InverseGammaPrior(double shape, double scale)
    {
        Shape = shape;
        Scale = scale;
    }

    /// <summary>The shape a &gt; 0 (its effective sample size in events).</summary>
    public double Shape { get; }

    /// <summary>The scale b &gt; 0 (in the time unit of the data).</summary>
    public double Scale { get; }

    /// <summary>The mean b / (a − 1) of μ; <see cref="double.PositiveInfinity"/> when a ≤ 1.</summary>
    public double Mean => Shape > 1 ? Scale / (Shape - 1) : double.PositiveInfinity;

    /// <summary>The exponential median implied by the mean, <see cref="Mean"/> · ln 2.</summary>
    public double ImpliedMedian => Mean * Constants.Ln2;

    /// <summary>The effective sample size: the shape a, in events (Morita, Thall &amp; Müller 2008).</summary>
    public double EffectiveSampleSize => Shape;

    /// <summary>Creates IG(a, b).</summary>
    /// <param name="shape">a &gt; 0, finite.</param>
    /// <param name="scale">b &gt; 0, finite.</param>
    /// <exception cref="SurvivalInputException">A parameter is not positive and finite.</exception>
    public static InverseGammaPrior Create(double shape, double scale)
    {
        if (!(shape > 0) || !double.IsFinite(shape)) throw Bad("the inverse-gamma shape must be a finite number > 0", "shape", shape);
        if (!(scale > 0) || !double.IsFinite(scale)) throw Bad("the inverse-gamma scale must be a finite number > 0", "scale", scale);
        return new InverseGammaPrior(shape, scale);
    }

    /// <summary>The prior whose mean is the exponential mean of a historical median and whose shape is the given
    /// effective sample size: a = n, b = (n − 1) · median / ln 2.</summary>
    /// <param name="median">The historical median event time, &gt; 0 (e.g. 40 months).</param>
    /// <param name="effectiveSampleSize">The prior's worth in events, n &gt; 1 (so that the mean exists).</param>
    /// <exception cref="SurvivalInputException">The median is not positive or n ≤ 1.</exception>
    public static InverseGammaPrior FromMedian(double median, double effectiveSampleSize)
    {
        if (!(median > 0) || !double.IsFinite(median)) throw Bad("the median must be a finite number > 0", "median", median);
        if (!(effectiveSampleSize > 1) || !double.IsFinite(effectiveSampleSize))
            throw Bad("the effective sample size must be > 1 so that the prior mean exists", "effectiveSampleSize", effectiveSampleSize);
        return new InverseGammaPrior(effectiveSampleSize, (effectiveSampleSize - 1) * median / Constants.Ln2);
    }

    /// <summary>A prior with the same mean and a different effective sample size (shape).</summary>
    /// <param name="effectiveSampleSize">The new shape, &gt; 1.</param>
    /// <remarks>The common convention for the experimental arm: the standard arm's mean with one tenth of its
    /// effective sample size, <c>standard.WithEffectiveSampleSize(standard.EffectiveSampleSize / 10)</c>.</remarks>
    /// <exception cref="SurvivalInputException">This prior has no mean (a ≤ 1) or the new size is ≤ 1.</exception>
    public InverseGammaPrior WithEffectiveSampleSize(double effectiveSampleSize)
    {
        if (!(Shape > 1)) throw Bad("the prior has no mean (shape ≤ 1) to keep", "shape", Shape);
        return FromMedian(ImpliedMedian, effectiveSampleSize);
    }

    /// <summary>The posterior IG(a + d, b + T) after <paramref name="events"/> events in <paramref name="exposure"/>
    /// total time at risk.</summary>
    /// <param name="events">Events observed, ≥ 0.</param>
    /// <param name="exposure">Total time at risk, ≥ 0, in the prior's time unit.</param>
    /// <exception cref="SurvivalInputException">A count or the exposure is negative or not finite.</exception>
    public InverseGammaPrior Update(double events, double exposure)
    {
        if (!(events >= 0) || !double.IsFinite(events)) throw Bad("the number of events must be a finite number ≥ 0", "events", events);
        if (!(exposure >= 0) || !double.IsFinite(exposure)) throw Bad("the exposure must be a finite number ≥ 0", "exposure", exposure);
        return new InverseGammaPrior(Shape + events, Scale + exposure);
    }

    /// <summary>Pr(μ &gt; <paramref name="mean"/>) = P(a, b / x), the regularised lower incomplete gamma function.</summary>
    /// <param name="mean">A mean x ≥ 0.</param>
    public double ProbabilityAbove(double mean)
        => mean <= 0 ? 1 : double.IsPositiveInfinity(mean) ? 0 : SpecialFunctions.GammaLowerRegularized(Shape, Scale / mean);

    private static SurvivalInputException Bad(string reason, string column, double value)
        => new(reason, column: column, value: SurvivalData.Format(value));
}
