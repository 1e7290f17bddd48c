using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.CompetingRisks;
using Survival.Csv;
using Survival.Regression;

namespace Survival.Cli.Commands;

/// <summary><c>survival finegray</c>: Fine–Gray subdistribution-hazard regression (cmprsk::crr parity).</summary>
internal static class FineGrayCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var cause = new Option<string>("--cause") { Description = "The cause modelled, as written in the status column.", Required = true };
        var censored = new Option<string>("--censored") { Description = "The status value meaning censored (default 0).", DefaultValueFactory = _ => "0" };
        var covariates = new Option<string>("--covariates") { Description = "Comma-separated covariate columns; a column whose values are not all numbers is categorical (treatment coding, first level as reference).", Required = true };
        var categorical = new Option<string?>("--categorical") { Description = "Comma-separated columns to treat as categorical even if numeric." };
        var reference = new Option<string?>("--reference") { Description = "Reference levels, e.g. arm=A." };
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var command = new Command("finegray", "Fine-Gray subdistribution-hazard regression for one cause (cmprsk::crr parity).");
        command.Options.Add(input.Input);
        command.Options.Add(input.Time);
        command.Options.Add(input.Event);
        command.Options.Add(input.Delimiter);
        command.Options.Add(input.MissingValues);
        command.Options.Add(input.Missing);
        command.Options.Add(cause);
        command.Options.Add(censored);
        command.Options.Add(covariates);
        command.Options.Add(categorical);
        command.Options.Add(reference);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var names = parse.GetValue(covariates)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0) throw new SurvivalInputException("name at least one covariate", column: "--covariates");
            var forced = new HashSet<string>((parse.GetValue(categorical) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
            var references = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in (parse.GetValue(reference) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0 || eq == part.Length - 1) throw new SurvivalInputException("expected column=level", column: "--reference", value: part);
                references[part[..eq]] = part[(eq + 1)..];
            }
            var columns = new SurvivalColumns(parse.GetValue(input.Time)!, parse.GetValue(input.Event)!);
            input.RequireRows(parse);
            var used = columns.Names.Concat(names).Distinct().ToArray();
            var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse)).OmitMissing(used);
            var data = CompetingRisksCsv.ToData(table, columns, parse.GetValue(censored)!);
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
            var fit = FineGray.Fit(data, parse.GetValue(cause)!, x, new FineGrayOptions { ConfidenceLevel = parse.GetValue(confLevel) });
            if (!fit.Converged) parse.InvocationConfiguration.Error.WriteLine("warning: the Fine-Gray fit did not converge (crr's rule, 10 Newton steps)");
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json) JsonOutput.Write(ToJson(fit, table.Omitted), output);
            else
            {
                if (table.Omitted.Count > 0) output.WriteLine($"   ({table.Omitted})");
                output.Write(fit.ToString());
            }
            return 0;
        });
        return command;
    }

    internal sealed record CoefficientJson(string Name, double Estimate, double StdErr, double HazardRatio, double Lower, double Upper, double Z, double PValue);
    internal sealed record TestJson(double ChiSquare, int Df, double PValue);
    internal sealed record FineGrayJson(string Cause, IReadOnlyList<CoefficientJson> Coefficients, double LogLikelihood, double LogLikelihoodNull,
        TestJson LikelihoodRatio, bool Converged, int N, int Events, int CompetingEvents, OmittedJson Omitted);

    internal static FineGrayJson ToJson(FineGrayResult r, OmittedRows omitted) => new(r.Cause,
        r.Coefficients.Select(c => new CoefficientJson(c.Name, c.Estimate, c.StdErr, c.HazardRatio, c.Lower, c.Upper, c.Z, c.PValue)).ToArray(),
        r.LogLikelihood, r.LogLikelihoodNull, new TestJson(r.LikelihoodRatio.ChiSquare, r.LikelihoodRatio.DegreesOfFreedom, r.LikelihoodRatio.PValue),
        r.Converged, r.N, r.Events, r.CompetingEvents, OmittedJson.From(omitted));
}
