using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The AFT families against R's survreg (fixtures from Golden/R/aft.R): coefficients, Log(scale), vcov,
/// log-likelihood, AIC and BIC, with and without covariates.</summary>
public class AftGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("aft");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_survreg(string name)
    {
        var c = Golden.Load("aft", name);
        var (data, covariates, x) = Golden.ParametricInput(c);
        var input = c.GetProperty("input");
        var dist = c.GetProperty("dist").GetString() switch
        {
            "weibull" => AftDistribution.Weibull,
            "exponential" => AftDistribution.Exponential,
            "lognormal" => AftDistribution.LogNormal,
            "loglogistic" => AftDistribution.LogLogistic,
            "gaussian" => AftDistribution.Gaussian,
            "logistic" => AftDistribution.Logistic,
            var other => throw new InvalidOperationException(other),
        };
        var fit = AftModel.Fit(data, dist, x);
        Assert.True(fit.Converged, name);
        var coef = Golden.Numbers(c.GetProperty("coef"));
        var coefNames = Golden.Strings(c.GetProperty("coefNames"));
        for (int j = 0; j < coef.Length; j++)
        {
            Assert.Equal(coefNames[j], fit.Parameters[j].Name);
            Golden.Close(coef[j], fit.Parameters[j].Estimate, 1e-6, $"{name} {coefNames[j]}");
        }
        if (c.TryGetProperty("logScale", out var ls) && ls.ValueKind == System.Text.Json.JsonValueKind.Number)
            Golden.Close(ls.GetDouble(), fit["Log(scale)"].Estimate, 1e-6, name + " Log(scale)");
        else
            Assert.Equal(coef.Length, fit.Parameters.Count);
        Golden.Close(c.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, name + " loglik");
        Golden.Close(c.GetProperty("aic").GetDouble(), fit.Aic, 1e-8, name + " AIC");
        Golden.Close(c.GetProperty("bic").GetDouble(), fit.Bic, 1e-8, name + " BIC");
        // The median at the covariates' means against R's predict(type = "uquantile", se.fit = TRUE): exp of it on the
        // log scale, with limits exp(u ± z·se) (the library's delta method works on log t, by central differences).
        var means = covariates.Select(v => Golden.Numbers(input.GetProperty(v)).Average()).ToArray();
        var median = fit.Quantile(0.5, means);
        double u = c.GetProperty("medianU").GetDouble(), se = c.GetProperty("medianUSe").GetDouble();
        bool logScale = dist is not (AftDistribution.Gaussian or AftDistribution.Logistic);
        Golden.Close(logScale ? Math.Exp(u) : u, median.Estimate, 1e-7, name + " median");
        if (logScale)
        {
            Golden.Close(Math.Exp(u - 1.959963984540054 * se), median.Lower, 1e-5, name + " median lower");
            Golden.Close(Math.Exp(u + 1.959963984540054 * se), median.Upper, 1e-5, name + " median upper");
        }
        var v2 = c.GetProperty("vcov").EnumerateArray().Select(Golden.Numbers).ToArray();
        for (int i = 0; i < v2.Length; i++)
            for (int j = 0; j < v2.Length; j++) Golden.Close(v2[i][j], fit.Covariance(i, j), 1e-5, $"{name} vcov[{i},{j}]");
    }

    [Fact]
    public void Exponential_equals_the_Weibull_with_scale_fixed_and_the_closed_form_rate()
    {
        var data = SurvivalData.Create([2.0, 3, 5, 7, 11, 13], [true, false, true, true, false, true]);
        var fit = AftModel.Fit(data, AftDistribution.Exponential);
        var closed = ExponentialModel.Fit(data);
        Assert.Equal(Math.Log(closed.Exposure / closed.Events), fit.Parameters[0].Estimate, 10);
        Assert.Equal(closed.LogLikelihood, fit.LogLikelihood, 9);
        Assert.Equal(Math.Exp(-Math.Exp((Math.Log(4) - fit.Parameters[0].Estimate))), fit.SurvivalAt(4).Estimate!.Value, 12);
        var weibull = AftModel.Fit(data);
        Assert.Equal(WeibullModel.Fit(data).Intercept, weibull.Parameters[0].Estimate, 6);
        var at = weibull.SurvivalAt(5);
        Assert.InRange(at.Estimate!.Value, at.Lower!.Value, at.Upper!.Value);
    }

    [Fact]
    public void Hazard_quantile_and_restricted_mean_agree_with_the_closed_forms()
    {
        var data = SurvivalData.Create([2.0, 3, 5, 7, 11, 13, 4, 9], [true, false, true, true, false, true, true, true]);
        var weibull = (IParametricFit)AftModel.Fit(data);
        var w = (AftFit)weibull;
        double eta = w.Parameters[0].Estimate, sigma = w.Scale;
        // h(t) = t^{1/σ − 1} e^{−η/σ} / σ for the Weibull.
        Assert.Equal(Math.Pow(6, 1 / sigma - 1) * Math.Exp(-eta / sigma) / sigma, weibull.HazardAt(6).Estimate!.Value, 6);
        Assert.Equal(Math.Exp(eta + sigma * Math.Log(Math.Log(2))), weibull.Quantile(0.5).Estimate!.Value, 8);
        var exponential = AftModel.Fit(data, AftDistribution.Exponential);
        double rate = Math.Exp(-exponential.Parameters[0].Estimate);
        var rmst = exponential.RestrictedMean(10);
        Assert.Equal((1 - Math.Exp(-rate * 10)) / rate, rmst.Estimate!.Value, 8);
        Assert.InRange(rmst.Estimate.Value, rmst.Lower!.Value, rmst.Upper!.Value);
        Assert.True(weibull.IsExtrapolation(20));
        Assert.False(weibull.IsExtrapolation(13));
        // Means: the exponential's 1/λ; the Weibull's e^η Γ(1 + σ) equals its integrated survival.
        Assert.Equal(1 / rate, exponential.Mean().Estimate!.Value, 8);
        Assert.Equal(weibull.RestrictedMean(1e4).Estimate!.Value, weibull.Mean().Estimate!.Value, 4);
        var gompertz = GompertzModel.Fit(data);
        if (gompertz.Parameters[0].Estimate > 0)
            Assert.Equal(gompertz.RestrictedMean(1e4).Estimate!.Value, gompertz.Mean().Estimate!.Value, 4);
        Assert.Equal(gompertz.Parameters[1].Estimate * Math.Exp(gompertz.Parameters[0].Estimate * 4), gompertz.HazardAt(4).Estimate!.Value, 8);
        var median = gompertz.Quantile(0.5);
        Assert.Equal(0.5, gompertz.SurvivalAt(median.Estimate!.Value).Estimate!.Value, 8);
    }

    [Fact]
    public void Times_not_positive_and_no_events_are_clear_errors()
    {
        Assert.Throws<SurvivalInputException>(() => AftModel.Fit(SurvivalData.Create([0.0, 3], [true, true])));
        Assert.Throws<SurvivalInputException>(() => AftModel.Fit(SurvivalData.Create([1.0, 3], [false, false])));
    }

    [Theory]
    [InlineData(AftDistribution.Weibull)]
    [InlineData(AftDistribution.LogNormal)]
    [InlineData(AftDistribution.LogLogistic)]
    public void Events_at_one_time_have_no_interior_maximum_and_say_so(AftDistribution distribution)
    {
        // Four events at t = 5, one censoring at 1: the likelihood grows without bound as the scale goes to 0. R's
        // survreg stops at its iteration limit (Weibull: scale 0.818, std. error 0 for Log(scale)); this used to print NaN.
        var error = Assert.Throws<SurvivalInputException>(() =>
            AftModel.Fit(SurvivalData.Create([5.0, 5, 5, 5, 1], [true, true, true, true, false]), distribution));
        Assert.Contains("no interior maximum", error.Message);
        // The exponential (fixed scale) has one, the rate d/T.
        var exponential = AftModel.Fit(SurvivalData.Create([5.0, 5, 5, 5, 1], [true, true, true, true, false]), AftDistribution.Exponential);
        Assert.Equal(Math.Log(21.0 / 4), exponential.Parameters[0].Estimate, 9);
    }
}
