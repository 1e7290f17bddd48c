using System.Diagnostics;
using System.Globalization;
using Survival.Csv;
using Survival.DuckDb;
using Survival.Estimation;

namespace Survival.Benchmarks;

/// <summary>
/// <c>pushdown --n N [--keep]</c>: generates N rows of the benchmark shape inside DuckDB (straight to Parquet, never
/// through .NET), then fits Kaplan–Meier by push-down, and prints the times, the number of cells that reached .NET and
/// the process's peak working set. Shows that 10^8 rows need no row-level memory in .NET.
/// </summary>
internal static class PushDownDemo
{
    public static int Run(string[] args)
    {
        long n = 100_000_000;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--n" when i + 1 < args.Length: n = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (pushdown --n N [--keep])");
                    return 2;
            }
        }
        string parquet = Path.Combine(Path.GetTempPath(), $"survival-pushdown-{n}.parquet");
        var sw = Stopwatch.StartNew();
        if (!File.Exists(parquet)) ParquetData.Generate(parquet, n, 20261124);
        double generate = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var counts = DuckDbCounts.Read(parquet, new SurvivalColumns("time", "status", Group: "grp"));
        var fit = KaplanMeier.Fit(counts);
        double seconds = sw.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows {n:N0}; Parquet {new FileInfo(parquet).Length / 1048576.0:F0} MiB written by DuckDB in {generate:F1} s; " +
            $"Kaplan–Meier by push-down {seconds:F2} s; {counts.CellCount:N0} cells reached .NET; " +
            $"curves {string.Join(", ", fit.Curves.Select(c => $"{c.Group}: n = {c.N:N0}, median {c.Median.Estimate:F2}"))}; " +
            $"peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB, managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MiB"));
        if (!keep) File.Delete(parquet);
        return 0;
    }
}
