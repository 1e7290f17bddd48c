using System.CommandLine;
using Survival.Cli.Output;
using Survival.Parametric;

namespace Survival.Cli.Commands;

/// <summary><c>survival exponential</c>: exponential fits with exact χ² limits, overall or by group.</summary>
internal static class ExponentialCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var confLevel = ConfidenceLevelOption.Create();
        var format = FormatOption.Create();
        var command = new Command("exponential", "Exponential model: rate, mean and median with exact limits (R survreg log-likelihood).");
        input.AddTo(command);
        input.AddEventValuesTo(command);
        command.Options.Add(confLevel);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var data = input.Load(parse);
            double level = parse.GetValue(confLevel);
            var output = parse.InvocationConfiguration.Output;
            bool json = parse.GetValue(format) == OutputFormat.Json;
            if (!json) input.DescribeEventValues(parse, output);
            if (data.Group is null)
            {
                var fit = ExponentialModel.Fit(data, new ParametricOptions { ConfidenceLevel = level });
                if (json) JsonOutput.Write(ToJson(fit) with { Omitted = OmittedJson.From(data.Omitted) }, output, input.EventValuesOf(parse));
                else WriteTable([fit], data.Omitted, output);
            }
            else
            {
                var fits = ExponentialModel.FitByGroup(data, new ParametricOptions { ConfidenceLevel = level });
                if (json) JsonOutput.Write(new GroupsJson(fits.Select(ToJson).ToArray(), OmittedJson.From(data.Omitted)), output, input.EventValuesOf(parse));
                else WriteTable(fits, data.Omitted, output);
            }
            return 0;
        });
        return command;
    }

    internal sealed record EstimateJson(double? Estimate, double? Lower, double? Upper);
    internal sealed record FitJson(string? Group, int N, double Events, double Exposure, EstimateJson Rate, EstimateJson Mean, EstimateJson Median, double LogLikelihood)
    {
        /// <summary>The rows left out for missing values: on the top-level object only (a fit without groups).</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public OmittedJson? Omitted { get; init; }
    }

    internal sealed record GroupsJson(IReadOnlyList<FitJson> Groups, OmittedJson Omitted);

    private static EstimateJson E(IntervalEstimate e) => new(e.Estimate, e.Lower, e.Upper);

    internal static FitJson ToJson(ExponentialFit f) => new(f.Group, f.N, f.Events, f.Exposure, E(f.Rate), E(f.Mean), E(f.Median), f.LogLikelihood);

    private static void WriteTable(IReadOnlyList<ExponentialFit> fits, OmittedRows omitted, TextWriter output)
    {
        if (omitted.Count > 0) output.WriteLine($"   ({omitted})");
        output.Write(fits is ExponentialGroupFits groups ? groups.ToString() : string.Concat(fits.Select(f => f.ToString())));
    }
}
