using System.Globalization;
using System.Text;

namespace Survival.Design;

/// <summary>Simulated operating characteristics of a two-arm survival trial beside the analytic ones. Made by
/// <see cref="SurvivalDesignSimulation.Simulate"/>.</summary>
public sealed record SurvivalSimulationResult
{
    internal SurvivalSimulationResult(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions, SurvivalSimulationOptions options, int maxNumberOfEvents, int maxNumberOfSubjects, ValueList<int> plannedEvents, double overallReject, ValueList<double> rejectPerStage, ValueList<double> futilityPerStage, double earlyStop, double expectedNumberOfEvents, double expectedNumberOfSubjects, double studyDuration, ValueList<double> analysisTime, SurvivalPowerResult analytic)
    {
        Design = design;
        Assumptions = assumptions;
        Options = options;
        MaxNumberOfEvents = maxNumberOfEvents;
        MaxNumberOfSubjects = maxNumberOfSubjects;
        PlannedEvents = plannedEvents;
        OverallReject = overallReject;
        RejectPerStage = rejectPerStage;
        FutilityPerStage = futilityPerStage;
        EarlyStop = earlyStop;
        ExpectedNumberOfEvents = expectedNumberOfEvents;
        ExpectedNumberOfSubjects = expectedNumberOfSubjects;
        StudyDuration = studyDuration;
        AnalysisTime = analysisTime;
        Analytic = analytic;
    }

    /// <summary>The boundaries the trials used.</summary>
    public GroupSequentialDesign Design { get; }

    /// <summary>The model the trials were drawn from.</summary>
    public SurvivalDesignAssumptions Assumptions { get; }

    /// <summary>Iterations and seed.</summary>
    public SurvivalSimulationOptions Options { get; }

    /// <summary>d_K, the events planned for the last analysis.</summary>
    public int MaxNumberOfEvents { get; }

    /// <summary>N, the patients of each trial.</summary>
    public int MaxNumberOfSubjects { get; }

    /// <summary>The events at which each stage is analysed, d_K t_k rounded.</summary>
    public ValueList<int> PlannedEvents { get; }

    /// <summary>The share of trials that rejected H0 (the simulated power).</summary>
    public double OverallReject { get; }

    /// <summary>The share that rejected at each stage.</summary>
    public ValueList<double> RejectPerStage { get; }

    /// <summary>The share that stopped for futility at each interim analysis.</summary>
    public ValueList<double> FutilityPerStage { get; }

    /// <summary>The share that stopped before the last analysis.</summary>
    public double EarlyStop { get; }

    /// <summary>The mean events at the analysis where a trial stopped.</summary>
    public double ExpectedNumberOfEvents { get; }

    /// <summary>The mean patients accrued when a trial stopped.</summary>
    public double ExpectedNumberOfSubjects { get; }

    /// <summary>The mean calendar time at which a trial stopped.</summary>
    public double StudyDuration { get; }

    /// <summary>The mean calendar time of each stage's analysis over all trials (stopped or not).</summary>
    public ValueList<double> AnalysisTime { get; }

    /// <summary>The analytic numbers for the same trial (<see cref="SurvivalSampleSize.PowerOf"/>), to compare with.</summary>
    public SurvivalPowerResult Analytic { get; }

    /// <summary>The Monte Carlo standard error of <see cref="OverallReject"/>, √(p(1 − p)/B).</summary>
    public double OverallRejectStandardError => Math.Sqrt(OverallReject * (1 - OverallReject) / Options.Iterations);

    /// <summary>Simulated and analytic numbers side by side.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Simulation of a survival trial: {Options.Iterations} trials (seed {Options.Seed}), {MaxNumberOfEvents} events among {MaxNumberOfSubjects} subjects\n\n");
        text.Append("                               simulated   analytic\n");
        void Row(string name, double simulated, double analytic)
            => text.Append(CultureInfo.InvariantCulture, $"{name,-30} {simulated,9:F4}  {analytic,9:F4}\n");
        Row("Overall power", OverallReject, Analytic.OverallReject);
        for (int k = 0; k < RejectPerStage.Count; k++) Row($"Rejection at stage {k + 1}", RejectPerStage[k], Analytic.RejectPerStage[k]);
        for (int k = 0; k < FutilityPerStage.Count; k++) Row($"Futility stop at stage {k + 1}", FutilityPerStage[k], Analytic.FutilityPerStage[k]);
        Row("Expected number of events", ExpectedNumberOfEvents, Analytic.ExpectedNumberOfEvents);
        Row("Expected study duration", StudyDuration, Analytic.StudyDuration);
        for (int k = 0; k < AnalysisTime.Count; k++) Row($"Analysis time, stage {k + 1}", AnalysisTime[k], Analytic.AnalysisTime[k]);
        return text.ToString();
    }
}
