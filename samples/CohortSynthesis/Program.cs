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
        case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--iterations" when i + 1 < args.Length: iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--resume" when i + 1 < args.Length: resume = args[++i]; break;
        default:
            Console.Error.WriteLine($"error: unknown argument '{args[i]}' (use --seed S, --iterations K, --out FILE, --resume FILE)");
            return 2;
    }
}
output ??= Path.Combine(Path.GetDirectoryName(CohortFile.Locate())!, "cohort.csv");

var synthesizer = resume is null ? new Synthesizer(seed) : Synthesizer.Resume(CohortFile.Read(resume), seed);
var watch = System.Diagnostics.Stopwatch.StartNew();
Action<int, double, int> progress = (it, best, missed) =>
    Console.Error.Write($"\riteration {it,7}/{iterations}  best loss {best,9:F3}  targets missed {missed,3}  {watch.Elapsed:mm\\:ss}   ");
double loss = resume is null ? synthesizer.Run(iterations, progress) : synthesizer.RunLastPhase(iterations, progress);
Console.Error.WriteLine();
CohortFile.Write(output, synthesizer.Rows());
var checks = synthesizer.Checks;
Console.WriteLine($"wrote {output}: loss {loss:F4}, {checks.Count(c => c.Met)}/{checks.Count} targets met");
foreach (var c in checks.Where(c => !c.Met))
    Console.WriteLine($"  missed {c.Target.Id}: paper {c.Target.Reported}, reproduced {c.ReproducedText}");
return 0;
