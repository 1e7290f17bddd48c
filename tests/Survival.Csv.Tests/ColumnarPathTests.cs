using System.Globalization;
using FsCheck.Xunit;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>Issue 20: <see cref="SurvivalCsv.Read"/> parses valid files from CsvHelper's spans into columns; what it returns
/// must be exactly what the table path (<see cref="CsvTable"/> then <see cref="SurvivalCsv.ToData"/>) returns, and what it
/// declines must fail with the table path's error.</summary>
public sealed class ColumnarPathTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-columnar-");

    public void Dispose() => _folder.Dispose();

    private static readonly SurvivalColumns Columns = new("t", "d", Entry: "e", Weight: "w", Group: "g", Strata: "s", Id: "id");

    private static SurvivalData TablePath(string path, CsvReadOptions? options = null)
        => SurvivalCsv.ToData(CsvTable.Read(path, Columns.Names, options), Columns);

    private static void Same(SurvivalData expected, SurvivalData actual)
    {
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Event.ToArray(), actual.Event.ToArray());
        Assert.Equal(expected.Entry.ToArray(), actual.Entry.ToArray());
        Assert.Equal(expected.Weight.ToArray(), actual.Weight.ToArray());
        foreach (var (e, a) in new[] { (expected.Group, actual.Group), (expected.Strata, actual.Strata), (expected.Id, actual.Id) })
        {
            Assert.Equal(e!.Levels, a!.Levels);
            Assert.Equal(e.Codes.ToArray(), a.Codes.ToArray());
        }
        Assert.Equal(expected.Omitted, actual.Omitted);
    }

    /// <summary>Random valid files: ties, true/false or 1/2 status, quoted and padded labels, numeric labels (sorted as
    /// numbers), exponents, and NA or empty fields that both paths leave out.</summary>
    [Property(MaxTest = 150)]
    public bool Columnar_path_equals_the_table_path(int[] raw, bool oneTwo, bool words)
    {
        if (raw is null || raw.Length == 0) return true;
        var lines = new List<string> { "id,g,t,d,e,w,s,other" };
        for (int i = 0; i < raw.Length; i++)
        {
            int x = raw[i];
            double t = 1 + Math.Abs(x % 50) / 4.0;
            string status = oneTwo ? ((x & 1) == 0 ? "2" : "1") : words ? ((x & 1) == 0 ? " True" : "false ") : ((x & 1) == 0 ? "1" : "0");
            string group = (x % 3) switch { 0 => "\"arm A\"", 1 => " arm B ", _ => "10" };
            string stratum = (x % 4 == 0) ? "2" : "9";
            string time = (x % 5 == 0) ? t.ToString("E3", CultureInfo.InvariantCulture) : t.ToString("R", CultureInfo.InvariantCulture);
            if (x % 11 == 3) time = "NA";
            if (x % 13 == 4) group = "";
            lines.Add(string.Join(",", "s" + (Math.Abs(x) % 7), group, time, status, (t / 2).ToString("R", CultureInfo.InvariantCulture),
                (1 + Math.Abs(x % 3)).ToString(CultureInfo.InvariantCulture), stratum, "junk"));
        }
        string path = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        SurvivalData expected;
        try { expected = TablePath(path); }
        catch (SurvivalInputException e)
        {
            // Every row missing, say: the columnar path declines and gives the same error.
            return Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read(path, Columns)).Message == e.Message;
        }
        var fast = ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default);
        Assert.NotNull(fast);
        Same(expected, fast!);
        // Read in two halves at once (forced on a small file): the same columns, labels and omitted lines.
        var halves = ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default, splitBytes: 0);
        Assert.NotNull(halves);
        Same(expected, halves!);
        return true;
    }

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\r", false)] // carriage returns alone: lines the split cannot count
    public void Split_point_is_a_line_start_with_the_lines_before_it(string newline, bool splits)
    {
        string path = _folder.File("split.csv");
        var lines = Enumerable.Range(0, 1000).Select(i => $"r{i},x,{i % 7 + 1},1,0,1,k").Prepend("id,g,t,d,e,w,s").ToArray();
        File.WriteAllText(path, string.Join(newline, lines) + newline);
        var (split, before) = ColumnarCsvReader.SplitPoint(path, new FileInfo(path).Length);
        if (!splits)
        {
            Assert.Equal(-1L, split);
            return;
        }
        var bytes = File.ReadAllBytes(path);
        Assert.InRange(split, bytes.Length / 2, bytes.Length - 1);
        Assert.Equal((byte)'\n', bytes[split - 1]);
        Assert.Equal(bytes.AsSpan(0, (int)split).Count((byte)'\n'), before);
    }

    [Fact]
    public void No_split_inside_a_quoted_field_that_spans_the_middle()
    {
        // One quoted label holds line breaks across the middle of the file: a break there is not a row's end. The split,
        // if any, comes after the quotes are balanced; read in halves, the file gives the table path's data.
        string path = _folder.File("quoted.csv");
        string label = "\"" + string.Join("\n", Enumerable.Repeat("a long label line", 200)) + "\"";
        var lines = new List<string> { "id,g,t,d,e,w,s" };
        for (int i = 0; i < 40; i++) lines.Add($"r{i},{(i == 20 ? label : "x")},{i % 7 + 1},1,0,1,k");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var (split, _) = ColumnarCsvReader.SplitPoint(path, new FileInfo(path).Length);
        var bytes = File.ReadAllBytes(path);
        Assert.True(split < 0 || bytes.AsSpan(0, (int)split).Count((byte)'"') % 2 == 0);
        var halves = ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default, splitBytes: 0);
        Assert.NotNull(halves);
        Same(TablePath(path), halves!);
    }

    [Theory]
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,abc,0,0,1,k\n")]        // not a number
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,2,3,0,1,k\n")]          // status 3
    [InlineData("id,g,t,d,e,w,s\na,x,1,2,0,1,k\nb,x,2,0,0,1,k\n")]          // 0 under the 1/2 coding
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,2,1,2,1,k\n")]          // entry not before exit
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,2,1,0,-1,k\n")]         // negative weight
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,2,1,0,1\n")]            // a field short
    [InlineData("id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,\"2,1,0,1,k\n")]        // broken quoting
    [InlineData("id,g,t,d,e,w,s\na,x,1e999,1,0,1,k\n")]                     // not finite
    [InlineData("id,g,t,d,e,w,s\na,x,1,5,0,1,k\n")]                         // status 5
    [InlineData("id,g,t,d,e,w,s\n")]                                        // no rows
    public void Declined_files_give_the_table_paths_error(string content)
    {
        string path = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content);
        Assert.Null(ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default));
        var expected = Assert.Throws<SurvivalInputException>(() => TablePath(path));
        var actual = Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read(path, Columns));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Null(ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default, splitBytes: 0)); // read in halves: declined too
    }

    [Fact]
    public void Missing_values_under_fail_give_the_table_paths_error()
    {
        string path = _folder.File("fail.csv");
        File.WriteAllText(path, "id,g,t,d,e,w,s\na,x,1,1,0,1,k\nb,x,NA,1,0,1,k\n");
        var options = new CsvReadOptions { Missing = MissingValuePolicy.Fail };
        var expected = Assert.Throws<SurvivalInputException>(() => TablePath(path, options));
        var actual = Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read(path, Columns, options));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(3L, actual.Line);
    }

    /// <summary>Labels are read as bytes when ASCII, as trimmed strings otherwise: accented labels, a label padded with
    /// no-break spaces (which <see cref="string.Trim()"/> removes), more distinct labels than the byte cache keeps, and a
    /// missing marker among them give the table path's levels and codes.</summary>
    [Fact]
    public void Labels_beyond_ascii_and_many_labels_equal_the_table_path()
    {
        var lines = new List<string> { "id,g,t,d,e,w,s" };
        string[] groups = ["bras é", "\u00A0arm A\u00A0", "arm A", " bras é ", "NA"];
        for (int i = 0; i < 60; i++)
            lines.Add(string.Join(",", "p" + i % 23, groups[i % groups.Length], (1 + i % 9).ToString(CultureInfo.InvariantCulture), (i % 2).ToString(CultureInfo.InvariantCulture),
                "0", "1", "s" + i % 11));
        string path = _folder.File("labels.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var expected = TablePath(path);
        Assert.Equal(2, expected.Group!.Levels.Count);
        Assert.Equal(11, expected.Strata!.Levels.Count);
        var fast = ColumnarCsvReader.TryRead(path, Columns, CsvReadOptions.Default);
        Assert.NotNull(fast); // the columnar path reads these, it does not decline them
        Same(expected, fast!);
    }
}
