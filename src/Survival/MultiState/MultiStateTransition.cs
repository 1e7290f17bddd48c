namespace Survival.MultiState;

/// <summary>One transition seen in multi-state data: from a state to another, with the number of rows that made it
/// (R <c>survcheck(...)$transitions</c>, without its censoring column).</summary>
/// <param name="From">The state left.</param>
/// <param name="To">The state entered.</param>
/// <param name="Events">The number of rows ending in this transition (unweighted, as R's table).</param>
public sealed record MultiStateTransition(string From, string To, int Events)
{
    /// <summary>The transition as the CLI and <see cref="ToString"/> write it: <c>from->to</c>.</summary>
    public string Label => $"{From}->{To}";

    /// <inheritdoc />
    public override string ToString() => $"{Label}: {Events}";
}
