using System.Globalization;
using System.Text;

namespace Survival.Design;

/// <summary>The power, stopping probabilities, expected events and analysis times of a two-arm survival trial with given events and patients: rpact's <c>getPowerSurvival</c>. Made by <see cref="SurvivalSampleSize.PowerOf"/>.</summary>
/// <remarks>Group 1 is the experimental arm, group 2 the control.</remarks>
public sealed record SurvivalPowerResult
{
    internal SurvivalPowerResult(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions, double hazardRatio, double maxNumberOfEvents, double maxNumberOfSubjects, ValueList<double> eventsPerStage, double overallReject, ValueList<double> rejectPerStage, ValueList<double> futilityPerStage, double earlyStop, double expectedNumberOfEvents, ValueList<double> analysisTime, ValueList<double> numberOfSubjects, double followUpTime, double maxStudyDuration, double studyDuration, double expectedNumberOfSubjects, ValueList<double> criticalValuesEffectScale, ValueList<double>? criticalValuesEffectScaleOtherSide, ValueList<double>? futilityBoundsEffectScale)
    {
        Design = design;
        Assumptions = assumptions;
        HazardRatio = hazardRatio;
        MaxNumberOfEvents = maxNumberOfEvents;
        MaxNumberOfSubjects = maxNumberOfSubjects;
        EventsPerStage = eventsPerStage;
        OverallReject = overallReject;
        RejectPerStage = rejectPerStage;
        FutilityPerStage = futilityPerStage;
        EarlyStop = earlyStop;
        ExpectedNumberOfEvents = expectedNumberOfEvents;
        AnalysisTime = analysisTime;
        NumberOfSubjects = numberOfSubjects;
        FollowUpTime = followUpTime;
        MaxStudyDuration = maxStudyDuration;
        StudyDuration = studyDuration;
        ExpectedNumberOfSubjects = expectedNumberOfSubjects;
        CriticalValuesEffectScale = criticalValuesEffectScale;
        CriticalValuesEffectScaleOtherSide = criticalValuesEffectScaleOtherSide;
        FutilityBoundsEffectScale = futilityBoundsEffectScale;
    }

    /// <summary>The boundaries the trial uses.</summary>
    public GroupSequentialDesign Design { get; }

    /// <summary>The assumptions the numbers are for.</summary>
    public SurvivalDesignAssumptions Assumptions { get; }

    /// <summary>λ₁/λ₂ under the alternative (rpact <c>hazardRatio</c>).</summary>
    public double HazardRatio { get; }

    /// <summary>The events at the last analysis, d_K (given).</summary>
    public double MaxNumberOfEvents { get; }

    /// <summary>The patients accrued, N (given).</summary>
    public double MaxNumberOfSubjects { get; }

    /// <summary>The cumulative events at each analysis, d_K t_k (rpact <c>eventsPerStage</c>).</summary>
    public ValueList<double> EventsPerStage { get; }

    /// <summary>The power: Pr(reject H0 at some stage) under the assumed effect (rpact <c>overallReject</c>).</summary>
    public double OverallReject { get; }

    /// <summary>Pr(reject at stage k) (rpact <c>rejectPerStage</c>).</summary>
    public ValueList<double> RejectPerStage { get; }

    /// <summary>Pr(stop for futility at interim k) (rpact <c>futilityPerStage</c>); zeros without futility bounds.</summary>
    public ValueList<double> FutilityPerStage { get; }

    /// <summary>Pr(stop before the last analysis) for efficacy or futility (rpact <c>earlyStop</c>).</summary>
    public double EarlyStop { get; }

    /// <summary>The expected events when the trial stops (rpact <c>expectedNumberOfEvents</c>).</summary>
    public double ExpectedNumberOfEvents { get; }

    /// <summary>The calendar time of each analysis (rpact <c>analysisTime</c>).</summary>
    public ValueList<double> AnalysisTime { get; }

    /// <summary>The patients accrued by each analysis (rpact <c>numberOfSubjects</c>).</summary>
    public ValueList<double> NumberOfSubjects { get; }

    /// <summary>The time from the end of accrual to the last analysis (rpact <c>followUpTime</c>).</summary>
    public double FollowUpTime { get; }

    /// <summary>The time of the last analysis (rpact <c>maxStudyDuration</c>).</summary>
    public double MaxStudyDuration { get; }

    /// <summary>The expected study duration, Σ T_k Pr(stop at k) (rpact <c>studyDuration</c>).</summary>
    public double StudyDuration { get; }

    /// <summary>The expected patients accrued when the trial stops (rpact <c>expectedNumberOfSubjects</c>).</summary>
    public double ExpectedNumberOfSubjects { get; }

    /// <summary>The hazard ratio each efficacy bound corresponds to, on the side of the assumed effect.</summary>
    public ValueList<double> CriticalValuesEffectScale { get; }

    /// <summary>Two-sided designs: the hazard ratio of each bound on the other side; null one-sided.</summary>
    public ValueList<double>? CriticalValuesEffectScaleOtherSide { get; }

    /// <summary>The hazard ratio of each futility bound (NaN where none); null without futility bounds.</summary>
    public ValueList<double>? FutilityBoundsEffectScale { get; }

    /// <summary>rpact's summary: power, stopping and the numbers by stage.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int k = Design.Stages;
        text.Append(CultureInfo.InvariantCulture, $"Power calculation for a survival endpoint ({(k == 1 ? "fixed design" : $"group sequential design, {k} stages")})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{(Design.Options.Sides == TestSides.One ? "One" : "Two")}-sided log-rank test at level {F(Design.Options.Alpha, 4)}, hazard ratio {F(HazardRatio, 4)}, {F(MaxNumberOfEvents, 1)} events among {F(MaxNumberOfSubjects, 1)} subjects.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Overall power              {F(OverallReject, 4)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Early stop                 {F(EarlyStop, 4)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Expected number of events  {F(ExpectedNumberOfEvents, 1)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Expected study duration    {F(StudyDuration, 2)}\n\n");
        var rows = new List<(string, IEnumerable<string>)>
        {
            DesignTable.StageRow(k),
            ("Cumulative number of events", EventsPerStage.Select(d => F(d, 1))),
            ("Analysis time", AnalysisTime.Select(t => F(t, 2))),
            ("Number of subjects", NumberOfSubjects.Select(n => F(n, 1))),
            ("Rejection probability", RejectPerStage.Select(p => F(p, 4))),
            ("Efficacy boundary (t)", CriticalValuesEffectScale.Select(c => F(c, 3))),
        };
        if (k > 1) rows.Add(("Futility probability", FutilityPerStage.Select(p => F(p, 4))));
        DesignTable.Append(text, rows, 8);
        return text.ToString();
    }

    private static string F(double value, int decimals) => DesignTable.Number(value, decimals);
}
