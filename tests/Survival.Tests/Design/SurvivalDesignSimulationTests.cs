using Survival.Design;
using Xunit;

namespace Survival.Tests.Design;

/// <summary>Seeded simulations of trials analysed by the library's log-rank test against the analytic power: the
/// calibration suite of the survival designs.</summary>
public class SurvivalDesignSimulationTests
{
    private static readonly GroupSequentialDesign Design = GroupSequential.Design(new GroupSequentialOptions
    { Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.OBrienFleming });

    private static readonly SurvivalDesignAssumptions Trial = new()
    {
        HazardRatio = 0.7, Median2 = 12, AccrualTime = [0, 4, 12], AccrualIntensity = [0.25, 0.5], DropoutRate1 = 0.05, DropoutRate2 = 0.05,
    };

    [Fact]
    public void Simulated_power_stopping_and_times_agree_with_the_analytic_numbers()
    {
        var s = SurvivalDesignSimulation.Simulate(Design, Trial, 300, 600, new SurvivalSimulationOptions { Iterations = 3000, Seed = 20261204 });
        var a = s.Analytic;
        Assert.Equal([100, 200, 300], s.PlannedEvents.ToArray());
        // Monte Carlo error (4 SE) plus what the Schoenfeld approximation of the log-rank statistic itself leaves (0.01).
        double Allowed(double p) => 4 * Math.Sqrt(p * (1 - p) / 3000) + 0.01;
        Assert.True(Math.Abs(s.OverallReject - a.OverallReject) < Allowed(a.OverallReject), $"power {s.OverallReject} vs {a.OverallReject}");
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(s.RejectPerStage[k] - a.RejectPerStage[k]) < Allowed(a.RejectPerStage[k]), $"stage {k + 1}: {s.RejectPerStage[k]} vs {a.RejectPerStage[k]}");
        for (int k = 0; k < 2; k++)
            Assert.True(Math.Abs(s.FutilityPerStage[k] - a.FutilityPerStage[k]) < Allowed(a.FutilityPerStage[k]), $"futility {k + 1}: {s.FutilityPerStage[k]} vs {a.FutilityPerStage[k]}");
        Assert.True(Math.Abs(s.ExpectedNumberOfEvents / a.ExpectedNumberOfEvents - 1) < 0.02, $"events {s.ExpectedNumberOfEvents} vs {a.ExpectedNumberOfEvents}");
        // The analysis falls when the d_k-th event is observed; its mean is close to the time the expected events reach d_k.
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(s.AnalysisTime[k] / a.AnalysisTime[k] - 1) < 0.02, $"time {k + 1}: {s.AnalysisTime[k]} vs {a.AnalysisTime[k]}");
        Assert.Contains("simulated   analytic", s.ToString());
    }

    [Fact]
    public void Under_the_null_the_simulated_type_one_error_is_alpha()
    {
        var s = SurvivalDesignSimulation.Simulate(Design, Trial with { HazardRatio = 1 }, 300, 600, new SurvivalSimulationOptions { Iterations = 3000, Seed = 7 });
        // Non-binding futility: the α of the design is an upper bound on the rejection rate with futility stops obeyed.
        Assert.True(s.OverallReject <= 0.025 + 4 * Math.Sqrt(0.025 * 0.975 / 3000), $"type I error {s.OverallReject}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_result()
    {
        var options = new SurvivalSimulationOptions { Iterations = 200, Seed = 3 };
        var a = SurvivalDesignSimulation.Simulate(Design, Trial, 150, 300, options);
        var b = SurvivalDesignSimulation.Simulate(Design, Trial, 150, 300, options);
        Assert.Equal(a.RejectPerStage.ToArray(), b.RejectPerStage.ToArray());
        Assert.Equal(a.StudyDuration, b.StudyDuration);
        Assert.Throws<SurvivalInputException>(() => SurvivalDesignSimulation.Simulate(Design, Trial with { ThetaH0 = 1.1 }, 150, 300, options));
    }
}
