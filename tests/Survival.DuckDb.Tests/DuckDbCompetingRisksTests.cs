using DuckDB.NET.Data;
using Survival.CompetingRisks;
using Survival.DuckDb;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.DuckDb.Tests;

/// <summary>Cumulative incidence through the DuckDB push-down equals the row path exactly (issue 18).</summary>
public sealed class DuckDbCompetingRisksTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-duckdb-cr-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void Push_down_equals_the_rows(int seed, bool strata)
    {
        var rng = new Random(seed);
        var rows = new List<string>();
        var time = new List<double>();
        var status = new List<string>();
        var group = new List<string>();
        var stratum = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            double t = rng.Next(1, 40) * 0.5;
            string s = rng.Next(5) switch { 0 or 1 => "0", 2 => "relapse", 3 => "death", _ => "toxicity" };
            string g = rng.Next(3) switch { 0 => "A", 1 => "B", _ => "C" };
            string k = rng.Next(2) == 0 ? "s1" : "s2";
            if (i % 50 == 7) { rows.Add($"{t},NA,{g},{k}"); continue; } // a missing status: left out on both paths
            time.Add(t); status.Add(s); group.Add(g); stratum.Add(k);
            rows.Add($"{t},{s},{g},{k}");
        }
        string csv = _folder.File($"cr{seed}.csv"), parquet = _folder.File($"cr{seed}.parquet");
        File.WriteAllText(csv, "time,status,grp,site\n" + string.Join("\n", rows) + "\n");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', header = true, nullstr = ['NA'])) TO '{parquet}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
        var columns = new SurvivalColumns("time", "status", Group: "grp", Strata: strata ? "site" : null);
        var options = new CumulativeIncidenceOptions { At = [3, 10] };
        var pushed = CumulativeIncidence.Fit(DuckDbCompetingRisks.Read(parquet, columns), options);
        var direct = CumulativeIncidence.Fit(CompetingRisksData.Create(time.ToArray(), status, group: group, strata: strata ? stratum : null), options);
        Assert.Equal(direct.Causes, pushed.Causes);
        Assert.Equal(direct.Curves.Count, pushed.Curves.Count);
        for (int c = 0; c < direct.Curves.Count; c++)
        {
            Assert.Equal(direct.Curves[c].Group, pushed.Curves[c].Group);
            Assert.Equal(direct.Curves[c].Cause, pushed.Curves[c].Cause);
            Assert.Equal(direct.Curves[c].Steps, pushed.Curves[c].Steps);
            Assert.Equal(direct.Curves[c].At, pushed.Curves[c].At);
        }
        Assert.Equal(direct.GrayTests.Select(t => t.Test.ChiSquare), pushed.GrayTests.Select(t => t.Test.ChiSquare));
        Assert.Equal(8, pushed.Omitted.Count);
    }

    [Fact]
    public void Weights_or_entry_need_the_rows()
    {
        string csv = _folder.File("w.csv");
        File.WriteAllText(csv, "time,status,w\n1,a,1\n2,0,2\n");
        var error = Assert.Throws<SurvivalInputException>(() => DuckDbCompetingRisks.Read(csv, new SurvivalColumns("time", "status", Weight: "w")));
        Assert.Contains("need the rows", error.Message);
    }
}
