using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Csv;
using Survival.Parametric;
using Survival.Regression;

namespace Survival.Cli.Commands;

/// <summary><c>survival parametric</c>: the AFT families of R's survreg, alone or compared by AIC.</summary>
internal static class ParametricCommand
{
    private static readonly string[] Families = ["weibull", "exponential", "lognormal", "loglogistic", "gaussian", "logistic", "gompertz", "gengamma"];

    public static Command Create()
    {
        var input = new InputOptions();
        var dist = new Option<string?>("--dist") { Description = "weibull (as R), exponential, lognormal, loglogistic, gaussian, logistic (survreg's families), gompertz (flexsurv's shape/rate) or gengamma (flexsurv's mu, sigma, Q)." };
        var compare = new Option<string?>("--compare") { Description = "Comma-separated families to fit and rank by AIC, e.g. weibull,lognormal,loglogistic." };
        var covariates = new Option<string?>("--covariates") { Description = "Comma-separated covariate columns (numeric, or categorical when not all values are numbers)." };
        var at = new Option<string?>("--at") { Description = "Comma-separated times at which to give S(t) with delta-method limits, at the covariates' means." };
        var confLevel = ConfidenceLevelOption.Create();
        var plot = new Option<string?>("--plot") { Description = "Also draw the Kaplan–Meier curve with the fitted families overlaid to FILE (.png or .svg); without covariates." };
        var horizon = new Option<double?>("--horizon") { Description = "How far --plot extrapolates (default: twice the last time)." };
        var format = FormatOption.Create();
        var command = new Command("parametric", "Parametric (AFT) survival models at R survreg parity.");
        input.AddTo(command, withGroup: false);
        input.AddEventValuesTo(command);
        input.AddIntervalsTo(command);
        command.Options.Add(dist);
        command.Options.Add(compare);
        command.Options.Add(covariates);
        command.Options.Add(at);
        command.Options.Add(confLevel);
        command.Options.Add(plot);
        command.Options.Add(horizon);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            FigureOption.CheckBeforeWork(parse.GetValue(plot));
            var names = Split(parse.GetValue(covariates) ?? "");
            bool interval = input.IsInterval(parse);
            var columns = interval ? null : input.Columns(parse);
            var intervalColumns = interval ? input.IntervalColumns(parse) : null;
            input.RequireRows(parse);
            var used = (interval ? intervalColumns!.Names : columns!.Names).Concat(names).Distinct().ToArray();
            var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse));
            // Interval ends may be missing one at a time (left- or right-censored): only a row missing both is left out.
            table = interval
                ? table.OmitMissing(names.Concat(new[] { intervalColumns!.Weight }.OfType<string>())).OmitMissingInAll([intervalColumns.Left, intervalColumns.Right])
                : table.OmitMissing(used);
            var data = interval ? SurvivalCsv.ToIntervalData(table, intervalColumns!) : SurvivalCsv.ToData(table, columns!);
            CovariateMatrix? x = null;
            if (names.Length > 0)
            {
                x = new CovariateMatrix(data.Count);
                foreach (var name in names)
                {
                    var text = table.Text(name);
                    if (text.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) x.AddNumeric(name, table.Numbers(name));
                    else x.AddCategorical(name, Factor.FromLabels(table.Labels(name), name: name));
                }
            }
            var options = new ParametricOptions { ConfidenceLevel = parse.GetValue(confLevel) };
            var times = parse.GetValue(at) is { } list ? Numbers.ParseList(list, "--at") : [];
            var output = parse.InvocationConfiguration.Output;
            bool json = parse.GetValue(format) == OutputFormat.Json;
            void Draw(IReadOnlyList<IParametricFit> fitted)
            {
                if (parse.GetValue(plot) is not { } file) return;
                if (x is not null) throw new SurvivalInputException("--plot draws fits without covariates", column: "--plot");
                double last = fitted.Max(f => f.LastObservedTime);
                var curves = interval ? Survival.IntervalCensoring.Turnbull.Fit(data).AsSurvivalCurves() : Survival.Estimation.KaplanMeier.Fit(data);
                Survival.Plotting.ParametricFitPlot.Save(curves, fitted, parse.GetValue(horizon) ?? 2 * last, file,
                    new Survival.Plotting.KaplanMeierPlotOptions { XLabel = "Time", Title = interval ? "Turnbull estimate with parametric fits" : "Kaplan–Meier with parametric fits" });
            }
            // A row an estimator refuses (a time ≤ 0 for a log-time family) is named by its file line, as input errors are.
            IParametricFit FitInFileTerms(ParametricFamily family, IProgress<ProgressReport>? progress = null)
            {
                try { return ParametricModels.Fit(data, family, x, options, CliRunner.Cancellation, progress); }
                catch (SurvivalInputException e) { throw interval ? SurvivalCsv.IntervalInFileTerms(table, intervalColumns!, e) : SurvivalCsv.InFileTerms(table, columns!, e); }
            }
            void Warn(IParametricFit f)
            {
                foreach (var warning in f.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {f.Family}: {warning}");
            }
            if (parse.GetValue(compare) is { } families)
            {
                // Each family on its own: one whose likelihood has no interior maximum on these data (a Gompertz shape or a
                // generalized gamma Q running off) is reported, not fatal to the comparison.
                var fitted = new List<IParametricFit>();
                var failed = new List<FailedJson>();
                foreach (var name in Split(families).Distinct())
                {
                    var family = Parse(name, "--compare");
                    try { fitted.Add(FitInFileTerms(family)); }
                    catch (SurvivalInputException ex) when (ex.Message.Contains("maximum", StringComparison.Ordinal))
                    {
                        failed.Add(new FailedJson(name, ex.Reason));
                        parse.InvocationConfiguration.Error.WriteLine($"warning: {name} not fitted: {ex.Reason}");
                    }
                }
                if (fitted.Count == 0) throw new SurvivalInputException("no family could be fitted to these data", column: "--compare", value: families);
                var fits = fitted.OrderBy(f => f.Aic).ToArray();
                foreach (var f in fits) Warn(f);
                Draw(fits);
                if (json) JsonOutput.Write(new CompareJson(fits.Select(f => ToJson(f, times, x)).ToArray(), OmittedJson.From(data.Omitted)) { Failed = failed.Count > 0 ? failed : null }, output, input.EventValuesOf(parse));
                else
                {
                    if (data.Omitted.Count > 0) output.WriteLine($"   ({data.Omitted})");
                    input.DescribeEventValues(parse, output);
                    Numbers.Table(output, ["distribution", "parameters", "logLik", "AIC", "BIC"],
                        fits.Select(f => (IReadOnlyList<string>)[f.Family, f.Parameters.Count.ToString(CultureInfo.InvariantCulture),
                            Numbers.Format(f.LogLikelihood, 7), Numbers.Format(f.Aic, 7), Numbers.Format(f.Bic, 7)]));
                }
                return 0;
            }
            var chosen = Parse(parse.GetValue(dist) ?? "weibull", "--dist");
            var fit = CliProgress.Run(parse.InvocationConfiguration.Error, "fitting", 30, quiet: false,
                progress => FitInFileTerms(chosen, progress));
            Warn(fit);
            Draw([fit]);
            if (json) JsonOutput.Write(ToJson(fit, times, x) with { Omitted = OmittedJson.From(data.Omitted) }, output, input.EventValuesOf(parse));
            else
            {
                if (data.Omitted.Count > 0) output.WriteLine($"   ({data.Omitted})");
                input.DescribeEventValues(parse, output);
                output.Write(fit.ToString());
                foreach (double t in times)
                {
                    var s = fit.SurvivalAt(t, Means(x));
                    output.WriteLine($"S({Numbers.Format(t)}) = {Numbers.Format(s.Estimate)} ({Numbers.Format(s.Lower)}–{Numbers.Format(s.Upper)})"
                        + (fit.IsExtrapolation(t) ? "  [extrapolated beyond the data]" : ""));
                }
            }
            return 0;
        });
        return command;
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static ParametricFamily Parse(string name, string option) => name switch
    {
        "weibull" => ParametricFamily.Weibull,
        "exponential" => ParametricFamily.Exponential,
        "lognormal" => ParametricFamily.LogNormal,
        "loglogistic" => ParametricFamily.LogLogistic,
        "gaussian" => ParametricFamily.Gaussian,
        "logistic" => ParametricFamily.Logistic,
        "gompertz" => ParametricFamily.Gompertz,
        "gengamma" => ParametricFamily.GeneralizedGamma,
        _ => throw new SurvivalInputException($"must be one of {string.Join(", ", Families)}", column: option, value: name),
    };

    /// <summary>The profile at which S(t) is given: each covariate column's mean (proportions for dummy columns).</summary>
    private static double[] Means(CovariateMatrix? x)
    {
        if (x is null) return [];
        var means = new double[x.Count];
        for (int j = 0; j < x.Count; j++)
        {
            var column = x.Column(j);
            double sum = 0;
            foreach (double v in column) sum += v;
            means[j] = sum / column.Length;
        }
        return means;
    }

    internal sealed record ParameterJson(string Name, double Estimate, double StdErr, double Lower, double Upper);
    internal sealed record AtJson(double Time, double? Survival, double? Lower, double? Upper, bool Extrapolated);
    internal sealed record EstimateJson(double? Estimate, double? Lower, double? Upper);
    internal sealed record FitJson(string Distribution, IReadOnlyList<ParameterJson> Parameters, double LogLikelihood, double Aic, double Bic,
        IReadOnlyList<AtJson> At, EstimateJson Median, EstimateJson Mean, int N, double Events, bool Converged,
        int Iterations, IReadOnlyList<string> Warnings)
    {
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public OmittedJson? Omitted { get; init; }
    }

    internal sealed record FailedJson(string Distribution, string Reason);
    internal sealed record CompareJson(IReadOnlyList<FitJson> Fits, OmittedJson Omitted)
    {
        /// <summary>Families not fitted (no interior maximum on these data), only when there are some.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<FailedJson>? Failed { get; init; }
    }

    private static FitJson ToJson(IParametricFit fit, double[] times, CovariateMatrix? x)
    {
        var profile = Means(x);
        return new FitJson(fit.Family,
            fit.Parameters.Select(p => new ParameterJson(p.Name, p.Estimate, p.StdErr, p.Lower, p.Upper)).ToArray(),
            fit.LogLikelihood, fit.Aic, fit.Bic,
            times.Select(t => { var s = fit.SurvivalAt(t, profile); return new AtJson(t, s.Estimate, s.Lower, s.Upper, fit.IsExtrapolation(t)); }).ToArray(),
            Median(fit, profile), MeanOf(fit, profile), fit.N, fit.Events, fit.Converged,
            fit.Iterations, fit.Warnings.Select(w => w.Message).ToArray());
    }

    private static EstimateJson MeanOf(IParametricFit fit, double[] profile)
    {
        var m = fit.Mean(profile);
        return new EstimateJson(m.Estimate, m.Lower, m.Upper);
    }

    private static EstimateJson Median(IParametricFit fit, double[] profile)
    {
        var m = fit.Quantile(0.5, profile);
        return new EstimateJson(m.Estimate, m.Lower, m.Upper);
    }
}
