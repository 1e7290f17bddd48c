using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Every iterative fit's JSON says whether it converged, in how many iterations, and what R would warn
/// (<c>"converged"</c>, <c>"iterations"</c>, <c>"warnings"</c>); a fit that runs out of iterations is R's last iterate
/// with R's warning, on stdout and stderr, and exits 0 as R returns it. Expected values from Golden/R/convergence.R.</summary>
public class ConvergenceCommandTests
{
    private static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "convergence", name + ".json"))).RootElement;

    private static string Lung => Path.Combine(AppContext.BaseDirectory, "Golden", "lung.csv");

    [Fact]
    public void Cox_that_runs_out_of_iterations_reports_R_s_last_iterate_and_warning()
    {
        // random11: coxph runs out at its default 20 iterations (x2 running to −∞), and R warns.
        var f = Fixture("random11_coxph_iter20");
        Assert.False(f.GetProperty("converged").GetBoolean());
        string path = CliHarness.FixtureCsv(f.GetProperty("input"));
        var (exit, stdout, stderr) = CliHarness.Run("cox", "--input", path, "--time", "time", "--event", "status", "--covariates", "x1,x2", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("warning: Ran out of iterations (20) and did not converge", stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.False(json.GetProperty("converged").GetBoolean());
        Assert.Equal(20, json.GetProperty("iterations").GetInt32());
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("Ran out of iterations", StringComparison.Ordinal));
        var coef = f.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var got = json.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("estimate").GetDouble()).ToArray();
        for (int j = 0; j < coef.Length; j++) Assert.True(Math.Abs(coef[j] - got[j]) <= 1e-6 * Math.Max(1, Math.Abs(coef[j])), $"coef[{j}]: R {coef[j]}, got {got[j]}");
    }

    [Fact]
    public void Cox_that_converges_says_so_with_R_s_iterations()
    {
        var f = Fixture("lung_iter20");
        string path = CliHarness.FixtureCsv(f.GetProperty("input"));
        var json = CliHarness.Json("cox", "--input", path, "--time", "time", "--event", "status", "--covariates", "age,sex,ph.ecog");
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal(f.GetProperty("iter").GetInt32(), json.GetProperty("iterations").GetInt32());
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Fine_Gray_json_carries_convergence()
    {
        var f = Fixture("crr_iter10");
        string path = CliHarness.FixtureCsv(f.GetProperty("input"));
        var json = CliHarness.Json("finegray", "--input", path, "--time", "time", "--event", "cause", "--cause", "1", "--covariates", "age,male,hgb");
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.True(json.GetProperty("iterations").GetInt32() is > 0 and <= 10);
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
        var coef = f.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var got = json.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("estimate").GetDouble()).ToArray();
        for (int j = 0; j < coef.Length; j++) Assert.True(Math.Abs(coef[j] - got[j]) <= 1e-9 * Math.Max(1, Math.Abs(coef[j])), $"coef[{j}]: R {coef[j]}, got {got[j]}");
    }

    [Theory]
    [InlineData("weibull")]
    [InlineData("lognormal")]
    [InlineData("gompertz")]
    [InlineData("gengamma")]
    public void Parametric_json_carries_convergence_for_every_family(string family)
    {
        var json = CliHarness.Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", family);
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.True(json.GetProperty("iterations").GetInt32() > 0);
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
    }
}
