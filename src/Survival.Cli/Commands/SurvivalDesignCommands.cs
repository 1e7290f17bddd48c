using System.CommandLine;
using Survival.Cli.Output;
using Survival.Design;

namespace Survival.Cli.Commands;

/// <summary><c>survival design survival-sample-size</c> and <c>survival design survival-power</c>: rpact's
/// <c>getSampleSizeSurvival</c> and <c>getPowerSurvival</c> for a fixed or group-sequential design.</summary>
internal static class SurvivalDesignCommands
{
    public static Command SampleSize()
    {
        var design = new GroupSequentialOptionSet(defaultStages: 1);
        var trial = new SurvivalAssumptionOptions();
        var followUp = new Option<double?>("--follow-up") { Description = "Follow-up after accrual ends (rpact followUpTime; default 6). Leave out with --max-subjects or absolute intensities: it is then computed." };
        var subjects = new Option<double?>("--max-subjects") { Description = "Fix the number of patients; the follow-up is computed." };
        var format = FormatOption.Create();
        var command = new Command("survival-sample-size", "Two-arm survival trial (rpact getSampleSizeSurvival): events, patients and analysis times for the power of a fixed or group-sequential design.");
        design.AddTo(command);
        trial.AddTo(command);
        foreach (var o in new Option[] { followUp, subjects, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var d = GroupSequential.Design(design.Read(parse));
            var a = trial.Read(parse) with { FollowUpTime = parse.GetValue(followUp), MaxNumberOfSubjects = parse.GetValue(subjects) };
            // The contract always passes --follow-up; when the patients are fixed (--max-subjects or absolute intensities)
            // the follow-up follows from the events instead, and rpact then ignores the value with a warning: so does the CLI.
            if (a.FollowUpTime is double given && (a.MaxNumberOfSubjects is not null || a.AccrualIntensity.Any(i => i >= 1)))
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: --follow-up {Numbers.Format(given, 6)} is not used: the patients are fixed (--max-subjects or absolute --accrual-intensity), so the follow-up is computed from the events, as rpact does");
                a = a with { FollowUpTime = null };
            }
            var s = SurvivalSampleSize.ForPower(d, a);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new SampleSizeJson(s.MaxNumberOfEvents, s.MaxNumberOfSubjects, s.EventsPerStage, s.AnalysisTime, s.StudyDuration,
                    s.CriticalValuesEffectScale, s.HazardRatio, s.EventsFixed, s.MaxNumberOfSubjects1, s.MaxNumberOfSubjects2, s.NumberOfSubjects,
                    s.FollowUpTime, s.MaxStudyDuration, s.ExpectedNumberOfSubjectsH1, s.ExpectedEventsH0, s.ExpectedEventsH01, s.ExpectedEventsH1,
                    s.CriticalValuesEffectScaleOtherSide, s.FutilityBoundsEffectScale, s.AccrualIntensity, s.Lambda1, s.Lambda2,
                    GroupSequentialCommand.Json(d)), output);
                return 0;
            }
            output.Write(s.ToString());
            return 0;
        });
        return command;
    }

    public static Command Power()
    {
        var design = new GroupSequentialOptionSet(defaultStages: 1);
        var trial = new SurvivalAssumptionOptions();
        var events = new Option<double>("--max-events") { Description = "Events at the last analysis.", Required = true };
        var subjects = new Option<double>("--max-subjects") { Description = "Patients accrued.", Required = true };
        var followUp = new Option<double?>("--follow-up") { Description = "Not used: the follow-up follows from the events and patients (accepted with a warning, as rpact)." };
        var format = FormatOption.Create();
        var command = new Command("survival-power", "Two-arm survival trial (rpact getPowerSurvival): power, stopping probabilities, expected events and analysis times of given events and patients.");
        design.AddTo(command);
        trial.AddTo(command);
        foreach (var o in new Option[] { events, subjects, followUp, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var d = GroupSequential.Design(design.Read(parse));
            if (parse.GetValue(followUp) is double given)
                parse.InvocationConfiguration.Error.WriteLine($"warning: --follow-up {Numbers.Format(given, 6)} is not used: the follow-up of a power calculation follows from the events and patients, as rpact does");
            var p = SurvivalSampleSize.PowerOf(d, trial.Read(parse), parse.GetValue(events), parse.GetValue(subjects));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                JsonOutput.Write(new PowerJson(p.OverallReject, p.RejectPerStage, p.EarlyStop, p.ExpectedNumberOfEvents, p.AnalysisTime,
                    p.FutilityPerStage, p.EventsPerStage, p.NumberOfSubjects, p.FollowUpTime, p.StudyDuration, p.MaxStudyDuration,
                    p.ExpectedNumberOfSubjects, p.CriticalValuesEffectScale, p.CriticalValuesEffectScaleOtherSide, p.HazardRatio), output);
                return 0;
            }
            output.Write(p.ToString());
            return 0;
        });
        return command;
    }

    public static Command Simulate()
    {
        var design = new GroupSequentialOptionSet(defaultStages: 1);
        var trial = new SurvivalAssumptionOptions();
        var events = new Option<int>("--max-events") { Description = "Events at the last analysis.", Required = true };
        var subjects = new Option<int>("--max-subjects") { Description = "Patients per simulated trial.", Required = true };
        var iterations = new Option<int>("--iterations") { Description = "Simulated trials (default 1000).", DefaultValueFactory = _ => new SurvivalSimulationOptions().Iterations };
        var seed = new Option<int>("--seed") { Description = "Seed (default 1): the same seed gives the same result.", DefaultValueFactory = _ => 1 };
        var format = FormatOption.Create();
        var command = new Command("survival-simulate", "Seeded simulation of a two-arm survival trial analysed by the log-rank test, beside the analytic power (rpact getSimulationSurvival's purpose).");
        design.AddTo(command);
        trial.AddTo(command);
        foreach (var o in new Option[] { events, subjects, iterations, seed, format }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var d = GroupSequential.Design(design.Read(parse));
            var s = SurvivalDesignSimulation.Simulate(d, trial.Read(parse), parse.GetValue(events), parse.GetValue(subjects),
                new SurvivalSimulationOptions { Iterations = parse.GetValue(iterations), Seed = parse.GetValue(seed) }, CliRunner.Cancellation);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var a = s.Analytic;
                JsonOutput.Write(new SimulationJson(s.Options.Iterations, s.Options.Seed, s.PlannedEvents, s.OverallReject, s.OverallRejectStandardError,
                    s.RejectPerStage, s.FutilityPerStage, s.EarlyStop, s.ExpectedNumberOfEvents, s.ExpectedNumberOfSubjects, s.StudyDuration, s.AnalysisTime,
                    new PowerJson(a.OverallReject, a.RejectPerStage, a.EarlyStop, a.ExpectedNumberOfEvents, a.AnalysisTime, a.FutilityPerStage,
                        a.EventsPerStage, a.NumberOfSubjects, a.FollowUpTime, a.StudyDuration, a.MaxStudyDuration, a.ExpectedNumberOfSubjects,
                        a.CriticalValuesEffectScale, a.CriticalValuesEffectScaleOtherSide, a.HazardRatio)), output);
                return 0;
            }
            output.Write(s.ToString());
            return 0;
        });
        return command;
    }

    internal sealed record SimulationJson(int Iterations, int Seed, IReadOnlyList<int> PlannedEvents, double OverallReject,
        double OverallRejectStandardError, IReadOnlyList<double> RejectPerStage, IReadOnlyList<double> FutilityPerStage, double EarlyStop,
        double ExpectedNumberOfEvents, double ExpectedNumberOfSubjects, double StudyDuration, IReadOnlyList<double> AnalysisTime, PowerJson Analytic);

    internal sealed record SampleSizeJson(double MaxNumberOfEvents, double MaxNumberOfSubjects, IReadOnlyList<double> EventsPerStage,
        IReadOnlyList<double> AnalysisTime, double StudyDuration, IReadOnlyList<double> CriticalValuesEffectScale, double HazardRatio,
        double EventsFixed, double MaxNumberOfSubjects1, double MaxNumberOfSubjects2, IReadOnlyList<double> NumberOfSubjects,
        double FollowUpTime, double MaxStudyDuration, double ExpectedNumberOfSubjectsH1, double ExpectedEventsH0, double ExpectedEventsH01,
        double ExpectedEventsH1, IReadOnlyList<double>? CriticalValuesEffectScaleOtherSide, IReadOnlyList<double>? FutilityBoundsEffectScale,
        IReadOnlyList<double> AccrualIntensity, IReadOnlyList<double> Lambda1, IReadOnlyList<double> Lambda2,
        GroupSequentialCommand.GroupSequentialJson Design);

    internal sealed record PowerJson(double OverallReject, IReadOnlyList<double> RejectPerStage, double EarlyStop, double ExpectedNumberOfEvents,
        IReadOnlyList<double> AnalysisTime, IReadOnlyList<double> FutilityPerStage, IReadOnlyList<double> EventsPerStage,
        IReadOnlyList<double> NumberOfSubjects, double FollowUpTime, double StudyDuration, double MaxStudyDuration, double ExpectedNumberOfSubjects,
        IReadOnlyList<double> CriticalValuesEffectScale, IReadOnlyList<double>? CriticalValuesEffectScaleOtherSide, double HazardRatio);
}

/// <summary>The effect, accrual and drop-out options of the survival design commands (rpact's arguments, kebab-case).</summary>
internal sealed class SurvivalAssumptionOptions
{
    private readonly Option<double?> _hazardRatio = new("--hazard-ratio") { Description = "λ₁/λ₂ under the alternative (with --median2, --lambda2 or --pi2)." };
    private readonly Option<double?> _median1 = new("--median1") { Description = "Median of the experimental arm." };
    private readonly Option<double?> _median2 = new("--median2") { Description = "Median of the control arm." };
    private readonly Option<double?> _lambda1 = new("--lambda1") { Description = "Exponential hazard of the experimental arm." };
    private readonly Option<string?> _lambda2 = new("--lambda2") { Description = "Exponential hazard of the control arm; several, with --piecewise-time, for piecewise hazards." };
    private readonly Option<double?> _pi1 = new("--pi1") { Description = "Event probability of the experimental arm by --event-time." };
    private readonly Option<double?> _pi2 = new("--pi2") { Description = "Event probability of the control arm by --event-time." };
    private readonly Option<double?> _eventTime = new("--event-time") { Description = "The time --pi1 and --pi2 refer to (default 12)." };
    private readonly Option<string?> _piecewise = new("--piecewise-time") { Description = "Start times 0,s1,… of piecewise control hazards (--lambda2 one per piece)." };
    private readonly Option<double?> _theta0 = new("--theta-h0") { Description = "Hazard ratio under H0 (default 1)." };
    private readonly Option<string> _accrualTime = new("--accrual-time") { Description = "Accrual period ends, e.g. 12 or 0,6,18 (default 0,12).", DefaultValueFactory = _ => "0,12" };
    private readonly Option<string?> _intensity = new("--accrual-intensity") { Description = "Intensity per accrual period: relative (all < 1, default 0.1) or patients per time unit." };
    private readonly Option<double?> _dropout = new("--dropout-rate") { Description = "Probability of dropping out by --dropout-time, both arms (default 0)." };
    private readonly Option<double?> _dropout2 = new("--dropout-rate2") { Description = "The control arm's drop-out probability, when it differs from --dropout-rate." };
    private readonly Option<double?> _dropoutTime = new("--dropout-time") { Description = "The time the drop-out rates refer to (default 12)." };
    private readonly Option<double?> _allocation = new("--allocation-ratio") { Description = "n₁/n₂ (default 1)." };
    private readonly Option<string?> _formula = new("--formula") { Description = "Schoenfeld (default), Freedman or HsiehFreedman (rpact typeOfComputation)." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _hazardRatio, _median1, _median2, _lambda1, _lambda2, _pi1, _pi2, _eventTime, _piecewise, _theta0,
                     _accrualTime, _intensity, _dropout, _dropout2, _dropoutTime, _allocation, _formula })
            command.Options.Add(o);
    }

    public SurvivalDesignAssumptions Read(ParseResult parse)
    {
        var lambda2 = parse.GetValue(_lambda2) is { } l2 ? Numbers.ParseList(l2, "--lambda2") : null;
        var piecewise = parse.GetValue(_piecewise) is { } pw ? Numbers.ParseList(pw, "--piecewise-time") : null;
        if (lambda2 is { Length: > 1 } && piecewise is null)
            throw new SurvivalInputException("several control hazards need --piecewise-time", column: "--lambda2", value: parse.GetValue(_lambda2));
        double dropout = parse.GetValue(_dropout) ?? 0;
        var defaults = new SurvivalDesignAssumptions();
        var a = new SurvivalDesignAssumptions
        {
            HazardRatio = parse.GetValue(_hazardRatio),
            Median1 = parse.GetValue(_median1),
            Median2 = parse.GetValue(_median2),
            Lambda1 = parse.GetValue(_lambda1),
            Lambda2 = piecewise is null ? lambda2?[0] : null,
            PiecewiseLambda2 = piecewise is null ? null : lambda2 ?? throw new SurvivalInputException("--piecewise-time needs --lambda2, one hazard per piece", column: "--lambda2"),
            PiecewiseSurvivalTime = piecewise,
            Pi1 = parse.GetValue(_pi1),
            Pi2 = parse.GetValue(_pi2),
            EventTime = parse.GetValue(_eventTime) ?? defaults.EventTime,
            ThetaH0 = parse.GetValue(_theta0) ?? defaults.ThetaH0,
            AccrualTime = Numbers.ParseList(parse.GetValue(_accrualTime) ?? "0,12", "--accrual-time"),
            DropoutRate1 = dropout,
            DropoutRate2 = parse.GetValue(_dropout2) ?? dropout,
            DropoutTime = parse.GetValue(_dropoutTime) ?? defaults.DropoutTime,
            AllocationRatio = parse.GetValue(_allocation) ?? defaults.AllocationRatio,
            Formula = parse.GetValue(_formula) is { } formula ? RpactCodes.EventsFormula(formula, "--formula") : SurvivalEventsFormula.Schoenfeld,
        };
        if (parse.GetValue(_intensity) is { } intensity) a = a with { AccrualIntensity = Numbers.ParseList(intensity, "--accrual-intensity") };
        else if (a.AccrualTime.Count(t => t > 0) > 1)
            throw new SurvivalInputException("several accrual periods need --accrual-intensity, one per period", column: "--accrual-intensity");
        return a;
    }
}
