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
        DbConnection connection;
        try
        {
            connection = provider switch
            {
                "postgresql" or "postgres" => new NpgsqlConnection(connectionString),
                "duckdb" => new DuckDBConnection(connectionString),
                _ => throw new SurvivalInputException("must be postgresql or duckdb", column: "--provider", value: provider),
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
}
