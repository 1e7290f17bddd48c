namespace Survival.Csv;

/// <summary>The columns of multi-state rows in a CSV file (R's <c>Surv(tstart, tstop, state)</c> with <c>id</c> and
/// <c>istate</c>).</summary>
/// <param name="Id">Subject id (required with <paramref name="Entry"/>; without it each row is a subject).</param>
/// <param name="Time">Stop time.</param>
/// <param name="State">The state entered at the stop, or a censoring label (censor, 0 or blank).</param>
/// <param name="Entry">Optional start time.</param>
/// <param name="InitialState">Optional initial state (R <c>istate</c>).</param>
/// <param name="Weight">Optional case weight.</param>
/// <param name="Group">Optional group.</param>
public sealed record MultiStateColumns(string? Id, string Time, string State, string? Entry = null, string? InitialState = null,
    string? Weight = null, string? Group = null)
{
    /// <summary>The columns to read, state last.</summary>
    public IReadOnlyList<string> Names => new[] { Id, Entry, Time, InitialState, Weight, Group, State }.OfType<string>().Distinct().ToArray();
}
