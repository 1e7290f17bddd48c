namespace Survival.Synthesis;

/// <summary>What the user knows about a cohort beyond its published numbers, kept by every cohort the synthesis writes
/// (the <c>constraints</c> object of a targets file).</summary>
/// <remarks>
/// <para>Times are in the targets' time unit, counted from each patient's entry. Every time lies in
/// [<see cref="MinTime"/>, <see cref="MaxTime"/>].</para>
/// <para><b>Administrative censoring</b> (when <see cref="CutOff"/> is given): patients enter uniformly over an accrual
/// period of <see cref="Accrual"/> and the data are cut off <see cref="CutOff"/> after the first entry, so a patient
/// still followed at the cut-off is censored at a time in [cut-off − accrual, cut-off]; at most
/// <see cref="LostToFollowUp"/> patients of the whole cohort are censored earlier (lost to follow-up or withdrawn).
/// Events may happen at any time up to the cut-off.</para>
/// </remarks>
/// <param name="MaxTime">The longest time (the longest follow-up the paper reports); null: the cut-off if given, else
/// twice the largest time a target names.</param>
/// <param name="MinTime">The shortest time; null: one time step (no patient leaves at time 0).</param>
/// <param name="Accrual">The accrual period (with <see cref="CutOff"/>); null: 0, all patients enter together.</param>
/// <param name="CutOff">The data cut-off, counted from the first patient's entry; null: no administrative censoring.</param>
/// <param name="LostToFollowUp">With <see cref="CutOff"/>: how many patients at most are censored before the
/// administrative window; null: 0.</param>
public sealed record SynthesisConstraints(double? MaxTime = null, double? MinTime = null, double? Accrual = null, double? CutOff = null,
    int? LostToFollowUp = null)
{
    /// <summary>No constraint beyond the defaults.</summary>
    public static SynthesisConstraints None { get; } = new();
}
