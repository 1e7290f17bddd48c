using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Survival.Comparison;
using Survival.Estimation;
using Xunit;

namespace Survival.Tests.Properties;

/// <summary>The radix/counting reduction (<see cref="SurvivalCounts.FromData"/>) against the plain comparison-sort
/// reduction kept as an oracle: the same cells, bit for bit when the weights are whole numbers.</summary>
public class CountingReductionProperties
{
    private static SurvivalData Random(int seed, int n, bool entry, bool weights, int groups, int strata, bool wideRange)
    {
        var rng = new Random(seed);
        var time = new double[n];
        var status = new bool[n];
        double[]? start = entry ? new double[n] : null;
        double[]? weight = weights ? new double[n] : null;
        var group = new string[n];
        var stratum = new string[n];
        for (int i = 0; i < n; i++)
        {
            // Heavy ties (a coarse grid), zero times, and optionally values spanning many binary exponents.
            time[i] = wideRange ? Math.Round(Math.Exp(rng.NextDouble() * 40 - 20), 3) : rng.Next(0, 12) * 0.5;
            status[i] = rng.Next(3) > 0;
            if (start is not null) { start[i] = time[i] - 0.25 - rng.Next(0, 6) * 0.5; if (rng.Next(4) == 0) start[i] = -start[i] - 1; if (start[i] >= time[i]) start[i] = time[i] - 1; }
            if (weight is not null) weight[i] = rng.Next(3) == 0 ? rng.NextDouble() * 3 : rng.Next(1, 4);
            group[i] = "g" + rng.Next(groups);
            stratum[i] = "s" + rng.Next(strata);
        }
        return SurvivalData.Create(time, status, start, weight, groups > 1 ? group : null, strata > 1 ? stratum : null);
    }

    private static bool Same(SurvivalCounts a, SurvivalCounts b, double tolerance)
    {
        if (a.CellCount != b.CellCount || a.HasEntry != b.HasEntry) return false;
        if (!a.Time.SequenceEqual(b.Time) || !a.Group.SequenceEqual(b.Group) || !a.Stratum.SequenceEqual(b.Stratum) || !a.Subjects.SequenceEqual(b.Subjects))
            return false;
        static bool Close(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double tol)
        {
            for (int i = 0; i < x.Length; i++) if (Math.Abs(x[i] - y[i]) > tol * Math.Max(1, Math.Abs(x[i]))) return false;
            return true;
        }
        return Close(a.Events, b.Events, tolerance) && Close(a.Censored, b.Censored, tolerance) && Close(a.Entered, b.Entered, tolerance);
    }

    [Property(MaxTest = 200)]
    public Property Radix_reduction_equals_the_comparison_sort_reduction(PositiveInt size, int seed, bool entry, bool weights, byte groups, byte strata, bool wide)
    {
        var data = Random(seed, 1 + size.Get % 400, entry, weights, 1 + groups % 4, 1 + strata % 3, wide);
        // Whole-number weights sum exactly in any order; fractional ones may differ in the last bits by summation order.
        var reference = SurvivalCounts.FromDataReference(data);
        var radix = RowReduction.ByRadixSort(data);
        var hashed = RowReduction.ByHashing(data, int.MaxValue)!;
        // Split among threads: unweighted counts are whole numbers and add exactly in any order (weighted rows are never split).
        var split = RowReduction.ByHashing(data, int.MaxValue, parts: 3)!;
        // The fast paths sum in the same (row) order: bit-identical to each other in every case.
        return (Same(radix, reference, weights ? 1e-12 : 0) && Same(hashed, radix, 0) && Same(split, radix, 0)
            && Same(SurvivalCounts.FromData(data), radix, 0)).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Near_tie_rule_on_counts_equals_mapping_the_rows(PositiveInt size, int seed, bool entry, byte groups, byte strata)
    {
        // Times on a grid plus tiny perturbations (as 0.1 + 0.2 against 0.3), so that many cells merge.
        var rng = new Random(seed);
        int n = 1 + size.Get % 300;
        var time = new double[n];
        for (int i = 0; i < n; i++) time[i] = rng.Next(1, 15) * 0.1 + (rng.Next(3) - 1) * 1e-10 * (1 + rng.Next(5));
        var status = Enumerable.Range(0, n).Select(_ => rng.Next(3) > 0).ToArray();
        double[]? start = entry ? time.Select(t => t - 1.05).ToArray() : null;
        var g = Enumerable.Range(0, n).Select(_ => "g" + rng.Next(1 + groups % 3)).ToArray();
        var k = Enumerable.Range(0, n).Select(_ => "s" + rng.Next(1 + strata % 3)).ToArray();
        var data = SurvivalData.Create(time, status, start, null, g, k);
        var counts = SurvivalCounts.FromData(data);
        var fixedCounts = TimeFix.Apply(counts);
        // Reference: map every cell's time by binary search and let Create merge (a comparison sort).
        var all = counts.Time.ToArray();
        Array.Sort(all);
        var cuts = TimeFix.Cuts(all.Distinct().ToArray());
        if (cuts is null) return ReferenceEquals(fixedCounts, counts).ToProperty();
        var mapped = counts.Time.ToArray().Select(t => TimeFix.Map(cuts, t)).ToArray();
        var reference = SurvivalCounts.Create(mapped, counts.Events, counts.Censored, counts.Entered.ToArray(),
            Factor.FromCodes(counts.Group.ToArray(), counts.GroupLevels.Count > 0 ? [.. counts.GroupLevels] : ["1"]),
            Factor.FromCodes(counts.Stratum.ToArray(), counts.StratumLevels.Count > 0 ? [.. counts.StratumLevels] : ["1"]),
            counts.Subjects.ToArray());
        return (fixedCounts.CellCount == reference.CellCount && fixedCounts.Time.SequenceEqual(reference.Time)
            && fixedCounts.Group.SequenceEqual(reference.Group) && fixedCounts.Stratum.SequenceEqual(reference.Stratum)
            && fixedCounts.Events.SequenceEqual(reference.Events) && fixedCounts.Censored.SequenceEqual(reference.Censored)
            && fixedCounts.Entered.SequenceEqual(reference.Entered) && fixedCounts.Subjects.SequenceEqual(reference.Subjects)).ToProperty();
    }

    [Theory]
    [InlineData(false, false, 1, 1)]
    [InlineData(true, true, 3, 2)]
    public void Estimates_from_both_reductions_are_identical_on_large_data(bool entry, bool weights, int groups, int strata)
    {
        var data = Random(20261124, 200_000, entry, weights, groups, strata, false);
        var fast = SurvivalCounts.FromData(data);
        var plain = SurvivalCounts.FromDataReference(data);
        Assert.True(Same(fast, plain, weights ? 1e-12 : 0));
        Assert.True(Same(RowReduction.ByRadixSort(data), fast, 0));
        Assert.Null(RowReduction.ByHashing(data, 10)); // over its limit: the caller falls back to the radix path
        if (!weights)
        {
            var a = KaplanMeier.Fit(fast).Curves.SelectMany(c => c.Steps).ToArray();
            var b = KaplanMeier.Fit(plain).Curves.SelectMany(c => c.Steps).ToArray();
            Assert.Equal(b, a);
            if (groups > 1) Assert.Equal(LogRankTest.Compute(plain).ChiSquare, LogRankTest.Compute(fast).ChiSquare);
        }
    }

    [Fact]
    public void Keys_order_doubles_as_numbers()
    {
        double[] values = [double.MinValue, -1e300, -2.5, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1e-300, 0.5, 1, 2.5, 1e300, double.MaxValue];
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] == values[i - 1]) Assert.Equal(RadixSort.Key(values[i - 1]), RadixSort.Key(values[i]));
            else Assert.True(RadixSort.Key(values[i - 1]) < RadixSort.Key(values[i]), $"{values[i - 1]} vs {values[i]}");
            Assert.Equal(values[i] == 0 ? 0.0 : values[i], RadixSort.Value(RadixSort.Key(values[i])));
        }
        var rng = new Random(5);
        var keys = Enumerable.Range(0, 5000).Select(_ => RadixSort.Key((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30)))).ToArray();
        var payload = Enumerable.Range(0, keys.Length).ToArray();
        var sorted = (ulong[])keys.Clone();
        var moved = payload;
        var weights = payload.Select(p => (double)p).ToArray();
        RadixSort.Sort(sorted, moved, weights, 0, keys.Length, new ulong[keys.Length], new int[keys.Length], new double[keys.Length]);
        Assert.Equal(moved.Select(p => (double)p), weights);
        Assert.Equal(keys.OrderBy(k => k).ToArray(), sorted);
        for (int i = 0; i < moved.Length; i++) Assert.Equal(keys[moved[i]], sorted[i]);
        for (int i = 1; i < moved.Length; i++) if (sorted[i] == sorted[i - 1]) Assert.True(moved[i] > moved[i - 1]); // stable
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(0)]
    public void Sort_on_several_threads_gives_the_one_thread_order(int threads)
    {
        // Above the parallel threshold, inside a larger array (the range a stratum occupies), with many ties (stability
        // is visible) and weights moving along: the same arrays as on one thread, bit for bit, and a stable order.
        int offset = 1000, length = RadixSort.ParallelThreshold + 12345, total = offset + length + 777;
        var rng = new Random(11);
        var keys = new ulong[total];
        for (int i = 0; i < total; i++) keys[i] = RadixSort.Key(Math.Round(-50 * Math.Log(1 - rng.NextDouble()), 1));
        var payload = Enumerable.Range(0, total).ToArray();
        var weights = payload.Select(p => p + 0.5).ToArray();
        var (k1, p1, w1) = ((ulong[])keys.Clone(), (int[])payload.Clone(), (double[])weights.Clone());
        var (k2, p2, w2) = ((ulong[])keys.Clone(), (int[])payload.Clone(), (double[])weights.Clone());
        RadixSort.Sort(k1, p1, w1, offset, length, new ulong[total], new int[total], new double[total], maxThreads: 1);
        RadixSort.Sort(k2, p2, w2, offset, length, new ulong[total], new int[total], new double[total], maxThreads: threads);
        Assert.Equal(k1, k2);
        Assert.Equal(p1, p2);
        Assert.Equal(w1, w2);
        Assert.Equal(keys[..offset], k2[..offset]); // outside the range: untouched
        Assert.Equal(keys[(offset + length)..], k2[(offset + length)..]);
        for (int i = offset + 1; i < offset + length; i++)
        {
            Assert.True(k2[i - 1] <= k2[i]);
            if (k2[i - 1] == k2[i]) Assert.True(p2[i - 1] < p2[i]);
            Assert.Equal(keys[p2[i]], k2[i]);
        }
    }
}
