using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Csv;
using Survival.MultiState;
using Survival.Regression;

namespace Survival.Cli.Commands;

/// <summary><c>survival cox</c>: Cox proportional-hazards regression (R coxph parity).</summary>
internal static class CoxCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var covariates = new CovariateOptions();
        var ties = new Option<string>("--ties") { Description = "efron (default, as R) or breslow.", DefaultValueFactory = _ => "efron" };
        var cluster = new Option<string?>("--cluster") { Description = "Column with the subject (cluster) of each row: robust (sandwich) variance summed within clusters (R cluster(id); SAS COVS(AGGREGATE))." };
        var robust = new Option<bool>("--robust") { Description = "Robust (sandwich) variance; without --cluster each row is its own cluster (R robust = TRUE)." };
        var zph = new Option<bool>("--zph") { Description = "Test proportional hazards as R survival 3.x cox.zph: per covariate and global." };
        var zphTransform = new Option<string>("--zph-transform") { Description = "Time scale of --zph: km (default, as R), rank or identity.", DefaultValueFactory = _ => "km" };
        var residuals = new Option<string?>("--residuals") { Description = "Comma-separated residuals as residuals.coxph: martingale, deviance, score, schoenfeld, scaled-schoenfeld, dfbeta, dfbetas." };
        var predict = new Option<string[]>("--predict") { Description = "A covariate profile, e.g. \"age=60,arm=B\", for predicted survival (R survfit(fit, newdata)); repeat the option or separate profiles with ';'.", AllowMultipleArgumentsPerToken = false };
        var at = new Option<string?>("--at") { Description = "Comma-separated times at which to read the predicted survival of --predict." };
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var states = new MstateCommand.StateOptions();
        var command = new Command("cox", "Cox proportional-hazards regression (R coxph parity); with --state a multi-state Cox model, one coefficient per covariate and transition.");
        input.AddTo(command, withGroup: false, withStrata: true, withId: true);
        input.Event.Required = false;
        input.AddEventValuesTo(command);
        states.AddTo(command);
        covariates.AddTo(command);
        command.Options.Add(ties);
        command.Options.Add(cluster);
        command.Options.Add(robust);
        command.Options.Add(zph);
        command.Options.Add(zphTransform);
        command.Options.Add(residuals);
        command.Options.Add(predict);
        command.Options.Add(at);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var names = covariates.Names(parse);
            var tieMethod = parse.GetValue(ties) switch
            {
                "efron" => CoxTies.Efron,
                "breslow" => CoxTies.Breslow,
                var other => throw new SurvivalInputException("must be efron or breslow", column: "--ties", value: other),
            };
            var transform = parse.GetValue(zphTransform) switch
            {
                "km" => ProportionalHazardsTransform.KaplanMeier,
                "rank" => ProportionalHazardsTransform.Rank,
                "identity" => ProportionalHazardsTransform.Identity,
                var other => throw new SurvivalInputException("must be km, rank or identity", column: "--zph-transform", value: other),
            };
            var residualTypes = CovariateOptions.Split(parse.GetValue(residuals) ?? "");
            foreach (var type in residualTypes)
                if (!ResidualTypes.Contains(type))
                    throw new SurvivalInputException($"must be one or more of {string.Join(", ", ResidualTypes)}", column: "--residuals", value: type);
            var profiles = (parse.GetValue(predict) ?? []).SelectMany(p => p.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(ParseProfile).ToArray();
            var times = CovariateOptions.Times(parse.GetValue(at));
            if (times.Length > 0 && profiles.Length == 0) throw new SurvivalInputException("--at reads the curves of --predict: give a profile", column: "--at");
            if (parse.GetValue(states.State) is not null)
            {
                if (parse.GetValue(input.Event) is not null || parse.GetValue(input.EventValues) is not null)
                    throw new SurvivalInputException("give --event (with --event-values) or --state (multi-state rows), not both", column: "--state");
                foreach (var (option, name) in new (Option, string)[] { (zph, "--zph"), (residuals, "--residuals"), (predict, "--predict"), (input.Strata, "--strata"), (cluster, "--cluster") })
                    if (parse.GetResult(option) is { Implicit: false })
                        throw new SurvivalInputException($"{name} is not available with --state (the multi-state model is stratified by transition and clustered by --id)", column: name);
                return MultiState(parse, input, states, covariates, tieMethod, parse.GetValue(confLevel), parse.GetValue(format));
            }
            if (parse.GetValue(input.Event) is null) throw new SurvivalInputException("--event is required (or --state for multi-state rows)", column: "--event");
            string? clusterColumn = parse.GetValue(cluster) ?? parse.GetValue(input.Id);
            var columns = input.Columns(parse) with { Id = clusterColumn };
            input.RequireRows(parse);
            var used = columns.Names.Concat(names).Distinct().ToArray();
            // R's na.omit over every column of the model (time, event, entry, weight, strata, cluster and each covariate),
            // before a covariate's kind is decided: a column is numeric when all its remaining values are numbers.
            var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse)).OmitMissing(used);
            var data = SurvivalCsv.ToData(table, columns);
            var x = covariates.Build(parse, table, data.Count);
            var options = new CoxOptions { Ties = tieMethod, ConfidenceLevel = parse.GetValue(confLevel), Robust = parse.GetValue(robust) || clusterColumn is not null ? true : null };
            var fit = CliProgress.Run(parse.InvocationConfiguration.Error, "fitting", options.MaxIterations, quiet: false,
                progress => CoxRegression.Fit(data, x, options, CliRunner.Cancellation, progress));
            foreach (var warning in fit.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            var test = parse.GetValue(zph) ? ProportionalHazards.Test(fit, transform) : null;
            var predictions = profiles.SelectMany(p => CoxPrediction.Survival(fit, p, times)).ToArray();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit, data.Omitted, test, residualTypes, predictions), output, input.EventValuesOf(parse));
            else { input.DescribeEventValues(parse, output); WriteTable(fit, test, residualTypes, predictions, output); }
            return 0;
        });
        return command;
    }

    /// <summary><c>cox --state</c>: the multi-state Cox model (R coxph on Surv(tstart, tstop, state) with id).</summary>
    private static int MultiState(ParseResult parse, InputOptions input, MstateCommand.StateOptions states, CovariateOptions covariates,
        CoxTies ties, double level, OutputFormat format)
    {
        input.RequireRows(parse);
        var columns = states.Columns(parse, input);
        var names = covariates.Names(parse);
        var stateColumn = columns.State;
        var used = columns.Names.Concat(names).Distinct().ToArray();
        var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse)).OmitMissing(used.Where(c => c != stateColumn));
        var data = states.Load(parse, input, table);
        var x = covariates.Build(parse, table, data.Count);
        var options = new CoxOptions { Ties = ties, ConfidenceLevel = level };
        var fit = MultiStateCox.Fit(data, x, options);
        foreach (var warning in fit.Fit.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
        var output = parse.InvocationConfiguration.Output;
        if (format == OutputFormat.Json)
        {
            var json = ToJson(fit.Fit, data.Rows.Omitted);
            var terms = fit.Terms.ToDictionary(t => t.Name, t => t.Transition.Label, StringComparer.Ordinal);
            JsonOutput.Write(json with
            {
                Coefficients = json.Coefficients.Select(c => c with { Transition = terms[c.Name] }).ToArray(),
                States = fit.States,
            }, output);
        }
        else output.Write(fit.ToString());
        return 0;
    }

    private static readonly string[] ResidualTypes = ["martingale", "deviance", "score", "schoenfeld", "scaled-schoenfeld", "dfbeta", "dfbetas"];

    private static CovariateProfile ParseProfile(string text)
    {
        try
        {
            return CovariateProfile.Parse(text);
        }
        catch (SurvivalInputException ex)
        {
            throw new SurvivalInputException(ex.Reason, column: "--predict", value: text);
        }
    }


    internal sealed record CoefficientJson(string Name, double? Estimate, double? StdErr, double? RobustStdErr, double? HazardRatio, double? Lower, double? Upper, double? Z, double? PValue)
    {
        /// <summary>The transition of a multi-state coefficient ("a->b"); absent otherwise.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Transition { get; init; }
    }
    internal sealed record TestJson(double ChiSquare, int Df, double PValue);
    internal sealed record ZphLineJson(string Name, double ChiSquare, int Df, double PValue);
    internal sealed record ZphJson(string Transform, IReadOnlyList<ZphLineJson> Terms, ZphLineJson Global);
    internal sealed record PointJson(double Time, double AtRisk, double Survival, double StdErr, double? Lower, double? Upper, double CumulativeHazard);
    internal sealed record PredictionJson(IReadOnlyDictionary<string, object> Profile, string? Stratum, IReadOnlyList<PointJson> At);
    internal sealed record CoxJson(IReadOnlyList<CoefficientJson> Coefficients, double LogLikelihoodNull, double LogLikelihood,
        TestJson LikelihoodRatio, TestJson Wald, TestJson Score, TestJson? RobustScore, int? Clusters, double? Concordance, bool Converged, int Iterations, int N, double Events,
        IReadOnlyList<double> Means, IReadOnlyList<string> Warnings, OmittedJson Omitted,
        ZphJson? ProportionalHazards, IReadOnlyDictionary<string, object>? Residuals, IReadOnlyList<PredictionJson>? Predictions)
    {
        /// <summary>The states of a multi-state model, in R's order (absent otherwise).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<string>? States { get; init; }
    }

    private static TestJson T(ChiSquareTest t) => new(t.ChiSquare, t.DegreesOfFreedom, t.PValue);

    private static ZphLineJson Z(ProportionalHazardsTerm t) => new(t.Name, t.Test.ChiSquare, t.Test.DegreesOfFreedom, t.Test.PValue);

    internal static CoxJson ToJson(CoxResult r, OmittedRows omitted, ProportionalHazardsResult? zph = null,
        IReadOnlyList<string>? residuals = null, IReadOnlyList<CoxPredictedCurve>? predictions = null) => new(
        r.Coefficients.Select(c => new CoefficientJson(c.Name, c.Estimate, c.StdErr, c.RobustStdErr, c.HazardRatio, c.Lower, c.Upper, c.Z, c.PValue)).ToArray(),
        r.LogLikelihoodNull, r.LogLikelihood, T(r.LikelihoodRatio), T(r.Wald), T(r.Score), r.RobustScore is { } rs ? T(rs) : null, r.Clusters,
        r.Concordance, r.Converged, r.Iterations, r.N, r.Events, r.Means,
        r.Warnings.Select(w => w.Message).ToArray(),
        OmittedJson.From(omitted),
        zph is null ? null : new ZphJson(zph.Transform switch
        {
            ProportionalHazardsTransform.KaplanMeier => "km",
            ProportionalHazardsTransform.Rank => "rank",
            _ => "identity",
        }, zph.Terms.Select(Z).ToArray(), Z(zph.Global)),
        residuals is null || residuals.Count == 0 ? null : residuals.ToDictionary(t => t, t => Residuals(r, t)),
        predictions is null || predictions.Count == 0 ? null : predictions.Select(c => new PredictionJson(
            c.Profile.Values.ToDictionary(kv => kv.Key, kv => ProfileValue(r, kv.Key, kv.Value)), c.Stratum,
            c.At.Select(a => new PointJson(a.Time, a.AtRisk, a.Survival, a.StdErr, a.Lower, a.Upper, a.CumulativeHazard)).ToArray())).ToArray());

    /// <summary>A profile value as the user gave it: a number for a numeric covariate, the level for a categorical one.</summary>
    private static object ProfileValue(CoxResult r, string name, string value)
        => r.Terms.First(t => t.Name == name).IsCategorical ? value : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static object Residuals(CoxResult r, string type) => type switch
    {
        "martingale" => CoxResiduals.Martingale(r),
        "deviance" => CoxResiduals.Deviance(r),
        "score" => Rows(CoxResiduals.Score(r)),
        "schoenfeld" => Rows(CoxResiduals.Schoenfeld(r)),
        "scaled-schoenfeld" => Rows(CoxResiduals.ScaledSchoenfeld(r)),
        "dfbeta" => Rows(CoxResiduals.DfBeta(r)),
        _ => Rows(CoxResiduals.DfBetas(r)),
    };

    private static IReadOnlyList<IReadOnlyList<double>> Rows(ResidualMatrix m) => Enumerable.Range(0, m.Count).Select(m.Row).ToArray();

    private static void WriteTable(CoxResult r, ProportionalHazardsResult? zph, IReadOnlyList<string> residuals,
        IReadOnlyList<CoxPredictedCurve> predictions, TextWriter output)
    {
        output.Write(r.ToString());
        if (zph is not null)
        {
            output.WriteLine();
            output.WriteLine($"Proportional hazards (cox.zph, transform = \"{(zph.Transform == ProportionalHazardsTransform.KaplanMeier ? "km" : zph.Transform.ToString().ToLowerInvariant())}\"):");
            output.Write(zph.ToString());
        }
        foreach (var type in residuals)
        {
            output.WriteLine();
            output.WriteLine($"Residuals ({type}):");
            var value = Residuals(r, type);
            if (value is IReadOnlyList<double> v)
                Survival.Printing.RFormat.Table(output, ["", type], v.Select((x, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), Survival.Printing.RFormat.Number(x, 7)]));
            else
            {
                var rows = (IReadOnlyList<IReadOnlyList<double>>)value;
                var header = new List<string> { "" };
                header.AddRange(r.Coefficients.Where(c => c.Estimate is not null).Select(c => c.Name));
                Survival.Printing.RFormat.Table(output, header, rows.Select((row, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), .. row.Select(x => Survival.Printing.RFormat.Number(x, 7))]));
            }
        }
        foreach (var curve in predictions)
        {
            output.WriteLine();
            output.WriteLine($"Predicted survival for {curve.Profile}{(curve.Stratum is null ? "" : $", stratum {curve.Stratum}")}:");
            string pct = (r.Options.ConfidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture);
            Survival.Printing.RFormat.Table(output, ["time", "n.risk", "survival", "std.err", $"lower {pct}% CI", $"upper {pct}% CI"],
                curve.At.Select(a => (IReadOnlyList<string>)[Survival.Printing.RFormat.Number(a.Time), Survival.Printing.RFormat.Number(a.AtRisk),
                    Survival.Printing.RFormat.Number(a.Survival, 3), Survival.Printing.RFormat.Number(a.StdErr, 3), Survival.Printing.RFormat.Number(a.Lower, 3), Survival.Printing.RFormat.Number(a.Upper, 3)]));
        }
    }
}
