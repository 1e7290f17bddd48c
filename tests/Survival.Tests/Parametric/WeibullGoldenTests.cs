using Survival.Parametric;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The Weibull model against R's survreg(dist = "weibull") (Golden/R/parametric.R).</summary>
public class WeibullGoldenTests
{
    [Theory]
    [InlineData("aml")]
    [InlineData("lung")]
    [InlineData("veteran")]
    [InlineData("ovarian")]
    public void Matches_R_survreg(string name)
    {
        var c = Golden.Load("parametric", "weibull").GetProperty("cases").GetProperty(name);
        var input = c.GetProperty("input");
        var fit = WeibullModel.Fit(SurvivalData.Create(Golden.Numbers(input.GetProperty("time")),
            Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray()));
        Golden.Close(c.GetProperty("intercept").GetDouble(), fit.Intercept, 1e-6, name + " intercept");
        Golden.Close(c.GetProperty("logScale").GetDouble(), fit.LogScale, 1e-6, name + " log(scale)");
        Golden.Close(c.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, name + " loglik");
        var v = c.GetProperty("vcov").EnumerateArray().Select(Golden.Numbers).ToArray();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) Golden.Close(v[i][j], fit.Covariance(i, j), 1e-5, $"{name} vcov[{i},{j}]");
        Golden.Close(c.GetProperty("lr").GetDouble(), fit.ExponentialTest.ChiSquare, 1e-6, name + " LR");
        Assert.Equal(Math.Exp(-fit.LogScale), fit.Shape.Estimate!.Value, 12);
    }
}
