using BenchmarkDotNet.Attributes;
using Survival.Design;

namespace Survival.Benchmarks;

/// <summary>Group-sequential designs and survival sample sizes: the cost of one design as a trial statistician explores
/// many (rpact takes about 0.05 s for a 3-stage O'Brien–Fleming design and seconds for 10-stage β-spending ones).</summary>
[MemoryDiagnoser]
public class DesignBenchmarks
{
    private static readonly GroupSequentialDesign AsOfBsOf = GroupSequential.Design(new GroupSequentialOptions
    { Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.OBrienFleming });

    /// <summary>rpact's default design: three stages, O'Brien–Fleming.</summary>
    [Benchmark(Baseline = true)]
    public GroupSequentialDesign OBrienFleming3() => GroupSequential.Design(new GroupSequentialOptions());

    /// <summary>Ten stages, α-spending of Pocock type.</summary>
    [Benchmark]
    public GroupSequentialDesign SpendingPocock10() => GroupSequential.Design(new GroupSequentialOptions
    { Stages = 10, Boundary = GroupSequentialBoundary.SpendingPocock });

    /// <summary>Six stages, binding β-spending: the nested search (drift outside, bounds inside).</summary>
    [Benchmark]
    public GroupSequentialDesign BindingBetaSpending6() => GroupSequential.Design(new GroupSequentialOptions
    { Stages = 6, Boundary = GroupSequentialBoundary.SpendingOBrienFleming, BetaSpending = BetaSpendingFunction.OBrienFleming, BindingFutility = true });

    /// <summary>Events, patients and analysis times of a three-stage trial with piecewise accrual and drop-out.</summary>
    [Benchmark]
    public SurvivalSampleSizeResult SampleSize() => SurvivalSampleSize.ForPower(AsOfBsOf, new SurvivalDesignAssumptions
    {
        HazardRatio = 0.7, Median2 = 12, AccrualTime = [0, 6, 18], AccrualIntensity = [0.1, 0.3], FollowUpTime = 12,
        DropoutRate1 = 0.05, DropoutRate2 = 0.05,
    });
}
