namespace Survival.Synthesis;

/// <summary>One target checked against a cohort (<see cref="CohortTargets.Evaluate"/>).</summary>
public sealed record TargetResult
{
    internal TargetResult(PublishedTarget target, double? reproduced, bool met)
    {
        Target = target;
        Reproduced = reproduced;
        Met = met;
    }

    /// <summary>The published number.</summary>
    public PublishedTarget Target { get; }

    /// <summary>The cohort's value (null: it does not exist, e.g. a median not reached).</summary>
    public double? Reproduced { get; }

    /// <summary>Whether the value meets the printed number (<see cref="PrintedNumber.IsMetBy"/>).</summary>
    public bool Met { get; }
}
