using Xunit;

namespace Survival.Tests.Data;

public class SurvivalDataTests
{
    [Fact]
    public void Create_copies_and_keeps_columns()
    {
        double[] time = [3, 1, 2];
        bool[] status = [true, false, true];
        var data = SurvivalData.Create(time, status, group: ["b", "a", "b"]);
        time[0] = 99;
        Assert.Equal(3, data.Count);
        Assert.Equal(3.0, data.Time[0]);
        Assert.Equal(["a", "b"], data.Group!.Levels);
        Assert.Equal("b", data.Group[0]);
    }

    [Theory]
    [InlineData(double.NaN, "time must be a finite number", "row 2")]
    [InlineData(double.PositiveInfinity, "time must be a finite number", "row 2")]
    [InlineData(-1.0, "time must be ≥ 0", "value '-1'")]
    public void Create_rejects_bad_times_naming_row_and_value(double bad, string reason, string where)
    {
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0, bad], [true, true]));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(2, ex.Row);
        Assert.Equal("time", ex.Column);
        Assert.Contains(where, ex.Message);
    }

    [Fact]
    public void Create_rejects_entry_not_before_exit()
    {
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0, 2.0], [true, true], entry: [0.0, 2.0]));
        Assert.Equal(2, ex.Row);
        Assert.Equal("entry", ex.Column);
    }

    [Fact]
    public void Create_rejects_negative_weight_and_length_mismatch()
    {
        Assert.Equal("weight", Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0], [true], weight: [-0.5])).Column);
        Assert.Equal("event", Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0, 2.0], [true])).Column);
        Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([], []));
    }

    [Fact]
    public void Numeric_group_labels_sort_numerically_as_R_factor_of_a_numeric_column()
    {
        var data = SurvivalData.Create([1.0, 2, 3], [true, true, true], group: ["10", "9", "1"]);
        Assert.Equal(["1", "9", "10"], data.Group!.Levels);
    }

    [Fact]
    public void Counts_sum_ties_and_keep_entries_separate()
    {
        var data = SurvivalData.Create([2.0, 2, 5, 3], [true, false, true, true], entry: [0.0, 0, 1, 2], weight: [1.0, 2, 1, 3]);
        var counts = SurvivalCounts.FromData(data);
        Assert.Equal([0.0, 1, 2, 3, 5], counts.Time.ToArray());
        Assert.Equal([0.0, 0, 1, 3, 1], counts.Events.ToArray());
        Assert.Equal([0.0, 0, 2, 0, 0], counts.Censored.ToArray());
        Assert.Equal([3.0, 1, 3, 0, 0], counts.Entered.ToArray());
        Assert.Equal([0.0, 0, 2, 1, 1], counts.Subjects.ToArray());
    }
}

public class SurvivalCountsTests
{
    [Fact]
    public void Create_sums_repeated_cells_and_validates()
    {
        var counts = SurvivalCounts.Create([2.0, 1, 2], [1.0, 0, 2], [0.0, 3, 1]);
        Assert.Equal([1.0, 2], counts.Time.ToArray());
        Assert.Equal([0.0, 3], counts.Events.ToArray());
        Assert.Equal([3.0, 1], counts.Censored.ToArray());
        Assert.Equal([3.0, 4], counts.Subjects.ToArray());
        Assert.Equal("events", Assert.Throws<SurvivalInputException>(() => SurvivalCounts.Create([1.0], [-1.0], [0.0])).Column);
        Assert.Equal("time", Assert.Throws<SurvivalInputException>(() => SurvivalCounts.Create([double.NaN], [1.0], [0.0])).Column);
        Assert.Throws<SurvivalInputException>(() => SurvivalCounts.Create([1.0, 2], [1.0], [0.0, 1]));
    }

    [Fact]
    public void Aggregated_counts_give_the_row_level_curve()
    {
        // 3 events and 1 censoring at t=2, 2 events at t=5 (rows) versus the same as counts.
        var rows = SurvivalData.Create([2.0, 2, 2, 2, 5, 5], [true, true, true, false, true, true]);
        var counts = SurvivalCounts.Create([2.0, 5], [3.0, 2], [1.0, 0]);
        Assert.Equal(Survival.Estimation.KaplanMeier.Fit(rows).Curves[0].Steps, Survival.Estimation.KaplanMeier.Fit(counts).Curves[0].Steps);
    }
}
