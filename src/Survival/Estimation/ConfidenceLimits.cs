using MathNet.Numerics.Distributions;

namespace Survival.Estimation;

/// <summary>Pointwise confidence limits for a survival probability on the scales of <see cref="ConfidenceIntervalTransform"/>.</summary>
/// <remarks>Same rules as R survival's <c>survfit_confint</c> with <c>conf.lower = "usual"</c>: see
/// <see cref="ConfidenceIntervalTransform"/> for the formulas. A limit R reports as NA (S = 0 on the log, logit
/// and arcsin scales; S ∈ {0, 1} on the log-log scale; an infinite standard error) is null.</remarks>
internal static class ConfidenceLimits
{
    public static double Z(double level) => ConfidenceLevel.Z(level);

    /// <summary>Limits for S with standard error <paramref name="se"/> of log S.</summary>
    public static IntervalEstimate For(double s, double se, double z, ConfidenceIntervalTransform transform)
    {
        double lo, hi;
        switch (transform)
        {
            case ConfidenceIntervalTransform.Plain:
                {
                    double w = se * s * z;
                    lo = Math.Max(s - w, 0);
                    hi = Math.Min(s + w, 1);
                    break;
                }
            case ConfidenceIntervalTransform.Log:
                if (s == 0) return new IntervalEstimate(s, null, null);
                {
                    double log = Math.Log(s);
                    lo = Math.Exp(log - z * se);
                    hi = Math.Min(Math.Exp(log + z * se), 1);
                }
                break;
            case ConfidenceIntervalTransform.LogLog:
                {
                    if (s == 0 || s == 1) return new IntervalEstimate(s, null, null);
                    double w = z * se / Math.Log(s);
                    double c = Math.Log(-Math.Log(s));
                    lo = Math.Exp(-Math.Exp(c - w));
                    hi = Math.Exp(-Math.Exp(c + w));
                    break;
                }
            case ConfidenceIntervalTransform.Logit:
                {
                    if (s == 0) return new IntervalEstimate(s, null, null);
                    double w = z * se * (1 + s / (1 - s));
                    double logit = Math.Log(s / (1 - s));
                    lo = 1 - 1 / (1 + Math.Exp(logit - w));
                    hi = 1 - 1 / (1 + Math.Exp(logit + w));
                    break;
                }
            case ConfidenceIntervalTransform.Arcsin:
                {
                    if (s == 0) return new IntervalEstimate(s, null, null);
                    double w = 0.5 * z * se * Math.Sqrt(s / (1 - s));
                    double a = Math.Asin(Math.Sqrt(s));
                    lo = Math.Pow(Math.Sin(Math.Max(0, a - w)), 2);
                    hi = Math.Pow(Math.Sin(Math.Min(Math.PI / 2, a + w)), 2);
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(transform));
        }
        return new IntervalEstimate(s, Clean(lo), Clean(hi));
    }

    private static double? Clean(double x) => double.IsNaN(x) ? null : x;
}
