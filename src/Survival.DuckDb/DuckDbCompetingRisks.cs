using Survival.CompetingRisks;

namespace Survival.DuckDb;

/// <summary>
/// Competing-risks data reduced inside DuckDB: the same one-pass <c>GROUP BY</c> as <see cref="DuckDbCounts"/>, over a
/// composite label group + status, so that cumulative incidence (and Gray's test) are computed from counts without the
/// rows reaching .NET.
/// </summary>
/// <remarks>Unweighted rows without delayed entry only: the infinitesimal-jackknife variance of weighted or delayed-entry
/// rows needs each row (read those as CSV). A missing status, group or stratum (NULL, or a marker) leaves the row out as
/// <see cref="DuckDbCounts"/> does.</remarks>
public static class DuckDbCompetingRisks
{
    /// <summary>Reads a <c>.parquet</c> or <c>.csv</c> file and reduces it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Time, status (<see cref="SurvivalColumns.Event"/>), optional group and strata.</param>
    /// <param name="censored">The status value meaning censored (default "0").</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <param name="missingValues">Texts meaning missing (default NA and the empty field).</param>
    /// <param name="cancellationToken">Stops the reduction (DuckDB is interrupted): <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="SurvivalInputException">Weights or entry times are named, the file cannot be read, or a value is invalid.</exception>
    public static CompetingRisksCounts Read(string path, SurvivalColumns columns, string censored = "0", MissingValuePolicy missing = MissingValuePolicy.Omit,
        IReadOnlyList<string>? missingValues = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(censored);
        if (columns.Weight is not null)
            throw new SurvivalInputException("the standard errors of weighted competing-risks data need the rows: read the file as CSV", column: columns.Weight, file: path);
        if (columns.Entry is not null)
            throw new SurvivalInputException("the standard errors of delayed-entry competing-risks data need the rows: read the file as CSV", column: columns.Entry, file: path);
        bool glob = path.Contains('*') || path.Contains('?');
        if (!glob && !File.Exists(path)) throw new SurvivalInputException("the file does not exist", file: path);
        missingValues ??= DuckDbCounts.DefaultMarkers;
        string relation = DuckDbCounts.Relation(path, missingValues);
        string markers = string.Join(", ", missingValues.Select(DuckDbCounts.Literal));
        string Missing(string column) => markers.Length == 0
            ? $"{DuckDbCounts.Identifier(column)} IS NULL"
            : $"({DuckDbCounts.Identifier(column)} IS NULL OR trim(CAST({DuckDbCounts.Identifier(column)} AS VARCHAR)) IN ({markers}))";
        string status = $"trim(CAST({DuckDbCounts.Identifier(columns.Event)} AS VARCHAR))";
        string label = columns.Group is null
            ? $"CASE WHEN {Missing(columns.Event)} THEN NULL ELSE {status} END"
            : $"CASE WHEN {Missing(columns.Event)} OR {Missing(columns.Group)} THEN NULL ELSE trim(CAST({DuckDbCounts.Identifier(columns.Group)} AS VARCHAR)) || chr(31) || {status} END";
        string wrapped = $"(SELECT *, CASE WHEN {Missing(columns.Event)} THEN NULL ELSE {status} <> {DuckDbCounts.Literal(censored)} END AS __cr_event, " +
                         $"{label} AS __cr_label FROM {relation})";
        var composite = new SurvivalColumns(columns.Time, "__cr_event", Group: "__cr_label");
        var counts = DuckDbCounts.FromRelation(wrapped, composite, path, missing, missingValues, cancellationToken: cancellationToken);
        var stratified = columns.Strata is null ? null
            : DuckDbCounts.FromRelation(wrapped, composite with { Strata = columns.Strata }, path, missing, missingValues, cancellationToken: cancellationToken);
        return CompetingRisksCounts.FromLabelledCounts(counts, stratified, censored, columns.Group is not null);
    }
}
