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
        var covariates = new CovariateOptions();
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
        covariates.AddTo(command);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var names = covariates.Names(parse);
            var columns = new SurvivalColumns(parse.GetValue(input.Time)!, parse.GetValue(input.Event)!);
            input.RequireRows(parse);
            var used = columns.Names.Concat(names).Distinct().ToArray();
            var table = CsvTable.Read(parse.GetValue(input.Input)!, used, input.ReadOptions(parse)).OmitMissing(used);
            var data = CompetingRisksCsv.ToData(table, columns, parse.GetValue(censored)!);
            var x = covariates.Build(parse, table, data.Count);
            var fit = FineGray.Fit(data, parse.GetValue(cause)!, x, new FineGrayOptions { ConfidenceLevel = parse.GetValue(confLevel) }, CliRunner.Cancellation);
            foreach (var warning in fit.Warnings) parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
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
        TestJson LikelihoodRatio, bool Converged, int Iterations, IReadOnlyList<string> Warnings, int N, int Events, int CompetingEvents, OmittedJson Omitted);

    internal static FineGrayJson ToJson(FineGrayResult r, OmittedRows omitted) => new(r.Cause,
        r.Coefficients.Select(c => new CoefficientJson(c.Name, c.Estimate, c.StdErr, c.HazardRatio, c.Lower, c.Upper, c.Z, c.PValue)).ToArray(),
        r.LogLikelihood, r.LogLikelihoodNull, new TestJson(r.LikelihoodRatio.ChiSquare, r.LikelihoodRatio.DegreesOfFreedom, r.LikelihoodRatio.PValue),
        r.Converged, r.Iterations, r.Warnings.Select(w => w.Message).ToArray(), r.N, r.Events, r.CompetingEvents, OmittedJson.From(omitted));
}
