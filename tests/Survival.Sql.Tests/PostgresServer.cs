using Npgsql;
using Xunit;

namespace Survival.Sql.Tests;

/// <summary>The PostgreSQL server the database tests run against: <c>SURVIVAL_POSTGRES</c> holds its connection string.
/// <c>.ci/run</c> starts one (<c>.ci/postgres-up</c>); locally, <c>eval "$(bash .ci/postgres-up)"</c> does the same.</summary>
internal static class PostgresServer
{
    public const string Variable = "SURVIVAL_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    /// <summary>In CI the tests run, never skip: a missing server is a failure there.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SkipReason =
        "no PostgreSQL server: set SURVIVAL_POSTGRES, e.g. eval \"$(bash .ci/postgres-up)\" (CI runs these tests, it never skips them)";

    public static NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString
            ?? throw new InvalidOperationException($"{Variable} is not set: .ci/run starts PostgreSQL with .ci/postgres-up before the tests"));
        connection.Open();
        return connection;
    }
}

/// <summary>A fact that needs the PostgreSQL server: skipped, with the reason, where none is configured outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.ConnectionString is null && !PostgresServer.InCi) Skip = PostgresServer.SkipReason;
    }
}

/// <summary>A theory that needs the PostgreSQL server (see <see cref="PostgresFactAttribute"/>).</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.ConnectionString is null && !PostgresServer.InCi) Skip = PostgresServer.SkipReason;
    }
}
