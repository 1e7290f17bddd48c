namespace Survival.Sql;

/// <summary>The SQL dialect the reduction is written in: identifier quoting, type names, the test for non-finite
/// numbers and the row numbering of the follow-up queries differ between engines.</summary>
/// <remarks>
/// <para>The reduction itself is plain SQL (<c>CASE</c>, <c>SUM</c>, <c>MAX</c>, <c>GROUP BY</c>, <c>UNION ALL</c>);
/// only the pieces listed per member differ. <see cref="SqlCounts.DialectOf"/> picks one from the connection's type.</para>
/// </remarks>
public enum SqlDialect
{
    /// <summary>ISO SQL: double-quoted identifiers, <c>DOUBLE PRECISION</c>, <c>VARCHAR(4000)</c>, non-finite numbers found
    /// as values beyond ±<see cref="double.MaxValue"/> (which is where PostgreSQL and DuckDB order NaN and ±∞),
    /// <c>FETCH FIRST 1 ROWS ONLY</c>. For warehouses without a dialect of their own here (Snowflake, BigQuery with
    /// standard SQL, SQL Server needs <c>TOP</c> and is not covered).</summary>
    Ansi,

    /// <summary>DuckDB: <c>DOUBLE</c>, <c>VARCHAR</c>, <c>isnan</c>/<c>isinf</c>.</summary>
    DuckDb,

    /// <summary>PostgreSQL (and engines speaking its dialect): <c>DOUBLE PRECISION</c>, <c>TEXT</c>, NaN and ±Infinity
    /// compared as the values PostgreSQL gives them.</summary>
    PostgreSql,

    /// <summary>Spark SQL (Databricks): back-quoted identifiers, <c>DOUBLE</c>, <c>STRING</c>, backslash escapes in string
    /// literals, <c>isnan</c> and the infinities as <c>CAST('Infinity' AS DOUBLE)</c>, row numbers ordered by
    /// <c>monotonically_increasing_id()</c>.</summary>
    SparkSql,

    /// <summary>ClickHouse (tested on 18.16, written in SQL current releases also accept): <c>Nullable(Float64)</c> and
    /// <c>Nullable(String)</c> casts, <c>isNaN</c>/<c>isInfinite</c>, blanks trimmed with <c>replaceRegexpAll</c>, and the
    /// reduction's <c>GROUP BY</c> written in the same <c>SELECT</c> as the table, so that on a <c>Distributed</c> table
    /// every shard aggregates its own rows and only the per-time cells are merged (two-level aggregation). ClickHouse has
    /// no global row number: the follow-up queries number rows per shard (<c>rowNumberInAllBlocks</c>, one thread), and
    /// an error names the shard's host beside the row.</summary>
    ClickHouse,
}
