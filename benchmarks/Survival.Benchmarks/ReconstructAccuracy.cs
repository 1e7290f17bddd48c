using System.Globalization;
using System.Text.Json;
using Survival.Tests.Shared;

namespace Survival.Benchmarks;

/// <summary>
/// <c>reconstruct-accuracy</c>: the issue's accuracy targets for reconstruction, measured on patients the harness knows.
/// Two routes per data set: the exact coordinates of each Kaplan–Meier curve with an at-risk table every tenth of
/// follow-up (targets: medians within 1% or on their step, hazard ratio within 2%, events within 2%), and an 800 × 600 PNG
/// this library draws, read back by the digitiser with its colours found (targets: medians within 3%, hazard ratio
/// within 5%). Data: R's lung (by sex) and veteran (by treatment), and simulated arms with heavy censoring and with
/// crossing curves over <c>--seeds</c> seeds. Exit code 1 when a target is missed.
/// </summary>
internal static class ReconstructAccuracy
{
    private sealed record Row(string Data, string Route, double MedianError, bool MediansWithin, double HazardRatioError, double EventsError, bool Met);

    public static int Run(string[] args)
    {
        int seeds = 5;
        bool json = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seeds" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s > 0) seeds = s;
            else if (args[i] == "--format" && i + 1 < args.Length) json = args[++i] == "json";
            else
            {
                Console.Error.WriteLine($"reconstruct-accuracy: unknown or bad option '{args[i]}' (use --seeds N, --format json)");
                return 2;
            }
        }
        var sets = new List<(string Name, SurvivalData Data)>
        {
            ("lung (sex)", Fixture("lung_sex")),
            ("veteran (trt)", Fixture("veteran_trt")),
        };
        for (int s = 0; s < seeds; s++)
        {
            sets.Add(($"heavy censoring, seed {s + 1}", ReconstructionScore.Simulated("heavy-censoring", 100 + s)));
            sets.Add(($"crossing, seed {s + 1}", ReconstructionScore.Simulated("crossing", 200 + s)));
        }
        var folder = Directory.CreateTempSubdirectory("survival-reconstruct-accuracy");
        var rows = new List<Row>();
        try
        {
            foreach (var (name, data) in sets)
            {
                var exact = ReconstructionScore.Compare(data, ReconstructionScore.FromExactCurves(data, withEvents: false).ToSurvivalData(), 0.01);
                rows.Add(Score(name, "exact coordinates", exact, 0.02, 0.02));
                var (_, png, _) = FigureRoundTrip.Run(data, Path.Combine(folder.FullName, $"figure{rows.Count}.png"));
                rows.Add(Score(name, "800x600 PNG", png, 0.05, double.PositiveInfinity));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }
        else
        {
            Console.WriteLine($"{"data",-26} {"route",-18} {"max median err",14} {"HR err",8} {"events err",10}  target");
            foreach (var r in rows)
                Console.WriteLine($"{r.Data,-26} {r.Route,-18} {r.MedianError,13:P2}{(r.MediansWithin ? " " : "!")} {r.HazardRatioError,8:P2} {r.EventsError,10:P2}  {(r.Met ? "met" : "MISSED")}");
            Console.WriteLine($"{rows.Count(r => r.Met)} of {rows.Count} met the targets.");
        }
        return rows.All(r => r.Met) ? 0 : 1;
    }

    private static Row Score(string data, string route, ReconstructionScore.Result score, double hrTarget, double eventsTarget)
    {
        double median = score.Arms.Select(a => a.MedianRelativeError ?? 0).Max();
        bool met = score.MediansWithin && score.HazardRatioRelativeError <= hrTarget && score.EventsRelativeError <= eventsTarget;
        return new Row(data, route, median, score.MediansWithin, score.HazardRatioRelativeError, score.EventsRelativeError, met);
    }

    private static SurvivalData Fixture(string name)
    {
        string path = Path.Combine(RepositoryRoot(), "tests", "Survival.Tests", "Golden", "fixtures", "reconstruction", name + ".json");
        var input = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("input");
        return SurvivalData.Create(input.GetProperty("time").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            input.GetProperty("status").EnumerateArray().Select(x => x.GetDouble() == 1).ToArray(),
            group: input.GetProperty("group").EnumerateArray().Select(x => x.GetString()!).ToArray());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
