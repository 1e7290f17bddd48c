namespace Survival.Design;

/// <summary>How accrual intensities are read (rpact's <c>accrualIntensityType</c>).</summary>
public enum AccrualIntensityType
{
    /// <summary>rpact's default: relative when every intensity is below 1, absolute otherwise.</summary>
    Auto,

    /// <summary>Patients per time unit: the number of patients follows from the accrual period, and the follow-up from
    /// the events needed.</summary>
    Absolute,

    /// <summary>Proportions of the accrual rate between pieces: the number of patients follows from the events needed and
    /// the follow-up.</summary>
    Relative,
}
