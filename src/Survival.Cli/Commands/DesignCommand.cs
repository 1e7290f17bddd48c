using System.CommandLine;
using Survival.Cli.Output;
using Survival.Design;

namespace Survival.Cli.Commands;

/// <summary><c>survival design …</c>: trial designs: <c>toxicity</c> (Thall, Simon &amp; Estey), <c>tte-probability</c> and
/// <c>tte-simulate</c> (Thall, Wooten &amp; Tannir), <c>sample-size</c> (one-arm exponential), <c>group-sequential</c>, <c>survival-sample-size</c>, <c>survival-power</c> and <c>survival-simulate</c> (rpact's
/// group-sequential and two-arm survival designs).</summary>
internal static class DesignCommand
{
    public static Command Create()
    {
        var design = new Command("design", "Trial designs.");
        design.Subcommands.Add(Toxicity());
        design.Subcommands.Add(EventTimeDesignCommands.Probability());
        design.Subcommands.Add(EventTimeDesignCommands.Simulate());
        design.Subcommands.Add(SampleSizeCommand.Create());
        design.Subcommands.Add(GroupSequentialCommand.Create());
        design.Subcommands.Add(SurvivalDesignCommands.SampleSize());
        design.Subcommands.Add(SurvivalDesignCommands.Power());
        design.Subcommands.Add(SurvivalDesignCommands.Simulate());
        return design;
    }

    private static Command Toxicity()
    {
        var a = new Option<double>("--prior-a") { Description = "Beta prior a (the paper: 0.3).", Required = true };
        var b = new Option<double>("--prior-b") { Description = "Beta prior b (the paper: 0.7).", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Unacceptable toxicity rate θ (the paper: 0.30).", Required = true };
        var probability = new Option<double>("--probability") { Description = "Stop if Pr(p > θ | data) exceeds this (the paper: 0.95).", Required = true };
        var cohort = new Option<int>("--cohort") { Description = "Patients per cohort (the paper: 4).", Required = true };
        var max = new Option<int>("--max") { Description = "Maximum patients (the paper: 64).", Required = true };
        var rates = new Option<string?>("--true-rates") { Description = "Comma-separated true toxicity rates for operating characteristics." };
        var format = FormatOption.Create();
        var command = new Command("toxicity", "Bayesian toxicity monitoring: boundaries and exact operating characteristics.");
        foreach (var o in new Option[] { a, b, threshold, probability, cohort, max, rates, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var rule = ToxicityMonitoring.Create(parse.GetValue(a), parse.GetValue(b), parse.GetValue(threshold), parse.GetValue(probability),
                parse.GetValue(cohort), parse.GetValue(max));
            var trueRates = parse.GetValue(rates) is { } text ? Numbers.ParseList(text, "--true-rates") : [];
            var oc = trueRates.Select(rule.OperatingCharacteristics).ToArray();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new ToxicityJson(rule.Boundaries.Select(x => new BoundaryJson(x.Patients, x.StopAt)).ToArray(),
                    oc.Select(o => new OcJson(o.TrueRate, o.ProbabilityStop, o.ExpectedPatients)).ToArray()), output);
                return 0;
            }
            output.WriteLine("Stop when toxicities ≥ the boundary after n patients:");
            Numbers.Table(output, ["patients", "stop at"], rule.Boundaries.Select(x => (IReadOnlyList<string>)[x.Patients.ToString(System.Globalization.CultureInfo.InvariantCulture), x.StopAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"]));
            if (oc.Length > 0)
            {
                output.WriteLine();
                Numbers.Table(output, ["true rate", "Pr(stop)", "E[patients]"], oc.Select(o => (IReadOnlyList<string>)[Numbers.Format(o.TrueRate), Numbers.Format(o.ProbabilityStop, 4), Numbers.Format(o.ExpectedPatients, 4)]));
            }
            return 0;
        });
        return command;
    }

    internal sealed record BoundaryJson(int Patients, int? StopAt);
    internal sealed record OcJson(double TrueRate, double ProbabilityStop, double ExpectedPatients);
    internal sealed record ToxicityJson(IReadOnlyList<BoundaryJson> Boundaries, IReadOnlyList<OcJson> OperatingCharacteristics);
}
