using System.Text;
using Survival.Csv;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>The bad and unusual inputs of issue 8 that concern CSV files: each error names file, line, column and value.</summary>
public class CsvInputTests
{
    private static readonly SurvivalColumns Columns = new("time", "status", Group: "arm");

    private static string Write(string content, bool bom = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"survival-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(content)).ToArray());
        return path;
    }

    private static SurvivalInputException Fails(string content, SurvivalColumns? columns = null, CsvReadOptions? options = null)
        => Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read(Write(content), columns ?? Columns, options));

    [Fact]
    public void Reads_crlf_bom_quotes_and_true_false()
    {
        var data = SurvivalCsv.Read(Write("time,status,arm\r\n\"1.5\",TRUE,a\r\n2,false,\"b\"\r\n3e0,1,a\r\n", bom: true), Columns);
        Assert.Equal([1.5, 2, 3], data.Time.ToArray());
        Assert.Equal([true, false, true], data.Event.ToArray());
        Assert.Equal(["a", "b"], data.Group!.Levels);
    }

    [Fact]
    public void Semicolon_delimiter()
    {
        var data = SurvivalCsv.Read(Write("time;status;arm\n1;1;a\n2;0;b\n"), Columns, new CsvReadOptions { Delimiter = ';' });
        Assert.Equal(2, data.Count);
    }

    [Theory]
    [InlineData("time,status,arm\n1,1,a\nabc,0,b\n", 3, "time", "abc", "not a number")]
    [InlineData("time,status,arm\n1,1,a\nNaN,0,b\n", 3, "time", "NaN", "not a finite number")]
    [InlineData("time,status,arm\n1,1,a\nInfinity,0,b\n", 3, "time", "Infinity", "not a finite number")]
    [InlineData("time,status,arm\n1,1,a\n-2,0,b\n", 3, "time", "-2", "≥ 0")]
    [InlineData("time,status,arm\n1,3,a\n", 2, "status", "3", "0/1, true/false or 1/2")]
    [InlineData("time,status,arm\n1,yes,a\n", 2, "status", "yes", "0/1, true/false or 1/2")]
    [InlineData("time,status,arm\n1,2,a\n2,0,b\n", 3, "status", "0", "coded 1/2")]
    public void Bad_values_name_line_column_and_value(string content, long line, string column, string value, string reason)
    {
        var ex = Fails(content);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(value, ex.Value);
        Assert.Contains(reason, ex.Message);
        Assert.NotNull(ex.File);
    }

    [Theory]
    [InlineData("time,status,arm\n1,1,a\n,0,b\n2,1,b\n", 3, "time", "")]
    [InlineData("time,status,arm\n1,1,a\n2,1,\n3,0,b\n", 3, "arm", "")]
    [InlineData("time,status,arm\n1,1,a\n2,NA,b\n3,0,b\n", 3, "status", "NA")]
    [InlineData("time,status,arm\n1,1,a\n2,1, NA \n3,0,b\n", 3, "arm", " NA ")]
    public void A_missing_value_in_a_column_in_use_leaves_the_row_out_by_default_and_is_an_error_under_Fail(string content, long line, string column, string value)
    {
        var data = SurvivalCsv.Read(Write(content), Columns);
        Assert.Equal(2, data.Count);
        Assert.Equal(1, data.Omitted.Count);
        Assert.Equal([line], data.Omitted.Positions);
        Assert.Equal("1 observation deleted due to missingness", data.Omitted.ToString());
        var ex = Fails(content, options: new CsvReadOptions { Missing = MissingValuePolicy.Fail });
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Equal(value, ex.Value);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public void A_missing_value_in_a_column_not_in_use_does_not_matter()
    {
        var data = SurvivalCsv.Read(Write("time,status,arm,age\n1,1,a,NA\n2,0,b,\n"), Columns);
        Assert.Equal(2, data.Count);
        Assert.Same(OmittedRows.None, data.Omitted);
    }

    [Fact]
    public void No_markers_make_NA_an_ordinary_label_and_a_bad_number()
    {
        var options = new CsvReadOptions { MissingValues = [] };
        var labels = SurvivalCsv.Read(Write("time,status,arm\n1,1,a\n2,0,NA\n"), Columns, options);
        Assert.Equal(["NA", "a"], labels.Group!.Levels);
        var ex = Fails("time,status,arm\n1,1,a\nNA,0,b\n", options: options);
        Assert.Contains("not a number", ex.Message);
    }

    [Fact]
    public void Every_row_missing_is_an_error_that_says_so()
    {
        var ex = Fails("time,status,arm\nNA,1,a\n2,0,NA\n");
        Assert.Contains("every row has a missing value", ex.Message);
    }

    [Fact]
    public void Decimal_comma_gets_a_hint()
    {
        var ex = Fails("time;status;arm\n1,5;1;a\n", options: new CsvReadOptions { Delimiter = ';' });
        Assert.Contains("decimal comma", ex.Message);
        Assert.Equal("1,5", ex.Value);
    }

    [Fact]
    public void Ragged_row_is_an_error_at_its_line()
    {
        var ex = Fails("time,status,arm\n1,1,a\n2,0\n");
        Assert.Equal(3, ex.Line);
        Assert.Contains("2 fields", ex.Message);
    }

    [Fact]
    public void Unknown_column_lists_the_header()
    {
        var ex = Fails("time,event,arm\n1,1,a\n");
        Assert.Equal("status", ex.Column);
        Assert.Contains("time, event, arm", ex.Message);
    }

    [Fact]
    public void Duplicate_header_name_is_ambiguous()
    {
        var ex = Fails("time,status,arm,time\n1,1,a,2\n");
        Assert.Equal("time", ex.Column);
        Assert.Contains("more than once", ex.Message);
    }

    [Fact]
    public void Whitespace_around_values_and_a_trailing_blank_line_are_accepted()
    {
        var data = SurvivalCsv.Read(Write("time,status,arm\n 1 , 1 , a \n2,0,b\n\n"), Columns);
        Assert.Equal([1.0, 2], data.Time.ToArray());
        Assert.Equal(["a", "b"], data.Group!.Levels);
    }

    [Fact]
    public void Empty_and_header_only_files()
    {
        Assert.Contains("empty", Fails("").Message);
        Assert.Contains("no data rows", Fails("time,status,arm\n").Message);
    }

    [Fact]
    public void Broken_quotes_are_an_error()
    {
        var ex = Fails("time,status,arm\n1,1,a\n\"2,0,b\n");
        Assert.Contains("malformed", ex.Message);
    }

    [Fact]
    public void Entry_not_before_exit_names_the_line()
    {
        var ex = Assert.Throws<SurvivalInputException>(() =>
            SurvivalCsv.Read(Write("start,stop,status\n0,1,1\n3,2,0\n"), new SurvivalColumns("stop", "status", Entry: "start")));
        Assert.Equal(3, ex.Line);
        Assert.Equal("start", ex.Column);
        Assert.Equal("3", ex.Value);
    }

    [Fact]
    public void Bad_row_at_the_end_of_a_million_rows_reports_its_exact_line()
    {
        var sb = new StringBuilder("time,status,arm\n");
        for (int i = 0; i < 1_000_000; i++) sb.Append(i % 97).Append(".5,").Append(i & 1).Append(",a\n");
        sb.Append("oops,1,a\n");
        var ex = Fails(sb.ToString());
        Assert.Equal(1_000_002, ex.Line);
        Assert.Equal("oops", ex.Value);
    }

    [Fact]
    public void Missing_file()
    {
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read("/nonexistent/x.csv", Columns));
        Assert.Contains("does not exist", ex.Message);
    }
}
