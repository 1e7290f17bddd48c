using System.CommandLine;
using Survival.Cli.Output;
using Survival.Design;

namespace Survival.Cli.Commands;

/// <summary><c>survival design sample-size</c>: events and patients (or the power of a number of patients) for a one-arm
/// exponential endpoint.</summary>
internal static class SampleSizeCommand
{
    public static Command Create()
    {
        var m0 = new Option<double>("--null-median") { Description = "Median under the null hypothesis m₀ (the paper: 40 months).", Required = true };
        var m1 = new Option<double>("--alternative-median") { Description = "Median to detect m₁ (the paper: 52 months).", Required = true };
        var accrual = new Option<double>("--accrual") { Description = "Accrual period A (uniform entry).", Required = true };
        var followUp = new Option<double>("--follow-up") { Description = "Follow-up F after accrual closes.", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "One-sided significance level (default 0.05).", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double?>("--power") { Description = "Target power (default 0.80); not with --patients." };
        var patients = new Option<int?>("--patients") { Description = "Compute the power of this many patients instead." };
        var method = new Option<string>("--method") { Description = "exact (χ², default) or normal (log-rate Wald).", DefaultValueFactory = _ => "exact" };
        var format = FormatOption.Create();
        var command = new Command("sample-size", "One-arm exponential endpoint: events and patients to detect m₀ → m₁, or the power of n patients.");
        foreach (var o in new Option[] { m0, m1, accrual, followUp, alpha, power, patients, method, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var test = (parse.GetValue(method) ?? "exact").ToLowerInvariant() switch
            {
                "exact" => ExponentialTestMethod.ExactChiSquare,
                "normal" => ExponentialTestMethod.LogRateNormal,
                var other => throw new SurvivalInputException("expected exact or normal", column: "--method", value: other),
            };
            if (parse.GetValue(power) is not null && parse.GetValue(patients) is not null)
                throw new SurvivalInputException("give --power or --patients, not both", column: "--patients");
            var design = parse.GetValue(patients) is int n
                ? ExponentialSampleSize.PowerOf(n, parse.GetValue(m0), parse.GetValue(m1), parse.GetValue(accrual), parse.GetValue(followUp), parse.GetValue(alpha), test)
                : ExponentialSampleSize.ForPower(parse.GetValue(m0), parse.GetValue(m1), parse.GetValue(accrual), parse.GetValue(followUp),
                    parse.GetValue(alpha), parse.GetValue(power) ?? 0.80, test);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new SampleSizeJson(design.NullMedian, design.AlternativeMedian, design.Alpha, test == ExponentialTestMethod.ExactChiSquare ? "exact" : "normal",
                    design.AccrualTime, design.FollowUp, design.Events, design.Power, design.ProbabilityOfEvent, design.Patients), output);
                return 0;
            }
            output.WriteLine($"One-arm exponential, median {Numbers.Format(design.NullMedian, 6)} → {Numbers.Format(design.AlternativeMedian, 6)}, one-sided α = {Numbers.Format(design.Alpha, 4)} ({(test == ExponentialTestMethod.ExactChiSquare ? "exact χ² test" : "log-rate normal test")})");
            Numbers.Table(output, ["events", "patients", "power", "Pr(event)", "accrual", "follow-up"],
                [[Numbers.Format(design.Events, 6), design.Patients.ToString(System.Globalization.CultureInfo.InvariantCulture), Numbers.Format(design.Power, 4),
                  Numbers.Format(design.ProbabilityOfEvent, 4), Numbers.Format(design.AccrualTime, 6), Numbers.Format(design.FollowUp, 6)]]);
            return 0;
        });
        return command;
    }

    internal sealed record SampleSizeJson(double NullMedian, double AlternativeMedian, double Alpha, string Method, double AccrualTime,
        double FollowUp, double Events, double Power, double ProbabilityOfEvent, int Patients);
}
