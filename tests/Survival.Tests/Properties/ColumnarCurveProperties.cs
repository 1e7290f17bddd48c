using Xunit;
using FsCheck.Xunit;
using Survival.Estimation;

namespace Survival.Tests.Properties;

/// <summary>Issue 20: curves are stored as columns and quantiles read straight off them; both must equal the plain forms
/// bit for bit.</summary>
public class ColumnarCurveProperties
{
    /// <summary>The one-pass quantile over stored columns equals the list form (R's quantile.survfit as written), on
    /// arbitrary curves: monotone or not, with repeated values, undefined (null) stretches and values at exactly p.</summary>
    [Property(MaxTest = 500)]
    public bool Column_quantile_equals_the_list_form(byte[] raw, byte pick)
    {
        if (raw is null) return true;
        var times = raw.Select((_, i) => 0.5 + i).ToArray();
        // Values on a grid of 1/8 so that repeats and exact hits of p occur; one byte in eleven stands for an undefined value.
        var values = raw.Select(b => b % 11 == 10 ? (double?)null : 1 - (b % 9) / 8.0).ToArray();
        var stored = values.Select(StepColumns.Store).ToArray();
        foreach (double p in new[] { 0.5, (pick % 9) / 8.0, 0.25, 1, 0.3 })
        {
            var expected = QuantileRule.Find(times, values, p);
            var actual = QuantileRule.Find(times.AsSpan(), stored, p);
            if (!Equals(expected, actual)) return false;
        }
        return true;
    }

    /// <summary>Steps read back from columns are the steps written, null limits and standard errors included.</summary>
    [Property(MaxTest = 200)]
    public bool Columns_give_back_the_steps_written(int[] raw)
    {
        if (raw is null || raw.Length < 2) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 37)).Select(x => (double)x).ToArray();
        var status = raw.Select(x => (x & 1) == 0).ToArray();
        var fit = KaplanMeier.Fit(SurvivalData.Create(time, status), new KaplanMeierOptions { Transform = ConfidenceIntervalTransform.LogLog });
        foreach (var curve in fit.Curves)
        {
            var steps = curve.Steps.ToArray();
            var copy = new StepColumns(steps);
            for (int i = 0; i < steps.Length; i++)
                if (!copy[i].Equals(steps[i])) return false;
        }
        return true;
    }

    private static readonly KaplanMeierOptions Greenwood = new() { Variance = KaplanMeierVariance.Greenwood };

    /// <summary>R's near-tie rule applied on the radix-sorted keys as the cells are formed equals reducing first and
    /// applying the rule to the cells, bit for bit: near ties (k/10 computed two ways), groups, weights, delayed entry.</summary>
    [Property(MaxTest = 300)]
    public bool Near_tie_rule_on_sorted_keys_equals_the_rule_on_cells(int[] raw, bool weighted, bool entry, byte groups)
    {
        if (raw is null || raw.Length < 2) return true;
        int g = 1 + groups % 3;
        // 0.1·k and k/10 differ in the last bit for some k: the near ties R's timefix merges.
        var time = raw.Select((x, i) => (i % 2 == 0 ? 0.1 * (1 + Math.Abs(x % 40)) : (1 + Math.Abs(x % 40)) / 10.0) + (x % 7 == 0 ? 1e-9 : 0)).ToArray();
        var status = raw.Select(x => (x & 1) == 0).ToArray();
        var data = SurvivalData.Create(time, status,
            entry: entry ? time.Select((t, i) => i % 3 == 0 ? t / 2 : 0).ToArray() : null,
            weight: weighted ? raw.Select(x => 0.25 + Math.Abs(x % 5) * 0.7).ToArray() : null,
            group: raw.Select(x => "g" + Math.Abs(x % g)).ToArray());
        var expected = TimeFix.Apply(RowReduction.ByRadixSort(data));
        var actual = RowReduction.ByRadixSort(data, timeFix: true);
        return actual.TimeFixed
            && expected.Time.SequenceEqual(actual.Time) && expected.Group.SequenceEqual(actual.Group)
            && expected.Events.SequenceEqual(actual.Events) && expected.Censored.SequenceEqual(actual.Censored)
            && expected.Entered.SequenceEqual(actual.Entered) && expected.Subjects.SequenceEqual(actual.Subjects)
            && KaplanMeier.Fit(data, Greenwood).Curves.SelectMany(c => c.Steps)
                .SequenceEqual(KaplanMeier.Fit(TimeFix.Apply(SurvivalCounts.FromData(data)), Greenwood).Curves.SelectMany(c => c.Steps));
    }

    /// <summary>Above the parallel threshold the near-tie rule forms its clusters in chunks, one a thread: the same
    /// counts, bit for bit, on one thread, on several, and by reducing first and applying the rule to the cells.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Near_tie_rule_in_chunks_equals_the_rule_on_one_thread(bool entry)
    {
        int n = entry ? RadixSort.ParallelThreshold / 2 + 5000 : RadixSort.ParallelThreshold + 5000;
        var rng = new Random(3);
        // Continuous times (near ties occur between neighbours closer than R's tolerance), every tenth nudged onto a
        // neighbour's near tie; two groups; fractional weights, so the order of every sum shows.
        var time = new double[n];
        for (int i = 0; i < n; i++) time[i] = i % 10 == 0 && i > 0 ? time[i - 1] * (1 + 1e-12) : -50 * Math.Log(1 - rng.NextDouble());
        var data = SurvivalData.Create(time, time.Select((_, i) => rng.Next(10) < 6).ToArray(),
            entry: entry ? time.Select((t, i) => i % 3 == 0 ? t / 2 : 0).ToArray() : null,
            weight: time.Select(_ => 0.25 + rng.Next(5) * 0.7).ToArray(),
            group: time.Select(_ => rng.Next(2) == 0 ? "a" : "b").ToArray());
        var expected = TimeFix.Apply(RowReduction.ByRadixSort(data, maxThreads: 1));
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var actual = RowReduction.ByRadixSort(data, timeFix: true, maxThreads: threads);
            Assert.True(actual.TimeFixed);
            Assert.True(actual.CellCount < data.Count * (entry ? 2 : 1), "some times should be merged");
            Assert.Equal(expected.Time, actual.Time);
            Assert.Equal(expected.Group, actual.Group);
            Assert.Equal(expected.Events, actual.Events);
            Assert.Equal(expected.Censored, actual.Censored);
            Assert.Equal(expected.Entered, actual.Entered);
            Assert.Equal(expected.Subjects, actual.Subjects);
        }
    }
}
