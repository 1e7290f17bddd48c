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
}
