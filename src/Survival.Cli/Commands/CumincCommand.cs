using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.CompetingRisks;
using Survival.Csv;
using Survival.Plotting;

namespace Survival.Cli.Commands;

/// <summary><c>survival cuminc</c>: cumulative incidence of competing risks with Gray's test (R survfit / cmprsk::cuminc parity).</summary>
internal static class CumincCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var censored = new Option<string>("--censored") { Description = "The status value meaning censored (default 0); every other value is a cause, as written.", DefaultValueFactory = _ => "0" };
        var at = new Option<string?>("--at") { Description = "Comma-separated times at which to read every curve (R summary(fit, times =))." };
        var plot = new Option<string?>("--plot") { Description = "Also draw the curves to FILE (.png or .svg), with numbers at risk and Gray's P." };
        var stacked = new Option<bool>("--stacked") { Description = "With --plot, stack each group's causes (the event-free probability is the band left on top)." };
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var command = new Command("cuminc", "Cumulative incidence of competing risks (Aalen-Johansen, R survfit parity) with Gray's test (cmprsk::cuminc).");
        input.AddTo(command, withGroup: true, withStrata: true, withDatabase: true);
        command.Options.Add(censored);
        command.Options.Add(at);
        command.Options.Add(plot);
        command.Options.Add(stacked);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            var times = CovariateOptions.Times(parse.GetValue(at));
            var columns = input.Columns(parse);
            var options = new CumulativeIncidenceOptions { ConfidenceLevel = parse.GetValue(confLevel), At = times };
            CumulativeIncidenceResult fit;
            bool groups = columns.Group is not null;
            if (input.IsCounts(parse))
            {
                // Reduced inside DuckDB or the database to per-time counts by group and cause; the rows never reach .NET.
                fit = CumulativeIncidence.Fit(input.LoadCompetingRisksCounts(parse, parse.GetValue(censored)!), options, CliRunner.Cancellation);
            }
            else
            {
                var table = CsvTable.Read(parse.GetValue(input.Input)!, columns.Names, input.ReadOptions(parse));
                var data = CompetingRisksCsv.ToData(table, columns, parse.GetValue(censored)!);
                fit = CumulativeIncidence.Fit(data, options, CliRunner.Cancellation);
            }
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(plot) is { } figure)
                CumulativeIncidencePlot.Save(fit, figure, new CumulativeIncidencePlotOptions
                {
                    Layout = parse.GetValue(stacked) ? CumulativeIncidenceLayout.Stacked : CumulativeIncidenceLayout.SideBySide,
                    XLabel = "Time",
                });
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit, groups), output);
            else WriteTable(fit, output);
            return 0;
        });
        return command;
    }

    internal sealed record StepJson(double Time, double AtRisk, double Estimate, double StdErr, double? Lower, double? Upper);
    internal sealed record AtJson(double Time, double Estimate, double StdErr, double? Lower, double? Upper);
    internal sealed record CurveJson(string? Group, string? Cause, IReadOnlyList<StepJson> Steps, IReadOnlyList<AtJson> At);
    internal sealed record GrayJson(string Cause, double ChiSquare, int Df, double PValue);
    internal sealed record CumincJson(IReadOnlyList<CurveJson> Curves, IReadOnlyList<CurveJson> EventFree, OmittedJson Omitted)
    {
        /// <summary>Gray's tests: only with groups.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<GrayJson>? GrayTests { get; init; }
    }

    private static CurveJson Curve(IncidenceCurve c) => new(c.Group, c.Cause,
        c.Steps.Select(s => new StepJson(s.Time, s.AtRisk, s.Estimate, s.StdErr, s.Lower, s.Upper)).ToArray(),
        c.At.Select(s => new AtJson(s.Time, s.Estimate, s.StdErr, s.Lower, s.Upper)).ToArray());

    internal static CumincJson ToJson(CumulativeIncidenceResult fit, bool groups) => new(
        fit.Curves.Select(Curve).ToArray(), fit.EventFree.Select(Curve).ToArray(), OmittedJson.From(fit.Omitted))
    {
        GrayTests = groups ? fit.GrayTests.Select(t => new GrayJson(t.Cause, t.Test.ChiSquare, t.Test.DegreesOfFreedom, t.Test.PValue)).ToArray() : null,
    };

    private static void WriteTable(CumulativeIncidenceResult fit, TextWriter output)
    {
        if (fit.Omitted.Count > 0) output.WriteLine($"   ({fit.Omitted})");
        string pct = (fit.Options.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var c in fit.Curves)
        {
            output.WriteLine($"{(c.Group is null ? "" : $"{c.Group}, ")}cause {c.Cause}:");
            var rows = (fit.Options.At.Count > 0 ? c.At : c.Steps)
                .Select(s => (IReadOnlyList<string>)[Printing.RFormat.Number(s.Time), Printing.RFormat.Number(s.AtRisk), Printing.RFormat.Number(s.Estimate),
                    Printing.RFormat.Number(s.StdErr), Printing.RFormat.Number(s.Lower), Printing.RFormat.Number(s.Upper)]);
            Printing.RFormat.Table(output, ["time", "n.risk", "estimate", "std.err", $"lower {pct}% CI", $"upper {pct}% CI"], rows);
            output.WriteLine();
        }
        if (fit.GrayTests.Count > 0)
        {
            output.WriteLine("Tests (Gray):");
            Printing.RFormat.Table(output, ["", "stat", "pv", "df"], fit.GrayTests.Select(t => (IReadOnlyList<string>)[t.Cause,
                Printing.RFormat.Number(t.Test.ChiSquare), Printing.RFormat.Number(t.Test.PValue), t.Test.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture)]));
        }
    }
}
