using System.Globalization;
using CohortSynthesis;
using MaintenanceTrial;

// Writes samples/data/cohort.csv: SYNTHETIC patients built to reproduce the published statistics of the trial
// (see samples/data/README.md). Usage: dotnet run -c Release --project samples/CohortSynthesis [-- --seed S --iterations K --out FILE]
// --resume FILE runs only the last phase, from an existing cohort file (to refine one without the whole search).
int seed = 15, iterations = 1200000;
string? output = null, resume = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seed" when i + 1 < args.Length:
            if (!Whole(args[++i], out seed)) return Fail("--seed must be a whole number", args[i]);
            break;
        case "--iterations" when i + 1 < args.Length:
            if (!Whole(args[++i], out iterations) || iterations < 1) return Fail("--iterations must be a whole number ≥ 1", args[i]);
            break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--resume" when i + 1 < args.Length: resume = args[++i]; break;
        default:
            Console.Error.WriteLine($"error: unknown argument '{args[i]}' (use --seed S, --iterations K, --out FILE, --resume FILE)");
            return 2;
    }
}
output ??= Path.Combine(Path.GetDirectoryName(CohortFile.Locate())!, "cohort.csv");
// The output's folder is checked before the search (minutes of work); the file is written whole or not at all, so
// stopping the run (Ctrl+C) or a failure never leaves half a cohort.
try { Survival.IO.AtomicFile.CheckFileWritable(output, "--out"); }
catch (Survival.SurvivalInputException e) { Console.Error.WriteLine($"error: {e.Message}"); return 2; }

var synthesizer = resume is null ? new Synthesizer(seed) : Synthesizer.Resume(CohortFile.Read(resume), seed);
var watch = System.Diagnostics.Stopwatch.StartNew();
// Progress only on a terminal: a redirected stderr (a log, CI) gets no carriage-return lines.
Action<int, double, int> progress = Console.IsErrorRedirected ? (_, _, _) => { } : (it, best, missed) =>
    Console.Error.Write($"\riteration {it,7}/{iterations}  best loss {best,9:F3}  targets missed {missed,3}  {watch.Elapsed:mm\\:ss}   ");
double loss = resume is null ? synthesizer.Run(iterations, progress) : synthesizer.RunLastPhase(iterations, progress);
if (!Console.IsErrorRedirected) Console.Error.WriteLine();
CohortFile.Write(output, synthesizer.Rows());
var checks = synthesizer.Checks;
Console.WriteLine($"wrote {output}: loss {loss:F4}, {checks.Count(c => c.Met)}/{checks.Count} targets met");
foreach (var c in checks.Where(c => !c.Met))
    Console.WriteLine($"  missed {c.Target.Id}: paper {c.Target.Reported}, reproduced {c.ReproducedText}");
return 0;

static bool Whole(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

static int Fail(string what, string text)
{
    Console.Error.WriteLine($"error: {what}, not '{text}'");
    return 2;
}
