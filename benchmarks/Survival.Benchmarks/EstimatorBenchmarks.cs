using BenchmarkDotNet.Attributes;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Regression;

namespace Survival.Benchmarks;

/// <summary>Kaplan–Meier (with 95% log limits), the two-group log-rank test, the row → counts reduction and Cox on the
/// issue-6 data shape, beside one <see cref="Array.Sort(Array)"/> of the times, n = 10³ … 10⁷.</summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private SurvivalData _data = null!;
    private SurvivalData _ungrouped = null!;
    private CovariateMatrix _covariate = null!;
    private SurvivalCounts _counts = null!;
    private double[] _times = null!;

    /// <summary>The sizes: 10³ … 10⁷, or only 10³ when <c>SURVIVAL_BENCH_SMOKE=1</c> (CI's smoke run).</summary>
    public static IEnumerable<int> Sizes => Environment.GetEnvironmentVariable("SURVIVAL_BENCH_SMOKE") == "1"
        ? [1_000]
        : [1_000, 100_000, 1_000_000, 10_000_000];

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (time, status, group) = BenchmarkData.Generate(N);
        _times = time;
        _data = SurvivalData.FromFactors(time, status, Factor.FromCodes(group, ["A", "B"]));
        _ungrouped = SurvivalData.Create(time, status);
        _covariate = new CovariateMatrix(N).AddNumeric("group", group.Select(g => (double)g).ToArray());
        _counts = SurvivalCounts.FromData(_data);
    }

    [Benchmark(Baseline = true)]
    public double[] SortTimes()
    {
        var copy = (double[])_times.Clone();
        Array.Sort(copy);
        return copy;
    }

    [Benchmark]
    public KaplanMeierResult KaplanMeierRows() => KaplanMeier.Fit(_data);

    [Benchmark]
    public KaplanMeierResult KaplanMeierCounts() => KaplanMeier.Fit(_counts);

    [Benchmark]
    public LogRankResult LogRankRows() => LogRankTest.Compute(_data);

    [Benchmark]
    public SurvivalCounts Reduce() => SurvivalCounts.FromData(_data);

    [Benchmark]
    public SurvivalCounts ReduceByRadixSort() => RowReduction.ByRadixSort(_data);

    [Benchmark]
    public CoxResult CoxOneCovariate() => CoxRegression.Fit(_ungrouped, _covariate);
}
