using System.Data.Common;
using Survival.ClickHouse;
using Xunit;

namespace Survival.Sql.Tests;

/// <summary>The two-shard ClickHouse cluster the tests run against: <c>SURVIVAL_CLICKHOUSE</c> (shard 1, where the
/// Distributed tables are made) and <c>SURVIVAL_CLICKHOUSE_SHARD2</c>. <c>.ci/run</c> starts it with
/// <c>.ci/clickhouse-up</c>; locally, <c>eval "$(bash .ci/clickhouse-up)"</c> does the same.</summary>
internal static class ClickHouseServer
{
    public const string Variable = "SURVIVAL_CLICKHOUSE";

    public const string Cluster = "survival_two_shards";

    public static string? Shard1 => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string? Shard2 => Environment.GetEnvironmentVariable(Variable + "_SHARD2") is { Length: > 0 } s ? s : null;

    public const string SkipReason =
        "no ClickHouse cluster: set SURVIVAL_CLICKHOUSE and SURVIVAL_CLICKHOUSE_SHARD2, e.g. eval \"$(bash .ci/clickhouse-up)\" (CI runs these tests, it never skips them)";

    public static bool Skipped => (Shard1 is null || Shard2 is null) && !PostgresServer.InCi;

    public static DbConnection Open(string? connectionString) => ClickHouseDatabase.Open(connectionString
        ?? throw new InvalidOperationException($"{Variable} is not set: .ci/run starts ClickHouse with .ci/clickhouse-up before the tests"));
}

/// <summary>A fact that needs the ClickHouse cluster: skipped, with the reason, where none is configured outside CI.</summary>
public sealed class ClickHouseFactAttribute : FactAttribute
{
    public ClickHouseFactAttribute()
    {
        if (ClickHouseServer.Skipped) Skip = ClickHouseServer.SkipReason;
    }
}

/// <summary>A theory that needs the ClickHouse cluster.</summary>
public sealed class ClickHouseTheoryAttribute : TheoryAttribute
{
    public ClickHouseTheoryAttribute()
    {
        if (ClickHouseServer.Skipped) Skip = ClickHouseServer.SkipReason;
    }
}
