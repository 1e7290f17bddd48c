using DuckDB.NET.Data;

namespace Survival.Benchmarks;

/// <summary>Parquet files of the benchmark shape for the DuckDB push-down, written by DuckDB itself.</summary>
internal static class ParquetData
{
    /// <summary>Writes the given rows (the harness's arrays) to Parquet through DuckDB's appender.</summary>
    public static void Write(string path, double[] time, bool[] status, int[] group)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE rows (time DOUBLE, status INTEGER, grp VARCHAR)");
        using (var appender = connection.CreateAppender("rows"))
        {
            for (int i = 0; i < time.Length; i++)
                appender.CreateRow().AppendValue(time[i]).AppendValue(status[i] ? 1 : 0).AppendValue(group[i] == 0 ? "A" : "B").EndRow();
        }
        Execute(connection, $"COPY rows TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
    }

    /// <summary>Generates <paramref name="n"/> rows of the shape inside DuckDB (no row ever enters .NET) and writes them
    /// to Parquet: times Exp(mean 50) rounded to 0.01, 60% events, two groups.</summary>
    public static void Generate(string path, long n, int seed)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, $"SELECT setseed({seed % 1000 / 1000.0:0.000})");
        Execute(connection,
            "COPY (SELECT round(-50 * ln(1 - random()), 2) AS time, CAST(random() < 0.6 AS INTEGER) AS status, " +
            $"CASE WHEN random() < 0.5 THEN 'A' ELSE 'B' END AS grp FROM range({n})) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
