using Survival.Estimation;
using Survival.IntervalCensoring;
using Xunit;

namespace Survival.Tests.IntervalCensoring;

/// <summary>Hand-worked Turnbull cases and the data rules of interval-censored rows.</summary>
public class TurnbullTests
{
    [Fact]
    public void Two_overlapping_intervals_put_all_mass_in_their_intersection()
    {
        // (0, 2] and (1, 3] meet in (1, 2]: the NPMLE puts everything there (R draws it at the midpoint 1.5).
        var fit = Turnbull.Fit(SurvivalData.FromIntervals([0.0, 1], [2.0, 3])).Curves[0];
        var only = Assert.Single(fit.Intervals);
        Assert.Equal((1.0, 2.0, 1.5, 1.0), (only.Lower, only.Upper, only.Time, only.Probability));
        Assert.Equal(1, fit.Estimate.SurvivalProbability(1.4));
        Assert.Equal(0, fit.Estimate.SurvivalProbability(1.5), 12);
    }

    [Fact]
    public void Disjoint_intervals_and_an_exact_time_share_the_mass_equally()
    {
        var fit = Turnbull.Fit(SurvivalData.FromIntervals([0.0, 2, 1.5], [1.0, 3, 1.5]), new TurnbullOptions { Tolerance = 1e-12 }).Curves[0];
        Assert.Equal(3, fit.Intervals.Count);
        foreach (var i in fit.Intervals) Assert.Equal(1.0 / 3, i.Probability, 9);
        Assert.Equal([(0.0, 1.0), (1.5, 1.5), (2.0, 3.0)], fit.Intervals.Select(i => (i.Lower, i.Upper)));
        Assert.True(fit.Converged);
    }

    [Fact]
    public void A_left_censored_time_before_all_support_is_an_exact_time_as_in_R()
    {
        // Left-censored at 0.5 (left end missing) before the only interval (2, 4]: R makes it an exact time at 0.5 and
        // reports its event as 0 (the curve still drops there).
        var fit = Turnbull.Fit(SurvivalData.FromIntervals([double.NaN, 2], [0.5, 4])).Curves[0];
        Assert.Equal(0.5, fit.Intervals[0].Time);
        Assert.Equal(0.5, fit.Intervals[0].Probability, 9);
        var first = fit.Estimate.Steps[0];
        Assert.Equal((0.5, 0.0), (first.Time, first.Events));
        Assert.Equal(0.5, first.Survival, 9);
    }

    [Fact]
    public void Interval_rows_are_validated_with_the_row_named()
    {
        var bad = Assert.Throws<SurvivalInputException>(() => SurvivalData.FromIntervals([1.0, 5], [2.0, 4]));
        Assert.Equal(2, bad.Row);
        Assert.Contains("before the left end", bad.Message);
        Assert.Equal(1, Assert.Throws<SurvivalInputException>(() => SurvivalData.FromIntervals([-1.0, 5], [2.0, 6])).Row);
        Assert.Equal(2, Assert.Throws<SurvivalInputException>(() => SurvivalData.FromIntervals([1.0, double.NaN], [2.0, double.NaN])).Row);
        var kinds = SurvivalData.FromIntervals([double.NaN, 1, 2, 0, 3], [2.0, double.PositiveInfinity, 2, 4, double.NaN]).Kinds.ToArray();
        Assert.Equal([IntervalKind.LeftCensored, IntervalKind.RightCensored, IntervalKind.Exact, IntervalKind.Interval, IntervalKind.RightCensored], kinds);
    }

    [Fact]
    public void Estimators_for_exact_times_refuse_interval_rows_and_name_the_one_to_use()
    {
        var data = SurvivalData.FromIntervals([0.0, 1, 2], [2.0, 3, 4], group: ["a", "b", "a"]);
        Assert.Contains("Turnbull", Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(data)).Message);
        Assert.Contains("IntervalLogRank", Assert.Throws<SurvivalInputException>(() => Survival.Comparison.LogRankTest.Compute(data)).Message);
    }

    [Fact]
    public void Running_out_of_iterations_is_reported_not_hidden()
    {
        var data = SurvivalData.FromIntervals([0.0, 1, 2, 0, 3, 1], [2.0, 3, 4, 5, 6, 4]);
        var fit = Turnbull.Fit(data, new TurnbullOptions { MaxIterations = 1 });
        Assert.False(fit.Converged);
        Assert.Equal(FitWarningKind.NotConverged, Assert.Single(fit.Warnings).Kind);
    }
}

/// <summary>Interval rows from an application's objects.</summary>
public class IntervalRowsFromObjectsTests
{
    private sealed record Visit(string Arm, double LastWithout, double FirstWith);

    [Fact]
    public void Objects_give_the_same_rows_as_arrays_and_omit_a_row_missing_both_ends()
    {
        Visit[] visits = [new("A", 0, 3), new("A", double.NaN, 2), new("B", double.NaN, double.NaN), new("B", 4, double.PositiveInfinity), new("B", 5, 5)];
        var data = SurvivalData.FromIntervals(visits, v => v.LastWithout, v => v.FirstWith, group: v => v.Arm);
        Assert.Equal(4, data.Count);
        Assert.Equal([3L], data.Omitted.Positions);
        var arrays = SurvivalData.FromIntervals([0.0, double.NaN, 4, 5], [3.0, 2, double.PositiveInfinity, 5], group: ["A", "A", "B", "B"]);
        Assert.Equal(arrays.Kinds.ToArray(), data.Kinds.ToArray());
        Assert.Equal(Turnbull.Fit(arrays).Curves.Select(c => c.Estimate.Median), Turnbull.Fit(data).Curves.Select(c => c.Estimate.Median));
        Assert.Equal(3, Assert.Throws<SurvivalInputException>(() =>
            SurvivalData.FromIntervals(visits, v => v.LastWithout, v => v.FirstWith, missing: MissingValuePolicy.Fail)).Row);
        // A bad row is named by its position among the objects, counting the omitted one.
        Visit[] bad = [new("A", 0, 3), new("B", double.NaN, double.NaN), new("A", 4, 2)];
        Assert.Equal(3, Assert.Throws<SurvivalInputException>(() => SurvivalData.FromIntervals(bad, v => v.LastWithout, v => v.FirstWith)).Row);
    }
}
