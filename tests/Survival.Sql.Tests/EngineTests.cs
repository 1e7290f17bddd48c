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
