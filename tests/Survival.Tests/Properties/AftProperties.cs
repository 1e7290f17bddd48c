using FsCheck.Xunit;
using Survival.Parametric;

namespace Survival.Tests.Properties;

/// <summary>Properties of the AFT fits on arbitrary data.</summary>
public class AftProperties
{
    /// <summary>Changing the time unit by k adds log k to the intercept and leaves log σ and the other coefficients alone
    /// (and shifts the log-likelihood by −d·log k, the Jacobian of the density).</summary>
    [Property(MaxTest = 60)]
    public bool Fits_on_the_log_scale_are_invariant_to_the_time_unit_up_to_the_intercept(int[] raw, byte unit)
    {
        if (raw is null || raw.Length < 6) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 97) / 4.0).ToArray();
        var status = raw.Select((x, i) => i < 2 || (x & 3) != 0).ToArray();
        double k = 1 + unit % 50;
        foreach (var dist in new[] { AftDistribution.Weibull, AftDistribution.LogNormal, AftDistribution.LogLogistic, AftDistribution.Exponential })
        {
            var a = FitOrNone(SurvivalData.Create(time, status), dist);
            var b = FitOrNone(SurvivalData.Create(time.Select(t => t * k).ToArray(), status), dist);
            // Whether an interior maximum exists does not depend on the unit either (e.g. all events at one time: none).
            if ((a is null) != (b is null)) return false;
            if (a is null || b is null || !a.Converged || !b.Converged) continue;
            if (Math.Abs(b.Parameters[0].Estimate - a.Parameters[0].Estimate - Math.Log(k)) > 1e-6) return false;
            if (a.Parameters.Count > 1 && Math.Abs(b.Parameters[1].Estimate - a.Parameters[1].Estimate) > 1e-6) return false;
            double events = status.Count(s => s);
            if (Math.Abs(b.LogLikelihood - (a.LogLikelihood - events * Math.Log(k))) > 1e-6 * Math.Max(1, Math.Abs(a.LogLikelihood))) return false;
        }
        return true;
    }

    /// <summary>The blocked sums of right-censored rows (<c>AftRightCensoredSums</c>) give the general row loop's
    /// log-likelihood, score and information, for every family, with and without case weights (zero weights included), with
    /// the scale free or fixed, at an arbitrary θ.</summary>
    [Property(MaxTest = 80)]
    public bool Blocked_sums_equal_the_row_loop(int[] raw, sbyte b0, sbyte b1, sbyte logSigma, bool weighted)
    {
        if (raw is null || raw.Length < 2) return true;
        int n = raw.Length;
        var time = raw.Select(v => 0.5 + Math.Abs(v % 211) / 7.0).ToArray();
        var status = raw.Select(v => (v & 1) == 0).ToArray();
        var covariate = raw.Select((v, i) => (v % 13) / 3.0 + i % 3).ToArray();
        double[]? weights = weighted ? raw.Select(v => Math.Abs(v % 4) / 2.0).ToArray() : null;
        var data = SurvivalData.Create(time, status, weight: weights);
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        double[][] x = [ones, covariate];
        foreach (var distribution in Enum.GetValues<AftDistribution>())
        {
            bool logScale = distribution is not (AftDistribution.Gaussian or AftDistribution.Logistic);
            bool fixedScale = distribution == AftDistribution.Exponential;
            var y = time.Select(t => logScale ? Math.Log(t) : t).ToArray();
            double[] theta = fixedScale ? [b0 / 20.0, b1 / 60.0] : [b0 / 20.0, b1 / 60.0, logSigma / 60.0];
            if (!logScale) theta[0] += 15;
            var fast = AftModel.Evaluate(data, y, x, theta, distribution, logScale, fixedScale);
            var loop = AftModel.Evaluate(data, y, x, theta, distribution, logScale, fixedScale, rowByRow: true);
            if (!Close(fast.LogLik, loop.LogLik)) return false;
            for (int j = 0; j < theta.Length; j++)
            {
                if (!Close(fast.Score[j], loop.Score[j])) return false;
                for (int k = 0; k < theta.Length; k++) if (!Close(fast.Information[j, k], loop.Information[j, k])) return false;
            }
        }
        return true;

        static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-10 * Math.Max(1, Math.Abs(b));
    }

    /// <summary>Above two chunks of 2¹⁶ rows the sums are taken per chunk on all cores and added in order: still the row
    /// loop's values, for the Weibull and the log-normal.</summary>
    [Xunit.Fact]
    public void Chunked_sums_equal_the_row_loop()
    {
        const int n = 150_000;
        var random = new Random(35);
        var y = new double[n];
        var status = new bool[n];
        var covariate = new double[n];
        for (int i = 0; i < n; i++) { y[i] = Math.Log(0.01 + 50 * random.NextDouble()); status[i] = random.NextDouble() < 0.6; covariate[i] = random.Next(2); }
        var data = SurvivalData.Create(y.Select(Math.Exp).ToArray(), status);
        double[][] x = [Enumerable.Repeat(1.0, n).ToArray(), covariate];
        foreach (var distribution in new[] { AftDistribution.Weibull, AftDistribution.LogNormal })
        {
            double[] theta = [3.2, 0.3, 0.1];
            var fast = AftModel.Evaluate(data, y, x, theta, distribution, true, false);
            var loop = AftModel.Evaluate(data, y, x, theta, distribution, true, false, rowByRow: true);
            Xunit.Assert.Equal(loop.LogLik, fast.LogLik, 1e-10 * Math.Abs(loop.LogLik));
            for (int j = 0; j < 3; j++)
            {
                Xunit.Assert.Equal(loop.Score[j], fast.Score[j], 1e-9 * Math.Max(1, Math.Abs(loop.Score[j])));
                for (int k = 0; k < 3; k++) Xunit.Assert.Equal(loop.Information[j, k], fast.Information[j, k], 1e-10 * Math.Abs(loop.Information[j, k]));
            }
        }
    }

    private static AftFit? FitOrNone(SurvivalData data, AftDistribution distribution)
    {
        try { return AftModel.Fit(data, distribution); }
        catch (SurvivalInputException e) when (e.Message.Contains("no interior maximum", StringComparison.Ordinal)) { return null; }
    }
}
