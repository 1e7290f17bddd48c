using Survival.Design;
using Xunit;

namespace Survival.Tests.Design;

/// <summary>The recursive integration against closed forms, the designs' defining equations, a seeded simulation of
/// the statistics, and the errors.</summary>
public class GroupSequentialTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(0.9)]
    public void Integration_meets_the_bivariate_orthant_probability(double t1)
    {
        // Z₁, Z₂ with ρ = √t₁: Pr(Z₁ < 0, Z₂ > 0) = 1/4 − arcsin(ρ)/(2π) (Sheppard).
        var integration = new SequentialIntegration([t1, 1]);
        Assert.Equal(0.5, integration.Above(0), 15);
        integration.Advance(double.NegativeInfinity, 0);
        double expected = 0.25 - Math.Asin(Math.Sqrt(t1)) / (2 * Math.PI);
        Assert.True(Math.Abs(integration.Above(0) - expected) < 1e-13, $"{integration.Above(0):R} vs {expected:R}");
        Assert.True(Math.Abs(integration.Continuing() - 0.5) < 1e-13);
    }

    [Fact]
    public void Integration_meets_the_trivariate_orthant_probability()
    {
        // Pr(Z₁ < 0, Z₂ < 0, Z₃ < 0) = 1/8 + (arcsin ρ₁₂ + arcsin ρ₁₃ + arcsin ρ₂₃)/(4π), ρ_jk = √(t_j/t_k).
        double[] t = [0.2, 0.45, 1];
        var integration = new SequentialIntegration(t);
        integration.Advance(double.NegativeInfinity, 0);
        integration.Advance(double.NegativeInfinity, 0);
        double expected = 0.125 + (Math.Asin(Math.Sqrt(t[0] / t[1])) + Math.Asin(Math.Sqrt(t[0] / t[2])) + Math.Asin(Math.Sqrt(t[1] / t[2]))) / (4 * Math.PI);
        Assert.True(Math.Abs(integration.Below(0) - expected) < 1e-13, $"{integration.Below(0):R} vs {expected:R}");
    }

    [Fact]
    public void Doubling_the_panels_changes_ten_stage_probabilities_by_less_than_1e_12()
    {
        var design = GroupSequential.Design(new GroupSequentialOptions { Stages = 10, Boundary = GroupSequentialBoundary.Pocock });
        var t = design.InformationRates.ToArray();
        var c = design.CriticalValues.ToArray();
        foreach (double drift in new[] { 0.0, Math.Sqrt(design.MaxInformation) })
        {
            var coarse = new SequentialIntegration(t);
            var fine = new SequentialIntegration(t, refinement: 2);
            for (int k = 0; k < t.Length; k++)
            {
                double shift = drift * Math.Sqrt(t[k]);
                Assert.True(Math.Abs(coarse.Above(c[k] - shift) - fine.Above(c[k] - shift)) < 1e-12, $"stage {k + 1}");
                if (k < t.Length - 1)
                {
                    coarse.Advance(double.NegativeInfinity, c[k] - shift);
                    fine.Advance(double.NegativeInfinity, c[k] - shift);
                }
            }
        }
    }

    public static TheoryData<GroupSequentialBoundary, int, int> Designs()
    {
        var data = new TheoryData<GroupSequentialBoundary, int, int>();
        foreach (var b in Enum.GetValues<GroupSequentialBoundary>())
            foreach (int k in new[] { 2, 5, 8 })
                foreach (int sides in new[] { 1, 2 })
                    data.Add(b, k, sides);
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Alpha_is_spent_exactly_and_the_power_is_one_minus_beta(GroupSequentialBoundary boundary, int stages, int sides)
    {
        var d = GroupSequential.Design(new GroupSequentialOptions
        {
            Stages = stages,
            Sides = (TestSides)sides,
            Alpha = sides == 1 ? 0.025 : 0.05,
            Boundary = boundary,
            DeltaWangTsiatis = boundary == GroupSequentialBoundary.WangTsiatis ? 0.3 : null,
            GammaAlpha = boundary is GroupSequentialBoundary.SpendingKimDeMets ? 1.5 : boundary is GroupSequentialBoundary.SpendingHwangShihDeCani ? -2 : null,
        });
        Assert.True(Math.Abs(d.AlphaSpent[^1] - d.Options.Alpha) < 1e-9, $"α spent {d.AlphaSpent[^1]:R}");
        Assert.True(Math.Abs(d.Power[^1] - 0.8) < 1e-9, $"power {d.Power[^1]:R}");
        Assert.True(d.InflationFactor >= 1 - 1e-9);
        for (int k = 1; k < stages; k++) Assert.True(d.AlphaSpent[k] >= d.AlphaSpent[k - 1]);
        if (boundary == GroupSequentialBoundary.Pocock) Assert.All(d.CriticalValues, c => Assert.Equal(d.CriticalValues[0], c, 12));
        if (boundary == GroupSequentialBoundary.OBrienFleming)
            for (int k = 0; k < stages; k++) Assert.Equal(d.CriticalValues[^1], d.CriticalValues[k] * Math.Sqrt(d.InformationRates[k]), 10);
        // Expected information: under H1 and H0 below the maximum; the fixed design's one when nothing stops early.
        Assert.True(d.ExpectedInformationUnderAlternative <= d.InflationFactor + 1e-12);
        Assert.True(d.ExpectedInformationUnderNull <= d.InflationFactor + 1e-12);
    }

    [Fact]
    public void A_one_stage_design_is_the_fixed_design()
    {
        var d = GroupSequential.Design(new GroupSequentialOptions { Stages = 1, Alpha = 0.05, Sides = TestSides.Two });
        Assert.Equal(1.959963984540054, d.CriticalValues[0], 12);
        Assert.Equal(1, d.InflationFactor, 12);
        Assert.Equal(Math.Pow(1.959963984540054 + 0.8416212335729143, 2), d.FixedInformation, 10);
    }

    [Fact]
    public void Beta_spending_spends_beta_and_binding_bounds_lower_the_efficacy_bounds()
    {
        var nonBinding = GroupSequential.Design(new GroupSequentialOptions
        { Stages = 4, Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.Pocock });
        var binding = nonBinding.Options with { BindingFutility = true };
        var b = GroupSequential.Design(binding);
        Assert.Equal(0.2, nonBinding.BetaSpent![^1], 7);
        Assert.Equal(0.2, b.BetaSpent![^1], 7);
        Assert.Equal(0.025, b.AlphaSpent[^1], 9);
        for (int k = 1; k < 4; k++) Assert.True(b.CriticalValues[k] < nonBinding.CriticalValues[k], $"stage {k + 1}");
        // The futility stops under H1 add up to the β spent before the last stage.
        Assert.Equal(nonBinding.BetaSpent[^2], nonBinding.FutilityProbabilities.Sum(), 7);
    }

    /// <summary>Seeded simulation of the canonical joint distribution (sums of independent normal increments): the
    /// stage-wise rejection probabilities under H1 and the α spent under H0 agree with the integration within four Monte
    /// Carlo standard errors.</summary>
    [Fact]
    public void A_seeded_simulation_of_the_statistics_agrees_with_the_integration()
    {
        var d = GroupSequential.Design(new GroupSequentialOptions
        { Stages = 4, Boundary = GroupSequentialBoundary.SpendingPocock, FutilityBounds = [-0.5, 0, 0.5] });
        var random = new Random(20261204);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        const int paths = 200_000;
        foreach (double drift in new[] { Math.Sqrt(d.MaxInformation), 0 })
        {
            var rejected = new int[4];
            var futile = new int[4];
            for (int p = 0; p < paths; p++)
            {
                double s = 0, previous = 0;
                for (int k = 0; k < 4; k++)
                {
                    double t = d.InformationRates[k];
                    s += normal.Sample() * Math.Sqrt(t - previous) + drift * (t - previous);
                    previous = t;
                    double z = s / Math.Sqrt(t);
                    if (z >= d.CriticalValues[k]) { rejected[k]++; break; }
                    if (k < 3 && z <= d.FutilityBounds![k]) { futile[k]++; break; }
                }
            }
            for (int k = 0; k < 4; k++)
            {
                double expected = drift > 0 ? d.RejectionProbabilities[k] : d.AlphaSpent[k] - (k == 0 ? 0 : d.AlphaSpent[k - 1]);
                double se = Math.Sqrt(expected * (1 - expected) / paths);
                if (drift > 0) Assert.True(Math.Abs(rejected[k] / (double)paths - expected) < 4 * se + 1e-9, $"H1 stage {k + 1}: {rejected[k] / (double)paths} vs {expected}");
                else Assert.True(rejected[k] / (double)paths <= expected + 4 * se, $"H0 stage {k + 1}: non-binding α spent is an upper bound");
            }
            if (drift > 0)
                for (int k = 0; k < 3; k++)
                {
                    double expected = d.FutilityProbabilities[k], se = Math.Sqrt(expected * (1 - expected) / paths);
                    Assert.True(Math.Abs(futile[k] / (double)paths - expected) < 4 * se, $"futility stage {k + 1}");
                }
        }
    }

    [Theory]
    [InlineData("kMax", 0)]
    [InlineData("kMax", 21)]
    [InlineData("alpha", 1.0)]
    [InlineData("alpha", 0.5)]
    [InlineData("beta", 0.99)]
    public void Out_of_range_numbers_name_rpacts_argument(string option, double value)
    {
        var o = option switch
        {
            "kMax" => new GroupSequentialOptions { Stages = (int)value },
            "alpha" => new GroupSequentialOptions { Alpha = value },
            _ => new GroupSequentialOptions { Beta = value },
        };
        var e = Assert.Throws<SurvivalInputException>(() => GroupSequential.Design(o));
        Assert.Equal(option, e.Column);
    }

    [Fact]
    public void Settings_that_do_not_apply_or_contradict_are_errors_not_silently_ignored()
    {
        void Fails(GroupSequentialOptions o, string column)
            => Assert.Equal(column, Assert.Throws<SurvivalInputException>(() => GroupSequential.Design(o)).Column);
        Fails(new() { InformationRates = [0.5, 0.3, 1] }, "informationRates");
        Fails(new() { InformationRates = [0.2, 0.5, 0.9] }, "informationRates");
        Fails(new() { InformationRates = [0.5, 1] }, "informationRates");
        Fails(new() { Boundary = GroupSequentialBoundary.WangTsiatis }, "deltaWT");
        Fails(new() { DeltaWangTsiatis = 0.2 }, "deltaWT");
        Fails(new() { Boundary = GroupSequentialBoundary.SpendingKimDeMets }, "gammaA");
        Fails(new() { Boundary = GroupSequentialBoundary.SpendingKimDeMets, GammaAlpha = 0.1 }, "gammaA");
        Fails(new() { Sides = TestSides.Two, FutilityBounds = [0, 0] }, "futilityBounds");
        Fails(new() { FutilityBounds = [0] }, "futilityBounds");
        Fails(new() { FutilityBounds = [0, 3] }, "futilityBounds");
        Fails(new() { BetaSpending = BetaSpendingFunction.OBrienFleming }, "typeBetaSpending");
        Fails(new() { Boundary = GroupSequentialBoundary.SpendingOBrienFleming, Sides = TestSides.Two, BetaSpending = BetaSpendingFunction.OBrienFleming }, "typeBetaSpending");
        Fails(new() { BindingFutility = true }, "bindingFutility");
        Fails(new() { TwoSidedPower = true }, "twoSidedPower");
        Fails(new() { HaybittlePetoBound = 3.5 }, "constantBoundsHP");
        Fails(new() { Boundary = GroupSequentialBoundary.HaybittlePeto, HaybittlePetoBound = 1.5 }, "constantBoundsHP");
    }

    [Fact]
    public void Rpact_codes_name_every_choice_once_and_reject_others()
    {
        foreach (var b in Enum.GetValues<GroupSequentialBoundary>()) Assert.Equal(b, RpactCodes.Boundary(RpactCodes.Code(b)));
        foreach (var f in Enum.GetValues<BetaSpendingFunction>()) Assert.Equal(f, RpactCodes.BetaSpending(RpactCodes.Code(f)));
        Assert.Equal("asHSD", RpactCodes.Code(GroupSequentialBoundary.SpendingHwangShihDeCani));
        Assert.Equal(SurvivalEventsFormula.HsiehFreedman, RpactCodes.EventsFormula("HsiehFreedman"));
        var e = Assert.Throws<SurvivalInputException>(() => RpactCodes.Boundary("of", "--type"));
        Assert.Equal("--type", e.Column);
        Assert.Throws<SurvivalInputException>(() => RpactCodes.BetaSpending("bsXX"));
        Assert.Throws<SurvivalInputException>(() => RpactCodes.EventsFormula("schoenfeld"));
    }

    [Fact]
    public void Printing_gives_rpacts_summary_table()
    {
        var text = GroupSequential.Design(new GroupSequentialOptions
        { Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.OBrienFleming }).ToString();
        // rpact 3.3.4, summary(getDesignGroupSequential(typeOfDesign = "asOF", typeBetaSpending = "bsOF")), computed by
        // the fixture script's R; the printed rows are rounded as rpact rounds them.
        Assert.Contains("inflation factor 1.1043, ASN H1 0.8752, ASN H01 0.8341, ASN H0 0.6274", text);
        Assert.Contains("Efficacy boundary (z-value scale)  3.710  2.511  1.993", text);
        Assert.Contains("Futility boundary (z-value scale) -0.236  1.170", text);
        Assert.Contains("Cumulative beta spent             0.0264 0.1165 0.2000", text);
    }
}
