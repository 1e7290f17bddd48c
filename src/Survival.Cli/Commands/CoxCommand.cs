using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Csv;
using Survival.Regression;

namespace Survival.Cli.Commands;

/// <summary><c>survival cox</c>: Cox proportional-hazards regression (R coxph parity).</summary>
internal static class CoxCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var covariates = new Option<string>("--covariates") { Description = "Comma-separated covariate columns; a column whose values are not all numbers is categorical (treatment coding, first level as reference).", Required = true };
        var categorical = new Option<string?>("--categorical") { Description = "Comma-separated columns to treat as categorical even if numeric." };
        var reference = new Option<string?>("--reference") { Description = "Reference levels, e.g. celltype=squamous,stage=I." };
        var ties = new Option<string>("--ties") { Description = "efron (default, as R) or breslow.", DefaultValueFactory = _ => "efron" };
        var format = FormatOption.Create();
        var command = new Command("cox", "Cox proportional-hazards regression (R coxph parity).");
        input.AddTo(command, withGroup: false, withStrata: true);
        command.Options.Add(covariates);
        command.Options.Add(categorical);
        command.Options.Add(reference);
        command.Options.Add(ties);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var names = Split(parse.GetValue(covariates)!);
            if (names.Length == 0) throw new SurvivalInputException("name at least one covariate", column: "--covariates");
            var forced = new HashSet<string>(Split(parse.GetValue(categorical) ?? ""), StringComparer.Ordinal);
            var references = ParseReferences(parse.GetValue(reference));
            var tieMethod = parse.GetValue(ties) switch
            {
                "efron" => CoxTies.Efron,
                "breslow" => CoxTies.Breslow,
                var other => throw new SurvivalInputException("must be efron or breslow", column: "--ties", value: other),
            };
            var columns = input.Columns(parse);
            input.RequireRows(parse);
            var used = columns.Names.Concat(names).Distinct().ToArray();
            // R's na.omit over every column of the model (time, event, entry, weight, strata and each covariate), before
            // a covariate's kind is decided: a column is numeric when all its remaining values are numbers.
            var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse)).OmitMissing(used);
            var data = SurvivalCsv.ToData(table, columns);
            var x = new CovariateMatrix(data.Count);
            foreach (var name in names)
            {
                var text = table.Text(name);
                bool numeric = !forced.Contains(name) && text.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                if (numeric) x.AddNumeric(name, table.Numbers(name));
                else x.AddCategorical(name, Factor.FromLabels(table.Labels(name), name: name), references.GetValueOrDefault(name));
            }
            foreach (var key in references.Keys)
                if (!names.Contains(key)) throw new SurvivalInputException("a reference names a column that is not a covariate", column: "--reference", value: key);
            var fit = CoxRegression.Fit(data, x, new CoxOptions { Ties = tieMethod });
            foreach (var warning in fit.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit, data.Omitted), output);
            else WriteTable(fit, output);
            return 0;
        });
        return command;
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static Dictionary<string, string> ParseReferences(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in Split(text ?? ""))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) throw new SurvivalInputException("expected column=level", column: "--reference", value: part);
            result[part[..eq]] = part[(eq + 1)..];
        }
        return result;
    }

    internal sealed record CoefficientJson(string Name, double? Estimate, double? StdErr, double? HazardRatio, double? Lower, double? Upper, double? Z, double? PValue);
    internal sealed record TestJson(double ChiSquare, int Df, double PValue);
    internal sealed record CoxJson(IReadOnlyList<CoefficientJson> Coefficients, double LogLikelihoodNull, double LogLikelihood,
        TestJson LikelihoodRatio, TestJson Wald, TestJson Score, double? Concordance, int N, double Events, IReadOnlyList<string> Warnings,
        OmittedJson Omitted);

    private static TestJson T(ChiSquareTest t) => new(t.ChiSquare, t.DegreesOfFreedom, t.PValue);

    internal static CoxJson ToJson(CoxResult r, OmittedRows omitted) => new(
        r.Coefficients.Select(c => new CoefficientJson(c.Name, c.Estimate, c.StdErr, c.HazardRatio, c.Lower, c.Upper, c.Z, c.PValue)).ToArray(),
        r.LogLikelihoodNull, r.LogLikelihood, T(r.LikelihoodRatio), T(r.Wald), T(r.Score), r.Concordance, r.N, r.Events,
        r.Warnings.Select(w => w.Message).ToArray(),
        OmittedJson.From(omitted));

    private static void WriteTable(CoxResult r, TextWriter output) => output.Write(r.ToString());
}
