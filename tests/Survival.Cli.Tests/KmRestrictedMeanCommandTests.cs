using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>km --rmean τ</c> against R's <c>print(survfit(...), rmean = τ)</c> (fixtures from Golden/R/km.R: aml by
/// group to 40, lung to 700): each curve's restricted mean and its standard error; absent without the option.</summary>
public class KmRestrictedMeanCommandTests
{
    private static JsonElement Fixture(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "km", name + ".json"))).RootElement;

    [Theory]
    [InlineData("aml_groups")]
    [InlineData("lung_loglog")]
    public void Matches_R_print_rmean(string name)
    {
        var f = Fixture(name);
        var csv = CliHarness.FixtureCsv(f.GetProperty("input"));
        bool grouped = f.GetProperty("input").TryGetProperty("group", out _);
        var curves = f.GetProperty("curves").EnumerateArray().ToArray();
        double tau = curves[0].GetProperty("rmean").GetProperty("tau").GetDouble();
        string[] args = ["km", "--input", csv, "--time", "time", "--event", "status", "--rmean", tau.ToString(CultureInfo.InvariantCulture)];
        var json = CliHarness.Json(grouped ? [.. args, "--group", "group"] : args);
        var mine = json.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(curves.Length, mine.Length);
        for (int k = 0; k < curves.Length; k++)
        {
            var expected = curves[k].GetProperty("rmean");
            var actual = mine[k].GetProperty("rmean");
            Assert.Equal(tau, actual.GetProperty("tau").GetDouble());
            Assert.Equal(expected.GetProperty("estimate").GetDouble(), actual.GetProperty("estimate").GetDouble(), 1e-9);
            Assert.Equal(expected.GetProperty("stdErr").GetDouble(), actual.GetProperty("stdErr").GetDouble(), 1e-9);
        }
        var without = CliHarness.Json(grouped ? ["km", "--input", csv, "--time", "time", "--event", "status", "--group", "group"] : ["km", "--input", csv, "--time", "time", "--event", "status"]);
        Assert.False(without.GetProperty("curves")[0].TryGetProperty("rmean", out _));
        Assert.Contains("--rmean", CliHarness.Fails("km", "--input", csv, "--time", "time", "--event", "status", "--rmean", "0"));
    }
}
