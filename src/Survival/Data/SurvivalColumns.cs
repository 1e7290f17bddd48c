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
    public IReadOnlyList<string> Names => new[] { Time, Event, Entry, Weight, Group, Strata, Id }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
}
