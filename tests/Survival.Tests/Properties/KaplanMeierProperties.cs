using FsCheck;
using FsCheck.Xunit;
using Survival.Comparison;
using Survival.Estimation;

namespace Survival.Tests.Properties;

/// <summary>Properties of the Kaplan–Meier estimator and the log-rank test that hold for any data.</summary>
public class KaplanMeierProperties
{
    /// <summary>Turns arbitrary integers into a small data set: times in (0, 50], events from parity, two groups.</summary>
    private static SurvivalData? Build(int[] raw, bool groups = false)
    {
        if (raw is null || raw.Length == 0) return null;
        var time = raw.Select(x => 1 + Math.Abs(x % 50) / 2.0).ToArray();
        var status = raw.Select(x => (x & 1) == 0).ToArray();
        var group = groups ? raw.Select((x, i) => i % 2 == 0 ? "a" : "b").ToArray() : null;
        return SurvivalData.Create(time, status, group: group);
    }

    [Property(MaxTest = 200)]
    public bool Survival_is_monotone_and_in_unit_interval(int[] raw)
    {
        var data = Build(raw);
        if (data is null) return true;
        var steps = KaplanMeier.Fit(data).Curves[0].Steps;
        double previous = 1;
        foreach (var s in steps)
        {
            if (s.Survival > previous || s.Survival < 0 || s.Survival > 1) return false;
            if (s.Lower is double lo && (lo < 0 || lo > s.Survival + 1e-12)) return false;
            if (s.Upper is double hi && (hi > 1 || hi < s.Survival - 1e-12)) return false;
            previous = s.Survival;
        }
        return true;
    }

    [Property(MaxTest = 200)]
    public bool Invariant_to_row_order(int[] raw, int seed)
    {
        var data = Build(raw);
        if (data is null) return true;
        var order = Enumerable.Range(0, data.Count).OrderBy(i => new Random(seed + i).Next()).ToArray();
        var shuffled = SurvivalData.Create(order.Select(i => data.Time[i]).ToArray(), order.Select(i => data.Event[i]).ToArray());
        var a = KaplanMeier.Fit(data).Curves[0].Steps;
        var b = KaplanMeier.Fit(shuffled).Curves[0].Steps;
        return a.SequenceEqual(b);
    }

    [Property(MaxTest = 200)]
    public bool Scaling_time_scales_the_curve(int[] raw, PositiveInt factor)
    {
        var data = Build(raw);
        if (data is null) return true;
        double k = factor.Get;
        var scaled = SurvivalData.Create(data.Time.ToArray().Select(t => t * k).ToArray(), data.Event);
        var a = KaplanMeier.Fit(data).Curves[0];
        var b = KaplanMeier.Fit(scaled).Curves[0];
        return a.Steps.Count == b.Steps.Count
            && a.Steps.Zip(b.Steps).All(p => Math.Abs(p.First.Time * k - p.Second.Time) < 1e-9 && p.First.Survival == p.Second.Survival)
            && (a.Median.Estimate is null ? b.Median.Estimate is null : Math.Abs(a.Median.Estimate.Value * k - b.Median.Estimate!.Value) < 1e-9);
    }

    [Property(MaxTest = 200)]
    public bool Without_censoring_survival_is_one_minus_the_ecdf(int[] raw)
    {
        if (raw is null || raw.Length == 0) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 30)).Select(x => (double)x).ToArray();
        var data = SurvivalData.Create(time, time.Select(_ => true).ToArray());
        var curve = KaplanMeier.Fit(data).Curves[0];
        return curve.Steps.All(s => Math.Abs(s.Survival - (1 - time.Count(t => t <= s.Time) / (double)time.Length)) < 1e-12);
    }

    [Property(MaxTest = 200)]
    public bool Nelson_Aalen_is_at_least_minus_log_km(int[] raw)
    {
        var data = Build(raw);
        if (data is null) return true;
        return KaplanMeier.Fit(data).Curves[0].Steps.Where(s => s.Survival > 0)
            .All(s => s.CumulativeHazard <= -Math.Log(s.Survival) + 1e-12);
    }

    [Property(MaxTest = 100)]
    public bool Counts_path_equals_row_path(int[] raw)
    {
        var data = Build(raw, groups: true);
        if (data is null) return true;
        var counts = SurvivalCounts.FromData(data);
        var again = SurvivalCounts.Create(counts.Time, counts.Events, counts.Censored,
            group: Factor.FromCodes(counts.Group, counts.GroupLevels));
        var a = KaplanMeier.Fit(data).Curves;
        var b = KaplanMeier.Fit(again).Curves;
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Steps.SequenceEqual(p.Second.Steps));
    }

    [Property(MaxTest = 100)]
    public bool Log_rank_on_counts_equals_log_rank_on_rows(int[] raw)
    {
        var data = Build(raw, groups: true);
        if (data is null || data.Group!.Levels.Count < 2) return true;
        var counts = SurvivalCounts.FromData(data);
        var again = SurvivalCounts.Create(counts.Time, counts.Events, counts.Censored, group: Factor.FromCodes(counts.Group, counts.GroupLevels));
        var a = LogRankTest.Compute(data);
        var b = LogRankTest.Compute(again);
        return a.ChiSquare.Equals(b.ChiSquare) && a.Groups.SequenceEqual(b.Groups);
    }

    [Property(MaxTest = 100)]
    public bool Log_rank_is_invariant_to_group_relabelling(int[] raw)
    {
        var data = Build(raw, groups: true);
        if (data is null || data.Group!.Levels.Count < 2) return true;
        var relabelled = SurvivalData.Create(data.Time, data.Event,
            group: Enumerable.Range(0, data.Count).Select(i => data.Group[i] == "a" ? "z" : "y").ToArray());
        var a = LogRankTest.Compute(data);
        var b = LogRankTest.Compute(relabelled);
        return Math.Abs(a.ChiSquare - b.ChiSquare) < 1e-9 * Math.Max(1, a.ChiSquare) && a.DegreesOfFreedom == b.DegreesOfFreedom;
    }
}
