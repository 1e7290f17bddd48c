using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The Gompertz fit against an independent maximum-likelihood fit written in R (Golden/R/gompertz.R: the
/// log-likelihood in flexsurv's parametrisation maximised by optim from several starts; flexsurv is not in Debian).</summary>
public class GompertzGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("gompertz");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_an_independent_maximum_likelihood_fit_in_R(string name)
    {
        var c = Golden.Load("gompertz", name);
        var (data, covariates, x) = Golden.ParametricInput(c);
        var fit = GompertzModel.Fit(data, x);
        Assert.True(fit.Converged);
        // optim's optimum is accurate to its tolerance: 1e-5 on the parameters, 1e-8 on the log-likelihood (the library's
        // log-likelihood must be at least as high: it is the maximum).
        Golden.Close(c.GetProperty("shape").GetDouble(), fit.Parameters[0].Estimate, 1e-5, name + " shape");
        Golden.Close(Math.Exp(c.GetProperty("logRate").GetDouble()), fit.Parameters[1].Estimate, 1e-5, name + " rate");
        var beta = Golden.Numbers(c.GetProperty("beta"));
        for (int j = 0; j < beta.Length; j++) Golden.Close(beta[j], fit.Parameters[j + 2].Estimate, 1e-5, $"{name} {covariates[j]}");
        double r = c.GetProperty("logLik").GetDouble();
        Assert.True(fit.LogLikelihood >= r - 1e-9, $"{name}: library {fit.LogLikelihood}, R {r}");
        Golden.Close(r, fit.LogLikelihood, 1e-8, name + " loglik");
        var v2 = c.GetProperty("vcov").EnumerateArray().Select(Golden.Numbers).ToArray();
        for (int i = 0; i < v2.Length; i++)
            for (int j = 0; j < v2.Length; j++) Golden.Close(v2[i][j], fit.Covariance(i, j), 1e-3, $"{name} vcov[{i},{j}]");
    }

    [Fact]
    public void Shape_zero_is_the_exponential_and_survival_has_limits_around_it()
    {
        // Constant hazard data: the fitted shape is near 0 and the rate near the exponential's d/T.
        var rng = new Random(5);
        var time = Enumerable.Range(0, 400).Select(_ => -Math.Log(1 - rng.NextDouble()) / 0.2).ToArray();
        var data = SurvivalData.Create(time, time.Select(_ => true).ToArray());
        var fit = GompertzModel.Fit(data);
        Assert.InRange(fit.Parameters[0].Estimate, -0.05, 0.05);
        Assert.InRange(fit.Parameters[1].Estimate, 0.15, 0.25);
        var s = fit.SurvivalAt(3);
        Assert.InRange(s.Estimate!.Value, s.Lower!.Value, s.Upper!.Value);
        var (g, _, _) = GompertzModel.G(0, 2.5);
        Assert.Equal(2.5, g, 12);
    }

    [Theory]
    // Every event at one time after every censoring: the likelihood increases without bound as the shape grows.
    [InlineData(new[] { 5.0, 5, 5, 5, 1 }, new[] { true, true, true, true, false })]
    // Events within 0.02 of each other: an optimum in R's optim near shape 140, rate e^−680, at the edge of doubles.
    [InlineData(new[] { 5.0, 5.01, 4.99, 5, 1, 2 }, new[] { true, true, true, true, false, false })]
    public void A_maximum_beyond_double_precision_is_an_error_that_says_so(double[] time, bool[] died)
    {
        // Before: the first case reported shape 141.6 with a standard error of 0, the second NaN for everything.
        var error = Assert.Throws<SurvivalInputException>(() => GompertzModel.Fit(SurvivalData.Create(time, died)));
        Assert.Contains("no maximum within double precision", error.Message);
        Assert.Contains("+∞", error.Message);
        Assert.Throws<SurvivalInputException>(() => ParametricModels.Compare(SurvivalData.Create(time, died),
            [ParametricFamily.Weibull, ParametricFamily.Gompertz]));
    }

    [Fact]
    public void A_falling_hazard_with_a_cured_fraction_has_an_interior_maximum()
    {
        // Early events, the rest censored late: shape < 0 and S(∞) = exp(rate/shape) > 0, a finite fit (no boundary).
        var rng = new Random(1);
        var time = Enumerable.Range(0, 30).Select(_ => 0.1 + 1.9 * rng.NextDouble())
            .Concat(Enumerable.Range(0, 70).Select(_ => 10 + 10 * rng.NextDouble())).ToArray();
        var fit = GompertzModel.Fit(SurvivalData.Create(time, time.Select(t => t < 5).ToArray()));
        Assert.True(fit.Converged);
        Assert.True(fit.Parameters[0].Estimate < 0);
        Assert.True(fit.Parameters[0].StdErr > 0);
    }
}
