using System.Diagnostics;
using Npgsql;
using Xunit;

namespace Survival.Sql.Tests;

/// <summary>Fault injection against the live PostgreSQL that <c>.ci/run</c> starts: a statement timeout, the server
/// ending the session mid-query (as when it is stopped), a table dropped between the plain pass and the follow-up query,
/// and cancellation (a column of the wrong type: <see cref="CountsContract"/>). Each ends in one clear exception —
/// <see cref="SurvivalInputException"/> with the database's one-line reason and never the connection string, or
/// <see cref="OperationCanceledException"/> — and never in partial counts.</summary>
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly PostgresDatabase _db = PostgresServer.ConnectionString is null ? null! : new PostgresDatabase();

    public void Dispose() => _db?.Dispose();

    private static readonly SurvivalColumns Columns = new("time", "status");

    private string Cohort(int invalidStatus = 1) =>
        _db.Values("(time, status)", $"(1.0, 1), (2.0, 0), (3.0, {invalidStatus}), (4.0, 1), (5.0, 0)");

    /// <summary>A query over the cohort that takes <paramref name="seconds"/> to run (pg_sleep in its FROM list).</summary>
    private static SqlRelation Slow(string table, double seconds) =>
        SqlRelation.Query($"SELECT c.time, c.status FROM {table} c, pg_sleep({seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}) s");

    private static void AssertOneLine(SurvivalInputException e)
    {
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Password", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PostgresServer.ConnectionString!, e.Message);
    }

    /// <summary>Waits until a statement mentioning <paramref name="table"/> runs in another session and returns its pid.</summary>
    private static int RunningBackend(string table, Task reading)
    {
        using var monitor = PostgresServer.Open();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !reading.IsCompleted)
        {
            using var command = monitor.CreateCommand();
            command.CommandText = "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE @pattern AND query LIKE '%GROUP BY%'";
            command.Parameters.AddWithValue("pattern", $"%{table}%");
            if (command.ExecuteScalar() is int pid) return pid;
            Thread.Sleep(20);
        }
        throw new Xunit.Sdk.XunitException("the reduction never showed as running");
    }

    [PostgresFact]
    public void A_statement_timeout_is_one_line_and_no_counts()
    {
        string table = Cohort();
        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString + ";Options=-c statement_timeout=200");
        var e = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(connection, Slow(table, 5), Columns));
        Assert.Contains("statement timeout", e.Message);
        AssertOneLine(e);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State); // opened by Read, closed again
    }

    [PostgresFact]
    public void The_server_ending_the_session_mid_query_is_one_line_and_no_counts()
    {
        string table = Cohort();
        var reading = Task.Run(() => SqlCounts.Read(PostgresServer.Open(), Slow(table, 10), Columns));
        int pid = RunningBackend(table, reading);
        using (var admin = PostgresServer.Open())
        using (var terminate = admin.CreateCommand())
        {
            terminate.CommandText = $"SELECT pg_terminate_backend({pid})";
            terminate.ExecuteScalar();
        }
        var e = Assert.Throws<SurvivalInputException>(() => reading.GetAwaiter().GetResult());
        AssertOneLine(e);
        Assert.Contains("database", e.Message);
    }

    [PostgresFact]
    public void A_table_dropped_between_the_passes_is_one_line_and_no_counts()
    {
        // Status 7 is invalid: after the plain pass, Read runs further queries (the missing-aware pass, the follow-up that
        // names the row). The table is dropped as soon as the plain pass lets go of it.
        string table = Cohort(invalidStatus: 7);
        var reading = Task.Run(() => SqlCounts.Read(PostgresServer.Open(), Slow(table, 1), Columns));
        RunningBackend(table, reading);
        _db.Execute($"DROP TABLE {table}"); // waits for the plain pass's lock, then drops before the next query
        var e = Assert.Throws<SurvivalInputException>(() => reading.GetAwaiter().GetResult());
        Assert.Contains("does not exist", e.Message);
        AssertOneLine(e);
    }

    [PostgresFact]
    public void Cancellation_stops_the_statement_on_the_server()
    {
        string table = Cohort();
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var reading = Task.Run(() => SqlCounts.Read(PostgresServer.Open(), Slow(table, 60), Columns, cancellationToken: cancellation.Token));
        RunningBackend(table, reading);
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => reading.GetAwaiter().GetResult());
        // Not a timing test: a statement that was not cancelled would run its full minute.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"took {clock.Elapsed}");
        Assert.Throws<OperationCanceledException>(() => SqlCounts.Read(_db.Connection, SqlRelation.Table(table), Columns, cancellationToken: cancellation.Token));
    }
}
