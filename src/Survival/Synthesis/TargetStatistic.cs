namespace Survival.Synthesis;

/// <summary>What a published target measures.</summary>
public enum TargetStatistic
{
    /// <summary>The group's number of patients.</summary>
    Patients,

    /// <summary>The group's number of events.</summary>
    Events,

    /// <summary>The group's Kaplan–Meier median (R's <c>quantile.survfit</c> rule).</summary>
    Median,

    /// <summary>The lower confidence limit of the median.</summary>
    MedianLower,

    /// <summary>The upper confidence limit of the median.</summary>
    MedianUpper,

    /// <summary>Kaplan–Meier survival at a time (R's <c>summary(fit, times =)</c>).</summary>
    Survival,

    /// <summary>Its lower confidence limit.</summary>
    SurvivalLower,

    /// <summary>Its upper confidence limit.</summary>
    SurvivalUpper,

    /// <summary>The cumulative incidence 1 − S(t) at a time (a paper that prints the proportion with the event).</summary>
    Incidence,

    /// <summary>Its lower confidence limit (1 − the upper limit of survival).</summary>
    IncidenceLower,

    /// <summary>Its upper confidence limit (1 − the lower limit of survival).</summary>
    IncidenceUpper,

    /// <summary>The number at risk at a time, as under a figure.</summary>
    AtRisk,

    /// <summary>The median follow-up of the whole cohort (reverse Kaplan–Meier).</summary>
    FollowUpMedian,

    /// <summary>The log-rank P between the named groups (R's <c>survdiff</c>).</summary>
    LogRankP,

    /// <summary>The Cox hazard ratio of a group against a reference (R's <c>coxph</c>, Efron ties).</summary>
    HazardRatio,

    /// <summary>Its lower confidence limit.</summary>
    HazardRatioLower,

    /// <summary>Its upper confidence limit.</summary>
    HazardRatioUpper,

    /// <summary>Its Wald P (R's <c>summary(coxph)</c>).</summary>
    HazardRatioP,
}
