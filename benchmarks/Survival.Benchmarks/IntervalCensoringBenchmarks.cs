using BenchmarkDotNet.Attributes;
using Survival.IntervalCensoring;

namespace Survival.Benchmarks;

/// <summary>Turnbull's estimate and the generalised log-rank test on interval-censored rows shaped like PFS assessments:
/// 10³–10⁵ rows whose ends fall on 10³ distinct visit times (issue 31's target: under a second). The rows are a deterministic
/// low-discrepancy sequence, so <c>benchmarks/compare/turnbull.R</c> builds the same rows for R's <c>survfit</c>.</summary>
[MemoryDiagnoser]
public class IntervalCensoringBenchmarks
{
    /// <summary>The sizes: 10³ and 10⁵, or only 10³ when <c>SURVIVAL_BENCH_SMOKE=1</c> (CI's smoke run).</summary>
    public static IEnumerable<int> Sizes => Environment.GetEnvironmentVariable("SURVIVAL_BENCH_SMOKE") == "1" ? [1_000] : [1_000, 10_000, 100_000];

    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    private SurvivalData _data = null!;

    [GlobalSetup]
    public void Setup() => _data = Rows(N);

    /// <summary>Row i: event time T = −20 log(1 − u_i), u_i = frac(0.618… i); visits at k + o_i for k = 1…100 with the
    /// offset o_i = ⌊10 frac(0.754… i)⌋/10 (so 10³ distinct ends); the event lies between the last visit before T and the
    /// first at or after it (left-censored before the first visit, right-censored after the last); every tenth row has its
    /// time seen exactly, rounded to 0.1; two groups by parity.</summary>
    public static SurvivalData Rows(int n)
    {
        var left = new double[n];
        var right = new double[n];
        var group = new string[n];
        for (int i = 1; i <= n; i++)
        {
            double a = i * 0.6180339887498949, b = i * 0.7548776662466927;
            double u = a - Math.Floor(a), v = b - Math.Floor(b);
            double t = -20 * Math.Log(1 - u), offset = Math.Floor(v * 10) / 10;
            int r = i - 1;
            group[r] = i % 2 == 0 ? "B" : "A";
            if (i % 10 == 0) { left[r] = right[r] = Math.Max(0.1, Math.Round(t * 10) / 10); continue; }
            double k = Math.Ceiling(t - offset); // first visit k + offset ≥ t
            if (k < 1) { left[r] = double.NaN; right[r] = 1 + offset; }
            else if (k > 100) { left[r] = 100 + offset; right[r] = double.PositiveInfinity; }
            else { left[r] = k == 1 ? double.NaN : k - 1 + offset; right[r] = k + offset; }
        }
        return SurvivalData.FromIntervals(left, right, group: group);
    }

    /// <summary>One curve per group at R's default tolerance.</summary>
    [Benchmark(Baseline = true)]
    public TurnbullResult Turnbull() => IntervalCensoring.Turnbull.Fit(_data);

    /// <summary>The generalised log-rank test (the pooled estimate to 1e-9, Sun's scores).</summary>
    [Benchmark]
    public IntervalLogRankResult GeneralisedLogRank() => IntervalLogRank.Compute(_data);
}
