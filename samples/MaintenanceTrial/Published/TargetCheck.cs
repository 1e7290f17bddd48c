using System.Globalization;

namespace PaperAnalysis;

/// <summary>A target beside the value the library computed from the cohort.</summary>
/// <param name="Target">The paper's number.</param>
/// <param name="Reproduced">The reproduced value (null = does not exist / not reached).</param>
public sealed record TargetCheck(Target Target, double? Reproduced)
{
    /// <summary>Whether the reproduced value meets the target at the paper's rounding.</summary>
    public bool Met => Target.IsMetBy(Reproduced);

    /// <summary>Missed although some cohort of dates could meet it: a failure of the reproduction.</summary>
    public bool Failed => !Met && Target.AttainableFromDates;

    /// <summary>"yes", "no", or "unattainable" (missed, and no whole-day dates can meet it).</summary>
    public string Verdict => Met ? "yes" : Target.AttainableFromDates ? "NO" : "unattainable";

    /// <summary>The reproduced value with two more decimals than the paper reports, or NR.</summary>
    public string ReproducedText => Reproduced is double r
        ? r.ToString("F" + (Target.Kind == TargetKind.Count ? 0 : Target.Decimals + 2), CultureInfo.InvariantCulture)
        : "NR";
}
