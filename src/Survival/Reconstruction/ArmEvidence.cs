namespace Survival.Reconstruction;

/// <summary>What a publication gives about one arm: its digitised curve and, when printed, its numbers at risk, its
/// total events and its number of patients.</summary>
/// <param name="Curve">The digitised curve.</param>
/// <param name="AtRisk">The numbers-at-risk table under the figure, or null when none was printed.</param>
/// <param name="TotalEvents">The arm's total number of events when the paper reports it (Guyot's <c>tot.events</c>).</param>
/// <param name="Patients">The number of patients, needed only when there is no <paramref name="AtRisk"/> table (the
/// table's time-0 count is the number otherwise).</param>
public sealed record ArmEvidence(DigitizedCurve Curve, AtRiskTable? AtRisk = null, int? TotalEvents = null, int? Patients = null)
{
    /// <summary>The arm's name: the curve's group.</summary>
    public string? Group => Curve.Group;
}
