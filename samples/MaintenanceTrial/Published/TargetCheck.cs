using System.Globalization;

namespace MaintenanceTrial;

/// <summary>A published number beside the value the library computed from the cohort.</summary>
/// <param name="Target">The article's number.</param>
/// <param name="Reproduced">The reproduced value (null = does not exist / not reached).</param>
public sealed record TargetCheck(Target Target, double? Reproduced)
{
    /// <summary>Whether the reproduced value is accepted (<see cref="Target.Accepts"/>).</summary>
    public bool Met => Target.Accepts(Reproduced);

    /// <summary>Accepted as the nearest value whole-day dates allow, not at the article's rounding.</summary>
    public bool MetAtNearestDateValue => Met && !Target.IsMetBy(Reproduced);

    /// <summary>"yes", "nearest" (accepted as the nearest value dates allow) or "NO".</summary>
    public string Verdict => !Met ? "NO" : MetAtNearestDateValue ? "nearest" : "yes";

    /// <summary>The reproduced value with two more decimals than the article prints, or NR.</summary>
    public string ReproducedText => Reproduced is double r
        ? r.ToString("F" + (Target.Kind == TargetKind.Count ? 0 : Target.Decimals + 2), CultureInfo.InvariantCulture)
        : "NR";

    /// <summary>For a value accepted as the nearest dates allow, the sentence the report prints beside it, e.g.
    /// "nearest value whole-day dates allow: 62.03 vs published 62.04"; null otherwise.</summary>
    public string? NearestNote => MetAtNearestDateValue && Reproduced is double r
        ? $"nearest value whole-day dates allow: {r.ToString("F" + Target.Decimals, CultureInfo.InvariantCulture)} vs published {Target.Reported}"
        : null;
}
