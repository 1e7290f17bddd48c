using Survival.Estimation;
using Xunit;

namespace Survival.Tests.Estimation;

/// <summary>Tiny, unsorted, messy data worked by hand (in the spirit of R survival's tests/book1.R).</summary>
public class KaplanMeierHandWorkedTests
{
    // Times 6+, 3, 9, 3, 1, 3+ (+ = censored), given out of order.
    // Distinct times: 1 (n=6, d=1), 3 (n=5, d=2, c=1), 6 (n=2, c=1), 9 (n=1, d=1).
    // S(1) = 5/6; S(3) = 5/6 · 3/5 = 1/2; S(6) = 1/2; S(9) = 0.
    // Greenwood Σ d/(n(n−d)): at 1: 1/30; at 3: + 2/15 = 1/6; se(S(3)) = 1/2 · √(1/6).
    // Median: 1 − S reaches 0.5 exactly at 3 and stays flat until 9, so R's rule gives (3 + 9)/2 = 6.
    private static readonly SurvivalData Data = SurvivalData.Create([6.0, 3, 9, 3, 1, 3], [false, true, true, true, true, false]);

    [Fact]
    public void Steps_match_the_hand_computation()
    {
        var c = KaplanMeier.Fit(Data).Curves[0];
        Assert.Equal([1.0, 3, 6, 9], c.Steps.Select(s => s.Time));
        Assert.Equal([6.0, 5, 2, 1], c.Steps.Select(s => s.AtRisk));
        Assert.Equal([1.0, 2, 0, 1], c.Steps.Select(s => s.Events));
        Assert.Equal([0.0, 1, 1, 0], c.Steps.Select(s => s.Censored));
        Assert.Equal(5.0 / 6, c.Steps[0].Survival, 15);
        Assert.Equal(0.5, c.Steps[1].Survival, 15);
        Assert.Equal(0.5 * Math.Sqrt(1.0 / 6), c.Steps[1].StdErr!.Value, 15);
        Assert.Equal(0.0, c.Steps[3].Survival);
        Assert.Null(c.Steps[3].StdErr);
        Assert.Null(c.Steps[3].Lower);
    }

    [Fact]
    public void Median_is_the_midpoint_of_a_flat_at_one_half()
    {
        var c = KaplanMeier.Fit(Data).Curves[0];
        Assert.Equal(6.0, c.Median.Estimate);
    }

    [Fact]
    public void Log_limits_are_symmetric_on_the_log_scale()
    {
        // log S(3) ± 1.959964 · √(1/6)
        var c = KaplanMeier.Fit(Data).Curves[0];
        double z = 1.959963984540054, se = Math.Sqrt(1.0 / 6);
        Assert.Equal(0.5 * Math.Exp(-z * se), c.Steps[1].Lower!.Value, 12);
        Assert.Equal(Math.Min(1, 0.5 * Math.Exp(z * se)), c.Steps[1].Upper!.Value, 12);
    }

    [Fact]
    public void Restricted_mean_is_the_area_under_the_steps()
    {
        // ∫₀⁸ S = 1·1 + (3−1)·5/6 + (8−3)·1/2 = 1 + 5/3 + 5/2.
        var rm = KaplanMeier.Fit(Data).Curves[0].RestrictedMean(8);
        Assert.Equal(1 + 5.0 / 3 + 2.5, rm.Estimate, 12);
    }

    [Fact]
    public void Reverse_km_median_follow_up()
    {
        // Reverse KM: censorings (3+, 6+) become the events; the median is that of the flipped data.
        var f = FollowUp.Compute(Data);
        var flipped = SurvivalData.Create([6.0, 3, 9, 3, 1, 3], [true, false, false, false, false, true]);
        Assert.Equal(KaplanMeier.Fit(flipped).Curves[0].Median, f.Median);
        Assert.Equal(3.0, f.Minimum);
        Assert.Equal(6.0, f.Maximum);
        Assert.Equal(2, f.CensoredCount);
    }

    [Fact]
    public void Invalid_options_are_clear_errors()
    {
        var ex = Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(Data, new KaplanMeierOptions { ConfidenceLevel = 1.5 }));
        Assert.Equal("ConfidenceLevel", ex.Column);
        Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(Data).Curves[0].Quantile(1.2));
        Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(Data).Curves[0].SurvivalAt([5.0, 2.0]));
    }

    [Fact]
    public void Delayed_entry_interval_collapsing_under_timefix_is_an_error()
    {
        var d = SurvivalData.Create([1.0 + 1e-12, 2.0], [true, true], entry: [1.0, 0.0]);
        Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(d));
        Assert.Equal(2, KaplanMeier.Fit(d, new KaplanMeierOptions { TimeFix = false }).Curves[0].Steps.Count);
    }
}

public class RestrictedMeanDifferenceTests
{
    [Fact]
    public void Difference_of_independent_curves_adds_variances()
    {
        // Each restricted mean (and its se) is checked against R's print(fit, rmean=) by the golden fixtures;
        // here the difference is formed from them by the documented formula.
        var data = SurvivalData.Create([6.0, 3, 9, 3, 1, 3, 2, 8, 4, 10], [false, true, true, true, true, false, true, true, false, true],
            group: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b"]);
        var fit = KaplanMeier.Fit(data);
        var d = RestrictedMeanDifference.Compute(fit.Curves[0], fit.Curves[1], 8);
        var a = fit.Curves[0].RestrictedMean(8);
        var b = fit.Curves[1].RestrictedMean(8);
        Assert.Equal(a.Estimate - b.Estimate, d.Estimate, 14);
        Assert.Equal(Math.Sqrt(a.StdErr * a.StdErr + b.StdErr * b.StdErr), d.StdErr, 14);
        Assert.Equal(d.Estimate - 1.959963984540054 * d.StdErr, d.Lower, 12);
        Assert.InRange(d.PValue, 0, 1);
    }
}
