using System.Globalization;
using System.Text.Json;

namespace Survival.Benchmarks;

/// <summary>
/// The CI guard of issue 35: each operation's ratio to one <see cref="Array.Sort(Array)"/> of the same times, measured by
/// the scale harness, against the committed baseline for this machine class (<c>benchmarks/baseline.json</c>). An
/// operation fails when its ratio exceeds the baseline's <c>margin</c> × its baseline ratio; the margin and how it was
/// chosen (the spread of repeated runs) are stated in the file. Operations without a baseline are reported, not judged.
/// Exit code 0 when every guarded operation is within its bound, 3 otherwise (with a last line
/// <c>guard: regressions: a,b</c> naming them, so CI can measure them once more before it fails).
/// </summary>
internal static class PerformanceGuard
{
    public static int Check(string baselinePath, int n, bool continuous, IReadOnlyList<(string Operation, double Ratio)> measured)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(baselinePath));
        var root = document.RootElement;
        int baselineN = root.GetProperty("n").GetInt32();
        string shape = root.GetProperty("shape").GetString()!;
        double margin = root.GetProperty("margin").GetDouble();
        if (baselineN != n || shape != (continuous ? "continuous" : "rounded"))
        {
            Console.Error.WriteLine($"guard: the baseline is for n = {baselineN}, shape {shape}; this run is n = {n}, shape {(continuous ? "continuous" : "rounded")}");
            return 3;
        }
        var ratios = root.GetProperty("ratios");
        var failed = new List<string>();
        foreach (var (operation, ratio) in measured)
        {
            if (!ratios.TryGetProperty(operation, out var b))
            {
                Console.Error.WriteLine($"guard: {operation,-22} {ratio,7:F2}×  (no baseline: not guarded)");
                continue;
            }
            double bound = margin * b.GetDouble();
            bool ok = ratio <= bound;
            if (!ok) failed.Add(operation);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"guard: {operation,-22} {ratio,7:F2}×  baseline {b.GetDouble(),6:F2}×  bound {bound,6:F2}×  {(ok ? "ok" : "REGRESSION")}"));
        }
        if (failed.Count == 0) return 0;
        Console.Error.WriteLine($"guard: {failed.Count} operation(s) slower than {margin}× their baseline ratio; if the change is deliberate, update {baselinePath} with it");
        // The line .ci/run reads to measure those operations once more before it fails.
        Console.Error.WriteLine($"guard: regressions: {string.Join(",", failed)}");
        return 3;
    }
}
