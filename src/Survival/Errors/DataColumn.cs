namespace Survival;

/// <summary>Which input of <see cref="SurvivalData"/> (or of per-time counts) an error concerns, so that a reader can
/// name its own column (the CSV header, the database column) without matching message text.</summary>
public enum DataColumn
{
    /// <summary>The exit (event or censoring) time.</summary>
    Time,

    /// <summary>The event indicator.</summary>
    Event,

    /// <summary>The delayed-entry time.</summary>
    Entry,

    /// <summary>The case weight.</summary>
    Weight,

    /// <summary>The group label.</summary>
    Group,

    /// <summary>The stratum label.</summary>
    Strata,

    /// <summary>The subject (cluster) id.</summary>
    Id,

    /// <summary>The right end of an interval-censored row (the left end is <see cref="Time"/>).</summary>
    Upper,

    /// <summary>The state entered at the end of a multi-state row (or a censoring label).</summary>
    State,

    /// <summary>The state a multi-state subject starts in (R <c>istate</c>).</summary>
    InitialState,
}
