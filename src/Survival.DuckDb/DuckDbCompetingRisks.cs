using DuckDB.NET.Data;
using Survival.CompetingRisks;
using Survival.Sql;

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
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        // Survival.Sql's competing-risks reduction in DuckDB's dialect (a composite label group + status over the same
        // GROUP BY); number columns of a CSV may hold text, as in DuckDbCounts.
        return SqlCounts.ReadCompetingRisksCore(connection, new SqlRelation(DuckDbCounts.Relation(path, missingValues), path), columns, censored,
            SqlDialect.DuckDb, missing, missingValues, new SourceFile(Csv: false), cancellationToken);
    }
}
