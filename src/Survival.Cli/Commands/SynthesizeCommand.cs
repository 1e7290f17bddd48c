using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Synthesis;

namespace Survival.Cli.Commands;

/// <summary><c>survival synthesize</c>: a synthetic cohort that meets a paper's published numbers.</summary>
/// <remarks>Exit codes: 0 every target met, 1 some missed (the cohort is still written), 2 invalid targets or options.</remarks>
internal static class SynthesizeCommand
{
    public static Command Create()
    {
        var targets = new Option<string>("--targets") { Description = "The published numbers: a JSON targets file (see docs/synthesis.md).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the search (default 1): the same seed writes the same file.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Where to write the cohort: a CSV with columns group,time,event.", Required = true };
        var curves = new Option<string?>("--curves") { Description = "Digitised curves as soft targets: a CSV with columns group,time,survival (what survival digitize writes); groups named as in the targets." };
        var budget = new Option<long>("--max-evaluations") { Description = "The most candidate cohorts scored (default 1000000).", DefaultValueFactory = _ => new SynthesisOptions().MaxEvaluations };
        var chains = new Option<int>("--chains") { Description = "Independent searches (default 4); not the number of cores, which does not change the result.", DefaultValueFactory = _ => new SynthesisOptions().Chains };
        var step = new Option<double?>("--time-step") { Description = "The grid the times lie on (default: the unit of the last printed digit of the medians)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar on a terminal." };
        var format = FormatOption.Create();
        var command = new Command("synthesize", "Build a synthetic cohort (group,time,event) whose analysis meets a paper's published numbers at their printed precision.");
        foreach (var o in new Option[] { targets, seed, output, curves, budget, chains, step, quiet, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            Survival.IO.AtomicFile.CheckFileWritable(outPath, "--out");
            string targetsPath = parse.GetValue(targets)!;
            if (!File.Exists(targetsPath)) throw new SurvivalInputException("the targets file does not exist", file: targetsPath);
            var published = CohortTargets.Parse(File.ReadAllText(targetsPath), targetsPath);
            if (parse.GetValue(curves) is { } curvePath)
                foreach (var curve in Survival.Csv.ReconstructionCsv.ReadCurves(curvePath))
                {
                    try
                    {
                        published = published.WithCurve(curve);
                    }
                    catch (SurvivalInputException e)
                    {
                        throw new SurvivalInputException(e.Reason, file: curvePath, column: "group", value: e.Value);
                    }
                }
            var options = new SynthesisOptions
            {
                Seed = parse.GetValue(seed), MaxEvaluations = parse.GetValue(budget), Chains = parse.GetValue(chains), TimeStep = parse.GetValue(step),
            };
            if (options.MaxEvaluations < 1) throw new SurvivalInputException("must be at least 1", column: "--max-evaluations", value: options.MaxEvaluations.ToString(CultureInfo.InvariantCulture));
            if (options.Chains < 1) throw new SurvivalInputException("must be at least 1", column: "--chains", value: options.Chains.ToString(CultureInfo.InvariantCulture));
            if (options.TimeStep is double s && !(s > 0 && double.IsFinite(s)))
                throw new SurvivalInputException("must be a finite number > 0", column: "--time-step", value: s.ToString("R", CultureInfo.InvariantCulture));
            var result = CliProgress.Run(parse.InvocationConfiguration.Error, "searching", options.MaxEvaluations, parse.GetValue(quiet),
                progress => CohortSynthesis.Synthesize(published, options, CliRunner.Cancellation, progress));
            Survival.Csv.ReconstructionCsv.WriteRows(outPath, result.Cohort);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(result, outPath), writer);
            else
            {
                writer.Write(result.ToString());
                writer.WriteLine($"Cohort written to {outPath}.");
            }
            return result.AllMet ? 0 : 1;
        });
        return command;
    }

    internal sealed record TargetJson(string Name, object Published, double? Reproduced, bool Met);
    internal sealed record ConflictJson(IReadOnlyList<string> Targets, string Reason);
    internal sealed record CurveJson(string Group, int Points, double MaxDistance, double MeanDistance);
    internal sealed record SynthesizeJson(IReadOnlyList<TargetJson> Targets, int Met, int Total, IReadOnlyList<ConflictJson> Conflicts,
        IReadOnlyList<CurveJson> Curves, int Seed, long Evaluations, double TimeStep, int Patients, string Out);

    /// <summary>A printed number as the file gave it: a number, or the text "NR" / "&lt;0.001".</summary>
    private static object Published(PrintedNumber p) => p.Kind == PrintedKind.Rounded ? p.Value : p.ToString().Replace(" ", "", StringComparison.Ordinal);

    internal static SynthesizeJson ToJson(SynthesisResult r, string outPath) => new(
        r.Report.Results.Select(t => new TargetJson(t.Target.Name, Published(t.Target.Printed), t.Reproduced, t.Met)).ToArray(),
        r.Report.Met, r.Report.Total,
        r.Conflicts.Select(c => new ConflictJson(c.Targets.ToArray(), c.Reason)).ToArray(),
        r.Curves.Select(c => new CurveJson(c.Group, c.Points, c.MaxDistance, c.MeanDistance)).ToArray(),
        r.Options.Seed, r.Evaluations, r.TimeStep, r.Cohort.Count, outPath);
}
