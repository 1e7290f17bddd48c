namespace MaintenanceTrial;

/// <summary>The values a time in months can take when it comes from whole-day dates.</summary>
public enum DateGrain
{
    /// <summary>Not a time derived from dates: any value.</summary>
    None,

    /// <summary>One patient's time (a shortest or longest follow-up): a whole number of days over the month length.</summary>
    WholeDays,

    /// <summary>A median or a median's confidence limit: R's midpoint rule (and a median of an even count) averages two
    /// whole-day times, so a whole or half number of days over the month length.</summary>
    HalfDays,
}
