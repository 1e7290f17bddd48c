using System.Text.Json;
using Survival.Synthesis;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Synthesis;

/// <summary>Published-style targets checked against cohorts: R computed the targets from its public data sets
/// (Golden/R/synthesis-targets.R), so the real patients must meet every one, at its printed precision, and a changed
/// cohort must not.</summary>
public class CohortTargetsTests
{
    public static TheoryData<string> Cases => ["lung_sex", "veteran_trt", "veteran_celltype", "colon_rx", "simulated_150"];

    private static (CohortTargets Targets, SurvivalData Patients) Load(string name)
    {
        var fixture = Golden.Load("synthesis", name);
        var input = fixture.GetProperty("input");
        var data = SurvivalData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            group: Golden.Strings(input.GetProperty("group")));
        return (CohortTargets.Parse(fixture.GetProperty("targets").GetRawText(), name), data);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_patients_R_computed_the_targets_from_meet_every_one(string name)
    {
        var (targets, patients) = Load(name);
        var report = targets.Evaluate(patients);
        Assert.True(report.AllMet, report.ToString());
        // n, events, median ×3, survival at 365 ×3, three at-risk counts per group; log-rank P; Cox ×4; follow-up.
        Assert.Equal(2 * (2 + 3 + 3 + 3) + 1 + 4 + 1, report.Total);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_changed_cohort_misses_targets_and_says_which(string name)
    {
        var (targets, patients) = Load(name);
        // Every time 10% longer: counts still hold, the medians, landmarks and at-risk numbers move.
        var longer = SurvivalData.FromFactors(patients.Time.ToArray().Select(t => t * 1.1).ToArray(), patients.Event, patients.Group);
        var report = targets.Evaluate(longer);
        Assert.False(report.AllMet);
        Assert.All(report.Results.Where(r => r.Target.Statistic is TargetStatistic.Patients or TargetStatistic.Events), r => Assert.True(r.Met));
        Assert.Contains(report.Results, r => r.Target.Statistic == TargetStatistic.Median && !r.Met);
        Assert.Contains("NO", report.ToString());
    }

    [Fact]
    public void Printed_numbers_are_met_by_what_rounds_to_them()
    {
        var p = new PrintedNumber(PrintedKind.Rounded, 0.336, 3);
        Assert.True(p.IsMetBy(0.3355));
        Assert.True(p.IsMetBy(0.33649));
        Assert.False(p.IsMetBy(0.3365));
        Assert.False(p.IsMetBy(null));
        Assert.True(new PrintedNumber(PrintedKind.NotReached, double.NaN, 0).IsMetBy(null));
        Assert.False(new PrintedNumber(PrintedKind.NotReached, double.NaN, 0).IsMetBy(300));
        Assert.True(new PrintedNumber(PrintedKind.Below, 0.001, 3).IsMetBy(0.00099));
        Assert.False(new PrintedNumber(PrintedKind.Below, 0.001, 3).IsMetBy(0.001));
        Assert.Equal("< 0.001", new PrintedNumber(PrintedKind.Below, 0.001, 3).ToString());
    }

    [Fact]
    public void Decimals_are_the_files_or_as_written()
    {
        var t = CohortTargets.Parse("""{ "groups": [ { "name": "a", "n": 10, "median": { "estimate": 12.50 }, "survivalAt": [ { "time": 6, "estimate": 0.70, "decimals": 1 } ] } ] }""");
        Assert.Equal(2, t.Targets.Single(x => x.Statistic == TargetStatistic.Median).Printed.Decimals);
        Assert.Equal(1, t.Targets.Single(x => x.Statistic == TargetStatistic.Survival).Printed.Decimals);
        Assert.Equal(ConfidenceIntervalTransform.Log, t.Options.Transform);
        Assert.Equal(0.95, t.Options.ConfidenceLevel);
    }

    [Theory]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 }, { "name": "b", "n": 5, "median": { "estimate": 3, "lower": "x" } } ] }""", "groups[1].median.lower", "'x'")]
    [InlineData("""{ "groups": [ { "name": "a" } ] }""", "groups[0].n", "number of patients")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10, "events": 12 } ] }""", "groups[0].events", "more events")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 } ], "comparisons": [ { "test": "cox", "reference": "a", "group": "c" } ] }""", "comparisons[0].group", "no group has this name")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10, "survivalAt": [ { "time": 5, "estimate": 33.6 } ] } ] }""", "groups[0].survivalAt[0].estimate", "between 0 and 1")]
    [InlineData("""{ "confType": "loglog", "groups": [ { "name": "a", "n": 10 } ] }""", "confType", "log-log")]
    [InlineData("""{ "groups": [] }""", "groups", "at least one group")]
    public void Invalid_targets_name_the_json_path(string json, string path, string reason)
    {
        var e = Assert.Throws<SurvivalInputException>(() => CohortTargets.Parse(json, "targets.json"));
        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.StartsWith("targets.json", e.Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var e = Assert.Throws<SurvivalInputException>(() => CohortTargets.Parse("{\n  \"groups\": [ \n  { \"name\": \"a\", }\n] }", "t.json"));
        Assert.Contains("not valid JSON", e.Message);
        Assert.Equal(3, e.Line);
    }
}
