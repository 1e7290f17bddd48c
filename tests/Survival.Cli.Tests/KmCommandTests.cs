using System.Text.Json;
using Survival.Estimation;
using Xunit;

namespace Survival.Cli.Tests;

public class KmCommandTests
{
    [Fact]
    public void Json_has_the_documented_shape_and_the_library_numbers()
    {
        var path = CliHarness.Csv(CliHarness.Aml);
        var (exit, stdout, stderr) = CliHarness.Run("km", "--input", path, "--time", "time", "--event", "status", "--group", "x", "--at", "10,200", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var curves = root.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(2, curves.Length);

        var data = Survival.Csv.SurvivalCsv.Read(path, new Survival.SurvivalColumns("time", "status", Group: "x"));
        var fit = KaplanMeier.Fit(data);
        for (int i = 0; i < 2; i++)
        {
            var c = curves[i];
            var mine = fit.Curves[i];
            Assert.Equal(mine.Group, c.GetProperty("group").GetString());
            Assert.Equal(mine.N, c.GetProperty("n").GetInt32());
            Assert.Equal(mine.Events, c.GetProperty("events").GetDouble());
            var median = c.GetProperty("median");
            Assert.Equal(mine.Median.Estimate, median.GetProperty("estimate").GetDouble());
            Assert.Equal(JsonValueKind.Null, median.GetProperty("upper").ValueKind);
            var steps = c.GetProperty("steps").EnumerateArray().ToArray();
            Assert.Equal(mine.Steps.Count, steps.Length);
            Assert.Equal(mine.Steps[0].Survival, steps[0].GetProperty("survival").GetDouble());
            Assert.Equal(mine.Steps[0].StdErr, steps[0].GetProperty("stdErr").GetDouble());
            foreach (var name in new[] { "time", "atRisk", "events", "censored", "survival", "stdErr", "lower", "upper" })
                Assert.True(steps[0].TryGetProperty(name, out _), name);
            var at = c.GetProperty("at").EnumerateArray().ToArray();
            Assert.Equal(2, at.Length);
            Assert.Equal(0, at[1].GetProperty("atRisk").GetDouble()); // past the last observation
            foreach (var name in new[] { "time", "atRisk", "survival", "stdErr", "lower", "upper" })
                Assert.True(at[0].TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public void Table_output_prints_the_median_table()
    {
        var (exit, stdout, _) = CliHarness.Run("km", "--input", CliHarness.Csv(CliHarness.Aml), "--time", "time", "--event", "status", "--group", "x");
        Assert.Equal(0, exit);
        Assert.Contains("0.95LCL", stdout);
        Assert.Contains("Maintained", stdout);
    }

    [Theory]
    [InlineData("--conf-type", "weird", "--conf-type")]
    [InlineData("--conf-level", "1.5", "confidence level")]
    [InlineData("--at", "1,x", "--at")]
    [InlineData("--time", "nope", "unknown column")]
    public void Invalid_options_exit_2_with_one_message(string option, string value, string expected)
    {
        var args = new List<string> { "km", "--input", CliHarness.Csv(CliHarness.Aml), "--time", "time", "--event", "status" };
        int i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else { args.Add(option); args.Add(value); }
        var (exit, stdout, stderr) = CliHarness.Run(args.ToArray());
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Bad_row_names_file_line_column_value()
    {
        var path = CliHarness.Csv("time,status\n1,1\n2,maybe\n");
        var stderr = CliHarness.Fails("km", "--input", path, "--time", "time", "--event", "status");
        Assert.Contains($"{path}:3", stderr);
        Assert.Contains("column 'status'", stderr);
        Assert.Contains("value 'maybe'", stderr);
    }

    [Fact]
    public void Plot_option_writes_png_and_svg_and_rejects_other_extensions()
    {
        var input = CliHarness.Csv(CliHarness.Aml);
        foreach (var ext in new[] { ".png", ".svg" })
        {
            var figure = Path.Combine(Path.GetTempPath(), $"survival-km-{Guid.NewGuid():N}{ext}");
            var (exit, _, stderr) = CliHarness.Run("km", "--input", input, "--time", "time", "--event", "status", "--group", "x", "--plot", figure);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.True(new FileInfo(figure).Length > 1000);
        }
        var bad = CliHarness.Fails("km", "--input", input, "--time", "time", "--event", "status", "--plot", "/tmp/figure.gif");
        Assert.Contains(".png or .svg", bad);
    }

    [Fact]
    public void Missing_file_and_unknown_command_exit_2()
    {
        CliHarness.Fails("km", "--input", "/no/such.csv", "--time", "t", "--event", "e");
        // Parse errors: System.CommandLine lists each problem on a line of its own, still exit 2 and no stack trace.
        foreach (var args in new[] { new[] { "frobnicate" }, new[] { "km" } })
        {
            var (exit, _, stderr) = CliHarness.Run(args);
            Assert.Equal(2, exit);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    [Fact]
    public void Seeded_argument_fuzz_never_throws()
    {
        // A seeded mutation fuzzer over the argument list: every outcome is an exit code, never an exception.
        var path = CliHarness.Csv(CliHarness.Aml);
        string[] pool = ["km", "logrank", "--input", path, "--time", "time", "--event", "status", "--group", "x", "--at", "1,2", "--conf-type",
            "log-log", "--conf-level", "0.9", "--format", "json", "--rho", "1", "--weights", "gehan", "", "-1", "NaN", "--strata", "--entry", "--weight", "\u0000", "1e309"];
        var random = new Random(12345);
        for (int k = 0; k < 300; k++)
        {
            var args = Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var (exit, _, _) = CliHarness.Run(args);
            Assert.InRange(exit, 0, 2);
        }
    }
}
