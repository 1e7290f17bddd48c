using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Survival.Comparison;
using Survival.Csv;
using Survival.Estimation;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.DuckDb.Tests;

public sealed class DuckDbCountsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("survival-duckdb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes rows as CSV and converts them to Parquet with DuckDB; returns both paths.</summary>
    private (string Csv, string Parquet) Write(string name, string header, IEnumerable<string> rows)
    {
        string csv = Path.Combine(_dir, name + ".csv"), parquet = Path.Combine(_dir, name + ".parquet");
        File.WriteAllText(csv, header + "\n" + string.Join("\n", rows) + "\n");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', header = true)) TO '{parquet}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return (csv, parquet);
    }

    private static IEnumerable<string> RandomRows(int seed, int n, bool entry, bool weights, bool fractional)
    {
        var rng = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            double time = rng.Next(0, 40) * 0.25; // heavy ties, zeros included
            double start = time - 0.5 - rng.Next(0, 8) * 0.25;
            double w = fractional ? Math.Round(rng.NextDouble() * 3, 6) : rng.Next(0, 4);
            var fields = new List<string>
            {
                time.ToString("R", CultureInfo.InvariantCulture), rng.Next(3) > 0 ? "1" : "0", "arm" + rng.Next(3), "site" + rng.Next(2),
            };
            if (entry) fields.Add(start.ToString("R", CultureInfo.InvariantCulture));
            if (weights) fields.Add(w.ToString("R", CultureInfo.InvariantCulture));
            yield return string.Join(",", fields);
        }
    }

    public static TheoryData<bool, bool, bool, bool> Shapes() => new()
    {
        { false, false, false, false },
        { false, false, false, true },
        { true, false, false, true },
        { true, true, false, true },
        { true, true, true, true },
        { false, true, true, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Push_down_equals_the_row_path(bool entry, bool weights, bool fractional, bool strata)
    {
        string header = "time,status,arm,site" + (entry ? ",start" : "") + (weights ? ",w" : "");
        var (csv, parquet) = Write("shape", header, RandomRows(entry ? 11 : 7, 3000, entry, weights, fractional));
        var columns = new SurvivalColumns("time", "status", entry ? "start" : null, weights ? "w" : null, "arm", strata ? "site" : null);
        var rows = SurvivalCsv.Read(csv, columns);
        // Counts carry no rows, so they give Greenwood's variance; R's default for fractional weights (robust) needs rows.
        var options = new KaplanMeierOptions { TimeFix = false, Variance = KaplanMeierVariance.Greenwood };
        var expected = KaplanMeier.Fit(rows, options);
        double tolerance = fractional ? 1e-12 : 0;
        foreach (var path in new[] { parquet, csv })
        {
            var counts = DuckDbCounts.Read(path, columns);
            Assert.Equal(SurvivalCounts.FromData(rows).CellCount, counts.CellCount);
            var actual = KaplanMeier.Fit(counts, options);
            CurveAssert.SameCurves(expected, actual, tolerance);
            Close(LogRankTest.Compute(rows).ChiSquare, LogRankTest.Compute(counts).ChiSquare, fractional ? 1e-10 : 0);
        }
    }

    private static void Close(double expected, double actual, double tolerance) => CurveAssert.Close(expected, actual, tolerance);

    [Fact]
    public void Default_near_tie_rule_gives_the_same_answer_as_rows()
    {
        var (csv, parquet) = Write("timefix", "t,d,g", ["0.1,1,a", "0.30000000000000004,1,a", "0.3,0,b", "0.7,1,b", "1.2,1,a"]);
        var columns = new SurvivalColumns("t", "d", Group: "g");
        var expected = KaplanMeier.Fit(SurvivalCsv.Read(csv, columns));
        var actual = KaplanMeier.Fit(DuckDbCounts.Read(parquet, columns));
        Assert.Equal(expected.Curves.SelectMany(c => c.Steps), actual.Curves.SelectMany(c => c.Steps));
    }

    [Fact]
    public void Bad_values_are_located_by_row_or_line_column_and_value()
    {
        var (csv, parquet) = Write("bad", "time,status,w", ["1,1,1", "2,0,1", "-3,1,1", "4,1,1"]);
        var columns = new SurvivalColumns("time", "status", Weight: "w");
        var e = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(parquet, columns));
        Assert.Equal((parquet, "time", "-3", 3L), (e.File, e.Column, e.Value, e.Row));
        Assert.Contains("≥ 0", e.Message);
        var l = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(csv, columns));
        Assert.Equal((csv, 4L), (l.File, l.Line)); // line 1 is the header

        var events = Write("events", "time,status", ["1,1", "2,3"]).Parquet;
        var ev = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(events, new SurvivalColumns("time", "status")));
        Assert.Equal(("status", "3", 2L), (ev.Column, ev.Value, ev.Row));
        var zero = Write("zero", "time,status", ["1,2", "2,0", "3,1"]).Parquet;
        var zr = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(zero, new SurvivalColumns("time", "status")));
        Assert.Equal(("status", "0", 2L), (zr.Column, zr.Value, zr.Row));
        Assert.Contains("coded 1/2", zr.Message);

        var weights = Write("weights", "time,status,w", ["1,1,1", "2,1,-0.5"]).Parquet;
        Assert.Equal("w", Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(weights, columns)).Column);

        var entry = Write("entry", "time,status,start", ["1,1,0", "2,1,2"]).Parquet;
        var en = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(entry, new SurvivalColumns("time", "status", Entry: "start")));
        Assert.Equal(("start", 2L), (en.Column, en.Row));

        var text = Write("text", "time,status", ["1,1", "abc,1"]);
        var tx = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(text.Csv, new SurvivalColumns("time", "status")));
        Assert.Equal(("time", "abc", 3L), (tx.Column, tx.Value, tx.Line));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Missing_values_are_left_out_as_the_row_path_leaves_them_out(bool entry)
    {
        string header = entry ? "time,status,arm,w,start" : "time,status,arm,w";
        string[] rows = entry
            ? ["1,2,a,1,0", "2,NA,b,1,0", "NA,2,a,1,0", "3,1,,1,0", "4,2,b,NA,0", "5,1,a,2,NA", "6,2,b,1,1", "7,2,a,1,0.5", "8,1,b,1,0"]
            : ["1,2,a,1", "2,NA,b,1", "NA,2,a,1", "3,1,,1", "4,2,b,NA", "5,1,a,2", "6,2,b,1", "7,2,a,1", "8,1,b,1"];
        var (csv, parquet) = Write(entry ? "missing-entry" : "missing", header, rows);
        var columns = new SurvivalColumns("time", "status", Entry: entry ? "start" : null, Weight: "w", Group: "arm");
        var data = SurvivalCsv.Read(csv, columns);
        var expected = KaplanMeier.Fit(data);
        long[] lines = entry ? [3, 4, 5, 6, 7] : [3, 4, 5, 6];
        Assert.Equal(lines, data.Omitted.Positions);
        foreach (var (path, positions) in new[] { (csv, lines), (parquet, lines.Select(l => l - 1).ToArray()) })
        {
            var counts = DuckDbCounts.Read(path, columns);
            Assert.Equal(lines.Length, counts.Omitted.Count);
            Assert.Equal(positions, counts.Omitted.Positions);
            var actual = KaplanMeier.Fit(counts);
            Assert.Equal(expected.Curves.SelectMany(c => c.Steps), actual.Curves.SelectMany(c => c.Steps));
        }
        var fail = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(csv, columns, MissingValuePolicy.Fail));
        Assert.Equal(("status", 3L), (fail.Column, fail.Line));
        Assert.Contains("missing", fail.Message);
        var failParquet = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(parquet, columns, MissingValuePolicy.Fail));
        Assert.Equal(("status", 2L), (failParquet.Column, failParquet.Row));
    }

    [Fact]
    public void A_delayed_entry_interval_that_the_near_tie_rule_collapses_stops_as_the_row_path_and_R_stop()
    {
        // (0,1], (1, 1+1e-13], (0,2], (0,3]: R's aeqSurv stops; so does the row path, and now the push-down.
        var (csv, parquet) = Write("collapse", "start,time,status", ["0,1,1", "1,1.0000000000001,1", "0,2,1", "0,3,0"]);
        var columns = new SurvivalColumns("time", "status", Entry: "start");
        var rowError = Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(SurvivalCsv.Read(csv, columns)));
        Assert.Contains("length zero", rowError.Message);
        var lineError = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(csv, columns));
        Assert.Equal(("start", 3L), (lineError.Column, lineError.Line));
        Assert.Contains("length zero", lineError.Message);
        var rowNumber = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(parquet, columns));
        Assert.Equal(2L, rowNumber.Row);
        // Without the rule both paths keep the interval and agree.
        var exact = new KaplanMeierOptions { TimeFix = false };
        var expected = KaplanMeier.Fit(SurvivalCsv.Read(csv, columns), exact);
        var actual = KaplanMeier.Fit(DuckDbCounts.Read(parquet, columns, timeFix: false), exact);
        Assert.Equal(expected.Curves.SelectMany(c => c.Steps), actual.Curves.SelectMany(c => c.Steps));
    }

    [Fact]
    public void A_marker_written_as_text_in_a_Parquet_label_column_is_missing_not_a_group()
    {
        string parquet = Path.Combine(_dir, "text-na.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM (VALUES (1.0, 1, 'a'), (2.0, 0, 'NA'), (3.0, 1, 'b'), (4.0, 1, 'a'), (5.0, 0, 'b')) t(time, status, arm)) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        var counts = DuckDbCounts.Read(parquet, new SurvivalColumns("time", "status", Group: "arm"));
        Assert.Equal(["a", "b"], counts.GroupLevels);
        Assert.Equal(1, counts.Omitted.Count);
        Assert.Equal([2L], counts.Omitted.Positions);
    }

    [Fact]
    public void A_missing_value_in_a_column_not_in_use_does_not_matter_and_every_row_missing_is_an_error()
    {
        var (_, parquet) = Write("unused", "time,status,age", ["1,1,NA", "2,0,", "3,1,40"]);
        Assert.Equal(0, DuckDbCounts.Read(parquet, new SurvivalColumns("time", "status")).Omitted.Count);
        var (allCsv, _) = Write("all-missing", "time,status", ["NA,1", "2,NA"]);
        Assert.Contains("every row has a missing value", Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(allCsv, new SurvivalColumns("time", "status"))).Message);
    }

    [Fact]
    public void Unknown_columns_wrong_types_and_missing_files_are_clear_errors()
    {
        var parquet = Write("cols", "time,status,when", ["1,1,2020-01-01", "2,0,2020-02-01"]).Parquet;
        var unknown = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(parquet, new SurvivalColumns("tme", "status")));
        Assert.Equal("tme", unknown.Column);
        Assert.Contains("time, status, when", unknown.Message);
        var type = Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(parquet, new SurvivalColumns("when", "status")));
        Assert.Contains("wrong type", type.Message);
        Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(Path.Combine(_dir, "nope.parquet"), new SurvivalColumns("time", "status")));
        string xlsx = Path.Combine(_dir, "x.xlsx");
        File.WriteAllText(xlsx, "not a table");
        Assert.Contains(".parquet or .csv", Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(xlsx, new SurvivalColumns("time", "status"))).Message);
        var empty = Write("empty", "time,status", []).Parquet;
        Assert.Throws<SurvivalInputException>(() => DuckDbCounts.Read(empty, new SurvivalColumns("time", "status")));
    }

    [Fact]
    public void The_reduction_sql_runs_as_it_is()
    {
        var parquet = Write("sql", "time,status,arm", ["1,1,a", "1,0,a", "2,1,b"]).Parquet;
        string sql = DuckDbCounts.ReductionSql($"read_parquet('{parquet}')", new SurvivalColumns("time", "status", Group: "arm"));
        Assert.Contains("GROUP BY", sql);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql + " ORDER BY grp, time";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(1)} {reader.GetDouble(2)} {reader.GetDouble(3)} {reader.GetDouble(4)} {reader.GetDouble(6)}"));
        Assert.Equal(["a 1 1 1 2", "b 2 1 0 1"], rows);
    }
}
