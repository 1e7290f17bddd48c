using DuckDB.NET.Data;
using Survival.Sql.Tests;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>--connection … --table|--query … --provider</c> (issue 21): the same JSON as from files, errors on one line.</summary>
public class DatabaseInputTests
{
    private static readonly string[] Commands = ["km", "logrank", "cuminc"];

    /// <summary>A DuckDB database file holding the aml rows as table <c>aml</c>.</summary>
    private static string DuckDbFile(string csv)
    {
        string path = Path.ChangeExtension(csv, ".duckdb");
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE aml AS SELECT * FROM read_csv('{csv}', header = true)";
        command.ExecuteNonQuery();
        return path;
    }

    private static string[] Args(string command, string[] source) => [command, .. source, "--time", "time", "--event", "status", "--group", "x", "--format", "json"];

    private static (int Exit, string Out, string Err) Run(string command, params string[] source) => CliHarness.Run(Args(command, source));

    [Fact]
    public void A_duckdb_database_gives_the_same_json_as_csv()
    {
        string csv = CliHarness.Csv(CliHarness.Aml), db = DuckDbFile(csv);
        foreach (var command in Commands)
        {
            var expected = Run(command, "--input", csv);
            Assert.Equal(0, expected.Exit);
            var table = Run(command, "--connection", $"Data Source={db}", "--provider", "duckdb", "--table", "aml");
            Assert.Equal(("", 0), (table.Err, table.Exit));
            Assert.Equal(expected.Out, table.Out);
            var query = Run(command, "--connection", $"Data Source={db}", "--provider", "duckdb", "--query", "SELECT * FROM aml WHERE time >= 0");
            Assert.Equal(expected.Out, query.Out);
        }
    }

    [PostgresFact]
    public void A_postgresql_table_gives_the_same_json_as_csv()
    {
        string csv = CliHarness.Csv(CliHarness.Aml);
        string table = "aml_" + Guid.NewGuid().ToString("N")[..10];
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
        using var connection = PostgresServer.Open();
        void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        Execute($"CREATE TABLE {table} (time double precision, status integer, x text)");
        try
        {
            Execute($"INSERT INTO {table} VALUES " + string.Join(", ", lines.Select(f => $"({f[0]}, {f[1]}, '{f[2]}')")));
            foreach (var command in Commands)
            {
                var expected = Run(command, "--input", csv);
                var actual = Run(command, "--connection", PostgresServer.ConnectionString!, "--table", table);
                Assert.Equal(("", 0), (actual.Err, actual.Exit));
                Assert.Equal(expected.Out, actual.Out);
            }
            Execute($"UPDATE {table} SET time = -4 WHERE time = (SELECT MAX(time) FROM {table})");
            var bad = CliHarness.Fails(Args("km", ["--connection", PostgresServer.ConnectionString!, "--table", table, "--provider", "postgresql"]));
            Assert.Contains($"table {table}, row", bad);
            Assert.Contains("'-4'", bad);
        }
        finally
        {
            Execute($"DROP TABLE {table}");
        }
    }

    [Theory]
    [InlineData("both", "give --input or --connection, not both")]
    [InlineData("neither", "give --input FILE, or --connection with --table or --query")]
    [InlineData("no-table", "--connection needs --table or --query")]
    [InlineData("table-and-query", "give --table or --query, not both")]
    [InlineData("provider", "must be postgresql, duckdb or clickhouse")]
    [InlineData("unreachable", "could not connect (postgresql)")]
    [InlineData("bad-string", "the connection string is not valid for postgresql")]
    public void Database_option_errors_are_one_line_with_exit_code_2(string case_, string message)
    {
        string csv = CliHarness.Csv(CliHarness.Aml);
        string[] source = case_ switch
        {
            "both" => ["--input", csv, "--connection", "Host=localhost", "--table", "aml"],
            "neither" => [],
            "no-table" => ["--connection", "Host=localhost"],
            "table-and-query" => ["--connection", "Host=localhost", "--table", "aml", "--query", "SELECT 1"],
            "provider" => ["--connection", "Host=localhost", "--table", "aml", "--provider", "mysql"],
            "unreachable" => ["--connection", "Host=127.0.0.1;Port=1;Timeout=2", "--table", "aml"],
            _ => ["--connection", "Bogus=1", "--table", "aml"],
        };
        Assert.Contains(message, CliHarness.Fails(Args("km", source)));
    }
}
