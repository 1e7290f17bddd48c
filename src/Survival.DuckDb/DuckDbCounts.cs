using DuckDB.NET.Data;
using Survival.Sql;

namespace Survival.DuckDb;

/// <summary>
/// Reduces Parquet files, CSV files or any DuckDB relation to per-time counts inside DuckDB and hands them to the core
/// (<see cref="SurvivalCounts"/>): Kaplan–Meier, Nelson–Aalen and the log-rank family then run on the counts, and the
/// rows never enter .NET memory.
/// </summary>
/// <remarks>
/// <para>The reduction is <c>Survival.Sql</c>'s (<see cref="SqlCounts"/> in <see cref="SqlDialect.DuckDb"/>): one
/// <c>GROUP BY stratum, group, time</c> over the exits with, per cell, the weighted status, the weight sum, the number of
/// rows and the aggregates that validate them, and, with delayed entry, the entries at their entry times
/// (<c>UNION ALL</c>); <see cref="ReductionSql"/> shows it. This class adds what reading a file needs: the reader
/// (<c>read_parquet</c>, <c>read_csv</c> with the missing-value markers read as NULL), number columns that hold text
/// (parsed, and a text that is not a number reported), and CSV rows named by their line. Results equal the row-level
/// path (<c>SurvivalCsv.Read</c> → <see cref="SurvivalCounts.FromData(SurvivalData)"/>): bit for bit with whole-number
/// weights, and within rounding (1e-12) with fractional weights, whose sums DuckDB adds in its own order.</para>
/// <para>Validation happens in the same pass, per cell; only when a check fails, a second, single-threaded query finds
/// the first offending row, and the exception names the source, the row (the line, for CSV), the column and the value,
/// as the CSV reader does. Columns are checked by name and type first (time, entry and weight must be numeric, or text
/// holding numbers).</para>
/// <para>R's near-tie rule (<c>timefix</c>) is applied to the rows too: a delayed-entry interval it collapses to length
/// zero is an error naming the row, as on the row path and in R (<c>aeqSurv</c>); a query runs for it only when the
/// distinct times have near ties.</para>
/// </remarks>
public static class DuckDbCounts
{
    /// <summary>Reads a <c>.parquet</c> or <c>.csv</c> file through DuckDB and reduces it to counts.</summary>
    /// <param name="path">The file (a <c>.parquet</c>, <c>.csv</c>, <c>.tsv</c> or <c>.txt</c> extension chooses the reader;
    /// DuckDB globs such as <c>data/*.parquet</c> are allowed for Parquet).</param>
    /// <param name="columns">The columns that hold the data.</param>
    /// <param name="missing">What a missing value in a column in use does (default <see cref="MissingValuePolicy.Omit"/>,
    /// R's <c>na.omit</c>): SQL <c>NULL</c>, and in text columns (and CSV fields) the <paramref name="missingValues"/>.</param>
    /// <param name="missingValues">The texts that mean "missing" (default: R's <c>NA</c> and the empty field).</param>
    /// <exception cref="SurvivalInputException">The file is missing or unreadable, a column is unknown or of the wrong
    /// type, or a value is invalid.</exception>
    /// <param name="timeFix">Whether the estimators will apply R's near-tie rule (<see cref="TimeFix"/>, R <c>timefix = TRUE</c>,
    /// the default): then a delayed-entry interval that the rule collapses to length zero is an error naming its row, as R's
    /// <c>aeqSurv</c> stops and as the row path does. Pass false together with the estimators' <c>TimeFix = false</c>.</param>
    /// <param name="cancellationToken">Stops the reduction: DuckDB is interrupted and <see cref="OperationCanceledException"/>
    /// is thrown; no partial counts are returned.</param>
    public static SurvivalCounts Read(string path, SurvivalColumns columns, MissingValuePolicy missing = MissingValuePolicy.Omit,
        IReadOnlyList<string>? missingValues = null, bool timeFix = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        bool glob = path.Contains('*') || path.Contains('?');
        if (!glob && !File.Exists(path)) throw new SurvivalInputException("the file does not exist", file: path);
        missingValues ??= DefaultMissingValues;
        return FromRelation(Relation(path, missingValues), columns, path, missing, missingValues, timeFix, cancellationToken);
    }

    /// <summary>The DuckDB relation that reads <paramref name="path"/> (its extension chooses the reader).</summary>
    internal static string Relation(string path, IReadOnlyList<string> missingValues)
    {
        // CSV: the markers are read as NULL, so that a numeric column with NA still reads as numbers.
        string nulls = missingValues.Count == 0 ? "" : ", nullstr = [" + string.Join(", ", missingValues.Select(Literal)) + "]";
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".parquet" => $"read_parquet({Literal(path)})",
            ".csv" or ".txt" => $"read_csv({Literal(path)}, header = true{nulls})",
            ".tsv" => $"read_csv({Literal(path)}, header = true, delim = '\t'{nulls})",
            _ => throw new SurvivalInputException("expected a .parquet or .csv file", file: path),
        };
    }

    /// <summary>R's missing-value markers: <c>NA</c> and the empty field.</summary>
    internal static IReadOnlyList<string> DefaultMarkers => DefaultMissingValues;

    /// <summary>Reduces any DuckDB relation (a table function such as <c>read_parquet('s3://bucket/*.parquet')</c>, or a
    /// parenthesised query) to counts.</summary>
    /// <param name="relation">SQL for the relation, used as <c>FROM relation</c>.</param>
    /// <param name="columns">The columns that hold the data.</param>
    /// <param name="source">The name errors give as the file (default: the relation's SQL).</param>
    /// <param name="missing">What a missing value in a column in use does (default <see cref="MissingValuePolicy.Omit"/>,
    /// R's <c>na.omit</c>: the row is left out and counted in <see cref="SurvivalCounts.Omitted"/>).</param>
    /// <param name="missingValues">Besides SQL <c>NULL</c>, the texts that mean "missing" in text columns (default: R's
    /// <c>NA</c> and the empty field).</param>
    /// <exception cref="SurvivalInputException">The relation cannot be read, a column is unknown or of the wrong type, or
    /// a value is invalid.</exception>
    /// <param name="timeFix">Whether the estimators will apply R's near-tie rule (see <see cref="Read"/>).</param>
    /// <param name="cancellationToken">Stops the reduction (see <see cref="Read"/>).</param>
    public static SurvivalCounts FromRelation(string relation, SurvivalColumns columns, string? source = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit, IReadOnlyList<string>? missingValues = null, bool timeFix = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        // The reduction, its validation and the missing-value passes are Survival.Sql's, in DuckDB's dialect; a file adds
        // only that its number columns may hold text (CSV) and that a CSV row is named by its line.
        var file = new SourceFile(Csv: relation.StartsWith("read_csv", StringComparison.Ordinal));
        return SqlCounts.ReadCore(connection, new SqlRelation(relation, source ?? relation), columns, SqlDialect.DuckDb, missing,
            missingValues ?? DefaultMissingValues, timeFix, computed: null, file, cancellationToken);
    }

    /// <summary>R's missing-value markers: <c>NA</c> and the empty field.</summary>
    private static readonly string[] DefaultMissingValues = ["NA", ""];

    /// <summary>The reduction as SQL, runnable as it is in DuckDB (and, with the relation replaced by a table name, in
    /// Spark SQL or any warehouse): one row per (stratum, group, time) with the weighted events, censorings and
    /// entries and the number of subjects — <see cref="SqlCounts.ReductionSql"/> in DuckDB's dialect, its cells summed into
    /// the arguments of <see cref="SurvivalCounts.Create"/>. Column types are not checked here (the time, entry and weight
    /// columns are cast to DOUBLE; the event column must be boolean or coded 0/1).</summary>
    /// <param name="relation">The relation (<c>FROM relation</c>).</param>
    /// <param name="columns">The columns that hold the data.</param>
    public static string ReductionSql(string relation, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        string cells = SqlCounts.ReductionSql(SqlDialect.DuckDb, new SqlRelation(relation, relation), columns, missingValues: DefaultMissingValues);
        return "SELECT stratum, grp, time, weighted_status AS events, weight_sum - weighted_status AS censored, entered, subjects\n" +
               $"FROM ({cells}) survival_cells\nWHERE kind <> 1";
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
