using System.CommandLine;
using System.Globalization;
using Survival.Assessment;
using Survival.Cli.Output;
using Survival.CompetingRisks;
using Survival.Csv;
using Survival.Parametric;
using Survival.Regression;

namespace Survival.Cli.Commands;

/// <summary><c>survival assess</c>: how well a model predicts — concordance (Harrell's and Uno's C, R
/// <c>survival::concordance</c>), time-dependent AUC and Brier score with the null model and the integrated Brier score
/// (riskRegression <c>Score</c>), and calibration by risk group — on the training data (apparent performance) or on a
/// second file.</summary>
internal static class AssessCommand
{
    private static readonly string[] Models = ["cox", "weibull", "lognormal", "loglogistic", "exponential", "finegray", "csc"];

    public static Command Create()
    {
        var train = new Option<string>("--train") { Description = "CSV file the model is fitted on.", Required = true };
        var test = new Option<string?>("--test") { Description = "CSV file the model is assessed on (default: the training file, apparent performance as Score on its data)." };
        var time = new Option<string>("--time") { Description = "Column with the exit (event or censoring) time.", Required = true };
        var status = new Option<string>("--event") { Description = "Column with the event indicator (1/0), or with the cause for --model finegray or csc.", Required = true };
        var model = new Option<string?>("--model") { Description = "cox, weibull, lognormal, loglogistic, exponential, finegray or csc (cause-specific Cox, riskRegression CSC; finegray and csc need --cause)." };
        var covariates = new CovariateOptions();
        covariates.Covariates.Required = false;
        var cause = new Option<string?>("--cause") { Description = "With --model finegray or csc: the cause assessed, as written in the --event column." };
        var censored = new Option<string>("--censored") { Description = "With --model finegray or csc: the --event value meaning censored (default 0).", DefaultValueFactory = _ => "0" };
        var riskScore = new Option<string?>("--risk-score") { Description = "Instead of --model: a column holding a risk score (larger = higher risk); probabilities in [0, 1] are also scored by Brier and calibration at every --at time." };
        var at = new Option<string>("--at") { Description = "Comma-separated evaluation times for AUC, Brier score and calibration.", Required = true };
        var horizon = new Option<double?>("--horizon") { Description = "Concordance counts only pairs whose earlier time is ≤ h (R concordance ymax); default all pairs, as R." };
        var groups = new Option<int>("--groups") { Description = "Calibration risk groups, cut at quantiles of the predicted risk (default 10: deciles).", DefaultValueFactory = _ => 10 };
        var plot = new Option<string?>("--plot") { Description = "Draw the calibration figure to FILE (.png or .svg)." };
        var rocPlot = new Option<string?>("--roc-plot") { Description = "Draw the time-dependent ROC curves (one per --at time, AUC in the legend; Score's plots = \"ROC\") to FILE (.png or .svg)." };
        var eventValues = new Option<string?>("--event-values") { Description = "Comma-separated --event values meaning the event, every other value a censoring (R status %in% c(...)); not with finegray or csc." };
        var delimiter = new Option<string>("--delimiter") { Description = "Field separator (default ',').", DefaultValueFactory = _ => "," };
        var na = new Option<string>("--na") { Description = "Comma-separated texts meaning a missing value (default \"NA,\").", DefaultValueFactory = _ => "NA," };
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var command = new Command("assess", "How well a model predicts: concordance (Harrell, Uno), time-dependent AUC and Brier score (riskRegression::Score parity) and calibration, on the training data or a test file.");
        foreach (var o in new Option[] { train, test, time, status, model, cause, censored, riskScore, at, horizon, groups, plot, rocPlot, eventValues, delimiter, na, confLevel, format })
            command.Options.Add(o);
        covariates.AddTo(command);
        command.SetAction(parse =>
        {
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            FigureOption.CheckBeforeWork(parse.GetValue(rocPlot), "--roc-plot");
            var times = Numbers.ParseList(parse.GetValue(at)!, "--at");
            if (times.Length == 0) throw new SurvivalInputException("give at least one evaluation time", column: "--at");
            var sortedTimes = times.Distinct().Order().ToArray();
            string? modelName = parse.GetValue(model);
            string? scoreColumn = parse.GetValue(riskScore);
            if (modelName is null == scoreColumn is null) throw new SurvivalInputException("give --model (with --covariates) or --risk-score, one of the two", column: "--model");
            if (modelName is not null && !Models.Contains(modelName)) throw new SurvivalInputException($"must be one of {string.Join(", ", Models)}", column: "--model", value: modelName);
            bool competing = modelName is "finegray" or "csc";
            if (competing && parse.GetValue(cause) is null) throw new SurvivalInputException($"--model {modelName} needs --cause", column: "--cause");
            if (!competing && parse.GetValue(cause) is not null)
                throw new SurvivalInputException("--cause goes with --model finegray or csc", column: "--cause");
            var names = modelName is null ? [] : CovariateOptions.Split(parse.GetValue(covariates.Covariates) ?? "");
            if (modelName is "cox" or "finegray" or "csc" && names.Length == 0) throw new SurvivalInputException($"--model {modelName} needs --covariates", column: "--covariates");
            var values = parse.GetValue(eventValues) is { } ev ? CovariateOptions.Split(ev) : null;
            if (values is not null && competing) throw new SurvivalInputException($"--event-values is for event/censoring data; with {modelName} the --event column holds the causes", column: "--event-values");
            string d = parse.GetValue(delimiter)!;
            if (d is "\\t" or "tab") d = "\t";
            if (d.Length != 1) throw new SurvivalInputException("the delimiter must be a single character", column: "--delimiter", value: d);
            var read = new CsvReadOptions { Delimiter = d[0], MissingValues = parse.GetValue(na)!.Split(',').Select(m => m.Trim()).Distinct().ToArray() };
            var columns = new SurvivalColumns(parse.GetValue(time)!, parse.GetValue(status)!) { EventValues = values };
            var used = columns.Names.Concat(names).Concat(scoreColumn is null ? [] : [scoreColumn]).Distinct().ToArray();

            var trainTable = CsvTable.Read(parse.GetValue(train)!, used, read).OmitMissing(used);
            var testTable = parse.GetValue(test) is { } testPath ? CsvTable.Read(testPath, used, read).OmitMissing(used) : trainTable;
            double level = parse.GetValue(confLevel);
            string censoredLabel = parse.GetValue(censored)!;

            // The model, fitted on the training rows; everything below is computed on the assessed rows.
            Func<CsvTable, double[]> score;
            ConcordanceDirection direction;
            Func<CsvTable, int, PredictedRisks?> predict;
            if (scoreColumn is not null)
            {
                direction = ConcordanceDirection.LargerScoreHigherRisk;
                score = table => table.Numbers(scoreColumn);
                predict = (table, n) =>
                {
                    var s = table.Numbers(scoreColumn);
                    return s.All(v => v is >= 0 and <= 1) ? new PredictedRisks(sortedTimes, sortedTimes.Select(_ => s).ToArray()) : null;
                };
            }
            else if (modelName == "csc")
            {
                // One Cox model per cause (riskRegression CSC); the risk is the cause's absolute risk by the product limit,
                // and concordance ranks by the cause's own model, as R's concordance(csc$models[[cause]], newdata).
                var data = CompetingRisksCsv.ToData(trainTable, columns, censoredLabel);
                var x = covariates.Build(parse, trainTable, data.Count);
                var fit = CauseSpecificCox.Fit(data, x, new CoxOptions { ConfidenceLevel = level }, CliRunner.Cancellation);
                Warn(parse, fit.Warnings);
                string assessedCause = parse.GetValue(cause)!;
                var causeModel = fit[assessedCause];
                direction = ConcordanceDirection.LargerScoreHigherRisk;
                score = table => RiskPrediction.LinearPredictors(causeModel, Aligned(table, causeModel.Terms, table.RowCount));
                predict = (table, n) => RiskPrediction.CauseSpecificCox(fit, assessedCause, Aligned(table, causeModel.Terms, n), sortedTimes);
            }
            else if (competing)
            {
                var data = CompetingRisksCsv.ToData(trainTable, columns, censoredLabel);
                var x = covariates.Build(parse, trainTable, data.Count);
                var fit = FineGray.Fit(data, parse.GetValue(cause)!, x, new FineGrayOptions { ConfidenceLevel = level }, CliRunner.Cancellation);
                Warn(parse, fit.Warnings);
                direction = ConcordanceDirection.LargerScoreHigherRisk;
                score = table => RiskPrediction.LinearPredictors(fit, Aligned(table, fit.Terms, table.RowCount));
                predict = (table, n) => RiskPrediction.FineGray(fit, Aligned(table, fit.Terms, n), sortedTimes);
            }
            else
            {
                var data = SurvivalCsv.ToData(trainTable, columns);
                var x = names.Length == 0 ? null : covariates.Build(parse, trainTable, data.Count);
                if (modelName == "cox")
                {
                    var fit = CoxRegression.Fit(data, x!, new CoxOptions { ConfidenceLevel = level }, CliRunner.Cancellation);
                    Warn(parse, fit.Warnings);
                    direction = ConcordanceDirection.LargerScoreHigherRisk;
                    score = table => RiskPrediction.LinearPredictors(fit, Aligned(table, fit.Terms, table.RowCount));
                    predict = (table, n) => RiskPrediction.Cox(fit, Aligned(table, fit.Terms, n), sortedTimes);
                }
                else
                {
                    var family = modelName switch
                    {
                        "weibull" => AftDistribution.Weibull, "lognormal" => AftDistribution.LogNormal,
                        "loglogistic" => AftDistribution.LogLogistic, _ => AftDistribution.Exponential,
                    };
                    AftFit fit;
                    // A row the model refuses (a time ≤ 0 for a log-time family) is named by its line in the training file.
                    try { fit = AftModel.Fit(data, family, x, new ParametricOptions { ConfidenceLevel = level }, CliRunner.Cancellation); }
                    catch (SurvivalInputException e) { throw SurvivalCsv.InFileTerms(trainTable, columns, e); }
                    Warn(parse, fit.Warnings);
                    direction = ConcordanceDirection.LargerScoreLongerSurvival;
                    score = table => RiskPrediction.LinearPredictors(fit, x is null ? null : Aligned(table, fit.Terms, table.RowCount), table.RowCount);
                    predict = (table, n) => RiskPrediction.Parametric(fit, x is null ? null : Aligned(table, fit.Terms, n), sortedTimes, n);
                }
            }

            var crData = competing ? CompetingRisksCsv.ToData(testTable, columns, censoredLabel) : null;
            var assessed = crData?.Rows ?? SurvivalCsv.ToData(testTable, columns);
            // Concordance of the linear predictor or score; under competing risks on the cause (other events censored),
            // as R's concordance(Surv(time, status == cause) ~ lp).
            var concordanceData = competing ? FineGray.CauseSpecific(crData!, parse.GetValue(cause)!) : assessed;
            var s = InFile(testTable, used, () => score(testTable));
            var harrell = Concordance.Compute(concordanceData, s, new ConcordanceOptions { Direction = direction, Horizon = parse.GetValue(horizon), ConfidenceLevel = level });
            var uno = Concordance.Compute(concordanceData, s, new ConcordanceOptions { Direction = direction, Horizon = parse.GetValue(horizon), ConfidenceLevel = level, TimeWeight = ConcordanceTimeWeight.NOverG2 });

            var risks = InFile(testTable, used, () => predict(testTable, assessed.Count));
            // Both figures need predicted probabilities: say so before anything is computed or noted.
            if (risks is null && parse.GetValue(plot) is not null)
                throw new SurvivalInputException("--plot draws calibration, which needs predicted probabilities", column: "--plot");
            if (risks is null && parse.GetValue(rocPlot) is not null)
                throw new SurvivalInputException("--roc-plot draws the ROC curves of predicted probabilities; this score is not one", column: "--roc-plot");
            PredictionAccuracyResult accuracy;
            CalibrationResult? calibration = null;
            var accuracyOptions = new PredictionAccuracyOptions { ConfidenceLevel = level, Roc = parse.GetValue(rocPlot) is not null };
            if (risks is null)
            {
                // A score that is not a probability: AUC is rank-based, so ranks mapped into (0, 1) give the same AUC;
                // Brier and calibration need probabilities and are left out.
                var ranks = Ranks(s);
                var rankRisks = new PredictedRisks(sortedTimes, sortedTimes.Select(_ => ranks).ToArray());
                accuracy = PredictionAccuracy.Evaluate(assessed, rankRisks, accuracyOptions);
                parse.InvocationConfiguration.Error.WriteLine($"note: --risk-score {scoreColumn} is not a probability in [0, 1]: Brier scores and calibration are left out");
            }
            else
            {
                var calOptions = new CalibrationOptions { Groups = parse.GetValue(groups), ConfidenceLevel = level };
                accuracy = competing ? PredictionAccuracy.Evaluate(crData!, parse.GetValue(cause)!, risks, accuracyOptions) : PredictionAccuracy.Evaluate(assessed, risks, accuracyOptions);
                calibration = competing ? Calibration.Compute(crData!, parse.GetValue(cause)!, risks, calOptions) : Calibration.Compute(assessed, risks, calOptions);
                if (parse.GetValue(plot) is { } file) Survival.Plotting.CalibrationPlot.Save(calibration, file, $"Calibration ({modelName ?? scoreColumn})");
                if (parse.GetValue(rocPlot) is { } rocFile) Survival.Plotting.RocPlot.Save(accuracy, rocFile, $"ROC ({modelName ?? scoreColumn})");
            }

            var result = ToJson(modelName ?? "risk-score", parse.GetValue(test) is null ? "train" : "test", assessed.Count, parse.GetValue(cause),
                harrell, uno, accuracy, risks is null, calibration, trainTable.Omitted, testTable.Omitted);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(result, output, values);
            else Print(output, result, accuracy, calibration);
            return 0;
        });
        return command;
    }

    /// <summary>Runs <paramref name="work"/> on the rows of <paramref name="table"/>, restating an error about a row's
    /// covariate with the file's line and the value as written.</summary>
    private static T InFile<T>(CsvTable table, string[] columns, Func<T> work)
    {
        try { return work(); }
        catch (SurvivalInputException e) when (e.Row is long row && e.File is null && e.Column is { } column && columns.Contains(column))
        {
            throw table.Bad(e.Reason, column, (int)(row - 1), table.Text(column)[(int)(row - 1)]);
        }
    }

    private static void Warn(ParseResult parse, IReadOnlyList<FitWarning> warnings)
    {
        foreach (var warning in warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
    }

    /// <summary>The assessed file's covariates, each read as the training file's was (numeric or categorical).</summary>
    private static CovariateMatrix Aligned(CsvTable table, IReadOnlyList<CovariateTerm> terms, int rows)
    {
        var x = new CovariateMatrix(rows);
        foreach (var term in terms)
        {
            if (!term.IsCategorical) { x.AddNumeric(term.Name, table.Numbers(term.Name)); continue; }
            var labels = table.Labels(term.Name);
            var factor = Factor.FromLabels(labels, name: term.Name);
            x.AddCategorical(term.Name, factor, factor.Levels.Contains(term.Reference!) ? term.Reference : null);
        }
        return x;
    }

    private static double[] Ranks(double[] s)
    {
        var distinct = s.Distinct().Order().ToArray();
        return s.Select(v => (Array.BinarySearch(distinct, v) + 1.0) / (distinct.Length + 1)).ToArray();
    }

    internal sealed record EstimateJson(double Estimate, double StdErr, double Lower, double Upper);
    internal sealed record ConcordanceJson(EstimateJson Harrell, EstimateJson Uno, double? Horizon, double Concordant, double Discordant, double TiedRisk);
    internal sealed record AucJson(double Time, double Estimate, double StdErr, double Lower, double Upper);
    internal sealed record BrierJson(double Time, double Estimate, double StdErr, double Lower, double Upper, double Null, double NullStdErr, double NullLower, double NullUpper);
    internal sealed record IntegratedBrierJson(double From, double To, double Estimate, double StdErr, double Lower, double Upper, double Null);
    internal sealed record GroupJson(double Predicted, double Observed, double? Lower, double? Upper, int N);
    internal sealed record SlopeJson(double Estimate, double StdErr, double Lower, double Upper);
    internal sealed record CalibrationJson(double Time, IReadOnlyList<GroupJson> Groups, SlopeJson? Slope);
    internal sealed record AssessJson(string Model, string Data, int N, string? Cause, ConcordanceJson Concordance, IReadOnlyList<AucJson> Auc,
        IReadOnlyList<BrierJson> Brier, IntegratedBrierJson? IntegratedBrier, IReadOnlyList<CalibrationJson> Calibration, OmittedJson Omitted, OmittedJson TestOmitted);

    private static AssessJson ToJson(string model, string data, int n, string? cause, ConcordanceResult harrell, ConcordanceResult uno,
        PredictionAccuracyResult accuracy, bool scoreOnly, CalibrationResult? calibration, OmittedRows trainOmitted, OmittedRows testOmitted)
    {
        static EstimateJson E(ConcordanceResult c) => new(c.Estimate, c.StdErr, c.Lower, c.Upper);
        var ib = accuracy.IntegratedBrier;
        return new AssessJson(model, data, n, cause,
            new ConcordanceJson(E(harrell), E(uno), harrell.Options.Horizon, harrell.Concordant, harrell.Discordant, harrell.TiedX),
            accuracy.Auc.Select(a => new AucJson(a.Time, a.Estimate, a.StdErr, a.Lower, a.Upper)).ToArray(),
            scoreOnly ? [] : accuracy.Brier.Select((b, k) => new BrierJson(b.Time, b.Estimate, b.StdErr, b.Lower, b.Upper,
                accuracy.NullBrier[k].Estimate, accuracy.NullBrier[k].StdErr, accuracy.NullBrier[k].Lower, accuracy.NullBrier[k].Upper)).ToArray(),
            scoreOnly ? null : new IntegratedBrierJson(0, ib.Time, ib.Estimate, ib.StdErr, ib.Lower, ib.Upper, accuracy.NullIntegratedBrier.Estimate),
            calibration is null ? [] : calibration.Times.Select(t => new CalibrationJson(t.Time,
                t.Groups.Select(g => new GroupJson(g.Predicted, g.Observed, g.Lower, g.Upper, g.N)).ToArray(),
                t.Slope is { } s ? new SlopeJson(s.Estimate, s.StdErr, s.Lower, s.Upper) : null)).ToArray(),
            OmittedJson.From(trainOmitted), OmittedJson.From(testOmitted));
    }

    private static void Print(TextWriter output, AssessJson r, PredictionAccuracyResult accuracy, CalibrationResult? calibration)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"model: {r.Model}{(r.Cause is null ? "" : $" (cause {r.Cause})")}, assessed on the {(r.Data == "train" ? "training data (apparent performance)" : "test data")}, n = {r.N}");
        if (r.Omitted.Count > 0) output.WriteLine($"   (training rows left out for missing values: {r.Omitted.Count})");
        if (r.Data == "test" && r.TestOmitted.Count > 0) output.WriteLine($"   (test rows left out for missing values: {r.TestOmitted.Count})");
        string Ci(EstimateJson e) => $"{Numbers.Format(e.Estimate)} (se {Numbers.Format(e.StdErr)}; {Numbers.Format(e.Lower)} to {Numbers.Format(e.Upper)})";
        output.WriteLine($"Harrell's C = {Ci(r.Concordance.Harrell)}");
        output.WriteLine($"Uno's C     = {Ci(r.Concordance.Uno)}" + (r.Concordance.Horizon is double h ? $"  [pairs up to {h.ToString("R", inv)}]" : ""));
        output.WriteLine();
        if (r.Brier.Count == 0)
        {
            Numbers.Table(output, ["times", "AUC", "lower", "upper"],
                accuracy.Auc.Select(a => (IReadOnlyList<string>)[a.Time.ToString("R", inv), Numbers.Format(a.Estimate), Numbers.Format(a.Lower), Numbers.Format(a.Upper)]));
            return;
        }
        output.Write(accuracy.ToString());
        output.WriteLine();
        if (calibration is not null) output.Write(calibration.ToString());
    }
}
