using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver.ADO;
using Survival.ClickHouse;
using Survival.Estimation;
using Survival.Sql;

namespace Survival.Benchmarks;

/// <summary>
/// <c>clickhouse --n N [--runs R] [--keep]</c>: generates N rows of the benchmark shape inside ClickHouse, half on each
/// shard of the two-shard cluster <c>.ci/clickhouse-up</c> starts (<c>numbers()</c>, never through .NET), behind a
/// <c>Distributed</c> table; then times, R times each: Kaplan–Meier by push-down (<see cref="SqlCounts.Read"/> on the
/// Distributed table, the validating reduction aggregated on both shards and merged, plus the fit) and ClickHouse's own
/// bare <c>GROUP BY grp, time</c> on the same table read to the end; and once, for contrast, every row pulled into .NET
/// (streamed as text and parsed into arrays) and fitted there. Reports the rows that crossed the wire for each.
/// Connections: <c>SURVIVAL_CLICKHOUSE</c> and <c>SURVIVAL_CLICKHOUSE_SHARD2</c> (or <c>--connection</c>, <c>--connection2</c>).
/// </summary>
internal static class ClickHouseDemo
{
    public static int Run(string[] args)
    {
        string? shard1 = Environment.GetEnvironmentVariable("SURVIVAL_CLICKHOUSE");
        string? shard2 = Environment.GetEnvironmentVariable("SURVIVAL_CLICKHOUSE_SHARD2");
        long n = 100_000_000;
        int runs = 3;
        bool keep = false, pull = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Length: shard1 = args[++i]; break;
                case "--connection2" when i + 1 < args.Length: shard2 = args[++i]; break;
                case "--n" when i + 1 < args.Length: n = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                case "--no-pull": pull = false; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (clickhouse --n N [--runs R] [--keep] [--no-pull] [--connection CS --connection2 CS])");
                    return 2;
            }
        }
        if (shard1 is null || shard2 is null)
        {
            Console.Error.WriteLine("error: give --connection and --connection2 or set SURVIVAL_CLICKHOUSE and SURVIVAL_CLICKHOUSE_SHARD2 (eval \"$(bash .ci/clickhouse-up)\" starts a cluster)");
            return 2;
        }
        using var first = ClickHouseDatabase.Open(shard1);
        using var second = ClickHouseDatabase.Open(shard2);
        string table = $"survival_bench_{n}";
        var sw = Stopwatch.StartNew();
        foreach (var c in new[] { first, second })
        {
            Execute(c, $"DROP TABLE IF EXISTS {table}_local");
            Execute(c, $"CREATE TABLE {table}_local (grp String, time Float64, status Int32) ENGINE = MergeTree ORDER BY tuple()");
        }
        Execute(first, $"DROP TABLE IF EXISTS {table}");
        Execute(first, $"CREATE TABLE {table} AS {table}_local ENGINE = Distributed(survival_two_shards, currentDatabase(), {table}_local)");
        // The shape of the other harnesses: two groups, exponential times (mean 20) rounded to 0.01, 70% events.
        string generate = "SELECT if(rand(1) % 2 = 0, 'A', 'B') AS grp, round(-log(1 - rand64(2) / 18446744073709551616) * 20, 2) AS time, " +
                          "toInt32(rand(3) % 10 < 7) AS status FROM numbers({0})";
        long half = n / 2;
        Execute(first, $"INSERT INTO {table}_local " + string.Format(CultureInfo.InvariantCulture, generate, half));
        Execute(second, $"INSERT INTO {table}_local " + string.Format(CultureInfo.InvariantCulture, generate, n - half));
        double made = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ClickHouse {first.ServerVersion}, two shards; {n:N0} rows generated in {made:F1} s ({half:N0} + {n - half:N0}; Distributed table {table})"));

        var columns = new SurvivalColumns("time", "status", Group: "grp");
        for (int r = 0; r < runs; r++)
        {
            sw.Restart();
            var counts = SqlCounts.Read(first, SqlRelation.Table(table), columns);
            var fit = KaplanMeier.Fit(counts);
            double pushDown = sw.Elapsed.TotalSeconds;

            sw.Restart();
            long groups = 0;
            using (var command = first.CreateCommand())
            {
                command.CommandText = $"SELECT grp, time, count(), sum(status) FROM {table} GROUP BY grp, time";
                using var reader = command.ExecuteReader();
                while (reader.Read()) groups++;
            }
            double groupBy = sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {r + 1}: Kaplan–Meier by push-down {pushDown:F2} s ({counts.CellCount:N0} rows crossed the wire; medians " +
                $"{string.Join(", ", fit.Curves.Select(c => $"{c.Group} {c.Median.Estimate:F2}"))}); ClickHouse's bare GROUP BY {groupBy:F2} s ({groups:N0} rows)"));
        }

        if (pull)
        {
            sw.Restart();
            var (time, status, group) = PullRows(shard1, table, n);
            double transfer = sw.Elapsed.TotalSeconds;
            var rowFit = KaplanMeier.Fit(SurvivalData.Create(time, status, group: group));
            double rowPath = sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"for contrast: every row pulled into .NET {transfer:F2} s ({time.Length:N0} rows crossed the wire), fitted there: {rowPath:F2} s in all; medians " +
                $"{string.Join(", ", rowFit.Curves.Select(c => $"{c.Group} {c.Median.Estimate:F2}"))}"));
        }
        if (!keep)
        {
            Execute(first, $"DROP TABLE {table}");
            foreach (var c in new[] { first, second }) Execute(c, $"DROP TABLE {table}_local");
        }
        return 0;
    }

    /// <summary>Every row through the driver's HTTP stream as tab-separated text, parsed straight into arrays (a
    /// <see cref="System.Data.DataTable"/> of 10^8 rows would not fit).</summary>
    private static (double[] Time, bool[] Status, string[] Group) PullRows(string connectionString, string table, long n)
    {
        var builder = new ClickHouseConnectionStringBuilder { ConnectionString = connectionString };
        builder["JsonReadMode"] = "None";
        builder["JsonWriteMode"] = "None";
        using var connection = new ClickHouseConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT time, status, grp FROM {table} FORMAT TabSeparated";
        using var result = command.ExecuteRawResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var reader = new StreamReader(result.ReadAsStreamAsync().GetAwaiter().GetResult());
        var time = new double[n];
        var status = new bool[n];
        var group = new string[n];
        long i = 0;
        for (string? line; (line = reader.ReadLine()) is not null; i++)
        {
            var span = line.AsSpan();
            int a = span.IndexOf('\t'), b = span[(a + 1)..].IndexOf('\t') + a + 1;
            time[i] = double.Parse(span[..a], NumberStyles.Float, CultureInfo.InvariantCulture);
            status[i] = span[(a + 1)..b].SequenceEqual("1");
            group[i] = span[(b + 1)..].SequenceEqual("A") ? "A" : "B";
        }
        return (time[..(int)i], status[..(int)i], group[..(int)i]);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
