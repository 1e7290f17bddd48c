using System.Globalization;
using System.Text;

namespace Survival.Design;

/// <summary>Events, patients and analysis times of a two-arm survival trial: rpact's <c>getSampleSizeSurvival</c>. Made by <see cref="SurvivalSampleSize.ForPower"/>.</summary>
/// <remarks>Group 1 is the experimental arm, group 2 the control; times are in the unit of the medians or hazards.</remarks>
public sealed record SurvivalSampleSizeResult
{
    internal SurvivalSampleSizeResult(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions, double hazardRatio, ValueList<double> lambda1, ValueList<double> lambda2, double? median1, double? median2, double eventsFixed, ValueList<double> eventsPerStage, double maxNumberOfSubjects, double maxNumberOfSubjects1, double maxNumberOfSubjects2, ValueList<double> numberOfSubjects, ValueList<double> analysisTime, double followUpTime, double maxStudyDuration, double studyDuration, double expectedNumberOfSubjectsH1, double expectedEventsH0, double expectedEventsH01, double expectedEventsH1, ValueList<double> criticalValuesEffectScale, ValueList<double>? criticalValuesEffectScaleOtherSide, ValueList<double>? futilityBoundsEffectScale, ValueList<double> accrualIntensity)
    {
        Design = design;
        Assumptions = assumptions;
        HazardRatio = hazardRatio;
        Lambda1 = lambda1;
        Lambda2 = lambda2;
        Median1 = median1;
        Median2 = median2;
        EventsFixed = eventsFixed;
        EventsPerStage = eventsPerStage;
        MaxNumberOfSubjects = maxNumberOfSubjects;
        MaxNumberOfSubjects1 = maxNumberOfSubjects1;
        MaxNumberOfSubjects2 = maxNumberOfSubjects2;
        NumberOfSubjects = numberOfSubjects;
        AnalysisTime = analysisTime;
        FollowUpTime = followUpTime;
        MaxStudyDuration = maxStudyDuration;
        StudyDuration = studyDuration;
        ExpectedNumberOfSubjectsH1 = expectedNumberOfSubjectsH1;
        ExpectedEventsH0 = expectedEventsH0;
        ExpectedEventsH01 = expectedEventsH01;
        ExpectedEventsH1 = expectedEventsH1;
        CriticalValuesEffectScale = criticalValuesEffectScale;
        CriticalValuesEffectScaleOtherSide = criticalValuesEffectScaleOtherSide;
        FutilityBoundsEffectScale = futilityBoundsEffectScale;
        AccrualIntensity = accrualIntensity;
    }

    /// <summary>The boundaries the trial uses.</summary>
    public GroupSequentialDesign Design { get; }

    /// <summary>The assumptions the numbers are for.</summary>
    public SurvivalDesignAssumptions Assumptions { get; }

    /// <summary>λ₁/λ₂ under the alternative (rpact <c>hazardRatio</c>).</summary>
    public double HazardRatio { get; }

    /// <summary>The experimental arm's hazard per piece (rpact <c>lambda1</c>).</summary>
    public ValueList<double> Lambda1 { get; }

    /// <summary>The control arm's hazard per piece (rpact <c>lambda2</c>).</summary>
    public ValueList<double> Lambda2 { get; }

    /// <summary>ln 2/λ₁ when the hazards are exponential (rpact <c>median1</c>); null for piecewise hazards.</summary>
    public double? Median1 { get; }

    /// <summary>ln 2/λ₂ when the hazards are exponential (rpact <c>median2</c>); null for piecewise hazards.</summary>
    public double? Median2 { get; }

    /// <summary>The events a fixed design needs (rpact <c>eventsFixed</c>).</summary>
    public double EventsFixed { get; }

    /// <summary>The cumulative events at each analysis, d_fix · IF · t_k (rpact <c>eventsPerStage</c>).</summary>
    public ValueList<double> EventsPerStage { get; }

    /// <summary>The events at the last analysis (rpact <c>maxNumberOfEvents</c>).</summary>
    public double MaxNumberOfEvents => EventsPerStage[^1];

    /// <summary>The patients to accrue, N (rpact <c>maxNumberOfSubjects</c>); not rounded, as rpact.</summary>
    public double MaxNumberOfSubjects { get; }

    /// <summary>The experimental arm's patients, N r/(1 + r).</summary>
    public double MaxNumberOfSubjects1 { get; }

    /// <summary>The control arm's patients, N/(1 + r).</summary>
    public double MaxNumberOfSubjects2 { get; }

    /// <summary>The patients accrued by each analysis (rpact <c>numberOfSubjects</c>).</summary>
    public ValueList<double> NumberOfSubjects { get; }

    /// <summary>The calendar time of each analysis, from the start of accrual (rpact <c>analysisTime</c>).</summary>
    public ValueList<double> AnalysisTime { get; }

    /// <summary>The follow-up after accrual ends: given, or computed when the patients are fixed (rpact <c>followUpTime</c>).</summary>
    public double FollowUpTime { get; }

    /// <summary>The time of the last analysis (rpact <c>maxStudyDuration</c>).</summary>
    public double MaxStudyDuration { get; }

    /// <summary>The expected study duration under H1, Σ T_k Pr(stop at k) (rpact <c>studyDuration</c>).</summary>
    public double StudyDuration { get; }

    /// <summary>The expected patients accrued when the trial stops, under H1 (rpact <c>expectedNumberOfSubjectsH1</c>).</summary>
    public double ExpectedNumberOfSubjectsH1 { get; }

    /// <summary>The expected events under H0 (rpact <c>expectedEventsH0</c>).</summary>
    public double ExpectedEventsH0 { get; }

    /// <summary>The expected events half-way between H0 and H1 (rpact <c>expectedEventsH01</c>).</summary>
    public double ExpectedEventsH01 { get; }

    /// <summary>The expected events under H1 (rpact <c>expectedEventsH1</c>).</summary>
    public double ExpectedEventsH1 { get; }

    /// <summary>The hazard ratio each efficacy bound corresponds to, on the side of the assumed effect (rpact <c>criticalValuesEffectScale</c>; two-sided, the bound of <c>criticalValuesEffectScaleLower</c>/<c>Upper</c> on that side).</summary>
    public ValueList<double> CriticalValuesEffectScale { get; }

    /// <summary>Two-sided designs: the hazard ratio of each bound on the other side; null one-sided.</summary>
    public ValueList<double>? CriticalValuesEffectScaleOtherSide { get; }

    /// <summary>The hazard ratio each futility bound corresponds to (rpact <c>futilityBoundsEffectScale</c>; NaN where there is none); null without futility bounds.</summary>
    public ValueList<double>? FutilityBoundsEffectScale { get; }

    /// <summary>Patients per time unit on each accrual period (rpact's absolute <c>accrualIntensity</c>).</summary>
    public ValueList<double> AccrualIntensity { get; }

    /// <summary>rpact's summary: the design in words, then the numbers by stage.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int k = Design.Stages;
        text.Append(CultureInfo.InvariantCulture, $"Sample size calculation for a survival endpoint ({(k == 1 ? "fixed design" : $"group sequential design, {k} stages")})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{(Design.Options.Sides == TestSides.One ? "One" : "Two")}-sided log-rank test at level {F(Design.Options.Alpha, 4)}, power {F(1 - Design.Options.Beta, 4)}, hazard ratio {F(HazardRatio, 4)}");
        if (Median2 is double m2) text.Append(CultureInfo.InvariantCulture, $", control median {F(m2, 4)}");
        text.Append(CultureInfo.InvariantCulture, $", allocation {F(Assumptions.AllocationRatio, 3)}:1, {Assumptions.Formula}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Maximum number of events   {F(EventsPerStage[^1], 1)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Maximum number of subjects {F(MaxNumberOfSubjects, 1)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Follow-up time             {F(FollowUpTime, 2)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Expected study duration H1 {F(StudyDuration, 2)}\n\n");
        var rows = new List<(string, IEnumerable<string>)>
        {
            DesignTable.StageRow(k),
            ("Cumulative number of events", EventsPerStage.Select(d => F(d, 1))),
            ("Analysis time", AnalysisTime.Select(t => F(t, 2))),
            ("Number of subjects", NumberOfSubjects.Select(n => F(n, 1))),
            ("Efficacy boundary (z-value scale)", Design.CriticalValues.Select(c => F(c, 3))),
            ("Efficacy boundary (t)", CriticalValuesEffectScale.Select(c => F(c, 3))),
        };
        if (FutilityBoundsEffectScale is not null) rows.Add(("Futility boundary (t)", FutilityBoundsEffectScale.Select(c => F(c, 3))));
        DesignTable.Append(text, rows, 8);
        return text.ToString();
    }

    private static string F(double value, int decimals) => DesignTable.Number(value, decimals);
}
