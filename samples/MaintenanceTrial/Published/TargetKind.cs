namespace MaintenanceTrial;

/// <summary>How a published number is met.</summary>
public enum TargetKind
{
    /// <summary>The reproduced value rounds (half up) to the published value at the published decimals.</summary>
    Rounded,

    /// <summary>"NR": the estimate or limit must not exist.</summary>
    NotReached,

    /// <summary>The reproduced value is at least the published bound (e.g. P ≥ 0.05, "not significant").</summary>
    AtLeast,

    /// <summary>The reproduced value is below the published bound (e.g. P &lt; 0.05, "significant").</summary>
    Below,

    /// <summary>An exact count.</summary>
    Count,
}
