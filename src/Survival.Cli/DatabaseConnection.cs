using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;

namespace Survival.Cli;

/// <summary>Opens the connection <c>--provider</c> and <c>--connection</c> name; a failure is an input error that names the
/// option, never a stack trace (and never echoes the connection string, which may hold a password).</summary>
internal static class DatabaseConnection
{
    public static DbConnection Open(string provider, string connectionString)
    {
        if (provider == "clickhouse") return OpenClickHouse(connectionString);
        DbConnection connection;
        try
        {
            connection = provider switch
            {
                "postgresql" or "postgres" => new NpgsqlConnection(connectionString),
                "duckdb" => new DuckDBConnection(connectionString),
                _ => throw new SurvivalInputException("must be postgresql, duckdb or clickhouse", column: "--provider", value: provider),
            };
        }
        catch (ArgumentException ex) when (ex is not SurvivalInputException)
        {
            throw new SurvivalInputException($"the connection string is not valid for {provider}: {ex.Message}", column: "--connection", innerException: ex);
        }
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new SurvivalInputException($"could not connect ({provider}): {ex.Message}", column: "--connection", innerException: ex);
        }
    }

    /// <summary>ClickHouse over HTTP (<see cref="Survival.ClickHouse.ClickHouseDatabase"/>): the server is asked its version,
    /// so an unreachable server or refused credentials fail here, as one line (the first of the server's message).</summary>
    private static DbConnection OpenClickHouse(string connectionString)
    {
        try
        {
            return Survival.ClickHouse.ClickHouseDatabase.Open(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SurvivalInputException($"the connection string is not valid for clickhouse: {FirstLine(ex.Message)}", column: "--connection", innerException: ex);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            throw new SurvivalInputException($"could not connect (clickhouse): {FirstLine(ex.Message)}", column: "--connection", innerException: ex);
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
