using Survival.Estimation;
using Xunit;

namespace Survival.Tests.Shared;

/// <summary>Kaplan–Meier fits compared step by step, exactly or within a relative tolerance: the check the push-down tests
/// (DuckDB, SQL databases) make against the row path. Linked into each test project that needs it.</summary>
internal static class CurveAssert
{
    /// <summary>Equal when <paramref name="tolerance"/> is 0 (bit for bit, NaN equal to NaN), else within
    /// tolerance · max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance)
        => Assert.True(tolerance == 0 ? expected.Equals(actual) : Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R}");

    /// <summary>The same curves (group, stratum, n) with the same steps: times exactly; numbers at risk, survival,
    /// cumulative hazard, standard error and limits within <paramref name="tolerance"/>; and the same restricted mean to
    /// <paramref name="tau"/> when one is given.</summary>
    public static void SameCurves(KaplanMeierResult expected, KaplanMeierResult actual, double tolerance, double? tau = null)
    {
        Assert.Equal(expected.Curves.Count, actual.Curves.Count);
        for (int c = 0; c < expected.Curves.Count; c++)
        {
            var (e, a) = (expected.Curves[c], actual.Curves[c]);
            Assert.Equal((e.Group, e.Stratum, e.N), (a.Group, a.Stratum, a.N));
            Assert.Equal(e.Steps.Count, a.Steps.Count);
            for (int k = 0; k < e.Steps.Count; k++)
            {
                Close(e.Steps[k].Time, a.Steps[k].Time, 0);
                Close(e.Steps[k].AtRisk, a.Steps[k].AtRisk, tolerance);
                Close(e.Steps[k].Survival, a.Steps[k].Survival, tolerance);
                Close(e.Steps[k].CumulativeHazard, a.Steps[k].CumulativeHazard, tolerance);
                Close(e.Steps[k].StdErr ?? -1, a.Steps[k].StdErr ?? -1, tolerance);
                Close(e.Steps[k].Lower ?? -1, a.Steps[k].Lower ?? -1, tolerance);
                Close(e.Steps[k].Upper ?? -1, a.Steps[k].Upper ?? -1, tolerance);
            }
            if (tau is double t)
            {
                Close(e.RestrictedMean(t).Estimate, a.RestrictedMean(t).Estimate, tolerance);
                Close(e.RestrictedMean(t).StdErr, a.RestrictedMean(t).StdErr, tolerance);
            }
        }
    }
}
