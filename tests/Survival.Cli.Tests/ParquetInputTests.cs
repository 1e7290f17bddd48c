using DuckDB.NET.Data;
using Xunit;

namespace Survival.Cli.Tests;

public class ParquetInputTests
{
    private static string Parquet(string csv)
    {
        string path = Path.ChangeExtension(csv, ".parquet");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', header = true)) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return path;
    }

    [Theory]
    [InlineData("km")]
    [InlineData("logrank")]
    public void Parquet_gives_the_same_json_as_csv(string command)
    {
        string csv = CliHarness.Csv(CliHarness.Aml), parquet = Parquet(csv);
        var fromCsv = CliHarness.Run(command, "--input", csv, "--time", "time", "--event", "status", "--group", "x", "--format", "json");
        var fromParquet = CliHarness.Run(command, "--input", parquet, "--time", "time", "--event", "status", "--group", "x", "--format", "json");
        Assert.Equal(0, fromParquet.Exit);
        Assert.Equal("", fromParquet.Err);
        Assert.Equal(fromCsv.Out, fromParquet.Out);
    }

    [Fact]
    public void Parquet_errors_are_one_line_with_exit_code_2()
    {
        string parquet = Parquet(CliHarness.Csv("time,status\n1,1\n-2,0\n"));
        var bad = CliHarness.Fails("km", "--input", parquet, "--time", "time", "--event", "status");
        Assert.Contains("-2", bad);
        Assert.Contains("time", bad);
        var unknown = CliHarness.Fails("km", "--input", parquet, "--time", "months", "--event", "status");
        Assert.Contains("months", unknown);
        var rowsNeeded = CliHarness.Fails("cox", "--input", parquet, "--time", "time", "--event", "status", "--covariates", "time");
        Assert.Contains("convert the file to CSV", rowsNeeded);
    }
}
