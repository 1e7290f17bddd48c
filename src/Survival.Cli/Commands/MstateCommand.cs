using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Csv;
using Survival.MultiState;
using Survival.Plotting;
using Survival.Printing;

namespace Survival.Cli.Commands;

/// <summary><c>survival mstate</c>: Aalen–Johansen state probabilities of multi-state data (R survfit on
/// Surv(tstart, tstop, state) with id and istate).</summary>
internal static class MstateCommand
{
    /// <summary>The options that name multi-state columns, shared with <c>cox --state</c>.</summary>
    internal sealed class StateOptions
    {
        public Option<string?> State { get; } = new("--state") { Description = "Multi-state rows: column with the state entered at --time (censor, 0 or empty = no transition), as R's Surv(tstart, tstop, state)." };
        public Option<string?> InitialState { get; } = new("--istate") { Description = "Column with the state each subject starts in (R istate); default R's \"(s0)\"." };
        public Option<string?> Censored { get; } = new("--censored") { Description = "Comma-separated state values meaning no transition (default censor, 0 and the empty field; R: the first level of the state factor)." };
        public Option<string?> States { get; } = new("--states") { Description = "Comma-separated order of the entered states (R's factor levels); default R's factor order (case-insensitive, lower case first)." };

        public void AddTo(Command command)
        {
            command.Options.Add(State);
            command.Options.Add(InitialState);
            command.Options.Add(States);
            command.Options.Add(Censored);
        }

        public MultiStateData Load(ParseResult parse, InputOptions input, CsvTable? table = null)
        {
            input.RequireRows(parse);
            var columns = Columns(parse, input);
            var order = parse.GetValue(States) is { } s ? CovariateOptions.Split(s) : null;
            var censored = parse.GetValue(Censored) is { } c ? c.Split(',').Select(x => x.Trim()).ToArray() : null;
            var options = input.ReadOptions(parse);
            return table is null ? MultiStateCsv.Read(parse.GetValue(input.Input)!, columns, options, order, censored)
                : MultiStateCsv.ToData(table, columns, options, order, censored);
        }

        public MultiStateColumns Columns(ParseResult parse, InputOptions input) => new(parse.GetValue(input.Id), parse.GetValue(input.Time)!, parse.GetValue(State)!,
            parse.GetValue(input.Entry), parse.GetValue(InitialState), parse.GetValue(input.Weight), parse.GetValue(input.Group));
    }

    public static Command Create()
    {
        var input = new InputOptions();
        var states = new StateOptions();
        states.State.Required = true;
        var at = new Option<string?>("--at") { Description = "Comma-separated times at which to read every curve (R summary(fit, times =, extend = TRUE))." };
        var rmean = new Option<double?>("--rmean") { Description = "Horizon of the restricted mean time in each state (R print(fit, rmean =)); default the last time of all curves (R's \"common\")." };
        var plot = new Option<string?>("--plot") { Description = "Also draw the stacked state-occupancy figure to FILE (.png or .svg)." };
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var command = new Command("mstate", "Multi-state state probabilities (Aalen-Johansen with infinitesimal-jackknife errors, R survfit parity) and restricted mean time in state.");
        command.Options.Add(input.Id);
        command.Options.Add(input.Input);
        command.Options.Add(input.Entry);
        command.Options.Add(input.Time);
        states.AddTo(command);
        command.Options.Add(input.Group);
        command.Options.Add(input.Weight);
        command.Options.Add(at);
        command.Options.Add(rmean);
        command.Options.Add(plot);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.Options.Add(input.Delimiter);
        command.Options.Add(input.MissingValues);
        command.Options.Add(input.Missing);
        command.SetAction(parse =>
        {
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            var options = new AalenJohansenOptions
            {
                ConfidenceLevel = parse.GetValue(confLevel),
                At = CovariateOptions.Times(parse.GetValue(at)),
                RestrictedMeanHorizon = parse.GetValue(rmean),
            };
            var data = states.Load(parse, input);
            var fit = AalenJohansen.Fit(data, options);
            if (parse.GetValue(plot) is { } figure) StateOccupancyPlot.Save(fit, figure, new StateOccupancyPlotOptions { XLabel = "Time" });
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit), output);
            else WriteTable(fit, output);
            return 0;
        });
        return command;
    }

    internal sealed record TransitionJson(string From, string To, int Events);
    internal sealed record StepJson(double Time, IReadOnlyDictionary<string, int> AtRisk, IReadOnlyDictionary<string, int> Events, int Censored,
        IReadOnlyDictionary<string, double> Probability, IReadOnlyDictionary<string, double> StdErr, IReadOnlyDictionary<string, double> CumulativeHazard);
    internal sealed record AtJson(double Time, IReadOnlyDictionary<string, double> Probability, IReadOnlyDictionary<string, double> StdErr,
        IReadOnlyDictionary<string, double?> Lower, IReadOnlyDictionary<string, double?> Upper);
    internal sealed record RmeanJson(double Estimate, double StdErr);
    internal sealed record CurveJson(string? Group, int N, IReadOnlyList<StepJson> Steps, IReadOnlyList<AtJson> At, IReadOnlyDictionary<string, RmeanJson> Rmean);
    internal sealed record MstateJson(IReadOnlyList<string> States, IReadOnlyList<TransitionJson> Transitions, double RmeanHorizon,
        IReadOnlyList<CurveJson> Curves, OmittedJson Omitted);

    private static Dictionary<string, T> ByState<T>(IReadOnlyList<string> states, IReadOnlyList<T> values)
    {
        var d = new Dictionary<string, T>(states.Count, StringComparer.Ordinal);
        for (int k = 0; k < states.Count; k++) d[states[k]] = values[k];
        return d;
    }

    internal static MstateJson ToJson(StateOccupancyResult fit)
    {
        var s = fit.States;
        var labels = fit.Transitions.Select(t => t.Label).ToArray();
        return new MstateJson(s, fit.Transitions.Select(t => new TransitionJson(t.From, t.To, t.Events)).ToArray(), fit.Horizon,
            fit.Curves.Select(c => new CurveJson(c.Group, c.Rows,
                c.Steps.Select(x => new StepJson(x.Time, ByState(s, x.AtRisk), ByState(s, x.Events), x.Censored, ByState(s, x.Probability),
                    ByState(s, x.StdErr), ByState(labels, x.CumulativeHazard))).ToArray(),
                c.At.Select(x => new AtJson(x.Time, ByState(s, x.Probability), ByState(s, x.StdErr), ByState(s, x.Lower), ByState(s, x.Upper))).ToArray(),
                c.RestrictedMean.ToDictionary(r => r.State, r => new RmeanJson(r.Estimate, r.StdErr), StringComparer.Ordinal))).ToArray(),
            OmittedJson.From(fit.Omitted));
    }

    private static void WriteTable(StateOccupancyResult fit, TextWriter output)
    {
        if (fit.Omitted.Count > 0) output.WriteLine($"   ({fit.Omitted})");
        output.WriteLine("Transitions: " + string.Join(", ", fit.Transitions));
        output.WriteLine();
        output.Write(fit.ToString());
        string pct = (fit.Options.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);
        foreach (var c in fit.Curves)
        {
            output.WriteLine();
            if (c.Group is not null) output.WriteLine($"group={c.Group}:");
            var rows = fit.Options.At.Count > 0 ? c.At : c.Steps;
            var header = new List<string> { "time" };
            foreach (var st in fit.States) header.AddRange([$"P({st})", "std.err", $"lower {pct}%", $"upper {pct}%"]);
            RFormat.Table(output, header, rows.Select(x =>
            {
                var cells = new List<string> { RFormat.Number(x.Time) };
                for (int k = 0; k < fit.States.Count; k++)
                    cells.AddRange([RFormat.Number(x.Probability[k]), RFormat.Number(x.StdErr[k]), RFormat.Number(x.Lower[k]), RFormat.Number(x.Upper[k])]);
                return (IReadOnlyList<string>)cells;
            }));
        }
    }
}
