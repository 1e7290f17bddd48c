using System.Text.Json;
using Survival.Parametric;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The exponential model against R (Golden/R/parametric.R: survreg, qchisq, poisson.test).</summary>
public class ExponentialGoldenTests
{
    [Theory]
    [InlineData("aml")]
    [InlineData("lung_sex_90")]
    [InlineData("veteran_trt")]
    public void Matches_R(string name)
    {
        var c = Golden.Load("parametric", "exponential").GetProperty("cases").GetProperty(name);
        var input = c.GetProperty("input");
        var data = SurvivalData.Create(Golden.Numbers(input.GetProperty("time")),
            Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(), group: Golden.Strings(input.GetProperty("group")));
        double level = c.GetProperty("level").GetDouble();
        Compare(c.GetProperty("overall"), ExponentialModel.Fit(data, new ParametricOptions { ConfidenceLevel = level }), name + " overall");
        var groups = ExponentialModel.FitByGroup(data, new ParametricOptions { ConfidenceLevel = level });
        var expected = c.GetProperty("groups").EnumerateArray().ToArray();
        for (int g = 0; g < groups.Count; g++) Compare(expected[g], groups[g], $"{name} group {g}");
        var ratio = ExponentialModel.RateRatio(groups[0], groups[1]);
        var rr = c.GetProperty("rateRatio");
        Golden.Close(rr.GetProperty("estimate").GetDouble(), ratio.Estimate, 1e-9, name + " ratio");
        Golden.Close(rr.GetProperty("lower").GetDouble(), ratio.Lower, 1e-8, name + " ratio lower");
        Golden.Close(rr.GetProperty("upper").GetDouble(), ratio.Upper, 1e-8, name + " ratio upper");
    }

    private static void Compare(JsonElement e, ExponentialFit fit, string what)
    {
        Golden.Close(e.GetProperty("events").GetDouble(), fit.Events, 1e-12, what + " events");
        Golden.Close(e.GetProperty("exposure").GetDouble(), fit.Exposure, 1e-12, what + " exposure");
        Golden.Close(e.GetProperty("rate").GetDouble(), fit.Rate.Estimate, 1e-6, what + " rate (survreg, iterative)");
        Golden.Close(e.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-6, what + " loglik");
        Golden.Close(e.GetProperty("lower").GetDouble(), fit.Rate.Lower, 1e-9, what + " lower");
        Golden.Close(e.GetProperty("upper").GetDouble(), fit.Rate.Upper, 1e-9, what + " upper");
    }

    [Fact]
    public void Delayed_entry_counts_time_from_entry_and_median_inverts_the_rate()
    {
        // Exposure (2−0) + (5−1) + (4−3) = 7, 2 events: rate 2/7, median 7 ln 2 / 2.
        var data = SurvivalData.Create([2.0, 5, 4], [true, false, true], entry: [0.0, 1, 3]);
        var fit = ExponentialModel.Fit(data);
        Assert.Equal(7, fit.Exposure, 12);
        Assert.Equal(2.0 / 7, fit.Rate.Estimate!.Value, 12);
        Assert.Equal(7 * Math.Log(2) / 2, fit.Median.Estimate!.Value, 12);
        Assert.Equal(Math.Log(2) / fit.Rate.Upper!.Value, fit.Median.Lower!.Value, 12);
        Assert.Equal(Math.Exp(-2.0 / 7 * 3), fit.Survival(3), 12);
    }
}
