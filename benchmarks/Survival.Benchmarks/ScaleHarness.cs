using System.Diagnostics;
using System.Globalization;
using System.Text;
using Survival.Comparison;
using Survival.Csv;
using Survival.Estimation;

namespace Survival.Benchmarks;

/// <summary>
/// <c>scale --n N [--runs R] [--format json|table]</c>: times each operation on the issue-6 data shape (median of at
/// least 3 runs after a warm-up) beside the median time of <see cref="Array.Sort(Array)"/> on a copy of the same times,
/// measured in the same process.
/// </summary>
internal static class ScaleHarness
{
    public static int Run(string[] args)
    {
        int n = 1_000_000, runs = 3;
        string format = "json";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--n" when i + 1 < args.Length: n = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = Math.Max(3, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (scale --n N [--runs R] [--format json|table])");
                    return 2;
            }
        }
        var (time, status, group) = BenchmarkData.Generate(n);
        var data = SurvivalData.Create(time, status, null, null, Factor.FromCodes(group, ["A", "B"]), null);
        double baseline = Median(runs, () => { var copy = (double[])time.Clone(); Array.Sort(copy); });

        string csv = Path.Combine(Path.GetTempPath(), $"survival-scale-{n}.csv");
        var sb = new StringBuilder("time,status,group\n");
        for (int i = 0; i < n; i++) sb.Append(time[i].ToString("R", CultureInfo.InvariantCulture)).Append(status[i] ? ",1," : ",0,").Append(group[i] == 0 ? "A" : "B").Append('\n');
        File.WriteAllText(csv, sb.ToString());

        var results = new (string Operation, double Seconds)[]
        {
            ("kaplan-meier", Median(runs, () => KaplanMeier.Fit(data))),
            ("log-rank", Median(runs, () => LogRankTest.Compute(data))),
            ("csv-load", Median(runs, () => SurvivalCsv.Read(csv, new SurvivalColumns("time", "status", Group: "group")))),
        };
        File.Delete(csv);
        if (format == "table")
        {
            foreach (var (op, s) in results) Console.WriteLine($"{op,-14} n={n,10}  {s,9:F4} s  ({s / baseline:F2}× Array.Sort {baseline:F4} s)");
        }
        else
        {
            Console.WriteLine("[");
            for (int i = 0; i < results.Length; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {{ \"operation\": \"{results[i].Operation}\", \"n\": {n}, \"seconds\": {results[i].Seconds:R}, \"baselineSortSeconds\": {baseline:R} }}{(i + 1 < results.Length ? "," : "")}"));
            Console.WriteLine("]");
        }
        return 0;
    }

    private static double Median(int runs, Action action)
    {
        action(); // warm-up
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[r] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
