using System.Diagnostics;
using System.Globalization;
using System.Text;
using Survival.Comparison;
using Survival.Csv;
using Survival.Estimation;
using Survival.Regression;

namespace Survival.Benchmarks;

/// <summary>
/// <c>scale --n N [--runs R] [--format json|table] [--operations a,b] [--shape rounded|continuous]</c>: times each
/// operation on the issue-6 data shape (times rounded to 0.01, the default; <c>continuous</c>: the same draws not rounded,
/// all distinct) — the median of at least 3 runs after a warm-up — beside the median time of
/// <see cref="Array.Sort(Array)"/> on a copy of the same times, measured in the same process. <c>csv-load</c> also
/// reports <c>arrayBytes</c>, the size of the columns it returns; <c>cox-counting</c> (a (start, stop] Cox fit on n
/// rows: n/2 subjects, each split in two at a time-varying covariate's change) the size of its input arrays.
/// </summary>
internal static class ScaleHarness
{
    public static int Run(string[] args)
    {
        int n = 1_000_000, runs = 3;
        string format = "json";
        string[]? only = null;
        bool continuous = false;
        string? outPath = null, baselinePath = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--n" when i + 1 < args.Length: n = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = Math.Max(3, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--operations" when i + 1 < args.Length: only = args[++i].Split(','); break;
                case "--out" when i + 1 < args.Length: outPath = args[++i]; break;
                case "--baseline" when i + 1 < args.Length: baselinePath = args[++i]; break;
                case "--shape" when i + 1 < args.Length:
                    string shape = args[++i];
                    if (shape is not ("rounded" or "continuous"))
                    {
                        Console.Error.WriteLine($"error: --shape must be rounded or continuous, not '{shape}'");
                        return 2;
                    }
                    continuous = shape == "continuous";
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}' (scale --n N [--runs R] [--format json|table] [--operations a,b] [--shape rounded|continuous] [--out FILE] [--baseline FILE])");
                    return 2;
            }
        }
        var (time, status, group) = BenchmarkData.Generate(n, continuous: continuous);
        var data = SurvivalData.FromFactors(time, status, Factor.FromCodes(group, ["A", "B"]));
        double baseline = Median(runs, () => { var copy = (double[])time.Clone(); Array.Sort(copy); });

        bool Wanted(string op) => only is null || only.Contains(op);
        var results = new List<(string Operation, double Seconds, long Allocated, long? ArrayBytes)>();
        void Add(string operation, (double Seconds, long Allocated) m, long? arrayBytes = null) => results.Add((operation, m.Seconds, m.Allocated, arrayBytes));
        if (Wanted("kaplan-meier")) Add("kaplan-meier", Measure(runs, () => KaplanMeier.Fit(data)));
        if (Wanted("log-rank")) Add("log-rank", Measure(runs, () => LogRankTest.Compute(data)));
        if (Wanted("cox"))
        {
            // One numeric covariate (the group as 0/1), Efron ties: R coxph(Surv(time, status) ~ group).
            var covariate = new CovariateMatrix(n).AddNumeric("group", group.Select(g => (double)g).ToArray());
            var ungrouped = SurvivalData.Create(time, status);
            Add("cox", Measure(runs, () => CoxRegression.Fit(ungrouped, covariate)));
        }
        if (Wanted("cox-counting"))
        {
            // (start, stop] rows: n/2 subjects, each split at half its follow-up into two rows, a time-varying 0/1
            // covariate switching on at the split and the group as a second covariate, Efron ties:
            // R coxph(Surv(start, stop, status) ~ g + z) on the same shape (benchmarks/compare/r-survival.R).
            var (entry, stop, events, g, z) = BenchmarkData.CountingProcess(n);
            var counting = SurvivalData.Create(stop, events, entry: entry);
            var x = new CovariateMatrix(n).AddNumeric("g", g).AddNumeric("z", z);
            // The input arrays: entry and exit times (8 bytes a row each), events (1), two covariates (8 each).
            Add("cox-counting", Measure(runs, () => CoxRegression.Fit(counting, x)), 33L * n);
        }
        if (Wanted("cumulative-incidence"))
        {
            // Competing risks on the same rows: each event is cause 1 or 2 (drawn with a fixed seed), two groups;
            // Aalen–Johansen curves with infinitesimal-jackknife standard errors, and Gray's test for each cause.
            var random = new Random(7);
            var cause = new int[n];
            for (int i = 0; i < n; i++) cause[i] = status[i] ? 1 + random.Next(2) : 0;
            var competing = Survival.CompetingRisks.CompetingRisksData.FromCodes(data, cause, ["progression", "death"]);
            Add("cumulative-incidence", Measure(runs, () => Survival.CompetingRisks.CumulativeIncidence.Fit(competing)));
        }
        // Issue 35's estimators at scale: two covariates, the group (0/1) and a continuous one drawn with a fixed seed.
        if (Wanted("parametric") || Wanted("fine-gray") || Wanted("cox-diagnostics"))
        {
            var random = new Random(13);
            var age = new double[n];
            for (int i = 0; i < n; i++) age[i] = 40 + 30 * random.NextDouble();
            var x = new CovariateMatrix(n).AddNumeric("group", group.Select(g => (double)g).ToArray()).AddNumeric("age", age);
            var plain = SurvivalData.Create(time, status);
            // R survreg(Surv(time + 0.005, status) ~ group + age, dist = "weibull") and dist = "lognormal", one after the
            // other (times shifted by half the rounding unit: a rounded time can be 0, which log-time models refuse).
            if (Wanted("parametric"))
            {
                var positive = SurvivalData.Create(time.Select(t => t + 0.005).ToArray(), status);
                Add("parametric", Measure(runs, () =>
                {
                    Survival.Parametric.AftModel.Fit(positive, Survival.Parametric.AftDistribution.Weibull, x);
                    Survival.Parametric.AftModel.Fit(positive, Survival.Parametric.AftDistribution.LogNormal, x);
                }));
            }
            // cmprsk::crr(time, cause, cbind(group, age), failcode = 1): each event cause 1 or 2 (fixed seed).
            if (Wanted("fine-gray"))
            {
                var cause = new int[n];
                for (int i = 0; i < n; i++) cause[i] = status[i] ? 1 + random.Next(2) : 0;
                var competing = Survival.CompetingRisks.CompetingRisksData.FromCodes(plain, cause, ["progression", "death"]);
                Add("fine-gray", Measure(runs, () => Survival.CompetingRisks.FineGray.Fit(competing, "progression", x)));
            }
            // coxph(Surv(time, status) ~ group + age), then cox.zph(fit) and residuals(fit, "martingale"), (fit, "schoenfeld").
            if (Wanted("cox-diagnostics"))
                Add("cox-diagnostics", Measure(runs, () =>
                {
                    var fit = CoxRegression.Fit(plain, x);
                    ProportionalHazards.Test(fit);
                    CoxResiduals.Martingale(fit);
                    CoxResiduals.Schoenfeld(fit);
                }));
        }
        if (Wanted("multistate"))
        {
            // Illness–death on the same rows (n rows, about n/1.3 subjects): an event is illness or death (fixed seed); an
            // ill subject gets a second row from the illness time to death or censoring Exp(mean 50) later.
            // R survfit(Surv(tstart, tstop, state) ~ 1, id = id): the Aalen–Johansen state probabilities with IJ errors.
            var random = new Random(17);
            var start = new List<double>();
            var stop = new List<double>();
            var state = new List<string>();
            var id = new List<string>();
            for (int i = 0; start.Count < n; i++)
            {
                string who = i.ToString(CultureInfo.InvariantCulture);
                double t = time[i % n] + 0.01;
                bool ill = status[i % n] && random.Next(2) == 0;
                start.Add(0); stop.Add(t); id.Add(who);
                state.Add(!status[i % n] ? "censor" : ill ? "ill" : "dead");
                if (ill && start.Count < n)
                {
                    start.Add(t); stop.Add(t + Math.Round(-50 * Math.Log(1 - random.NextDouble()), 2) + 0.01); id.Add(who);
                    state.Add(random.Next(10) < 6 ? "dead" : "censor");
                }
            }
            var rows = Survival.MultiState.MultiStateData.Create(stop.ToArray(), state, id, start.ToArray(), states: ["ill", "dead"]);
            Add("multistate", Measure(runs, () => Survival.MultiState.AalenJohansen.Fit(rows)));
        }
        if (Wanted("concordance") || Wanted("auc-brier"))
        {
            // A continuous risk score (the group plus noise, fixed seed) and its logistic transform as predicted risks.
            var random = new Random(11);
            var score = new double[n];
            for (int i = 0; i < n; i++) score[i] = group[i] + random.NextDouble();
            var plain = SurvivalData.Create(time, status);
            // R survival::concordance(Surv(time, status) ~ score, reverse = TRUE): Harrell's C with its jackknife variance.
            if (Wanted("concordance"))
                Add("concordance", Measure(runs, () => Survival.Assessment.Concordance.Compute(plain, score,
                    new Survival.Assessment.ConcordanceOptions { Direction = Survival.Assessment.ConcordanceDirection.LargerScoreHigherRisk })));
            if (Wanted("auc-brier"))
            {
                // riskRegression::Score(metrics = c("auc", "brier")) at 10 times (deciles of the times), se.fit = TRUE.
                var sorted = (double[])time.Clone();
                Array.Sort(sorted);
                var times = Enumerable.Range(1, 10).Select(k => sorted[(int)((long)(n - 1) * k / 11)]).Distinct().ToArray();
                var risk = times.Select(t => score.Select(v => 1 / (1 + Math.Exp(-(v - 1)))).ToArray()).ToArray();
                var predicted = new Survival.Assessment.PredictedRisks(times, risk);
                Add("auc-brier", Measure(runs, () => Survival.Assessment.PredictionAccuracy.Evaluate(plain, predicted)));
            }
        }
        if (Wanted("kaplan-meier-duckdb"))
        {
            // Parquet of the same rows, written once (not timed); timed: DuckDB reads it and reduces it to counts in SQL,
            // the core fits the curves. The rows never enter .NET memory.
            string parquet = Path.Combine(Path.GetTempPath(), $"survival-scale-{n}.parquet");
            ParquetData.Write(parquet, time, status, group);
            var columns = new SurvivalColumns("time", "status", Group: "grp");
            Add("kaplan-meier-duckdb", Measure(runs, () => KaplanMeier.Fit(Survival.DuckDb.DuckDbCounts.Read(parquet, columns))));
            File.Delete(parquet);
        }
        if (Wanted("csv-load"))
        {
            string csv = Path.Combine(Path.GetTempPath(), $"survival-scale-{n}.csv");
            using (var writer = new StreamWriter(csv))
            {
                writer.Write("time,status,group\n");
                for (int i = 0; i < n; i++)
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{time[i]:R},{(status[i] ? 1 : 0)},{(group[i] == 0 ? "A" : "B")}\n"));
            }
            // The columns returned: times (8 bytes a row), events (1), group codes (4).
            Add("csv-load", Measure(runs, () => SurvivalCsv.Read(csv, new SurvivalColumns("time", "status", Group: "group"))), 13L * n);
            File.Delete(csv);
        }
        var json = new StringBuilder("[\n");
        for (int i = 0; i < results.Count; i++)
            json.Append(string.Create(CultureInfo.InvariantCulture,
                $"  {{ \"operation\": \"{results[i].Operation}\", \"n\": {n}, \"seconds\": {results[i].Seconds:R}, \"baselineSortSeconds\": {baseline:R}, \"ratio\": {results[i].Seconds / baseline:R}, \"allocatedBytes\": {results[i].Allocated}{(results[i].ArrayBytes is long a ? $", \"arrayBytes\": {a}" : "")} }}{(i + 1 < results.Count ? "," : "")}\n"));
        json.Append("]\n");
        if (format == "table")
        {
            foreach (var (op, s, bytes, arrayBytes) in results)
                Console.WriteLine($"{op,-14} n={n,10}  {s,9:F4} s  ({s / baseline:F2}× Array.Sort {baseline:F4} s)  allocated {bytes / 1048576.0,8:F1} MiB"
                    + (arrayBytes is long a ? $" ({(double)bytes / a:F1}× the {a / 1048576.0:F1} MiB of arrays returned)" : ""));
        }
        else Console.Write(json);
        if (outPath is not null)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } dir) Directory.CreateDirectory(dir);
            File.WriteAllText(outPath, json.ToString());
        }
        if (baselinePath is not null)
            return PerformanceGuard.Check(baselinePath, n, continuous, results.Select(r => (r.Operation, r.Seconds / baseline)).ToArray());
        return 0;
    }

    /// <summary>The median seconds of <paramref name="runs"/> runs after a warm-up, and the bytes one run allocates.</summary>
    private static (double Seconds, long Allocated) Measure(int runs, Action action)
    {
        Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        action(); // warm-up, and the allocation count of one run
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // (Allocated bytes bound the operation's peak managed memory from above: garbage included, nothing freed.)
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            Collect();
            var sw = Stopwatch.StartNew();
            action();
            times[r] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[runs / 2], allocated);
    }

    /// <summary>A full blocking collection outside the timed region, so one operation's garbage is not another's cost.</summary>
    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
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
