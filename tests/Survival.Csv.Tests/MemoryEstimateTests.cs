using System.Text;
using Survival.Csv;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>A file that would not fit in memory is refused before loading, with an error naming the file and pointing
/// to the readers that reduce rows to counts; a file that fits is read as before.</summary>
public sealed class MemoryEstimateTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"survival-memory-{Guid.NewGuid():N}.csv");

    public MemoryEstimateTests()
    {
        var sb = new StringBuilder("time,status,arm\n");
        for (int i = 0; i < 20_000; i++) sb.Append(1 + i % 97).Append(',').Append(i % 3 == 0 ? 0 : 1).Append(',').Append(i % 2 == 0 ? "a" : "b").Append('\n');
        File.WriteAllText(_path, sb.ToString());
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_file_that_would_not_fit_is_refused_before_loading_with_the_way_out()
    {
        // 20,000 rows of ~8 bytes: the columnar load needs ~20,000 × 3 × (3 × 8 + 8) ≈ 1.9 MB; allow it 1 MB.
        MemoryEstimate.OverrideForTests(minimumSize: 0, available: 1 << 20);
        var e = Assert.Throws<SurvivalInputException>(() => SurvivalCsv.Read(_path, new SurvivalColumns("time", "status", Group: "arm")));
        Assert.Contains(_path, e.Message);
        Assert.Contains("DuckDb", e.Message);
        Assert.Contains("Survival.Sql", e.Message);
        Assert.Contains("more than the 0.0 GiB", e.Message);
        var table = Assert.Throws<SurvivalInputException>(() => CsvTable.Read(_path, ["time", "status"]));
        Assert.Contains("needs about", table.Message);
    }

    [Fact]
    public void A_file_that_fits_is_read()
    {
        MemoryEstimate.OverrideForTests(minimumSize: 0, available: 64L << 20);
        var data = SurvivalCsv.Read(_path, new SurvivalColumns("time", "status", Group: "arm"));
        Assert.Equal(20_000, data.Count);
    }

    [Fact]
    public void Small_files_are_not_estimated_at_all()
    {
        MemoryEstimate.OverrideForTests(minimumSize: 1 << 30, available: 1);
        Assert.Equal(20_000, SurvivalCsv.Read(_path, new SurvivalColumns("time", "status")).Count);
    }
}
