using Survival.Design;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>The <c>survival design survival-sample-size</c> and <c>survival-power</c> contracts.</summary>
public class SurvivalDesignCommandTests
{
    private static double[] Array(System.Text.Json.JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Fact]
    public void Sample_size_json_has_the_contract_fields_and_the_librarys_numbers()
    {
        var json = CliHarness.Json("design", "survival-sample-size", "--alpha", "0.025", "--beta", "0.1", "--sided", "1", "--hazard-ratio", "0.7",
            "--median2", "14", "--accrual-time", "0,6,18", "--accrual-intensity", "0.2,0.4", "--follow-up", "12", "--dropout-rate", "0.05",
            "--dropout-time", "12", "--allocation-ratio", "2", "--kmax", "3", "--type", "asOF", "--beta-spending", "bsOF");
        var design = GroupSequential.Design(new GroupSequentialOptions
        { Beta = 0.1, Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.OBrienFleming });
        var s = SurvivalSampleSize.ForPower(design, new SurvivalDesignAssumptions
        {
            HazardRatio = 0.7, Median2 = 14, AccrualTime = [0, 6, 18], AccrualIntensity = [0.2, 0.4], FollowUpTime = 12,
            DropoutRate1 = 0.05, DropoutRate2 = 0.05, AllocationRatio = 2,
        });
        Assert.Equal(s.MaxNumberOfEvents, json.GetProperty("maxNumberOfEvents").GetDouble());
        Assert.Equal(s.MaxNumberOfSubjects, json.GetProperty("maxNumberOfSubjects").GetDouble());
        Assert.Equal(s.EventsPerStage.ToArray(), Array(json, "eventsPerStage"));
        Assert.Equal(s.AnalysisTime.ToArray(), Array(json, "analysisTime"));
        Assert.Equal(s.StudyDuration, json.GetProperty("studyDuration").GetDouble());
        Assert.Equal(s.CriticalValuesEffectScale.ToArray(), Array(json, "criticalValuesEffectScale"));
        Assert.Equal(0.7, json.GetProperty("hazardRatio").GetDouble());
    }

    [Fact]
    public void Two_medians_give_the_hazard_ratio_and_a_fixed_design_by_default()
    {
        var json = CliHarness.Json("design", "survival-sample-size", "--median1", "18", "--median2", "12", "--accrual-time", "12", "--follow-up", "12");
        Assert.Equal(12.0 / 18, json.GetProperty("hazardRatio").GetDouble(), 12);
        Assert.Equal(1, json.GetProperty("eventsPerStage").GetArrayLength());
        Assert.Equal(24, Array(json, "analysisTime")[0], 12);
    }

    [Fact]
    public void Power_json_has_the_contract_fields()
    {
        var json = CliHarness.Json("design", "survival-power", "--lambda1", "0.04", "--lambda2", "0.06", "--accrual-time", "0,12",
            "--max-events", "250", "--max-subjects", "500", "--kmax", "2", "--type", "OF");
        var p = SurvivalSampleSize.PowerOf(GroupSequential.Design(new GroupSequentialOptions { Stages = 2 }),
            new SurvivalDesignAssumptions { Lambda1 = 0.04, Lambda2 = 0.06 }, 250, 500);
        Assert.Equal(p.OverallReject, json.GetProperty("overallReject").GetDouble());
        Assert.Equal(p.RejectPerStage.ToArray(), Array(json, "rejectPerStage"));
        Assert.Equal(p.EarlyStop, json.GetProperty("earlyStop").GetDouble());
        Assert.Equal(p.ExpectedNumberOfEvents, json.GetProperty("expectedNumberOfEvents").GetDouble());
        Assert.Equal(p.AnalysisTime.ToArray(), Array(json, "analysisTime"));
    }

    [Theory]
    [InlineData("--hazard-ratio", new[] { "--hazard-ratio", "1", "--median2", "12" })]
    [InlineData("--median2", new[] { "--hazard-ratio", "0.7" })]
    [InlineData("--accrual-intensity", new[] { "--hazard-ratio", "0.7", "--median2", "12", "--accrual-time", "0,6,12", "--accrual-intensity", "2,3" })]
    [InlineData("--accrual-intensity", new[] { "--hazard-ratio", "0.7", "--median2", "12", "--accrual-time", "0,6,12" })]
    [InlineData("--accrual-time", new[] { "--hazard-ratio", "0.7", "--median2", "12", "--accrual-time", "6,3", "--accrual-intensity", "0.1,0.2" })]
    [InlineData("--alpha", new[] { "--hazard-ratio", "0.7", "--median2", "12", "--alpha", "1" })]
    [InlineData("--dropout-rate", new[] { "--hazard-ratio", "0.7", "--median2", "12", "--dropout-rate", "1.2" })]
    public void Impossible_inputs_are_one_line_errors_naming_the_option(string option, string[] arguments)
    {
        var message = CliHarness.Fails(["design", "survival-sample-size", .. arguments]);
        Assert.Contains(option, message);
    }

    [Fact]
    public void Simulation_json_is_the_librarys_seeded_simulation()
    {
        string[] args = ["design", "survival-simulate", "--hazard-ratio", "0.7", "--median2", "12", "--max-events", "60", "--max-subjects", "120",
            "--kmax", "2", "--type", "asOF", "--iterations", "50", "--seed", "5"];
        var json = CliHarness.Json(args);
        var s = SurvivalDesignSimulation.Simulate(GroupSequential.Design(new GroupSequentialOptions { Stages = 2, Boundary = GroupSequentialBoundary.SpendingOBrienFleming }),
            new SurvivalDesignAssumptions { HazardRatio = 0.7, Median2 = 12 }, 60, 120, new SurvivalSimulationOptions { Iterations = 50, Seed = 5 });
        Assert.Equal(s.OverallReject, json.GetProperty("overallReject").GetDouble());
        Assert.Equal(s.RejectPerStage.ToArray(), Array(json, "rejectPerStage"));
        Assert.Equal(s.Analytic.OverallReject, json.GetProperty("analytic").GetProperty("overallReject").GetDouble());
        Assert.Equal(json.ToString(), CliHarness.Json(args).ToString());
        Assert.Contains("--iterations", CliHarness.Fails([.. args[..^4], "--iterations", "0"]));
    }

    [Fact]
    public void A_follow_up_that_cannot_apply_is_ignored_with_a_warning_as_rpact_does()
    {
        var (exit, stdout, stderr) = CliHarness.Run("design", "survival-sample-size", "--hazard-ratio", "0.7", "--median2", "12", "--accrual-time", "0,12",
            "--accrual-intensity", "40", "--follow-up", "12", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Contains("warning: --follow-up 12 is not used", stderr);
        var s = SurvivalSampleSize.ForPower(GroupSequential.Design(new GroupSequentialOptions { Stages = 1 }),
            new SurvivalDesignAssumptions { HazardRatio = 0.7, Median2 = 12, AccrualIntensity = [40] });
        Assert.Equal(s.FollowUpTime, System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("followUpTime").GetDouble());
        var power = CliHarness.Run("design", "survival-power", "--hazard-ratio", "0.7", "--median2", "12", "--follow-up", "12", "--max-events", "200", "--max-subjects", "400");
        Assert.Equal(0, power.Exit);
        Assert.Contains("warning: --follow-up 12 is not used", power.Err);
    }

    [Fact]
    public void Power_with_too_few_patients_for_the_events_is_an_error()
    {
        var message = CliHarness.Fails("design", "survival-power", "--hazard-ratio", "0.7", "--median2", "12", "--max-events", "300", "--max-subjects", "200");
        Assert.Contains("--max-subjects", message);
    }
}
