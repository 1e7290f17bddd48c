using System.CommandLine;
using Survival.Cli.Output;
using Survival.Estimation;

namespace Survival.Cli.Commands;

/// <summary><c>survival km</c>: Kaplan–Meier curves with confidence limits, medians and survival at chosen times.</summary>
internal static class KmCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var confType = new Option<string>("--conf-type") { Description = "CI scale: plain, log (default, as R), log-log (SAS's default), logit, arcsin.", DefaultValueFactory = _ => "log" };
        var confLevel = ConfidenceLevelOption.Create();
        var at = new Option<string?>("--at") { Description = "Comma-separated times at which to read the curves (R summary(times=, extend=TRUE))." };
        var format = FormatOption.Create();
        var rmean = new Option<double?>("--rmean") { Description = "Also give the restricted mean survival time up to τ for each curve, with its standard error and limits (R print(fit, rmean = τ))." };
        var plot = new Option<string?>("--plot") { Description = "Also draw the curves to FILE (.png or .svg), with numbers at risk and, for groups, the log-rank P." };
        var command = new Command("km", "Kaplan–Meier estimate (R survfit parity).");
        var variance = new Option<string>("--variance")
        {
            Description = "greenwood or robust (infinitesimal jackknife); default as R: robust when a weight is not a whole number or an --id has several events, else greenwood.",
            DefaultValueFactory = _ => "auto",
        };
        input.AddTo(command, withStrata: true, withId: true, withDatabase: true);
        input.AddEventValuesTo(command);
        input.AddIntervalsTo(command);
        command.Options.Add(variance);
        command.Options.Add(confType);
        command.Options.Add(confLevel);
        command.Options.Add(at);
        command.Options.Add(format);
        command.Options.Add(plot);
        command.Options.Add(rmean);
        command.SetAction(parse =>
        {
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            var options = new KaplanMeierOptions
            {
                ConfidenceLevel = parse.GetValue(confLevel),
                Transform = ParseTransform(parse.GetValue(confType)!),
                Variance = parse.GetValue(variance) switch
                {
                    "auto" => KaplanMeierVariance.Auto,
                    "greenwood" => KaplanMeierVariance.Greenwood,
                    "robust" => KaplanMeierVariance.Robust,
                    var other => throw new SurvivalInputException("must be greenwood or robust", column: "--variance", value: other),
                },
            };
            var times = parse.GetValue(at) is { } list ? Numbers.ParseList(list, "--at") : [];
            if (times.FirstOrDefault(t => t < 0, 0) is var negative && negative < 0)
                throw new SurvivalInputException("times must be ≥ 0", column: "--at", value: negative.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var sorted = times.Order().ToArray();
            double? tau = parse.GetValue(rmean);
            if (tau is double t0 && !(t0 > 0 && double.IsFinite(t0)))
                throw new SurvivalInputException("τ must be a finite number > 0", column: "--rmean", value: t0.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (input.IsInterval(parse))
            {
                if (tau is not null) throw new SurvivalInputException("--rmean is for Kaplan–Meier curves; the Turnbull estimate has no restricted mean here yet", column: "--rmean");
                if (parse.GetValue(variance) != "auto")
                    throw new SurvivalInputException("the Turnbull estimate's variance is R's (robust when the iteration's weights are fractional): drop --variance",
                        column: "--variance", value: parse.GetValue(variance));
                var turnbull = Survival.IntervalCensoring.Turnbull.Fit(input.LoadIntervals(parse),
                    new Survival.IntervalCensoring.TurnbullOptions { ConfidenceLevel = options.ConfidenceLevel, Transform = options.Transform }, CliRunner.Cancellation);
                foreach (var warning in turnbull.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
                if (parse.GetValue(plot) is { } turnbullFigure)
                {
                    double? p = turnbull.Curves.Count > 1 && turnbull.Curves.All(c => c.Estimate.Group is not null) && parse.GetValue(input.Strata) is null
                        ? Survival.IntervalCensoring.IntervalLogRank.Compute(input.LoadIntervals(parse), cancellationToken: CliRunner.Cancellation).PValue : null;
                    Survival.Plotting.TurnbullPlot.Save(turnbull, turnbullFigure, new Survival.Plotting.KaplanMeierPlotOptions
                    { PValue = p, PValueLabel = "Generalised log-rank P", XLabel = "Time", ShowCensorMarks = false });
                }
                var turnbullOutput = parse.InvocationConfiguration.Output;
                if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(turnbull, sorted), turnbullOutput);
                else
                {
                    WriteTable(turnbull.AsSurvivalCurves(), sorted, turnbullOutput);
                    turnbullOutput.WriteLine();
                    foreach (var c in turnbull.Curves)
                    {
                        turnbullOutput.WriteLine($"Turnbull intervals{(c.Label is { } l ? $", group={l}" : "")} ({c.Iterations} iterations{(c.Converged ? "" : ", NOT converged")})");
                        Numbers.Table(turnbullOutput, ["lower", "upper", "probability"],
                            c.Intervals.Select(i => (IReadOnlyList<string>)[Numbers.Format(i.Lower), Numbers.Format(i.Upper), Numbers.Format(i.Probability, 4)]));
                    }
                }
                return 0;
            }
            // Parquet (inside DuckDB) and databases (inside the database) are reduced to counts; CSV is read as rows (which also checks delayed-entry intervals against R's near-tie rule).
            var data = input.IsCounts(parse) ? null : input.Load(parse);
            if (data is null && parse.GetValue(input.Id) is not null)
                throw new SurvivalInputException("--id needs rows (the robust variance clusters them); Parquet and database input are reduced to counts: use CSV", column: "--id");
            if (data is null && options.Variance == KaplanMeierVariance.Robust)
                throw new SurvivalInputException("the robust variance needs rows; Parquet and database input are reduced to counts: use CSV, or --variance greenwood", column: "--variance", value: "robust");
            var counts = data is null ? input.LoadCounts(parse) : null;
            if (counts is not null && parse.GetValue(input.Weight) is not null && options.Variance == KaplanMeierVariance.Auto)
                parse.InvocationConfiguration.Error.WriteLine("warning: per-time counts give Greenwood's variance; for weights that are not whole numbers R's default is the robust variance, which needs rows (CSV)");
            var fit = data is not null ? KaplanMeier.Fit(data, options) : KaplanMeier.Fit(counts!, options);
            if (parse.GetValue(plot) is { } figure)
            {
                int groups = data is not null ? data.Group?.Levels.Count ?? 0 : counts!.GroupLevels.Count;
                double? p = groups > 1 ? (data is not null ? Survival.Comparison.LogRankTest.Compute(data) : Survival.Comparison.LogRankTest.Compute(counts!)).PValue : null;
                Survival.Plotting.KaplanMeierPlot.Save(fit, figure, new Survival.Plotting.KaplanMeierPlotOptions { PValue = p, XLabel = "Time" });
            }
            var output = parse.InvocationConfiguration.Output;
            var omitted = data?.Omitted ?? counts!.Omitted;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit, sorted, omitted, tau), output, input.EventValuesOf(parse));
            else
            {
                input.DescribeEventValues(parse, output);
                WriteTable(fit, sorted, output);
                if (tau is double t)
                {
                    output.WriteLine();
                    foreach (var c in fit.Curves)
                    {
                        var r = c.RestrictedMean(t);
                        output.WriteLine($"{(c.Label is { } l ? l + ": " : "")}restricted mean to {Numbers.Format(t)} = {Numbers.Format(r.Estimate)} (se {Numbers.Format(r.StdErr)}; {Numbers.Format(r.Lower)} to {Numbers.Format(r.Upper)})");
                    }
                }
            }
            return 0;
        });
        return command;
    }

    public static ConfidenceIntervalTransform ParseTransform(string value) => value switch
    {
        "plain" => ConfidenceIntervalTransform.Plain,
        "log" => ConfidenceIntervalTransform.Log,
        "log-log" => ConfidenceIntervalTransform.LogLog,
        "logit" => ConfidenceIntervalTransform.Logit,
        "arcsin" => ConfidenceIntervalTransform.Arcsin,
        _ => throw new SurvivalInputException("must be one of plain, log, log-log, logit, arcsin", column: "--conf-type", value: value),
    };

    internal sealed record MedianJson(double? Estimate, double? Lower, double? Upper);
    internal sealed record StepJson(double Time, double AtRisk, double Events, double Censored, double Survival, double? StdErr, double? Lower, double? Upper);
    internal sealed record AtJson(double Time, double AtRisk, double Survival, double? StdErr, double? Lower, double? Upper);
    internal sealed record RmeanJson(double Tau, double Estimate, double StdErr, double Lower, double Upper);
    internal sealed record CurveJson(string? Group, int N, double Events, MedianJson Median, IReadOnlyList<StepJson> Steps, IReadOnlyList<AtJson> At)
    {
        /// <summary>With --rmean only (absent from the output otherwise).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public RmeanJson? Rmean { get; init; }
    }
    internal sealed record KmJson(IReadOnlyList<CurveJson> Curves, string Variance, OmittedJson Omitted);

    internal static KmJson ToJson(KaplanMeierResult fit, double[] times, OmittedRows omitted, double? tau = null) => new(fit.Curves.Select(c => new CurveJson(
        c.Label, c.N, c.Events, new MedianJson(c.Median.Estimate, c.Median.Lower, c.Median.Upper),
        c.Steps.Select(s => new StepJson(s.Time, s.AtRisk, s.Events, s.Censored, s.Survival, s.StdErr, s.Lower, s.Upper)).ToArray(),
        c.SurvivalAt(times).Select(a => new AtJson(a.Time, a.AtRisk, a.Survival, a.StdErr, a.Lower, a.Upper)).ToArray())
    {
        Rmean = tau is double t && c.RestrictedMean(t) is var r ? new RmeanJson(t, r.Estimate, r.StdErr, r.Lower, r.Upper) : null,
    }).ToArray(),
        fit.Variance == KaplanMeierVariance.Robust ? "robust" : "greenwood", OmittedJson.From(omitted));


    internal sealed record IntervalJson(double Lower, double Upper, double Time, double Probability);
    internal sealed record TurnbullCurveJson(string? Group, int N, double Events, MedianJson Median, IReadOnlyList<StepJson> Steps, IReadOnlyList<AtJson> At,
        string Method, IReadOnlyList<IntervalJson> Intervals, int Iterations, bool Converged);
    internal sealed record TurnbullJson(string Method, IReadOnlyList<TurnbullCurveJson> Curves, string Variance, OmittedJson Omitted);

    internal static TurnbullJson ToJson(Survival.IntervalCensoring.TurnbullResult fit, double[] times)
    {
        var usual = ToJson(fit.AsSurvivalCurves(), times, fit.Omitted);
        return new TurnbullJson("turnbull", usual.Curves.Select((c, i) => new TurnbullCurveJson(c.Group, c.N, c.Events, c.Median, c.Steps, c.At, "turnbull",
            fit.Curves[i].Intervals.Select(t => new IntervalJson(t.Lower, t.Upper, t.Time, t.Probability)).ToArray(),
            fit.Curves[i].Iterations, fit.Curves[i].Converged)).ToArray(), usual.Variance, usual.Omitted);
    }

    private static void WriteTable(KaplanMeierResult fit, double[] times, TextWriter output)
    {
        // R's print.survfit (the library's own printout, with R's note on rows deleted for missingness), then summary().
        output.Write(fit.ToString());
        double level = fit.Options.ConfidenceLevel;
        string pct = $"{level * 100:0.##}%";
        foreach (var c in fit.Curves)
        {
            output.WriteLine();
            if (c.Label is { } label) output.WriteLine($"                group={label}");
            var rows = times.Length > 0
                ? c.SurvivalAt(times).Select(a => (IReadOnlyList<string>)[Numbers.Format(a.Time), Numbers.Format(a.AtRisk), Numbers.Format(a.Events),
                    Numbers.Format(a.Survival, 3), Numbers.Format(a.StdErr, 3), Numbers.Format(a.Lower, 3), Numbers.Format(a.Upper, 3)])
                : c.Steps.Where(s => s.Events > 0).Select(s => (IReadOnlyList<string>)[Numbers.Format(s.Time), Numbers.Format(s.AtRisk), Numbers.Format(s.Events),
                    Numbers.Format(s.Survival, 3), Numbers.Format(s.StdErr, 3), Numbers.Format(s.Lower, 3), Numbers.Format(s.Upper, 3)]);
            Numbers.Table(output, ["time", "n.risk", "n.event", "survival", "std.err", $"lower {pct} CI", $"upper {pct} CI"], rows);
        }
    }
}
