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

    private sealed record Patient(string Id, double Months, bool Progressed, string? Arm, double Weight = 1);

    [Fact]
    public void From_reads_domain_objects_in_one_pass_as_Create_reads_columns()
    {
        Patient[] patients = [new("a", 3, true, "x"), new("b", 5, false, "y"), new("c", 2, true, "x")];
        var data = SurvivalData.From(patients, p => p.Months, p => p.Progressed, group: p => p.Arm!);
        var columns = SurvivalData.Create([3.0, 5, 2], [true, false, true], group: ["x", "y", "x"]);
        Assert.Equal(columns.Time.ToArray(), data.Time.ToArray());
        Assert.Equal(columns.Event.ToArray(), data.Event.ToArray());
        Assert.Equal(columns.Group!.Levels, data.Group!.Levels);
        Assert.Equal(columns.Group.Codes.ToArray(), data.Group.Codes.ToArray());
        Assert.Same(OmittedRows.None, data.Omitted);
        int enumerations = 0;
        IEnumerable<Patient> Once() { enumerations++; foreach (var p in patients) yield return p; }
        SurvivalData.From(Once(), p => p.Months, p => p.Progressed, weight: p => p.Weight);
        Assert.Equal(1, enumerations);
    }

    [Fact]
    public void From_leaves_out_a_NaN_or_null_value_and_reports_its_one_based_position()
    {
        Patient[] patients = [new("a", 3, true, "x"), new("b", double.NaN, false, "y"), new("c", 2, true, null), new("d", 4, false, "y", double.NaN), new("e", 1, true, "x")];
        var data = SurvivalData.From(patients, p => p.Months, p => p.Progressed, group: p => p.Arm!, weight: p => p.Weight);
        Assert.Equal([3.0, 1], data.Time.ToArray());
        Assert.Equal(3, data.Omitted.Count);
        Assert.Equal([2L, 3, 4], data.Omitted.Positions);
        Assert.Equal("3 observations deleted due to missingness", data.Omitted.ToString());
        var ex = Assert.Throws<SurvivalInputException>(() =>
            SurvivalData.From(patients, p => p.Months, p => p.Progressed, group: p => p.Arm!, missing: MissingValuePolicy.Fail));
        Assert.Equal((2L, "time"), (ex.Row, ex.Column));
    }

    [Fact]
    public void From_names_the_one_based_position_of_an_invalid_row_counting_omitted_rows()
    {
        Patient[] patients = [new("a", 3, true, "x"), new("b", double.NaN, false, "y"), new("c", -2, true, "x")];
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalData.From(patients, p => p.Months, p => p.Progressed));
        Assert.Equal((3L, "time", "-2"), (ex.Row, ex.Column, ex.Value));
        Assert.Contains("row 3", ex.Message);
    }

    [Fact]
    public void Infinity_is_not_missing_but_invalid()
    {
        Patient[] patients = [new("a", double.PositiveInfinity, true, "x"), new("b", 1, false, "y")];
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalData.From(patients, p => p.Months, p => p.Progressed));
        Assert.Equal(1L, ex.Row);
    }
}
