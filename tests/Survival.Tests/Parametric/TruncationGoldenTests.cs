using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>Delayed entry in the parametric fits against independent maximum-likelihood fits written in R
/// (Golden/R/truncation.R; survreg has no delayed entry and flexsurv is not in Debian).</summary>
public class TruncationGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("truncation");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_an_independent_maximum_likelihood_fit_in_R(string name)
    {
        var c = Golden.Load("truncation", name);
        var (data, covariates, x) = Golden.ParametricInput(c);
        var family = c.GetProperty("family").GetString() switch
        {
            "weibull" => ParametricFamily.Weibull,
            "lognormal" => ParametricFamily.LogNormal,
            "loglogistic" => ParametricFamily.LogLogistic,
            "gompertz" => ParametricFamily.Gompertz,
            var other => throw new InvalidOperationException(other),
        };
        var fit = ParametricModels.Fit(data, family, x);
        Assert.True(fit.Converged, name);
        var theta = Golden.Numbers(c.GetProperty("theta"));
        double r = c.GetProperty("logLik").GetDouble();
        Assert.True(fit.LogLikelihood >= r - 1e-9, $"{name}: library {fit.LogLikelihood}, R {r}");
        Golden.Close(r, fit.LogLikelihood, 1e-8, name + " loglik");
        // The parameters on the scale the fits work on: AFT (β…, log σ); Gompertz (shape, log rate, β…).
        var estimates = family == ParametricFamily.Gompertz
            ? fit.Parameters.Select((p, j) => j == 1 ? Math.Log(p.Estimate) : p.Estimate).ToArray()
            : fit.Parameters.Select(p => p.Estimate).ToArray();
        for (int j = 0; j < theta.Length; j++) Golden.Close(theta[j], estimates[j], 1e-5, $"{name} θ[{j}]");
    }
}
