using Xunit;

namespace Survival.Sql.Tests;

/// <summary>The row-path shapes: (entry, weights, fractional weights, strata, missing values).</summary>
public static class Shapes
{
    public static TheoryData<bool, bool, bool, bool, bool> All() => new()
    {
        { false, false, false, false, false },
        { false, false, false, true, true },
        { true, false, false, true, false },
        { true, true, false, true, true },
        { true, true, true, true, false },
        { false, true, true, false, true },
    };
}

/// <summary>The contract against a live PostgreSQL server (issue 21): started by <c>.ci/run</c>, run (never skipped) in CI.</summary>
public sealed class PostgreSqlCountsTests : IDisposable
{
    private readonly Lazy<PostgresDatabase> _db = new(() => new PostgresDatabase());

    public void Dispose()
    {
        if (_db.IsValueCreated) _db.Value.Dispose();
    }

    [PostgresTheory]
    [MemberData(nameof(Shapes.All), MemberType = typeof(Shapes))]
    public void Push_down_equals_the_row_path(bool entry, bool weights, bool fractional, bool strata, bool missing)
        => CountsContract.EqualsTheRowPath(_db.Value, entry, weights, fractional, strata, missing);

    [PostgresFact]
    public void Bad_values_are_named_by_table_row_column_and_value() => CountsContract.BadValuesAreNamed(_db.Value);

    [PostgresFact]
    public void Missing_values_and_status_types() => CountsContract.MissingValuesAndStatusTypes(_db.Value);

    [PostgresFact]
    public void A_collapsed_interval_is_named() => CountsContract.CollapsedIntervalIsNamed(_db.Value);

    [PostgresFact]
    public void Competing_risks_equal_the_rows() => CountsContract.CompetingRisksEqualTheRows(_db.Value);

    [PostgresFact]
    public void A_plain_counts_table_reads() => CountsContract.PlainCountsTableReads(_db.Value);

    [PostgresTheory]
    [InlineData(SqlDialect.PostgreSql)]
    [InlineData(SqlDialect.Ansi)]
    public void Dialect_sql_runs_as_printed(SqlDialect dialect) => CountsContract.DialectSqlRunsAsPrinted(_db.Value, dialect);

    /// <summary>Spark SQL in PostgreSQL's compatible subset: back quotes become double quotes, and the Spark names the
    /// reduction uses (<c>STRING</c>, <c>DOUBLE</c>, <c>isnan</c>) are defined in a transaction that is rolled back.</summary>
    [PostgresFact]
    public void Spark_sql_runs_in_postgresql_subset()
    {
        var db = _db.Value;
        // Inside a transaction that is rolled back: the shim never outlives the test.
        using var transaction = db.Connection.BeginTransaction();
        db.Execute("CREATE DOMAIN string AS text");
        db.Execute("CREATE DOMAIN double AS double precision");
        db.Execute("CREATE FUNCTION isnan(x double precision) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x = 'NaN'::float8 $$");
        CountsContract.DialectSqlRunsAsPrinted(db, SqlDialect.SparkSql, sql => sql.Replace('`', '"'));
        transaction.Rollback();
    }
}

/// <summary>The same contract on embedded DuckDB through its ADO.NET provider (no server needed).</summary>
public sealed class DuckDbSqlCountsTests : IDisposable
{
    private readonly DuckDbDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [MemberData(nameof(Shapes.All), MemberType = typeof(Shapes))]
    public void Push_down_equals_the_row_path(bool entry, bool weights, bool fractional, bool strata, bool missing)
        => CountsContract.EqualsTheRowPath(_db, entry, weights, fractional, strata, missing);

    [Fact]
    public void Bad_values_are_named_by_table_row_column_and_value() => CountsContract.BadValuesAreNamed(_db);

    [Fact]
    public void Missing_values_and_status_types() => CountsContract.MissingValuesAndStatusTypes(_db);

    [Fact]
    public void A_collapsed_interval_is_named() => CountsContract.CollapsedIntervalIsNamed(_db);

    [Fact]
    public void Competing_risks_equal_the_rows() => CountsContract.CompetingRisksEqualTheRows(_db);

    [Fact]
    public void A_plain_counts_table_reads() => CountsContract.PlainCountsTableReads(_db);

    [Theory]
    [InlineData(SqlDialect.DuckDb)]
    [InlineData(SqlDialect.Ansi)]
    [InlineData(SqlDialect.PostgreSql)]
    public void Dialect_sql_runs_as_printed(SqlDialect dialect) => CountsContract.DialectSqlRunsAsPrinted(_db, dialect);

    /// <summary>Spark SQL in DuckDB's compatible subset (DuckDB knows <c>STRING</c> and <c>isnan</c>): only the back quotes
    /// become double quotes.</summary>
    [Fact]
    public void Spark_sql_runs_in_duckdb_subset() => CountsContract.DialectSqlRunsAsPrinted(_db, SqlDialect.SparkSql, sql => sql.Replace('`', '"'));

    [Fact]
    public void The_dialect_follows_the_connection() => Assert.Equal(SqlDialect.DuckDb, SqlCounts.DialectOf(_db.Connection));
}

/// <summary>The same contract on a live two-shard ClickHouse cluster through <c>Distributed</c> tables (issue 37):
/// started by <c>.ci/run</c>, run (never skipped) in CI.</summary>
public sealed class ClickHouseCountsTests : IDisposable
{
    private readonly Lazy<ClickHouseCluster> _db = new(() => new ClickHouseCluster());

    public void Dispose()
    {
        if (_db.IsValueCreated) _db.Value.Dispose();
    }

    [ClickHouseTheory]
    [MemberData(nameof(Shapes.All), MemberType = typeof(Shapes))]
    public void Push_down_equals_the_row_path(bool entry, bool weights, bool fractional, bool strata, bool missing)
        => CountsContract.EqualsTheRowPath(_db.Value, entry, weights, fractional, strata, missing);

    [ClickHouseFact]
    public void Bad_values_are_named_by_table_row_column_and_value() => CountsContract.BadValuesAreNamed(_db.Value);

    [ClickHouseFact]
    public void Missing_values_and_status_types() => CountsContract.MissingValuesAndStatusTypes(_db.Value);

    [ClickHouseFact]
    public void A_collapsed_interval_is_named() => CountsContract.CollapsedIntervalIsNamed(_db.Value);

    [ClickHouseFact]
    public void Competing_risks_equal_the_rows() => CountsContract.CompetingRisksEqualTheRows(_db.Value);

    [ClickHouseFact]
    public void A_plain_counts_table_reads() => CountsContract.PlainCountsTableReads(_db.Value);

    [ClickHouseFact]
    public void Dialect_sql_runs_as_printed() => CountsContract.DialectSqlRunsAsPrinted(_db.Value, SqlDialect.ClickHouse);

    [ClickHouseFact]
    public void The_dialect_follows_the_connection() => Assert.Equal(SqlDialect.ClickHouse, SqlCounts.DialectOf(_db.Value.Connection));
}

/// <summary>ClickHouse faults: an unreachable shard, refused credentials and a server that is not there are one-line
/// errors that never echo the password.</summary>
public sealed class ClickHouseFaultTests
{
    [ClickHouseFact]
    public void An_unreachable_shard_is_one_line()
    {
        using var db = new ClickHouseCluster();
        string table = db.Load(CountsContract.Cohort(1, 20, false, false, false, false));
        // The same local tables, behind a cluster whose second shard is a port nothing listens on.
        string broken = table + "_broken";
        db.Execute($"CREATE TABLE {broken} AS {table}_local ENGINE = Distributed(survival_broken_shard, currentDatabase(), {table}_local)");
        try
        {
            var e = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Table(broken), new SurvivalColumns("time", "status")));
            Assert.Contains("connection tries failed", e.Message);
            Assert.DoesNotContain("\n", e.Message);
            Assert.Equal($"table {broken}", e.File);
        }
        finally
        {
            db.Execute($"DROP TABLE IF EXISTS {broken}");
        }
    }

    [ClickHouseFact]
    public void Refused_credentials_and_a_missing_server_never_echo_the_password()
    {
        const string password = "wrong-Pa55word-xyz";
        var port = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = ClickHouseServer.Shard1 }["Port"];
        var wrong = Assert.ThrowsAny<System.Data.Common.DbException>(() => Survival.ClickHouse.ClickHouseDatabase.Open(
            $"Host=127.0.0.1;Port={port};Username=survival_secret;Password={password}"));
        Assert.Contains("Wrong password", wrong.Message);
        Assert.DoesNotContain(password, wrong.ToString());
        var absent = Assert.ThrowsAny<System.Data.Common.DbException>(() => Survival.ClickHouse.ClickHouseDatabase.Open(
            $"Host=127.0.0.1;Port=1;Username=survival_secret;Password={password}"));
        Assert.Contains("could not be reached", absent.Message);
        Assert.DoesNotContain(password, absent.ToString());
        // The right password is accepted.
        using var right = Survival.ClickHouse.ClickHouseDatabase.Open($"Host=127.0.0.1;Port={port};Username=survival_secret;Password=the-right-password");
        Assert.NotEmpty(right.ServerVersion);
    }
}
