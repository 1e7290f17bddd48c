namespace Survival.Parametric;

/// <summary>
/// Predictions of a parametric fit from its survival function S(t; θ) alone: the hazard, a quantile, the restricted
/// mean, each with delta-method limits from the covariance of θ. The gradient of the (log) prediction in θ is taken by
/// central differences, so one rule serves every family; the limits are on the log scale, so they stay positive.
/// </summary>
/// <remarks>Hazard h = −d log S/dt (central difference in t); quantile: the time where S = 1 − p (Brent's root); restricted
/// mean: ∫₀^τ S (adaptive Gauss–Kronrod, MathNet). Hand-written because no library offers the delta method over a
/// user's function.</remarks>
internal static class ParametricPrediction
{
    public delegate double SurvivalFunction(IReadOnlyList<double> theta, double time);

    /// <summary>A prediction g(θ) &gt; 0 with limits exp(log g ∓ z·se(log g)).</summary>
    public static IntervalEstimate Delta(IReadOnlyList<double> theta, Func<int, int, double> covariance, double level, Func<IReadOnlyList<double>, double> g)
    {
        double value = g(theta);
        if (!(value > 0) || !double.IsFinite(value)) return new IntervalEstimate(double.IsFinite(value) ? value : null, null, null);
        int q = theta.Count;
        var gradient = new double[q];
        var shifted = theta.ToArray();
        for (int j = 0; j < q; j++)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(theta[j]));
            shifted[j] = theta[j] + h;
            double up = Math.Log(g(shifted));
            shifted[j] = theta[j] - h;
            double down = Math.Log(g(shifted));
            shifted[j] = theta[j];
            gradient[j] = (up - down) / (2 * h);
        }
        double variance = 0;
        for (int i = 0; i < q; i++) for (int j = 0; j < q; j++) variance += gradient[i] * covariance(i, j) * gradient[j];
        if (!double.IsFinite(variance)) return new IntervalEstimate(value, null, null);
        double w = ConfidenceLevel.Z(level) * Math.Sqrt(Math.Max(variance, 0));
        return new IntervalEstimate(value, value * Math.Exp(-w), value * Math.Exp(w));
    }

    public static double Hazard(SurvivalFunction s, IReadOnlyList<double> theta, double time)
    {
        double h = 1e-6 * Math.Max(1, time);
        double lo = Math.Max(time - h, time / 2), hi = time + h;
        return -(Math.Log(s(theta, hi)) - Math.Log(s(theta, lo))) / (hi - lo);
    }

    public static double Quantile(SurvivalFunction s, IReadOnlyList<double> theta, double p, double scale)
    {
        double target = 1 - p, hi = Math.Max(scale, 1e-12);
        for (int k = 0; k < 200 && s(theta, hi) > target; k++) hi *= 2;
        if (s(theta, hi) > target) return double.PositiveInfinity; // never reached (a fraction that does not fail)
        return MathNet.Numerics.RootFinding.Brent.FindRoot(t => s(theta, t) - target, 0, hi, 1e-12 * hi, 200);
    }

    public static double RestrictedMean(SurvivalFunction s, IReadOnlyList<double> theta, double horizon)
        => MathNet.Numerics.Integrate.GaussKronrod(t => s(theta, t), 0, horizon, 1e-10, 15);
}
