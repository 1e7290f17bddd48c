using Survival.Design;
using Xunit;

namespace Survival.Tests.Design;

/// <summary>The event model against closed forms, the sample size and power against each other, and the errors.</summary>
public class SurvivalSampleSizeTests
{
    [Theory]
    [InlineData(12.0, 6.0, 20.0)]
    [InlineData(8.0, 12.0, 30.0)]
    [InlineData(30.0, 3.0, 4.0)]
    public void Event_share_under_uniform_accrual_is_the_one_arm_closed_form(double median, double accrual, double time)
    {
        // Both arms alike, no drop-out: P(T) = 1 − (e^(−λ(T−A)) − e^(−λT))/(λA) for T ≥ A (ExponentialSampleSize).
        double rate = Math.Log(2) / median;
        var model = new TrialEventModel([0], [rate], [rate], 0, 0, [accrual], [1], 1);
        if (time >= accrual) Assert.Equal(ExponentialSampleSize.ProbabilityOfEvent(median, accrual, time - accrual), model.EventProbability(time), 13);
        // During accrual: ∫₀ᵀ (1/A)(1 − e^(−λ(T−e))) de = (T − (1 − e^(−λT))/λ)/A
        double during = Math.Min(time, accrual) / 2;
        Assert.Equal((during - (1 - Math.Exp(-rate * during)) / rate) / accrual, model.EventProbability(during), 13);
    }

    [Fact]
    public void Piecewise_hazards_that_are_equal_are_the_exponential_and_drop_out_caps_the_share()
    {
        var piecewise = new TrialEventModel([0, 5, 11], [0.05, 0.05, 0.05], [0.03, 0.03, 0.03], 0.01, 0.02, [4, 12], [1, 3], 1.5);
        var exponential = new TrialEventModel([0], [0.05], [0.03], 0.01, 0.02, [4, 12], [1, 3], 1.5);
        foreach (double t in new[] { 2.0, 4.0, 7.5, 12.0, 30.0, 200.0 })
            Assert.Equal(exponential.EventProbability(t), piecewise.EventProbability(t), 13);
        // Long after accrual every patient has had the event or dropped out: λ/(λ + φ) per arm.
        double limit = (1.5 * 0.03 / 0.04 + 0.05 / 0.07) / 2.5;
        Assert.Equal(limit, exponential.EventProbability(5000), 12);
    }

    public static TheoryData<int, double, double> Trials() => new()
    {
        { 1, 0.7, 1 }, { 3, 0.7, 1 }, { 4, 0.8, 2 }, { 2, 1.3, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Trials))]
    public void The_power_of_the_sample_size_is_one_minus_beta(int stages, double hazardRatio, double allocation)
    {
        var design = GroupSequential.Design(new GroupSequentialOptions { Stages = stages, Boundary = GroupSequentialBoundary.SpendingOBrienFleming });
        var assumptions = new SurvivalDesignAssumptions
        {
            HazardRatio = hazardRatio, Median2 = 10, AccrualTime = [0, 4, 16], AccrualIntensity = [0.3, 0.6], FollowUpTime = 9,
            DropoutRate1 = 0.05, DropoutRate2 = 0.1, AllocationRatio = allocation,
        };
        var size = SurvivalSampleSize.ForPower(design, assumptions);
        var power = SurvivalSampleSize.PowerOf(design, assumptions with { FollowUpTime = null }, size.MaxNumberOfEvents, size.MaxNumberOfSubjects);
        Assert.Equal(0.8, power.OverallReject, 9);
        Assert.Equal(size.FollowUpTime, power.FollowUpTime, 9);
        for (int k = 0; k < stages; k++) Assert.Equal(size.AnalysisTime[k], power.AnalysisTime[k], 9);
        Assert.Equal(size.StudyDuration, power.StudyDuration, 9);
        // Fixing the patients instead of the follow-up gives the follow-up back.
        var fixedPatients = SurvivalSampleSize.ForPower(design, assumptions with { FollowUpTime = null, MaxNumberOfSubjects = size.MaxNumberOfSubjects });
        Assert.Equal(9, fixedPatients.FollowUpTime, 9);
    }

    [Fact]
    public void Schoenfeld_events_are_the_textbook_number()
    {
        var design = GroupSequential.Design(new GroupSequentialOptions { Stages = 1 });
        var s = SurvivalSampleSize.ForPower(design, new SurvivalDesignAssumptions { HazardRatio = 0.7, Median2 = 12, FollowUpTime = 12 });
        double z = 1.959963984540054 + 0.8416212335729143;
        Assert.Equal(4 * z * z / Math.Pow(Math.Log(0.7), 2), s.EventsFixed, 9);
        Assert.Equal(s.EventsFixed, s.MaxNumberOfEvents, 12);
        // The effect scale: the hazard ratio that just rejects at the final analysis, exp(−z_α·2/√d).
        Assert.Equal(Math.Exp(-1.959963984540054 * 2 / Math.Sqrt(s.EventsFixed)), s.CriticalValuesEffectScale[0], 9);
    }

    [Fact]
    public void Contradictory_or_missing_assumptions_name_rpacts_argument()
    {
        var design = GroupSequential.Design(new GroupSequentialOptions { Stages = 1 });
        void Fails(SurvivalDesignAssumptions a, string column)
            => Assert.Equal(column, Assert.Throws<SurvivalInputException>(() => SurvivalSampleSize.ForPower(design, a)).Column);
        Fails(new() { HazardRatio = 0.7 }, "median2");
        Fails(new() { Median2 = 12 }, "hazardRatio");
        Fails(new() { HazardRatio = 0.7, Median1 = 10, Median2 = 12 }, "hazardRatio");
        Fails(new() { Median2 = 12, Lambda2 = 0.05, Median1 = 10 }, "median2");
        Fails(new() { HazardRatio = 1, Median2 = 12 }, "hazardRatio");
        Fails(new() { HazardRatio = 0.7, Pi2 = 1.2 }, "pi2");
        Fails(new() { HazardRatio = 0.7, Median2 = 12, AccrualTime = [0, 6, 12] }, "accrualIntensity");
        Fails(new() { HazardRatio = 0.7, Median2 = 12, AccrualTime = [6, 3], AccrualIntensity = [0.1, 0.2] }, "accrualTime");
        Fails(new() { HazardRatio = 0.7, Median2 = 12, AccrualIntensity = [20], FollowUpTime = 12 }, "followUpTime");
        Fails(new() { HazardRatio = 0.7, Median2 = 12, AccrualIntensity = [10] }, "accrualIntensity");
        Fails(new() { HazardRatio = 0.7, Median2 = 12, DropoutRate1 = 1 }, "dropoutRate1");
        Fails(new() { HazardRatio = 0.7, PiecewiseLambda2 = [0.05, 0.03], PiecewiseSurvivalTime = [0] }, "lambda2");
        Fails(new() { HazardRatio = 0.7, PiecewiseLambda2 = [0.05, 0.03], PiecewiseSurvivalTime = [1, 6] }, "piecewiseSurvivalTime");
    }
}
