using System.Data.Common;
using Survival.Sql.Tests;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>--provider clickhouse</c> on the live two-shard cluster (issue 37): R's lung rows split unevenly across the
/// shards behind a <c>Distributed</c> table give the JSON of the CSV path for km, logrank and cuminc; a bad value names
/// the shard's row and its host; connection faults are one line with exit code 2 that never echo the password.</summary>
public sealed class ClickHouseInputTests : IDisposable
{
    private readonly List<(DbConnection Connection, string Sql)> _cleanup = [];

    private static string Lung => Path.Combine(AppContext.BaseDirectory, "Golden", "lung.csv");

    private static string[] Args(string command, string[] source, params string[] extra) =>
        [command, .. source, "--time", "time", "--event", "status", .. extra, "--format", "json"];

    /// <summary>lung as a Distributed table: rows 1–150 on shard 1, the rest on shard 2 (with <paramref name="spoil"/>
    /// applied to the fields of one row), and the row number kept as <c>id</c>.</summary>
    private string LoadLung(Func<int, string[], string[]>? spoil = null)
    {
        string name = "lung_" + Guid.NewGuid().ToString("N")[..10];
        var rows = File.ReadAllLines(Lung).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        string columns = "id Int32, time Nullable(Float64), status Nullable(Int32), sex Nullable(Int32), ph_ecog Nullable(Float64)";
        static string V(string x) => x == "NA" ? "NULL" : x;
        var tuples = rows.Select((r, i) => spoil is null ? r : spoil(i, r))
            .Select((r, i) => $"({i + 1}, {V(r[1])}, {V(r[2])}, {V(r[4])}, {V(r[5])})").ToList();
        var shard1 = ClickHouseServer.Open(ClickHouseServer.Shard1);
        var shard2 = ClickHouseServer.Open(ClickHouseServer.Shard2);
        foreach (var c in new[] { shard1, shard2 })
        {
            Execute(c, $"CREATE TABLE {name}_local ({columns}) ENGINE = MergeTree ORDER BY tuple()");
            _cleanup.Add((c, $"DROP TABLE IF EXISTS {name}_local"));
        }
        Execute(shard1, $"CREATE TABLE {name} AS {name}_local ENGINE = Distributed({ClickHouseServer.Cluster}, currentDatabase(), {name}_local)");
        _cleanup.Insert(0, (shard1, $"DROP TABLE IF EXISTS {name}"));
        Execute(shard1, $"INSERT INTO {name}_local VALUES {string.Join(", ", tuples.Take(150))}");
        Execute(shard2, $"INSERT INTO {name}_local VALUES {string.Join(", ", tuples.Skip(150))}");
        return name;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var (connection, sql) in _cleanup)
        {
            try { Execute(connection, sql); } catch (DbException) { }
        }
        foreach (var connection in _cleanup.Select(c => c.Connection).Distinct()) connection.Dispose();
    }

    [ClickHouseFact]
    public void A_distributed_table_gives_the_same_json_as_csv()
    {
        string table = LoadLung();
        string[] clickHouse = ["--connection", ClickHouseServer.Shard1!, "--provider", "clickhouse"];
        foreach (var command in new[] { "km", "logrank", "cuminc" })
        {
            var expected = CliHarness.Run(Args(command, ["--input", Lung], "--group", "sex"));
            Assert.Equal(0, expected.Exit);
            var actual = CliHarness.Run(Args(command, [.. clickHouse, "--table", table], "--group", "sex"));
            Assert.Equal(("", 0), (actual.Err, actual.Exit));
            Assert.Equal(expected.Out, actual.Out);
            var query = CliHarness.Run(Args(command, [.. clickHouse, "--query", $"SELECT * FROM {table} WHERE time > 0"], "--group", "sex"));
            Assert.Equal(expected.Out, query.Out);
        }
        // Strata, and rows with a missing value left out as R's na.omit (ph.ecog has one NA).
        var stratified = CliHarness.Run(Args("logrank", ["--input", Lung], "--group", "sex", "--strata", "ph.ecog"));
        var pushed = CliHarness.Run(Args("logrank", [.. clickHouse, "--table", table], "--group", "sex", "--strata", "ph_ecog"));
        Assert.Equal(("", 0), (pushed.Err, pushed.Exit));
        // The CSV path names the left-out row by its file line (15), the database by its scan position (14, on shard 1).
        static System.Text.Json.Nodes.JsonObject Parse(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var (fromCsv, fromClickHouse) = (Parse(stratified.Out.Replace("ph.ecog", "ph_ecog", StringComparison.Ordinal)), Parse(pushed.Out));
        Assert.Equal("[15]", fromCsv["omitted"]!["lines"]!.ToJsonString());
        Assert.Equal("[14]", fromClickHouse["omitted"]!["lines"]!.ToJsonString());
        fromCsv.Remove("omitted");
        fromClickHouse.Remove("omitted");
        Assert.Equal(fromCsv.ToJsonString(), fromClickHouse.ToJsonString());
    }

    [ClickHouseFact]
    public void A_bad_value_names_the_shards_row_and_host()
    {
        // Row 201 of the file is row 51 of shard 2.
        string table = LoadLung((i, r) => i == 200 ? [r[0], "-4", .. r[2..]] : r);
        var stderr = CliHarness.Fails(Args("km", ["--connection", ClickHouseServer.Shard1!, "--provider", "clickhouse", "--table", table]));
        Assert.Contains($"table {table}, row 51", stderr);
        Assert.Contains("within the shard on host", stderr);
        Assert.Contains("'-4'", stderr);
    }

    [ClickHouseFact]
    public void An_unreachable_shard_is_one_line_with_exit_code_2()
    {
        string table = LoadLung();
        // The same local tables behind a cluster whose second shard is a port nothing listens on.
        using var shard1 = ClickHouseServer.Open(ClickHouseServer.Shard1);
        Execute(shard1, $"CREATE TABLE {table}_broken AS {table}_local ENGINE = Distributed(survival_broken_shard, currentDatabase(), {table}_local)");
        _cleanup.Insert(0, (ClickHouseServer.Open(ClickHouseServer.Shard1), $"DROP TABLE IF EXISTS {table}_broken"));
        var stderr = CliHarness.Fails(Args("km", ["--connection", ClickHouseServer.Shard1!, "--provider", "clickhouse", "--table", table + "_broken"]));
        Assert.Contains("connection tries failed", stderr);
    }

    [ClickHouseFact]
    public void Connection_faults_are_one_line_and_never_echo_the_password()
    {
        const string password = "wrong-Pa55word-xyz";
        string port = new DbConnectionStringBuilder { ConnectionString = ClickHouseServer.Shard1 }["Port"].ToString()!;
        string[] Km(string connection) => Args("km", ["--connection", connection, "--provider", "clickhouse", "--table", "no_such_table"]);
        var refused = CliHarness.Fails(Km($"Host=127.0.0.1;Port={port};Username=survival_secret;Password={password}"));
        Assert.Contains("Wrong password", refused);
        Assert.DoesNotContain(password, refused);
        var absent = CliHarness.Fails(Km($"Host=127.0.0.1;Port=1;Username=survival_secret;Password={password}"));
        Assert.Contains("could not connect (clickhouse)", absent);
        Assert.DoesNotContain(password, absent);
        var missing = CliHarness.Fails(Km($"Host=127.0.0.1;Port={port};Username=survival_secret;Password=the-right-password"));
        Assert.Contains("no_such_table", missing);
        Assert.DoesNotContain("the-right-password", missing);
    }
}
