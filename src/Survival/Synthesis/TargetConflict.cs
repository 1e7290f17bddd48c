namespace Survival.Synthesis;

/// <summary>Published targets that cannot all hold together in any cohort, found before the search (for example a
/// survival that rises between two landmarks, or fewer than all patients at risk at time 0).</summary>
/// <param name="Targets">The names of the targets involved (JSON paths).</param>
/// <param name="Reason">Why they cannot all be met.</param>
public sealed record TargetConflict(ValueList<string> Targets, string Reason)
{
    /// <summary>"a, b: reason".</summary>
    public override string ToString() => $"{string.Join(", ", Targets)}: {Reason}";
}
