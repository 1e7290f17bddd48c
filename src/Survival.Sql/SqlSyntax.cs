using System.Globalization;
using System.Text;

namespace Survival.Sql;

/// <summary>The few pieces of SQL that differ between <see cref="SqlDialect"/>s; everything else the reduction writes
/// is common to them.</summary>
internal sealed class SqlSyntax(SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>A column name, quoted.</summary>
    public string Identifier(string name) => Dialect switch
    {
        SqlDialect.SparkSql => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`",
        // ClickHouse reads backslash escapes inside quoted names.
        SqlDialect.ClickHouse => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
    };

    /// <summary>A string literal. Spark reads backslashes as escapes; the others double the quote.</summary>
    public string Literal(string value) => Dialect is SqlDialect.SparkSql or SqlDialect.ClickHouse
        ? "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'"
        : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-precision literal, exact (round-trip digits).</summary>
    public string Number(double value) => $"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS {Double})";

    /// <summary>The double-precision type (ClickHouse's casts keep NULL only into a <c>Nullable</c> type).</summary>
    public string Double => Dialect switch
    {
        SqlDialect.DuckDb or SqlDialect.SparkSql => "DOUBLE",
        SqlDialect.ClickHouse => "Nullable(Float64)",
        _ => "DOUBLE PRECISION",
    };

    /// <summary>The text type labels are cast to.</summary>
    public string Text => Dialect switch
    {
        SqlDialect.DuckDb => "VARCHAR",
        SqlDialect.PostgreSql => "TEXT",
        SqlDialect.SparkSql => "STRING",
        SqlDialect.ClickHouse => "Nullable(String)",
        _ => "VARCHAR(4000)",
    };

    /// <summary>Text with leading and trailing blanks removed (ClickHouse 18.16 has no <c>trim</c>; the regular expression
    /// does the same in every release).</summary>
    public string Trim(string x) => Dialect == SqlDialect.ClickHouse ? $"replaceRegexpAll({x}, '^ +| +$', '')" : $"trim({x})";

    /// <summary>A condition true when <paramref name="x"/> (a double) is NaN or infinite.</summary>
    public string NonFinite(string x) => Dialect switch
    {
        SqlDialect.DuckDb => $"(isnan({x}) OR isinf({x}))",
        SqlDialect.PostgreSql => $"({x} IN (CAST('NaN' AS DOUBLE PRECISION), CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION)))",
        SqlDialect.SparkSql => $"(isnan({x}) OR {x} IN (CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE)))",
        SqlDialect.ClickHouse => $"(isNaN({x}) OR isInfinite({x}))",
        // ISO SQL has no NaN; engines that have one order it above every number, as they do +∞.
        _ => $"({x} > 1.7976931348623157E308 OR {x} < -1.7976931348623157E308)",
    };

    /// <summary>A row number in the order the relation is scanned.</summary>
    public string RowNumber => Dialect switch
    {
        SqlDialect.SparkSql => "row_number() OVER (ORDER BY monotonically_increasing_id())",
        // Per shard on a Distributed table (evaluated where the rows are read), 0-based.
        SqlDialect.ClickHouse => "(rowNumberInAllBlocks() + 1)",
        _ => "row_number() OVER ()",
    };

    /// <summary>Where the dialect numbers rows per shard, the expression naming the shard a row was read on; else null.</summary>
    public string? Shard => Dialect == SqlDialect.ClickHouse ? "hostName()" : null;

    /// <summary>The prefix of the reduction's own names for row values (<c>t</c>, <c>e</c>, …): ClickHouse resolves an alias
    /// anywhere in its <c>SELECT</c>, so an alias equal to a column name (a time column called <c>t</c>) would refer to
    /// itself; the others need no prefix.</summary>
    public string Own(string name) => Dialect == SqlDialect.ClickHouse ? "survival_" + name : name;

    /// <summary>Appends the clause that keeps the first <paramref name="count"/> rows.</summary>
    public StringBuilder Limit(StringBuilder sql, int count)
    {
        if (Dialect == SqlDialect.Ansi) return sql.Append(" FETCH FIRST ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" ROWS ONLY");
        return sql.Append(" LIMIT ").Append(count.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Ends a follow-up query: ClickHouse reads a part on several threads, and one thread keeps each shard's rows in
    /// their stored order (a setting of the query, since an HTTP connection has no session to <c>SET</c> it in).</summary>
    public StringBuilder EndInScanOrder(StringBuilder sql) => Dialect == SqlDialect.ClickHouse ? sql.Append(" SETTINGS max_threads = 1") : sql;

    /// <summary>Makes the follow-up queries see rows in scan order: PostgreSQL's parallel scans interleave the workers'
    /// rows, so they are turned off for the session until the scope ends; DuckDB runs them on one thread (ClickHouse says
    /// so in each query, <see cref="EndInScanOrder"/>). Other engines are left as they are.</summary>
    public IDisposable InScanOrder(System.Data.Common.DbConnection connection)
    {
        switch (Dialect)
        {
            case SqlDialect.PostgreSql:
                Run(connection, "SET max_parallel_workers_per_gather = 0");
                return new Scope(() => Run(connection, "RESET max_parallel_workers_per_gather"));
            case SqlDialect.DuckDb:
                Run(connection, "SET threads = 1");
                return new Scope(() => Run(connection, "RESET threads"));
            default:
                return NoScope.Instance;
        }
    }

    private static void Run(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
