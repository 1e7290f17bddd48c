using System.Globalization;
using MaintenanceTrial;
using Survival;

// Reproduces the PFS, OS and duration-of-response results of Patel et al. (Clin Cancer Res; NCT01718743) from the
// SYNTHETIC cohort in samples/data/cohort.csv: endpoints.csv, Figure 2 A–F and Supplementary S1 (PNG and SVG), the
// additions S2 (parametric PFS fits) and S3 (progression and death without progression, cumulative incidence),
// report.md, targets.csv (the comparison, read by samples/data/check-targets.R), and the comparison table on the
// console. Exit code 0: all 73 targets met (three at the nearest value whole-day dates allow); 1: a target missed; 2: bad input.
try
{
    string outDir = Path.Combine("out", "paper");
    string? cohortPath = null;
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
            case "--cohort" when i + 1 < args.Length: cohortPath = args[++i]; break;
            case "--help" or "-h":
                Console.WriteLine("usage: dotnet run --project samples/PaperReproduction [-- --out DIR] [--cohort FILE]");
                return 0;
            default:
                Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}' (use --out DIR, --cohort FILE)");
                return 2;
        }
    }
    cohortPath ??= CohortFile.Locate();
    var result = PaperReport.Run(cohortPath, outDir, Console.Out);
    return result;
}
catch (SurvivalInputException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (IOException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
catch (UnauthorizedAccessException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
