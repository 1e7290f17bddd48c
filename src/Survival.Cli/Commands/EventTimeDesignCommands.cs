using System.CommandLine;
using System.Globalization;
using Survival.Cli.Output;
using Survival.Design;

namespace Survival.Cli.Commands;

/// <summary><c>survival design tte-probability</c> and <c>tte-simulate</c>: Thall, Wooten &amp; Tannir event-time monitoring.</summary>
internal static class EventTimeDesignCommands
{
    public static Command Probability()
    {
        var events = new Option<double>("--events") { Description = "Events observed on the experimental therapy (d).", Required = true };
        var exposure = new Option<double>("--exposure") { Description = "Total time at risk (T), in the priors' time unit.", Required = true };
        var priors = new PriorOptions();
        var delta = new Option<double>("--delta") { Description = "Hoped-for improvement δ in median (the paper: 12 months).", Required = true };
        var format = FormatOption.Create();
        var command = new Command("tte-probability", "Pr(median_E > median_S + δ | d events in T time at risk) under inverse-gamma priors.");
        command.Options.Add(events);
        command.Options.Add(exposure);
        priors.AddTo(command);
        command.Options.Add(delta);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var (standard, experimental) = priors.Build(parse);
            var rule = EventTimeMonitoring.Create(standard, experimental, parse.GetValue(delta), 0.5);
            double d = parse.GetValue(events), t = parse.GetValue(exposure);
            double p = rule.PosteriorProbability(d, t);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new ProbabilityJson(p), output);
                return 0;
            }
            var posterior = experimental.Update(d, t);
            output.WriteLine($"standard prior      IG({Numbers.Format(standard.Shape, 6)}, {Numbers.Format(standard.Scale, 6)})  implied median {Numbers.Format(standard.ImpliedMedian, 6)}");
            output.WriteLine($"experimental post.  IG({Numbers.Format(posterior.Shape, 6)}, {Numbers.Format(posterior.Scale, 6)})  implied median {Numbers.Format(posterior.ImpliedMedian, 6)}");
            output.WriteLine($"Pr(median_E > median_S + {Numbers.Format(rule.Delta, 6)} | data) = {Numbers.Format(p, 8)}");
            return 0;
        });
        return command;
    }

    public static Command Simulate()
    {
        var priors = new PriorOptions();
        var delta = new Option<double>("--delta") { Description = "Hoped-for improvement δ in median (the paper: 12 months).", Required = true };
        var stopBelow = new Option<double>("--stop-below") { Description = "Stop if Pr(median_E > median_S + δ | data) is below this p_L (the paper: 0.035).", Required = true };
        var rate = new Option<double>("--accrual-rate") { Description = "Patients per time unit (the paper: 64 over about 29 months).", Required = true };
        var max = new Option<int>("--max-patients") { Description = "Maximum number of patients (the paper: 64).", Required = true };
        var look = new Option<double>("--look-every") { Description = "Time between looks (the paper: 6 months).", Required = true };
        var followUp = new Option<double>("--follow-up") { Description = "Follow-up after the last patient enters.", Required = true };
        var medians = new Option<string>("--true-medians") { Description = "Comma-separated true experimental medians to simulate.", Required = true };
        var accrual = new Option<string>("--accrual") { Description = "Arrivals: poisson (default) or uniform.", DefaultValueFactory = _ => "poisson" };
        var replicates = new Option<int>("--replicates") { Description = "Simulated trials per true median (default 10000).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 2005); results depend on it, not on the thread count.", DefaultValueFactory = _ => 2005 };
        var threads = new Option<int>("--threads") { Description = "Threads to use (default: all cores).", DefaultValueFactory = _ => -1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar (one is drawn on stderr only when stderr is a terminal)." };
        var format = FormatOption.Create();
        var command = new Command("tte-simulate", "Operating characteristics of event-time monitoring by simulation (seeded, all cores; a progress bar on stderr when it is a terminal, Ctrl+C stops it).");
        priors.AddTo(command);
        foreach (var o in new Option[] { delta, stopBelow, rate, max, look, followUp, medians, accrual, replicates, seed, threads, quiet, format })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var (standard, experimental) = priors.Build(parse);
            var rule = EventTimeMonitoring.Create(standard, experimental, parse.GetValue(delta), parse.GetValue(stopBelow));
            var pattern = (parse.GetValue(accrual) ?? "poisson").ToLowerInvariant() switch
            {
                "poisson" => AccrualPattern.Poisson,
                "uniform" => AccrualPattern.Uniform,
                var other => throw new SurvivalInputException("expected poisson or uniform", column: "--accrual", value: other),
            };
            var options = new EventTimeSimulationOptions
            {
                AccrualRate = parse.GetValue(rate), MaxPatients = parse.GetValue(max), LookInterval = parse.GetValue(look),
                FollowUp = parse.GetValue(followUp), Accrual = pattern, Replicates = parse.GetValue(replicates),
                Seed = parse.GetValue(seed), MaxDegreeOfParallelism = parse.GetValue(threads),
            };
            var trueMedians = Numbers.ParseList(parse.GetValue(medians)!, "--true-medians");
            long total = (long)trueMedians.Length * Math.Max(1, options.Replicates);
            var sim = CliProgress.Run(parse.InvocationConfiguration.Error, "simulating", total, parse.GetValue(quiet),
                progress => rule.Simulate(trueMedians, options, progress, CliRunner.Cancellation));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new SimulationJson(
                    new PriorJson(standard.Shape, standard.Scale, standard.ImpliedMedian),
                    new PriorJson(experimental.Shape, experimental.Scale, experimental.ImpliedMedian),
                    rule.Delta, rule.StopBelow, options.AccrualRate, options.MaxPatients, options.LookInterval, options.FollowUp,
                    pattern.ToString().ToLowerInvariant(), options.Replicates, options.Seed,
                    sim.Boundaries.Select(b => new BoundaryJson(b.Events, b.MinimumExposure)).ToArray(),
                    sim.Scenarios.Select(s => new ScenarioJson(s.TrueMedian, s.ProbabilityStopEarly, s.StandardError, s.MeanPatients, s.MeanDuration, s.MeanEvents)).ToArray()),
                    output);
                return 0;
            }
            output.WriteLine($"Stop at a look if Pr(median_E > median_S + {Numbers.Format(rule.Delta, 6)} | data) < {Numbers.Format(rule.StopBelow, 6)};");
            output.WriteLine($"μ_S ~ IG({Numbers.Format(standard.Shape, 6)}, {Numbers.Format(standard.Scale, 6)}), μ_E ~ IG({Numbers.Format(experimental.Shape, 6)}, {Numbers.Format(experimental.Scale, 6)}); {options.Replicates} trials per median, seed {options.Seed}.");
            output.WriteLine();
            Numbers.Table(output, ["true median", "Pr(stop early)", "se", "mean patients", "mean duration", "mean events"],
                sim.Scenarios.Select(s => (IReadOnlyList<string>)[Numbers.Format(s.TrueMedian, 6), Numbers.Format(s.ProbabilityStopEarly, 4),
                    Numbers.Format(s.StandardError, 2), Numbers.Format(s.MeanPatients, 4), Numbers.Format(s.MeanDuration, 4), Numbers.Format(s.MeanEvents, 4)]));
            output.WriteLine();
            output.WriteLine("Boundary: with d events, stop if the total time at risk is below T*(d):");
            Numbers.Table(output, ["d", "T*(d)"], sim.Boundaries.Where(b => b.MinimumExposure > 0 || b.Events == 0)
                .Select(b => (IReadOnlyList<string>)[b.Events.ToString(CultureInfo.InvariantCulture), Numbers.Format(b.MinimumExposure, 6)]));
            return 0;
        });
        return command;
    }

    /// <summary>The two priors, each given as shape and scale or (standard) as a median with an effective sample size.</summary>
    private sealed class PriorOptions
    {
        private readonly Option<double?> _standardShape = new("--standard-shape") { Description = "μ_S prior IG shape a_S." };
        private readonly Option<double?> _standardScale = new("--standard-scale") { Description = "μ_S prior IG scale b_S." };
        private readonly Option<double?> _standardMedian = new("--standard-median") { Description = "Historical median; with --standard-ess instead of shape and scale (a = n, b = (n − 1) · median / ln 2)." };
        private readonly Option<double?> _standardEss = new("--standard-ess") { Description = "Effective sample size (events) of the μ_S prior, with --standard-median." };
        private readonly Option<double?> _experimentalShape = new("--experimental-shape") { Description = "μ_E prior IG shape a_E." };
        private readonly Option<double?> _experimentalScale = new("--experimental-scale") { Description = "μ_E prior IG scale b_E." };
        private readonly Option<double?> _experimentalEss = new("--experimental-ess") { Description = "μ_E prior with μ_S's mean and this effective sample size (default a tenth of μ_S's, when no shape and scale are given)." };

        public void AddTo(Command command)
        {
            foreach (var o in new Option[] { _standardShape, _standardScale, _standardMedian, _standardEss, _experimentalShape, _experimentalScale, _experimentalEss })
                command.Options.Add(o);
        }

        public (InverseGammaPrior Standard, InverseGammaPrior Experimental) Build(ParseResult parse)
        {
            InverseGammaPrior standard;
            if (parse.GetValue(_standardShape) is double aS && parse.GetValue(_standardScale) is double bS)
            {
                if (parse.GetValue(_standardMedian) is not null || parse.GetValue(_standardEss) is not null)
                    throw new SurvivalInputException("give the standard prior either as --standard-shape and --standard-scale or as --standard-median and --standard-ess, not both", column: "--standard-median");
                standard = InverseGammaPrior.Create(aS, bS);
            }
            else if (parse.GetValue(_standardMedian) is double m && parse.GetValue(_standardEss) is double n)
                standard = InverseGammaPrior.FromMedian(m, n);
            else
                throw new SurvivalInputException("the standard prior needs --standard-shape and --standard-scale, or --standard-median and --standard-ess", column: "--standard-shape");

            InverseGammaPrior experimental;
            if (parse.GetValue(_experimentalShape) is double aE && parse.GetValue(_experimentalScale) is double bE)
            {
                if (parse.GetValue(_experimentalEss) is not null)
                    throw new SurvivalInputException("give the experimental prior either as shape and scale or as --experimental-ess, not both", column: "--experimental-ess");
                experimental = InverseGammaPrior.Create(aE, bE);
            }
            else if (parse.GetValue(_experimentalShape) is not null || parse.GetValue(_experimentalScale) is not null)
                throw new SurvivalInputException("the experimental prior needs both --experimental-shape and --experimental-scale", column: "--experimental-shape");
            else
                experimental = standard.WithEffectiveSampleSize(parse.GetValue(_experimentalEss) ?? standard.EffectiveSampleSize / 10);
            return (standard, experimental);
        }
    }

    internal sealed record ProbabilityJson(double Probability);
    internal sealed record PriorJson(double Shape, double Scale, double ImpliedMedian);
    internal sealed record BoundaryJson(int Events, double MinimumExposure);
    internal sealed record ScenarioJson(double TrueMedian, double ProbabilityStopEarly, double StandardError, double MeanPatients, double MeanDuration, double MeanEvents);
    internal sealed record SimulationJson(PriorJson Standard, PriorJson Experimental, double Delta, double StopBelow, double AccrualRate,
        int MaxPatients, double LookEvery, double FollowUp, string Accrual, int Replicates, int Seed,
        IReadOnlyList<BoundaryJson> Boundaries, IReadOnlyList<ScenarioJson> Scenarios);
}
