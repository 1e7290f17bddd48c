using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.IntervalCensoring;

/// <summary>Interval-censored AFT fits against R's survreg on Surv(left, right, type = "interval2") (fixtures from
/// Golden/R/interval-censoring.R): every family, with and without covariates, with weights: coefficients, Log(scale),
/// vcov, log-likelihood, iterations, and quantiles at the covariates' means with their standard errors.</summary>
public class SurvregIntervalGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Cases("interval")) if (name.StartsWith("survreg_", StringComparison.Ordinal)) data.Add(name);
        return data;
    }

    internal static AftDistribution Distribution(string name) => name switch
    {
        "weibull" => AftDistribution.Weibull,
        "exponential" => AftDistribution.Exponential,
        "lognormal" => AftDistribution.LogNormal,
        "loglogistic" => AftDistribution.LogLogistic,
        "gaussian" => AftDistribution.Gaussian,
        "logistic" => AftDistribution.Logistic,
        _ => throw new InvalidOperationException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_survreg(string name)
    {
        var c = Golden.Load("interval", name);
        var input = c.GetProperty("input");
        var covariates = Golden.Strings(c.GetProperty("covariates")).Where(s => s.Length > 0).ToArray();
        double[]? w = input.TryGetProperty("w", out var wv) ? Values(wv) : null;
        var data = SurvivalData.FromIntervals(Values(input.GetProperty("left")), Values(input.GetProperty("right")), w);
        CovariateMatrix? x = null;
        if (covariates.Length > 0)
        {
            x = new CovariateMatrix(data.Count);
            foreach (var cv in covariates) x.AddNumeric(cv, Values(input.GetProperty(cv)));
        }
        var dist = Distribution(c.GetProperty("dist").GetString()!);
        var fit = AftModel.Fit(data, dist, x);
        Assert.True(fit.Converged, name);
        // survreg's own start (moment start on the midpoints, the glim step at them), so R's iteration count.
        Assert.Equal(c.GetProperty("iterations").GetInt32(), fit.Iterations);
        var coef = Golden.Numbers(c.GetProperty("coef"));
        for (int j = 0; j < coef.Length; j++) Golden.Close(coef[j], fit.Parameters[j].Estimate, 1e-6, $"{name} coef {j}");
        if (c.TryGetProperty("logScale", out var ls) && ls.ValueKind == System.Text.Json.JsonValueKind.Number)
            Golden.Close(ls.GetDouble(), fit["Log(scale)"].Estimate, 1e-6, name + " Log(scale)");
        Golden.Close(c.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, name + " loglik");
        var v = c.GetProperty("vcov").EnumerateArray().Select(Golden.Numbers).ToArray();
        for (int i = 0; i < v.Length; i++)
            for (int j = 0; j < v.Length; j++) Golden.Close(v[i][j], fit.Covariance(i, j), 1e-5, $"{name} vcov[{i},{j}]");
        var means = covariates.Select(cv => Values(input.GetProperty(cv)).Average()).ToArray();
        var u = Golden.Numbers(c.GetProperty("quantileU"));
        var se = Golden.Numbers(c.GetProperty("quantileUSe"));
        bool logScale = dist is not (AftDistribution.Gaussian or AftDistribution.Logistic);
        double[] probs = [0.25, 0.5, 0.75];
        for (int k = 0; k < probs.Length; k++)
        {
            var q = fit.Quantile(probs[k], means);
            Golden.Close(logScale ? Math.Exp(u[k]) : u[k], q.Estimate, 1e-6, $"{name} q{probs[k]}");
            if (logScale)
            {
                Golden.Close(Math.Exp(u[k] - 1.959963984540054 * se[k]), q.Lower, 1e-5, $"{name} q{probs[k]} lower");
                Golden.Close(Math.Exp(u[k] + 1.959963984540054 * se[k]), q.Upper, 1e-5, $"{name} q{probs[k]} upper");
            }
        }
    }
}
