using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Survival.Estimation;
using Survival.Sql;

namespace Survival.Benchmarks;

/// <summary>
/// <c>postgres --connection CS --n N [--runs R] [--keep]</c>: generates N rows of the benchmark shape inside PostgreSQL
/// (times rounded to 0.01, two groups; <c>generate_series</c>, never through .NET), then times, R times each:
/// Kaplan–Meier by push-down (<see cref="SqlCounts.Read"/>, the validating reduction, plus the fit), PostgreSQL's own
/// plain <c>GROUP BY grp, time</c> read to the end, and once, for contrast, every row pulled into .NET and fitted there.
/// Reports the rows that crossed the wire for each.
/// </summary>
internal static class PostgresDemo
{
    public static int Run(string[] args)
    {
        string? connectionString = Environment.GetEnvironmentVariable("SURVIVAL_POSTGRES");
        long n = 10_000_000;
        int runs = 3;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection" when i + 1 < args.Length: connectionString = args[++i]; break;
                case "--n" when i + 1 < args.Length: n = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (postgres --connection CS --n N [--runs R] [--keep])");
                    return 2;
            }
        }
        if (connectionString is null)
        {
            Console.Error.WriteLine("error: give --connection or set SURVIVAL_POSTGRES (eval \"$(bash .ci/postgres-up)\" starts a server)");
            return 2;
        }
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        string table = $"survival_bench_{n}";
        var sw = Stopwatch.StartNew();
        Execute(connection, $"DROP TABLE IF EXISTS {table}");
        Execute(connection, "SELECT setseed(0.20261202)");
        Execute(connection, $"CREATE UNLOGGED TABLE {table} AS SELECT CASE WHEN random() < 0.5 THEN 'A' ELSE 'B' END AS grp, " +
                            "round((-ln(1 - random()) * 20)::numeric, 2)::double precision AS time, (random() < 0.7)::int AS status " +
                            $"FROM generate_series(1, {n})");
        Execute(connection, $"VACUUM ANALYZE {table}");
        double generate = sw.Elapsed.TotalSeconds;
        string version = Scalar(connection, "SHOW server_version");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {version}; {n:N0} rows generated in {generate:F1} s (table {table})"));

        var columns = new SurvivalColumns("time", "status", Group: "grp");
        for (int r = 0; r < runs; r++)
        {
            sw.Restart();
            var counts = SqlCounts.Read(connection, SqlRelation.Table(table), columns);
            var fit = KaplanMeier.Fit(counts);
            double pushDown = sw.Elapsed.TotalSeconds;

            sw.Restart();
            long groups = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT grp, time, count(*), sum(status) FROM {table} GROUP BY grp, time";
                using var reader = command.ExecuteReader();
                while (reader.Read()) groups++;
            }
            double groupBy = sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {r + 1}: Kaplan–Meier by push-down {pushDown:F2} s ({counts.CellCount:N0} rows crossed the wire; medians " +
                $"{string.Join(", ", fit.Curves.Select(c => $"{c.Group} {c.Median.Estimate:F2}"))}); PostgreSQL's plain GROUP BY {groupBy:F2} s ({groups:N0} rows)"));
        }

        sw.Restart();
        var time = new List<double>();
        var status = new List<bool>();
        var group = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT time, status, grp FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                time.Add(reader.GetDouble(0));
                status.Add(reader.GetInt32(1) == 1);
                group.Add(reader.GetString(2));
            }
        }
        double transfer = sw.Elapsed.TotalSeconds;
        var rowFit = KaplanMeier.Fit(SurvivalData.Create(time.ToArray(), status.ToArray(), group: group));
        double rowPath = sw.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"for contrast: every row pulled into .NET {transfer:F2} s ({time.Count:N0} rows crossed the wire), fitted there: {rowPath:F2} s in all; medians " +
            $"{string.Join(", ", rowFit.Curves.Select(c => $"{c.Group} {c.Median.Estimate:F2}"))}"));
        if (!keep) Execute(connection, $"DROP TABLE {table}");
        return 0;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static string Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
