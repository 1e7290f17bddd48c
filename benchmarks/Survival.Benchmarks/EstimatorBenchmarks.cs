using BenchmarkDotNet.Attributes;
using Survival.Comparison;
using Survival.Estimation;

namespace Survival.Benchmarks;

/// <summary>Kaplan–Meier (with 95% log limits) and the two-group log-rank test on the issue-6 data shape.</summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private SurvivalData _data = null!;
    private SurvivalCounts _counts = null!;

    [Params(1_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Data(N, groups: true);
        _counts = SurvivalCounts.FromData(_data);
    }

    [Benchmark]
    public KaplanMeierResult KaplanMeierRows() => KaplanMeier.Fit(_data);

    [Benchmark]
    public KaplanMeierResult KaplanMeierCounts() => KaplanMeier.Fit(_counts);

    [Benchmark]
    public LogRankResult LogRankRows() => LogRankTest.Compute(_data);

    [Benchmark]
    public SurvivalCounts Reduce() => SurvivalCounts.FromData(_data);
}
