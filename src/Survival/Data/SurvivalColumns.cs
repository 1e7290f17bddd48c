namespace Survival;

/// <summary>Which columns of a table (a CSV file, a Parquet file, a database relation) hold the time-to-event data: the
/// one description every reader takes, so that the CSV reader and the DuckDB push-down read the same columns.</summary>
/// <param name="Time">Exit (event or censoring) time.</param>
/// <param name="Event">Event indicator (0/1 or true/false).</param>
/// <param name="Entry">Optional delayed-entry time.</param>
/// <param name="Weight">Optional frequency weight.</param>
/// <param name="Group">Optional group label.</param>
/// <param name="Strata">Optional stratum label.</param>
/// <param name="Id">Optional subject (cluster) label: R's <c>id</c>; rows of one subject are clustered in the robust variance.</param>
public sealed record SurvivalColumns(string Time, string Event, string? Entry = null, string? Weight = null, string? Group = null, string? Strata = null,
    string? Id = null)
{
    /// <summary>The distinct column names in use.</summary>
    /// <summary>The values of <see cref="Event"/> that mean the event, every other value a censoring: R's
    /// <c>Surv(time, status == 2)</c> (or <c>status %in% c(...)</c>); null to read 0/1, true/false or R's 1/2 coding.
    /// Values compare as numbers when both are numbers (so 2 matches 2.0), otherwise as trimmed text.</summary>
    public IReadOnlyList<string>? EventValues { get; init; }

    /// <summary>The columns to read.</summary>
    public IReadOnlyList<string> Names => new[] { Time, Event, Entry, Weight, Group, Strata, Id }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
}
