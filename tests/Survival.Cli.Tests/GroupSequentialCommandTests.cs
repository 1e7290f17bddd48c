using Survival.Design;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>The <c>survival design group-sequential</c> contract: rpact's option names, the JSON fields, the errors.</summary>
public class GroupSequentialCommandTests
{
    [Fact]
    public void Json_has_the_contract_fields_and_the_librarys_numbers()
    {
        var json = CliHarness.Json("design", "group-sequential", "--kmax", "4", "--alpha", "0.025", "--beta", "0.1", "--sided", "1",
            "--type", "asKD", "--gamma", "2", "--information-rates", "0.25,0.5,0.8,1", "--beta-spending", "bsHSD", "--gamma-beta", "-2",
            "--binding");
        var d = GroupSequential.Design(new GroupSequentialOptions
        {
            Stages = 4, Beta = 0.1, Boundary = GroupSequentialBoundary.SpendingKimDeMets, GammaAlpha = 2,
            InformationRates = [0.25, 0.5, 0.8, 1], BetaSpending = BetaSpendingFunction.HwangShihDeCani, GammaBeta = -2, BindingFutility = true,
        });
        foreach (var (name, values) in new[] { ("criticalValues", d.CriticalValues), ("stageLevels", d.StageLevels), ("alphaSpent", d.AlphaSpent),
            ("futilityBounds", d.FutilityBounds!), ("rejectionProbabilities", d.RejectionProbabilities), ("futilityProbabilities", d.FutilityProbabilities) })
            Assert.Equal(values.ToArray(), json.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray());
        Assert.Equal(d.InflationFactor, json.GetProperty("inflationFactor").GetDouble());
    }

    [Fact]
    public void Without_futility_bounds_the_field_is_null_and_infinite_bounds_are_null()
    {
        var json = CliHarness.Json("design", "group-sequential", "--kmax", "3", "--type", "asOF", "--information-rates", "0.05,0.5,1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("futilityBounds").ValueKind);
        Assert.Equal(3, json.GetProperty("criticalValues").GetArrayLength());
        // α(0.05) of O'Brien–Fleming type is about 10⁻¹⁹: nothing is spent, the bound is +∞, written as null.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("criticalValues")[0].ValueKind);
        Assert.Equal(2, json.GetProperty("futilityProbabilities").GetArrayLength());
    }

    [Fact]
    public void Text_output_is_rpacts_summary()
    {
        var (exit, stdout, stderr) = CliHarness.Run("design", "group-sequential", "--kmax", "4", "--sided", "2", "--alpha", "0.05", "--type", "P");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Pocock design, two-sided overall significance level 5%, power 80%", stdout);
        Assert.Contains("Efficacy boundary (z-value scale)", stdout);
    }

    [Theory]
    [InlineData("--delta-wt", new[] { "--delta-wt", "0.2" })]
    [InlineData("--beta-spending", new[] { "--beta-spending", "bsOF" })]
    [InlineData("--futility-bounds", new[] { "--sided", "2", "--alpha", "0.05", "--futility-bounds", "0,0" })]
    [InlineData("--binding", new[] { "--binding" })]
    [InlineData("--two-sided-power", new[] { "--two-sided-power" })]
    [InlineData("--information-rates", new[] { "--kmax", "1", "--information-rates", "1" })]
    public void A_setting_that_does_not_apply_is_ignored_with_a_warning_as_rpact_does(string option, string[] arguments)
    {
        var (exit, stdout, stderr) = CliHarness.Run(["design", "group-sequential", .. arguments, "--format", "json"]);
        Assert.Equal(0, exit);
        Assert.Contains($"warning: {option} is not used", stderr);
        // The design is the one without the setting.
        var without = arguments.Where((a, i) => a != option && (i == 0 || arguments[i - 1] != option)).ToArray();
        var (_, expected, _) = CliHarness.Run(["design", "group-sequential", .. without, "--format", "json"]);
        Assert.Equal(expected, stdout);
    }

    [Theory]
    [InlineData("--alpha", "1")]
    [InlineData("--kmax", "0")]
    [InlineData("--information-rates", "0.5,0.3,1")]
    [InlineData("--information-rates", "0.3,0.6,0.9")]
    [InlineData("--type", "XYZ")]
    [InlineData("--sided", "3")]
    [InlineData("--futility-bounds", "0,4")]
    public void Impossible_inputs_are_one_line_errors_naming_the_option(string option, string value)
    {
        var message = CliHarness.Fails("design", "group-sequential", option, value);
        Assert.Contains(option, message);
        Assert.DoesNotContain("\n", message.TrimEnd());
    }
}
