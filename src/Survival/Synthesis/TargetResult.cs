namespace Survival.Synthesis;

/// <summary>One target checked against a cohort.</summary>
/// <param name="Target">The published number.</param>
/// <param name="Reproduced">The cohort's value (null: it does not exist, e.g. a median not reached).</param>
/// <param name="Met">Whether the value meets the printed number (<see cref="PrintedNumber.IsMetBy"/>).</param>
public sealed record TargetResult(PublishedTarget Target, double? Reproduced, bool Met);
