using MathNet.Numerics.Distributions;

namespace Survival.Parametric;

/// <summary>
/// The exponential model fitted by maximum likelihood: S(t) = exp(−λt), with exact and Wald limits for the rate, the
/// mean 1/λ and the median ln 2/λ.
/// </summary>
/// <remarks>
/// <para>With d events (weighted) and total time at risk T = Σ w (t − entry): λ̂ = d/T and the log-likelihood is
/// ℓ = d·log λ̂ − λ̂·T, as R's <c>survreg(Surv(t, e) ~ 1, dist = "exponential")$loglik</c> reports it.</para>
/// <para>Exact limits (Cox &amp; Oakes 1984, §3.2; chi-square limits of a Poisson count): lower = χ²(α/2; 2d)/(2T),
/// upper = χ²(1 − α/2; 2d + 2)/(2T), the lower limit being 0 when d = 0. Wald limits on the log scale:
/// λ̂·exp(±z/√d). The mean and median limits are those of the rate, inverted.</para>
/// </remarks>
public sealed record ExponentialFit
{
    internal ExponentialFit(string? group, int n, double events, double exposure, double level)
    {
        Group = group;
        N = n;
        Events = events;
        Exposure = exposure;
        ConfidenceLevel = level;
        double alpha = 1 - level, rate = events / exposure;
        double lower = events > 0 ? ChiSquared.InvCDF(2 * events, alpha / 2) / (2 * exposure) : 0;
        double upper = ChiSquared.InvCDF(2 * events + 2, 1 - alpha / 2) / (2 * exposure);
        Rate = new IntervalEstimate(rate, lower, upper);
        double z = global::Survival.ConfidenceLevel.Z(level);
        RateWald = events > 0 ? new IntervalEstimate(rate, rate * Math.Exp(-z / Math.Sqrt(events)), rate * Math.Exp(z / Math.Sqrt(events))) : new IntervalEstimate(rate, null, null);
        Mean = Invert(Rate, 1);
        Median = Invert(Rate, Math.Log(2));
        LogLikelihood = events > 0 ? events * Math.Log(rate) - rate * exposure : 0;
    }

    /// <summary>The group, or null for all rows.</summary>
    public string? Group { get; }

    /// <summary>The number of input rows.</summary>
    public int N { get; }

    /// <summary>The number of events d (weighted).</summary>
    public double Events { get; }

    /// <summary>The total time at risk T (weighted).</summary>
    public double Exposure { get; }

    /// <summary>The confidence level of the limits.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The hazard rate λ̂ = d/T with exact χ² limits.</summary>
    public IntervalEstimate Rate { get; }

    /// <summary>The rate with Wald limits on the log scale (none when d = 0).</summary>
    public IntervalEstimate RateWald { get; }

    /// <summary>The mean survival time 1/λ̂ with the exact limits inverted (null when λ̂ = 0).</summary>
    public IntervalEstimate Mean { get; }

    /// <summary>The median survival time ln 2/λ̂ with the exact limits inverted (null when λ̂ = 0).</summary>
    public IntervalEstimate Median { get; }

    /// <summary>The maximised log-likelihood d·log λ̂ − λ̂T (0 when d = 0), as R's survreg.</summary>
    public double LogLikelihood { get; }

    /// <summary>The fitted survival exp(−λ̂t) at <paramref name="time"/>, to set beside the Kaplan–Meier curve.</summary>
    public double Survival(double time) => Math.Exp(-(Events / Exposure) * time);

    private static IntervalEstimate Invert(IntervalEstimate rate, double scale) => new(
        rate.Estimate is > 0 and double r ? scale / r : null,
        rate.Upper is > 0 and double u ? scale / u : null,
        rate.Lower is > 0 and double l ? scale / l : null);

    /// <summary>The fit as a one-row table: n, events, exposure, the rate and the median with their exact limits, and the
    /// log-likelihood (R <c>survreg(dist = "exponential")</c>'s, on the density scale of the times).</summary>
    public override string ToString() => Table([this]);

    /// <summary>The table of <see cref="ToString"/> for several fits (one row each).</summary>
    internal static string Table(IReadOnlyList<ExponentialFit> fits)
    {
        var w = new StringWriter { NewLine = "\n" };
        string pct = $"{(fits.Count > 0 ? fits[0].ConfidenceLevel : 0.95) * 100:0.##}%";
        Printing.RFormat.Table(w, ["", "n", "events", "exposure", "rate", $"rate {pct} CI", "median", $"median {pct} CI", "loglik"],
            fits.Select(f => (IReadOnlyList<string>)[f.Group ?? "all", f.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Printing.RFormat.Number(f.Events), Printing.RFormat.Number(f.Exposure, 6), Printing.RFormat.Number(f.Rate.Estimate),
                $"{Printing.RFormat.Number(f.Rate.Lower)}–{Printing.RFormat.Number(f.Rate.Upper)}", Printing.RFormat.Number(f.Median.Estimate),
                $"{Printing.RFormat.Number(f.Median.Lower)}–{Printing.RFormat.Number(f.Median.Upper)}", Printing.RFormat.Number(f.LogLikelihood, 6)]));
        return w.ToString();
    }
}
