using Survival.Comparison;
using Xunit;

namespace Survival.Tests.Comparison;

public class LogRankHandWorkedTests
{
    [Fact]
    public void Two_groups_by_hand()
    {
        // a: 1, 3+ ; b: 2, 4. Event times 1 (n = 4: a 2, b 2; d = 1 in a), 2 (n = 3: a 1, b 2; d = 1 in b),
        // 4 (n = 1: b; d = 1 in b).
        // E_a = 1·2/4 + 1·1/3 + 0 = 5/6; O_a = 1.
        // V_aa = [1·3/3 · (2/4)(2/4)] + [1·2/2 · (1/3)(2/3)] + 0 (n − 1 = 0) = 1/4 + 2/9 = 17/36.
        // χ² = (1 − 5/6)² / (17/36) = (1/36)/(17/36) = 1/17.
        var data = SurvivalData.Create([1.0, 3, 2, 4], [true, false, true, true], group: ["a", "a", "b", "b"]);
        var r = LogRankTest.Compute(data);
        Assert.Equal(1.0, r.Groups[0].Observed, 14);
        Assert.Equal(5.0 / 6, r.Groups[0].Expected, 14);
        Assert.Equal(17.0 / 36, r.Variance(0, 0), 14);
        Assert.Equal(1.0 / 17, r.ChiSquare, 14);
        Assert.Equal(1, r.DegreesOfFreedom);
    }

    [Fact]
    public void All_censored_gives_a_defined_answer_and_bad_groupings_are_errors()
    {
        var censored = SurvivalData.Create([1.0, 2, 3, 4], [false, false, false, false], group: ["a", "a", "b", "b"]);
        var r = LogRankTest.Compute(censored);
        Assert.Equal(0, r.ChiSquare);
        Assert.Equal(0, r.DegreesOfFreedom);
        Assert.Equal(1, r.PValue);
        Assert.Throws<SurvivalInputException>(() => LogRankTest.Compute(SurvivalData.Create([1.0, 2], [true, true], group: ["a", "a"])));
        Assert.Throws<SurvivalInputException>(() => LogRankTest.Compute(SurvivalData.Create([1.0, 2], [true, true])));
        var noComparableStratum = SurvivalData.Create([1.0, 2, 3, 4], [true, true, true, true], group: ["a", "a", "b", "b"], strata: ["s", "s", "t", "t"]);
        Assert.Contains("no stratum holds two groups", Assert.Throws<SurvivalInputException>(() => LogRankTest.Compute(noComparableStratum)).Message);
        var emptyLevel = SurvivalData.FromFactors([1.0, 2], [true, true], Factor.FromCodes([0, 1], ["a", "b", "c"]));
        Assert.Contains("no rows", Assert.Throws<SurvivalInputException>(() => LogRankTest.Compute(emptyLevel)).Message);
    }

    [Fact]
    public void A_stratum_with_one_group_adds_its_events_to_O_and_E_alike_and_nothing_to_V()
    {
        // Stratum s compares a and b; stratum t holds only a: R's survdiff adds t's 2 events to a's O and E alike.
        var with = LogRankTest.Compute(SurvivalData.Create([1.0, 2, 3, 4, 5], [true, true, true, true, false], group: ["a", "b", "a", "a", "b"],
            strata: ["s", "s", "t", "t", "s"]));
        var without = LogRankTest.Compute(SurvivalData.Create([1.0, 2, 5], [true, true, false], group: ["a", "b", "b"], strata: ["s", "s", "s"]));
        Assert.Equal(without.ChiSquare, with.ChiSquare, 12);
        Assert.Equal(without.Groups[0].Observed + 2, with.Groups[0].Observed);
        Assert.Equal(without.Groups[0].Expected + 2, with.Groups[0].Expected, 12);
        Assert.Equal(without.Variance(0, 0), with.Variance(0, 0), 12);
    }

    [Fact]
    public void Rho_alone_means_Fleming_Harrington_and_rho_with_another_weighting_is_an_error()
    {
        var data = SurvivalData.Create([1.0, 2, 3, 4, 5, 6], [true, true, false, true, true, true], group: ["a", "b", "a", "b", "a", "b"]);
        var rhoAlone = LogRankTest.Compute(data, new LogRankOptions { Rho = 1 });
        var explicitFh = LogRankTest.Compute(data, new LogRankOptions { Weighting = LogRankWeighting.FlemingHarrington, Rho = 1 });
        var plain = LogRankTest.Compute(data);
        Assert.Equal(explicitFh.ChiSquare, rhoAlone.ChiSquare);
        Assert.NotEqual(plain.ChiSquare, rhoAlone.ChiSquare);
        Assert.Equal(LogRankWeighting.FlemingHarrington, new LogRankOptions { Gamma = 1 }.EffectiveWeighting);
        var ex = Assert.Throws<SurvivalInputException>(() => LogRankTest.Compute(data, new LogRankOptions { Weighting = LogRankWeighting.PetoPeto, Rho = 1 }));
        Assert.Contains("Fleming–Harrington", ex.Message);
    }

    [Fact]
    public void No_information_is_chi_square_zero_on_zero_df_where_R_stops()
    {
        // Both subjects fail at t = 2: n = 2, d = 2, so d(n − d)/(n − 1) = 0. R's survdiff stops ("system is exactly
        // singular"); here the generalised inverse gives χ² = 0 on 0 df.
        var r = LogRankTest.Compute(SurvivalData.Create([2.0, 2], [true, true], group: ["a", "b"]));
        Assert.Equal(0, r.ChiSquare);
        Assert.Equal(0, r.DegreesOfFreedom);
        Assert.Equal(1, r.PValue);
    }

    [Fact]
    public void Huge_and_zero_times_work()
    {
        var data = SurvivalData.Create([0.0, 1e300, 5e299, 0], [true, true, false, true], group: ["a", "b", "a", "b"]);
        var r = LogRankTest.Compute(data);
        Assert.True(double.IsFinite(r.ChiSquare));
        var km = Survival.Estimation.KaplanMeier.Fit(data).Curves;
        Assert.Equal(0.0, km[0].Steps[0].Time);
    }
}
