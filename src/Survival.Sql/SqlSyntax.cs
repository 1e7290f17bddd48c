using System.Globalization;
using System.Text;

namespace Survival.Sql;

/// <summary>The few pieces of SQL that differ between <see cref="SqlDialect"/>s; everything else the reduction writes
/// is common to them.</summary>
internal sealed class SqlSyntax(SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>A column name, quoted.</summary>
    public string Identifier(string name) => Dialect == SqlDialect.SparkSql
        ? "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`"
        : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal. Spark reads backslashes as escapes; the others double the quote.</summary>
    public string Literal(string value) => Dialect == SqlDialect.SparkSql
        ? "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'"
        : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A double-precision literal, exact (round-trip digits).</summary>
    public string Number(double value) => Dialect == SqlDialect.SparkSql || Dialect == SqlDialect.DuckDb
        ? $"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS DOUBLE)"
        : $"CAST({value.ToString("R", CultureInfo.InvariantCulture)} AS DOUBLE PRECISION)";

    /// <summary>The double-precision type.</summary>
    public string Double => Dialect is SqlDialect.DuckDb or SqlDialect.SparkSql ? "DOUBLE" : "DOUBLE PRECISION";

    /// <summary>The text type labels are cast to.</summary>
    public string Text => Dialect switch
    {
        SqlDialect.DuckDb => "VARCHAR",
        SqlDialect.PostgreSql => "TEXT",
        SqlDialect.SparkSql => "STRING",
        _ => "VARCHAR(4000)",
    };

    /// <summary>A condition true when <paramref name="x"/> (a double) is NaN or infinite.</summary>
    public string NonFinite(string x) => Dialect switch
    {
        SqlDialect.DuckDb => $"(isnan({x}) OR isinf({x}))",
        SqlDialect.PostgreSql => $"({x} IN (CAST('NaN' AS DOUBLE PRECISION), CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION)))",
        SqlDialect.SparkSql => $"(isnan({x}) OR {x} IN (CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE)))",
        // ISO SQL has no NaN; engines that have one order it above every number, as they do +∞.
        _ => $"({x} > 1.7976931348623157E308 OR {x} < -1.7976931348623157E308)",
    };

    /// <summary>A row number in the order the relation is scanned.</summary>
    public string RowNumber => Dialect == SqlDialect.SparkSql
        ? "row_number() OVER (ORDER BY monotonically_increasing_id())"
        : "row_number() OVER ()";

    /// <summary>Appends the clause that keeps the first <paramref name="count"/> rows.</summary>
    public StringBuilder Limit(StringBuilder sql, int count) => Dialect == SqlDialect.Ansi
        ? sql.Append(" FETCH FIRST ").Append(count.ToString(CultureInfo.InvariantCulture)).Append(" ROWS ONLY")
        : sql.Append(" LIMIT ").Append(count.ToString(CultureInfo.InvariantCulture));

    /// <summary>Makes the follow-up queries see rows in scan order: PostgreSQL's parallel scans interleave the workers'
    /// rows, so they are turned off for the session until the scope ends (DuckDB's <c>DuckDbCounts</c> does the same with
    /// one thread). Other engines are left as they are.</summary>
    public IDisposable InScanOrder(System.Data.Common.DbConnection connection)
    {
        if (Dialect != SqlDialect.PostgreSql) return NoScope.Instance;
        Run(connection, "SET max_parallel_workers_per_gather = 0");
        return new Scope(() => Run(connection, "RESET max_parallel_workers_per_gather"));
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
