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

    private static AftFit? FitOrNone(SurvivalData data, AftDistribution distribution)
    {
        try { return AftModel.Fit(data, distribution); }
        catch (SurvivalInputException e) when (e.Message.Contains("no interior maximum", StringComparison.Ordinal)) { return null; }
    }
}
