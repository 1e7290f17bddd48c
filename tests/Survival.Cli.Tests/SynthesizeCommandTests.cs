using System.Globalization;
using System.Text.Json;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival synthesize</c> as called from outside: the options, the cohort file, the JSON fields and
/// the exit codes (0 all met, 1 some missed with the cohort still written, 2 invalid targets).</summary>
public sealed class SynthesizeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-synthesize");

    public void Dispose() => _folder.Dispose();

    /// <summary>Targets R's aml data meet, computed from it by the library: n, events and median per arm, the log-rank P.</summary>
    private string AmlTargets(string extra = "")
    {
        var lines = CliHarness.Aml.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        var data = SurvivalData.Create(lines.Select(l => double.Parse(l[0], CultureInfo.InvariantCulture)).ToArray(), lines.Select(l => l[1] == "1").ToArray(),
            group: lines.Select(l => l[2]).ToArray());
        var fit = KaplanMeier.Fit(data);
        double p = LogRankTest.Compute(data).PValue;
        string Group(string name) => $$"""{ "name": "{{name}}", "n": {{fit[name].N}}, "events": {{fit[name].Events}}, "median": { "estimate": {{fit[name].Median.Estimate}}, "decimals": 0 } {{extra}} }""";
        string path = _folder.File("targets.json");
        File.WriteAllText(path, $$"""
            { "timeUnit": "weeks", "groups": [ {{Group("Maintained")}}, {{Group("Nonmaintained")}} ],
              "comparisons": [ { "test": "logrank", "groups": ["Maintained", "Nonmaintained"], "pValue": {{p.ToString("F2", CultureInfo.InvariantCulture)}} } ],
              "constraints": { "maxTime": 161 } }
            """);
        return path;
    }

    [Fact]
    public void Met_targets_exit_0_with_the_contract_fields_and_the_cohort_file()
    {
        string cohort = _folder.File("cohort.csv");
        var (exit, stdout, stderr) = CliHarness.Run("synthesize", "--targets", AmlTargets(), "--seed", "1", "--out", cohort, "--format", "json");
        Assert.True(exit == 0, stderr + stdout);
        var json = JsonDocument.Parse(stdout).RootElement;
        var targets = json.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(7, targets.Length);
        Assert.Equal(7, json.GetProperty("total").GetInt32());
        Assert.Equal(7, json.GetProperty("met").GetInt32());
        Assert.All(targets, t =>
        {
            Assert.True(t.GetProperty("met").GetBoolean());
            Assert.Equal(JsonValueKind.Number, t.GetProperty("published").ValueKind);
            Assert.Equal(JsonValueKind.Number, t.GetProperty("reproduced").ValueKind);
        });
        Assert.Equal("groups[0].median.estimate", targets[2].GetProperty("name").GetString());
        var rows = File.ReadAllLines(cohort);
        Assert.Equal("group,time,event", rows[0]);
        Assert.Equal(1 + 23, rows.Length);
        Assert.Equal(11, rows.Count(r => r.StartsWith("Maintained,", StringComparison.Ordinal)));
        // The file reads back as data whose log-rank P rounds to the target.
        var back = rows.Skip(1).Select(r => r.Split(',')).ToArray();
        var data = SurvivalData.Create(back.Select(b => double.Parse(b[1], CultureInfo.InvariantCulture)).ToArray(), back.Select(b => b[2] == "1").ToArray(), group: back.Select(b => b[0]).ToArray());
        Assert.Equal(targets[6].GetProperty("published").GetDouble(), Math.Round(LogRankTest.Compute(data).PValue, 2, MidpointRounding.AwayFromZero));
        // The same seed writes the same file.
        string again = _folder.File("again.csv");
        Assert.Equal(0, CliHarness.Run("synthesize", "--targets", AmlTargets(), "--seed", "1", "--out", again).Exit);
        Assert.Equal(File.ReadAllText(cohort), File.ReadAllText(again));
    }

    [Fact]
    public void Missed_targets_exit_1_and_still_write_the_cohort()
    {
        string cohort = _folder.File("cohort.csv");
        string targets = AmlTargets(""", "atRisk": [ { "time": 0, "n": 3 } ]""");
        var (exit, stdout, _) = CliHarness.Run("synthesize", "--targets", targets, "--out", cohort, "--max-evaluations", "3000", "--format", "json");
        Assert.Equal(1, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(json.GetProperty("met").GetInt32() < json.GetProperty("total").GetInt32());
        var atRisk = json.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("name").GetString() == "groups[0].atRisk[0]");
        Assert.False(atRisk.GetProperty("met").GetBoolean());
        Assert.Equal(11, atRisk.GetProperty("reproduced").GetDouble());
        Assert.Contains(json.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("reason").GetString()!.Contains("at risk", StringComparison.Ordinal));
        Assert.True(File.Exists(cohort));
        var (tableExit, table, _) = CliHarness.Run("synthesize", "--targets", targets, "--out", cohort, "--max-evaluations", "3000");
        Assert.Equal(1, tableExit);
        Assert.Contains("NO", table);
        Assert.Contains("Cohort written to", table);
    }

    [Fact]
    public void Invalid_targets_exit_2_naming_the_JSON_path()
    {
        string bad = _folder.File("bad.json");
        File.WriteAllText(bad, """{ "groups": [ { "name": "a", "n": 10 }, { "name": "b", "n": 10, "median": { "estimate": 5, "lower": "soon" } } ] }""");
        string error = CliHarness.Fails("synthesize", "--targets", bad, "--out", _folder.File("c.csv"));
        Assert.Contains("groups[1].median.lower", error);
        Assert.Contains("bad.json", error);
        Assert.Contains("soon", error);
        Assert.Contains("does not exist", CliHarness.Fails("synthesize", "--targets", _folder.File("none.json"), "--out", _folder.File("c.csv")));
        Assert.Contains("--max-evaluations", CliHarness.Fails("synthesize", "--targets", AmlTargets(), "--out", _folder.File("c.csv"), "--max-evaluations", "0"));
        string curves = _folder.File("curves.csv");
        File.WriteAllText(curves, "group,time,survival\nnobody,1,0.9\n");
        string curveError = CliHarness.Fails("synthesize", "--targets", AmlTargets(), "--out", _folder.File("c.csv"), "--curves", curves);
        Assert.Contains("curves.csv", curveError);
        Assert.Contains("nobody", curveError);
    }

    [Fact]
    public void Digitised_curves_are_soft_targets_reported_with_their_distance()
    {
        string curves = _folder.File("curves.csv");
        File.WriteAllText(curves, "group,time,survival\nMaintained,0,1\nMaintained,10,0.9\nMaintained,30,0.6\nMaintained,50,0.4\n");
        var json = CliHarness.Json("synthesize", "--targets", AmlTargets(), "--out", _folder.File("c.csv"), "--curves", curves, "--max-evaluations", "20000");
        var curve = Assert.Single(json.GetProperty("curves").EnumerateArray());
        Assert.Equal("Maintained", curve.GetProperty("group").GetString());
        Assert.Equal(3, curve.GetProperty("points").GetInt32());
        Assert.InRange(curve.GetProperty("meanDistance").GetDouble(), 0, 0.1);
    }
}
