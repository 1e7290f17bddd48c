using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival cuminc</c> and <c>survival finegray</c> checked from outside through their JSON contracts
/// against R's answers (fixtures from tests/Survival.Tests/Golden/R/competing-risks.R).</summary>
public class CompetingRisksCommandTests
{
    private static JsonElement Fixture(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "competing-risks", name + ".json"))).RootElement;

    private static double[] Numbers(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? double.Parse(x.GetString()!, CultureInfo.InvariantCulture) : x.GetDouble()).ToArray()
        : [e.GetDouble()];

    private static void Close(double expected, JsonElement actual, double tol, string what)
    {
        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what}: R {expected}, got {actual}");
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: R {expected:R}, got {actual.GetDouble():R}");
    }

    [Theory]
    [InlineData("mgus2_by_sex")]
    [InlineData("random_groups_strata")]
    [InlineData("random_entry")]
    [InlineData("random_weights")]
    public void Cuminc_json_matches_R(string name)
    {
        var f = Fixture(name);
        var input = f.GetProperty("input");
        var path = CliHarness.FixtureCsv(input);
        var times = Numbers(f.GetProperty("times"));
        var args = new List<string> { "cuminc", "--input", path, "--time", "time", "--event", "status", "--at", string.Join(",", times.Select(t => t.ToString("R", CultureInfo.InvariantCulture))) };
        if (input.TryGetProperty("group", out _)) args.AddRange(["--group", "group"]);
        if (input.TryGetProperty("strata", out _)) args.AddRange(["--strata", "strata"]);
        if (input.TryGetProperty("entry", out _)) args.AddRange(["--entry", "entry"]);
        if (input.TryGetProperty("weight", out _)) args.AddRange(["--weight", "weight"]);
        var json = CliHarness.Json([.. args]);
        var curves = json.GetProperty("curves").EnumerateArray().ToArray();
        foreach (var expected in f.GetProperty("curves").EnumerateArray())
        {
            string group = expected.GetProperty("group").GetString()!, cause = expected.GetProperty("cause").GetString()!;
            var curve = curves.Single(c => c.GetProperty("cause").GetString() == cause
                && (c.GetProperty("group").ValueKind == JsonValueKind.Null ? group == "all" : c.GetProperty("group").GetString() == group));
            var steps = curve.GetProperty("steps").EnumerateArray().ToArray();
            var estimate = Numbers(expected.GetProperty("estimate"));
            var stdErr = Numbers(expected.GetProperty("stdErr"));
            Assert.Equal(estimate.Length, steps.Length);
            for (int j = 0; j < steps.Length; j++)
            {
                Close(Numbers(expected.GetProperty("time"))[j], steps[j].GetProperty("time"), 1e-12, $"{name} {group}/{cause} time {j}");
                Close(Numbers(expected.GetProperty("atRisk"))[j], steps[j].GetProperty("atRisk"), 1e-12, $"{name} {group}/{cause} atRisk {j}");
                Close(estimate[j], steps[j].GetProperty("estimate"), 1e-10, $"{name} {group}/{cause} estimate {j}");
                Close(stdErr[j], steps[j].GetProperty("stdErr"), 1e-8, $"{name} {group}/{cause} stdErr {j}");
            }
            var at = curve.GetProperty("at").EnumerateArray().ToArray();
            var atEstimate = Numbers(expected.GetProperty("at").GetProperty("estimate"));
            for (int j = 0; j < atEstimate.Length; j++) Close(atEstimate[j], at[j].GetProperty("estimate"), 1e-10, $"{name} at {j}");
        }
        if (f.TryGetProperty("gray", out var gray))
        {
            var tests = json.GetProperty("grayTests").EnumerateArray().ToArray();
            var causes = gray.GetProperty("cause").EnumerateArray().Select(c => c.GetString()).ToArray();
            for (int i = 0; i < causes.Length; i++)
            {
                var t = tests.Single(x => x.GetProperty("cause").GetString() == causes[i]);
                Close(Numbers(gray.GetProperty("stat"))[i], t.GetProperty("chiSquare"), 1e-8, $"{name} gray {causes[i]}");
                Close(Numbers(gray.GetProperty("pv"))[i], t.GetProperty("pValue"), 1e-8, $"{name} gray p {causes[i]}");
                Assert.Equal((int)Numbers(gray.GetProperty("df"))[i], t.GetProperty("df").GetInt32());
            }
        }
    }

    [Fact]
    public void Cuminc_without_groups_has_no_gray_tests_and_draws_a_figure()
    {
        var path = CliHarness.FixtureCsv(Fixture("mgus2_death").GetProperty("input"));
        var figure = Path.Combine(Path.GetTempPath(), $"cuminc-{Guid.NewGuid():N}.svg");
        var json = CliHarness.Json("cuminc", "--input", path, "--time", "time", "--event", "status", "--plot", figure, "--stacked");
        Assert.False(json.TryGetProperty("grayTests", out _));
        Assert.True(File.Exists(figure) && new FileInfo(figure).Length > 1000);
    }

    [Theory]
    [InlineData("mgus2_by_sex")]
    [InlineData("mgus2_death")]
    [InlineData("random_groups_strata")]
    public void Finegray_json_matches_R_crr(string name)
    {
        var f = Fixture(name);
        var crr = f.GetProperty("crr");
        var path = CliHarness.FixtureCsv(f.GetProperty("input"));
        var covariates = crr.GetProperty("covariates").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var json = CliHarness.Json("finegray", "--input", path, "--time", "time", "--event", "status", "--cause", crr.GetProperty("cause").GetString()!,
            "--covariates", string.Join(",", covariates));
        var coefficients = json.GetProperty("coefficients").EnumerateArray().ToArray();
        for (int j = 0; j < covariates.Length; j++)
        {
            Assert.Equal(covariates[j], coefficients[j].GetProperty("name").GetString());
            Close(Numbers(crr.GetProperty("coef"))[j], coefficients[j].GetProperty("estimate"), 1e-9, $"{name} coef {j}");
            Close(Numbers(crr.GetProperty("se"))[j], coefficients[j].GetProperty("stdErr"), 1e-8, $"{name} se {j}");
            Close(Math.Exp(Numbers(crr.GetProperty("coef"))[j]), coefficients[j].GetProperty("hazardRatio"), 1e-9, $"{name} hr {j}");
            Close(Numbers(crr.GetProperty("lower"))[j], coefficients[j].GetProperty("lower"), 1e-8, $"{name} lower {j}");
            Close(Numbers(crr.GetProperty("upper"))[j], coefficients[j].GetProperty("upper"), 1e-8, $"{name} upper {j}");
            Close(Numbers(crr.GetProperty("p"))[j], coefficients[j].GetProperty("pValue"), 1e-8, $"{name} p {j}");
        }
    }

    [Theory]
    [InlineData("--cause", "relapse", "relapse")]
    [InlineData("--covariates", "nope", "nope")]
    public void Finegray_bad_options_are_clear_errors(string option, string value, string named)
    {
        var path = CliHarness.FixtureCsv(Fixture("mgus2_death").GetProperty("input"));
        var args = new List<string> { "finegray", "--input", path, "--time", "time", "--event", "status", "--cause", "death", "--covariates", "age" };
        int i = args.IndexOf(option);
        args[i + 1] = value;
        var stderr = CliHarness.Fails([.. args]);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public void A_status_with_only_the_censoring_label_is_a_clear_error()
    {
        var path = CliHarness.Csv("time,status\n1,0\n2,0\n");
        var stderr = CliHarness.Fails("cuminc", "--input", path, "--time", "time", "--event", "status");
        Assert.Contains("no row has a cause", stderr);
    }
}

public class FineGrayErrorTests
{
    [Fact]
    public void Collinear_covariates_are_a_clear_error_not_NaN()
    {
        // Before: coefficients 0 with NaN standard errors and exit 0.
        var path = CliHarness.Csv("time,status,age,age2\n1,relapse,50,100\n2,death,60,120\n3,0,55,110\n4,relapse,70,140\n5,relapse,40,80\n6,death,65,130\n7,0,52,104\n8,relapse,61,122\n");
        var stderr = CliHarness.Fails("finegray", "--input", path, "--time", "time", "--event", "status", "--cause", "relapse", "--covariates", "age,age2");
        Assert.Contains("age2", stderr);
        Assert.Contains("linear combination of age", stderr);
    }
}
