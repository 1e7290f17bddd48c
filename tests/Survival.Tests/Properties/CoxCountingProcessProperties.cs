using FsCheck;
using FsCheck.Xunit;
using Survival.Regression;
using Xunit;

namespace Survival.Tests.Properties;

/// <summary>Properties of (start, stop] Cox fits and their residuals that hold for any data (issue 17).</summary>
public class CoxCountingProcessProperties
{
    private static (double[] Time, bool[] Status, double[] Z, double[] W, string[] Strata) Draw(int[] values)
    {
        var time = values.Select((v, i) => 1 + Math.Abs(v % 17) / 2.0 + (i % 3) * 0.25).ToArray();
        var status = values.Select((v, i) => (v + i) % 3 != 0).ToArray();
        var z = values.Select((v, i) => (double)((v >> 2) % 5) + (i % 4) * 0.5).ToArray();
        var w = values.Select((v, i) => 1.0 + Math.Abs(v % 3)).ToArray();
        var strata = values.Select((v, i) => i % 2 == 0 ? "a" : "b").ToArray();
        return (time, status, z, w, strata);
    }

    private static bool Close(double? x, double? y, double tol)
        => x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) <= tol * Math.Max(1, Math.Abs(x.Value));

    [Property(MaxTest = 60)]
    public bool Splitting_follow_up_at_any_times_leaves_the_fit_unchanged(NonEmptyArray<int> raw, NonEmptyArray<NormalFloat> rawCuts, bool efron, bool stratified)
    {
        var values = raw.Get;
        if (values.Length < 6) return true;
        var (time, status, z, w, strata) = Draw(values);
        var cuts = rawCuts.Get.Select(c => Math.Abs(c.Get % 10)).ToArray();
        var data = SurvivalData.Create(time, status, weight: w, strata: stratified ? strata : null);
        var options = new CoxOptions { Ties = efron ? CoxTies.Efron : CoxTies.Breslow, Robust = false };
        var whole = CoxRegression.Fit(data, new CovariateMatrix(time.Length).AddNumeric("z", z), options);
        var split = CountingProcess.Split(data, cuts);
        var zs = split.SourceRow.Select(r => z[r]).ToArray();
        var pieces = CoxRegression.Fit(split.Data, new CovariateMatrix(zs.Length).AddNumeric("z", zs), options);
        if (!whole.Converged || whole.Coefficients[0].MayBeInfinite || whole.Coefficients[0].Estimate is null)
            return pieces.Coefficients[0].Estimate is null == whole.Coefficients[0].Estimate is null;
        // Martingale residuals of a subject's pieces add up to the subject's residual.
        var m = CoxResiduals.Martingale(whole);
        var mp = CoxResiduals.Martingale(pieces);
        var summed = new double[time.Length];
        for (int i = 0; i < mp.Count; i++) summed[split.SourceRow[i]] += mp[i];
        return Close(whole.LogLikelihood, pieces.LogLikelihood, 1e-9)
            && Close(whole.LogLikelihoodNull, pieces.LogLikelihoodNull, 1e-9)
            && Close(whole.Coefficients[0].Estimate, pieces.Coefficients[0].Estimate, 1e-6)
            && Close(whole.Coefficients[0].StdErr, pieces.Coefficients[0].StdErr, 1e-6)
            && Close(whole.Concordance, pieces.Concordance, 1e-12)
            && summed.Zip(m).All(p => Math.Abs(p.First - p.Second) <= 1e-7);
    }

    [Property(MaxTest = 60)]
    public bool Weighted_martingale_residuals_sum_to_zero(NonEmptyArray<int> raw, bool efron, bool delayed)
    {
        var values = raw.Get;
        if (values.Length < 4) return true;
        var (time, status, z, w, strata) = Draw(values);
        var entry = delayed ? time.Select((t, i) => i % 3 == 0 ? t / 2 : 0).ToArray() : null;
        var data = SurvivalData.Create(time, status, entry: entry, weight: w, strata: strata);
        var fit = CoxRegression.Fit(data, new CovariateMatrix(time.Length).AddNumeric("z", z), new CoxOptions { Ties = efron ? CoxTies.Efron : CoxTies.Breslow });
        var m = CoxResiduals.Martingale(fit);
        double sum = 0, scale = 0;
        for (int i = 0; i < m.Count; i++) { sum += w[i] * m[i]; scale += w[i]; }
        return Math.Abs(sum) <= 1e-9 * scale;
    }

    [Property(MaxTest = 40)]
    public bool Score_residuals_sum_to_the_score_at_the_estimate_and_schoenfeld_residuals_too(NonEmptyArray<int> raw, bool efron)
    {
        var values = raw.Get;
        if (values.Length < 4) return true;
        var (time, status, z, w, _) = Draw(values);
        var fit = CoxRegression.Fit(SurvivalData.Create(time, status, weight: w), new CovariateMatrix(time.Length).AddNumeric("z", z),
            new CoxOptions { Ties = efron ? CoxTies.Efron : CoxTies.Breslow, Robust = false });
        if (fit.Coefficients[0].Estimate is null || !fit.Converged || fit.Coefficients[0].MayBeInfinite) return true;
        // At β̂ the score is zero: Σ wᵢ Lᵢ = 0 and Σ over events of w · Schoenfeld = 0 (up to the convergence tolerance).
        var score = CoxResiduals.Score(fit);
        double total = 0;
        for (int i = 0; i < score.Count; i++) total += w[i] * score[i, 0];
        double se = fit.Coefficients[0].StdErr!.Value;
        return Math.Abs(total) * se * se <= 1e-4 * Math.Max(se, 1e-3);
    }
}

/// <summary>Seeded Monte Carlo: with one row per cluster and a correct model, the robust variance estimates the same
/// thing as the model-based one (Lin &amp; Wei 1989), so their averages over many trials agree.</summary>
public class CoxRobustVarianceMonteCarlo
{
    [Fact]
    public void Robust_and_model_based_variances_agree_in_expectation_when_the_model_is_right()
    {
        var rng = new Random(20261202);
        const int trials = 200, n = 150;
        double beta = 0.7, sumModel = 0, sumRobust = 0, sumSquares = 0, sumEstimates = 0;
        for (int t = 0; t < trials; t++)
        {
            var z = new double[n];
            var time = new double[n];
            var status = new bool[n];
            for (int i = 0; i < n; i++)
            {
                z[i] = rng.NextDouble() < 0.5 ? 0 : 1;
                double survival = -Math.Log(1 - rng.NextDouble()) / Math.Exp(beta * z[i]);
                double censor = -Math.Log(1 - rng.NextDouble()) / 0.3;
                time[i] = Math.Min(survival, censor);
                status[i] = survival <= censor;
            }
            var fit = CoxRegression.Fit(SurvivalData.Create(time, status), new CovariateMatrix(n).AddNumeric("z", z), new CoxOptions { Robust = true });
            var c = fit.Coefficients[0];
            sumModel += c.StdErr!.Value * c.StdErr.Value;
            sumRobust += c.RobustStdErr!.Value * c.RobustStdErr.Value;
            sumEstimates += c.Estimate!.Value;
            sumSquares += c.Estimate.Value * c.Estimate.Value;
        }
        double model = sumModel / trials, robust = sumRobust / trials;
        double empirical = sumSquares / trials - Math.Pow(sumEstimates / trials, 2);
        // Both estimate Var β̂: their means agree to a few percent, and both are near the empirical variance of β̂
        // over the trials (whose own sampling error at 200 trials is about 10%).
        Assert.InRange(robust / model, 0.95, 1.05);
        Assert.InRange(model / empirical, 0.75, 1.33);
    }
}
