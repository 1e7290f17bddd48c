using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Reconstruction;

namespace Survival.Cli.Commands;

/// <summary><c>survival reconstruct</c>: patients rebuilt from digitised curves and published numbers (Guyot et al. 2012).</summary>
internal static class ReconstructCommand
{
    public static Command Create()
    {
        var curve = new Option<string>("--curve") { Description = "Digitised points: a CSV with columns time,survival and, for several curves, group.", Required = true };
        var atRisk = new Option<string?>("--at-risk") { Description = "Published numbers at risk: a CSV with columns time,atRisk and, for several arms, group; each arm from time 0." };
        var events = new Option<string?>("--events") { Description = "Published total events per arm: arm=N,arm=N (or N for a single curve)." };
        var patients = new Option<string?>("--patients") { Description = "Patients per arm, when there is no at-risk table: arm=N,arm=N (or N)." };
        var scale = new Option<string>("--scale") { Description = "How survival is written: proportion (0-1, default) or percent (0-100).", DefaultValueFactory = _ => "proportion" };
        var incidence = new Option<bool>("--cumulative-incidence") { Description = "The curve shows the cumulative incidence 1 - S(t) (R's fun = \"event\")." };
        var output = new Option<string>("--out") { Description = "Where to write the patients: a CSV with columns group,time,event.", Required = true };
        var plot = new Option<string?>("--plot") { Description = "Also draw the check figure (digitised points over the reconstructed curves) to FILE (.png or .svg)." };
        var format = FormatOption.Create();
        var command = new Command("reconstruct", "Rebuild patient-level data from digitised Kaplan-Meier curves and the published numbers at risk (Guyot et al. 2012).");
        foreach (var o in new Option[] { curve, atRisk, events, patients, scale, incidence, output, plot, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            Survival.IO.AtomicFile.CheckFileWritable(outPath, "--out");
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            var curveScale = parse.GetValue(scale) switch
            {
                "proportion" => CurveScale.Proportion,
                "percent" => CurveScale.Percent,
                var other => throw new SurvivalInputException("must be proportion or percent", column: "--scale", value: other),
            };
            var curves = Survival.Csv.ReconstructionCsv.ReadCurves(parse.GetValue(curve)!, curveScale,
                parse.GetValue(incidence) ? CurveKind.CumulativeIncidence : CurveKind.Survival);
            var names = curves.Select(c => c.Group ?? "").ToArray();
            var tables = parse.GetValue(atRisk) is { } riskPath ? Survival.Csv.ReconstructionCsv.ReadAtRisk(riskPath) : null;
            if (tables is not null) CheckGroups(tables.Keys, names, parse.GetValue(atRisk)!);
            var totals = PerArm(parse.GetValue(events), "--events", names);
            var counts = PerArm(parse.GetValue(patients), "--patients", names);
            var result = GuyotReconstruction.Reconstruct(curves.Select((c, i) => new ArmEvidence(c,
                tables is null ? null : tables.Count == 1 && curves.Count == 1 ? tables.Values.Single() : tables[names[i]],
                totals.TryGetValue(names[i], out int e) ? e : null,
                counts.TryGetValue(names[i], out int n) ? n : null)).ToArray());
            Survival.Csv.ReconstructionCsv.WritePatients(outPath, result);
            if (parse.GetValue(plot) is { } figure) Survival.Plotting.ReconstructionPlot.Save(result, figure);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(result, outPath), writer);
            else
            {
                writer.Write(result.ToString());
                writer.WriteLine($"Patients written to {outPath}.");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The at-risk file's arms must be the curves' arms (a single table serves a single curve whatever its name).</summary>
    private static void CheckGroups(IEnumerable<string> tableGroups, string[] curveGroups, string file)
    {
        var tables = tableGroups.ToArray();
        if (tables.Length == 1 && curveGroups.Length == 1) return;
        foreach (var g in curveGroups.Where(g => !tables.Contains(g)))
            throw new SurvivalInputException(g.Length == 0 ? "the at-risk table has groups but the curve has none" : "the at-risk table has no rows for this curve's group",
                file: file, column: "group", value: g);
        foreach (var g in tables.Where(g => !curveGroups.Contains(g)))
            throw new SurvivalInputException(g.Length == 0 ? "the curves have groups: the at-risk table needs a group column" : "the at-risk table names a group that no curve has",
                file: file, column: "group", value: g);
    }

    /// <summary>Parses <c>arm=N,arm=N</c>, or a bare <c>N</c> for a single curve.</summary>
    private static Dictionary<string, int> PerArm(string? text, string option, string[] arms)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (text is null) return result;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.LastIndexOf('=');
            string arm = eq < 0 ? (arms.Length == 1 ? arms[0] : throw new SurvivalInputException("with several curves, write arm=N for each", column: option, value: part)) : part[..eq].Trim();
            string number = eq < 0 ? part : part[(eq + 1)..].Trim();
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                throw new SurvivalInputException("the count must be a whole number ≥ 0", column: option, value: part);
            if (!arms.Contains(arm)) throw new SurvivalInputException($"no curve has this group (the curves are: {string.Join(", ", arms)})", column: option, value: arm);
            if (!result.TryAdd(arm, n)) throw new SurvivalInputException("this arm is given twice", column: option, value: arm);
        }
        return result;
    }

    internal sealed record AtRiskJson(double Time, int Published, int Reconstructed);
    internal sealed record GroupJson(string? Group, int N, int Events, int Censored, double MaxAbsDifference, double MeanAbsDifference,
        IReadOnlyList<AtRiskJson> AtRisk, int? PublishedEvents, double? Median, int Points, int PointsAdjusted, IReadOnlyList<string> Assumptions);
    internal sealed record ReconstructJson(IReadOnlyList<GroupJson> Groups, string Out, string Method);

    internal static ReconstructJson ToJson(ReconstructionResult result, string outPath) => new(result.Arms.Select(a => new GroupJson(
        a.Group, a.N, a.Events, a.Censored, a.MaxAbsDifference, a.MeanAbsDifference,
        a.AtRisk.Select(r => new AtRiskJson(r.Time, r.Published, r.Reconstructed)).ToArray(), a.Evidence.TotalEvents, a.Curve.Median.Estimate,
        a.Evidence.Curve.Points.Count, a.Evidence.Curve.PointsAdjusted, a.Assumptions.ToArray())).ToArray(), outPath, "guyot-2012");
}
