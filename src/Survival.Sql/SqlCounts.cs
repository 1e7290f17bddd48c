using System.Data;
using System.Data.Common;
using System.Globalization;
using Survival.CompetingRisks;

namespace Survival.Sql;

/// <summary>
/// Survival counts from any ADO.NET source: the per-time <c>GROUP BY</c> runs in the database (PostgreSQL, DuckDB, a
/// Spark SQL endpoint, an ANSI warehouse), validated in the same pass, and only one row per (stratum, group, time)
/// crosses the wire. Kaplan–Meier, Nelson–Aalen, the log-rank family, RMST and follow-up then run on the
/// <see cref="SurvivalCounts"/>, with the results of the row path.
/// </summary>
/// <remarks>
/// <para>The reduction reads each row once: a <c>GROUP BY</c> over the keys in use with, per cell, Σw·e, Σw, the number of
/// rows and of non-missing values, and the least and largest status and weight, so that every check (a negative or
/// non-finite time, a status other than 0/1/true/false or R's 1/2 coding, a negative or non-finite weight, a blank
/// label) is made per cell in .NET; only delayed entry adds a row-level check (an entry not before its exit). When that
/// pass meets a missing value in a column in use (SQL <c>NULL</c>, or a marker such as <c>NA</c> in a text column), a
/// second pass (<see cref="ReductionSql"/>) counts those rows and leaves them out, as R's <c>na.omit</c>. Only when
/// something must be reported does a follow-up query run: it finds the first offending row in the order the database
/// scans the relation, and the error names the source, that row, the column and the value (and the subject, when
/// <see cref="SurvivalColumns.Id"/> is given: a table has no order of its own, the id finds the row for certain).</para>
/// <para>Time, entry and weight columns must be numeric in the database; the status may be boolean, numeric or text;
/// labels may be of any type (cast to text). R's near-tie rule (<see cref="TimeFix"/>) is applied by the estimators to
/// the distinct times, exactly as on rows; with delayed entry an interval it collapses is an error, as in R.</para>
/// <para>Sums of fractional weights are added in the database's order, so with them results agree with the row path to
/// rounding (about 1e-12); without weights, or with whole-number ones, they are identical.</para>
/// </remarks>
public static class SqlCounts
{
    /// <summary>R's missing-value markers: <c>NA</c> and the empty text.</summary>
    private static readonly string[] DefaultMissingValues = ["NA", ""];

    /// <summary>The dialect of a connection, from its provider's type: Npgsql → <see cref="SqlDialect.PostgreSql"/>,
    /// DuckDB.NET → <see cref="SqlDialect.DuckDb"/>, a Spark or Databricks provider → <see cref="SqlDialect.SparkSql"/>,
    /// ClickHouse's driver (or <c>Survival.ClickHouse</c>'s connection) → <see cref="SqlDialect.ClickHouse"/>,
    /// anything else <see cref="SqlDialect.Ansi"/>.</summary>
    /// <param name="connection">The connection.</param>
    public static SqlDialect DialectOf(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string name = connection.GetType().FullName ?? "";
        if (name.Contains("Npgsql", StringComparison.OrdinalIgnoreCase)) return SqlDialect.PostgreSql;
        if (name.Contains("DuckDB", StringComparison.OrdinalIgnoreCase)) return SqlDialect.DuckDb;
        if (name.Contains("Spark", StringComparison.OrdinalIgnoreCase) || name.Contains("Databricks", StringComparison.OrdinalIgnoreCase)) return SqlDialect.SparkSql;
        if (name.Contains("ClickHouse", StringComparison.OrdinalIgnoreCase)) return SqlDialect.ClickHouse;
        return SqlDialect.Ansi;
    }

    /// <summary>Reduces a table or query to counts inside the database and reads them.</summary>
    /// <param name="connection">An open connection (it is opened when closed, and left as it was found).</param>
    /// <param name="relation">The table or query holding one row per subject (or per interval, with delayed entry).</param>
    /// <param name="columns">The columns that hold the data (<see cref="SurvivalColumns.Id"/>, when given, only names
    /// subjects in errors).</param>
    /// <param name="dialect">The SQL dialect; default <see cref="DialectOf"/> the connection.</param>
    /// <param name="missing">What a missing value in a column in use does (default <see cref="MissingValuePolicy.Omit"/>,
    /// R's <c>na.omit</c>: the row is left out and counted in <see cref="SurvivalCounts.Omitted"/>).</param>
    /// <param name="missingValues">Besides SQL <c>NULL</c>, the texts meaning "missing" in text columns (default: R's
    /// <c>NA</c> and the empty text).</param>
    /// <param name="timeFix">Whether the estimators will apply R's near-tie rule (R <c>timefix = TRUE</c>, the default):
    /// then a delayed-entry interval the rule collapses is an error naming its row, as R's <c>aeqSurv</c> stops.</param>
    /// <param name="cancellationToken">Stops the reduction: the running statement is cancelled on the server and
    /// <see cref="OperationCanceledException"/> is thrown; no partial counts are returned.</param>
    /// <exception cref="SurvivalInputException">The relation cannot be read, a column is unknown or of the wrong type, a
    /// value is invalid (the first such row is named), no row is left, or the database failed under a query (timeout,
    /// lost connection, a dropped table): one line from the database's message, never its connection string.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SurvivalCounts Read(DbConnection connection, SqlRelation relation, SurvivalColumns columns, SqlDialect? dialect = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit, IReadOnlyList<string>? missingValues = null, bool timeFix = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        return ReadCore(connection, relation, columns, dialect, missing, missingValues, timeFix, computed: null, file: null, cancellationToken);
    }

    /// <summary><see cref="Read"/>, with some columns given as expressions over the relation and their kinds, and (for
    /// <c>Survival.DuckDb</c>'s file readers) what reading a file changes: numbers held as text, CSV lines.</summary>
    internal static SurvivalCounts ReadCore(DbConnection connection, SqlRelation relation, SurvivalColumns columns, SqlDialect? dialect,
        MissingValuePolicy missing, IReadOnlyList<string>? missingValues, bool timeFix, IReadOnlyDictionary<string, (string Sql, ColumnKind Kind)>? computed,
        SourceFile? file, CancellationToken cancellationToken)
    {
        bool opened = false;
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
            opened = true;
        }
        try
        {
            var markers = missingValues ?? DefaultMissingValues;
            var kinds = Kinds(connection, relation, columns, computed, numbersMayBeText: file is not null);
            var plan = new SqlReduction(dialect ?? DialectOf(connection), relation, columns, kinds, markers,
                computed?.ToDictionary(c => c.Key, c => c.Value.Sql, StringComparer.Ordinal), file);
            var markerSet = new HashSet<string>(markers.Select(m => m.Trim(' ')), StringComparer.Ordinal);
            Cells Pass(bool handleMissing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = plan.Sql(handleMissing);
                    command.CommandTimeout = 0;
                    // Cancellation asks the server to stop the statement (the provider's Cancel); the statement's error
                    // then surfaces below as OperationCanceledException, never as partial counts.
                    using var registration = cancellationToken.Register(() => { try { command.Cancel(); } catch (DbException) { } });
                    using var reader = command.ExecuteReader();
                    return Cells.Read(reader, relation.Description, markerSet, columns.Group is not null, columns.Strata is not null);
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is DbException or InvalidOperationException)
                {
                    throw new OperationCanceledException("the reduction was cancelled", ex, cancellationToken);
                }
                catch (DbException ex)
                {
                    throw new SurvivalInputException($"the database could not run the reduction: {FirstLine(ex.Message)}", file: relation.Description, innerException: ex);
                }
            }
            // The plain pass is as fast as the engine's own GROUP BY; a missing value (or a marker that made a status look
            // invalid) sends the reduction through the missing-aware pass, which counts and leaves out those rows.
            var cells = Pass(handleMissing: false);
            if (cells.Missing || cells.Invalid) cells = Pass(handleMissing: true);
            cancellationToken.ThrowIfCancellationRequested();
            plan.OneTwo = cells.OneTwo;
            if (cells.Invalid || cells.Missing || (cells.OneTwo && cells.HasStatusZero)) throw plan.FirstInvalidRow(connection);
            if (cells.Omitted > 0 && missing == MissingValuePolicy.Fail) throw plan.FirstMissingValue(connection);
            if (timeFix && columns.Entry is not null) plan.CheckCollapsedIntervals(connection, cells.Times);
            var counts = cells.ToCounts(columns.Group, columns.Strata, relation.Description);
            return cells.Omitted == 0 ? counts : counts.WithOmitted(OmittedRows.Of((int)cells.Omitted, plan.MissingPositions(connection)));
        }
        catch (DbException ex)
        {
            throw new SurvivalInputException($"the database could not run a query: {FirstLine(ex.Message)}", file: relation.Description, innerException: ex);
        }
        catch (InvalidOperationException ex) when (connection.State is ConnectionState.Broken or ConnectionState.Closed)
        {
            // The connection died under a query (server stopped, backend terminated): the provider says so with an
            // InvalidOperationException on the next command.
            throw new SurvivalInputException($"the database connection was lost: {FirstLine(ex.Message)}", file: relation.Description, innerException: ex);
        }
        finally
        {
            if (opened) connection.Close();
        }
    }

    /// <summary>The reduction <see cref="Read"/> runs, for reading or for running elsewhere (a Spark job, a warehouse's
    /// scheduler) and finishing with <see cref="FromReader"/>: one row per (kind, stratum, group, time) with the columns
    /// <c>kind, stratum, grp, time, subjects, status_count, weight_count, entry_count, weighted_status, weight_sum, status_min,
    /// status_max, weight_min, entered, invalid</c> (kind 0: exits, 1: rows left out for a missing value, 2: entries). This is
    /// the missing-aware form, which <see cref="Read"/> runs only when its plain pass meets a missing value.</summary>
    /// <param name="dialect">The dialect to write.</param>
    /// <param name="relation">The table or query.</param>
    /// <param name="columns">The columns that hold the data.</param>
    /// <param name="eventType">The .NET type the status column reads as (default <see cref="double"/>: numbers coded 0/1 or
    /// 1/2, checked per row); a whole-number type (e.g. <see cref="int"/>) sums the column as it is, <see cref="bool"/> and
    /// <see cref="string"/> read boolean and text columns.</param>
    /// <param name="missingValues">Texts meaning "missing" in text columns (default <c>NA</c> and the empty text); only
    /// the status and label columns can be text.</param>
    public static string ReductionSql(SqlDialect dialect, SqlRelation relation, SurvivalColumns columns, Type? eventType = null,
        IReadOnlyList<string>? missingValues = null)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var label in new[] { columns.Group, columns.Strata }.OfType<string>()) kinds[label] = ColumnKind.Text;
        kinds[columns.Event] = KindOf(eventType ?? typeof(double));
        return new SqlReduction(dialect, relation, columns, kinds, missingValues ?? DefaultMissingValues).Sql(handleMissing: true);
    }

    /// <summary>Counts from a reader over counts computed elsewhere: either the output of <see cref="ReductionSql"/>, or a
    /// plain counts table with columns <c>time, events, censored</c> and optionally <c>entered, subjects, grp, stratum</c>
    /// (names matched without regard to case).</summary>
    /// <param name="reader">The reader, positioned before the first row; it is read to the end.</param>
    /// <param name="source">The name errors give for the data (default "counts").</param>
    /// <exception cref="SurvivalInputException">A required column is missing, a count is invalid, or the reduction flagged
    /// an invalid row (run it through <see cref="Read"/> to have the row named).</exception>
    public static SurvivalCounts FromReader(DbDataReader reader, string source = "counts")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        bool Has(string name) => names.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (Has("weighted_status"))
        {
            var cells = Cells.Read(reader, source, new HashSet<string>(DefaultMissingValues, StringComparer.Ordinal), group: null, strata: null);
            if (cells.Invalid || cells.Missing || (cells.OneTwo && cells.HasStatusZero))
                throw new SurvivalInputException("the reduction flagged a row with an invalid value; run it through SqlCounts.Read on a connection to have the row named", file: source);
            return cells.ToCounts(cells.AnyGroup ? "grp" : null, cells.AnyStratum ? "stratum" : null, source);
        }
        foreach (var required in new[] { "time", "events", "censored" })
            if (!Has(required))
                throw new SurvivalInputException($"a counts reader needs the columns time, events and censored (or the output of SqlCounts.ReductionSql); the columns are {string.Join(", ", names)}",
                    file: source, column: required);
        return Cells.ReadPlain(reader, source, names);
    }

    /// <summary>Competing-risks counts (for <see cref="CumulativeIncidence"/> and <see cref="GrayTest"/>) reduced in the
    /// database: the same pass over a composite label group + status.</summary>
    /// <param name="connection">An open connection (opened when closed).</param>
    /// <param name="relation">The table or query.</param>
    /// <param name="columns">Time, status (<see cref="SurvivalColumns.Event"/>, any number of causes), optional group and
    /// strata; weights and entry times need the rows for their standard errors and are refused.</param>
    /// <param name="censored">The status value meaning censored, as text (default "0").</param>
    /// <param name="dialect">The dialect (default: from the connection).</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <param name="missingValues">Texts meaning missing (default NA and the empty text).</param>
    /// <param name="cancellationToken">Stops the reduction (see <see cref="Read"/>).</param>
    /// <exception cref="SurvivalInputException">Weights or entry times are named, the relation cannot be read, or a value
    /// is invalid.</exception>
    public static CompetingRisksCounts ReadCompetingRisks(DbConnection connection, SqlRelation relation, SurvivalColumns columns,
        string censored = "0", SqlDialect? dialect = null, MissingValuePolicy missing = MissingValuePolicy.Omit, IReadOnlyList<string>? missingValues = null,
        CancellationToken cancellationToken = default)
        => ReadCompetingRisksCore(connection, relation, columns, censored, dialect, missing, missingValues, file: null, cancellationToken);

    /// <summary><see cref="ReadCompetingRisks"/>, for <c>Survival.DuckDb</c>'s file readers as well (see <see cref="ReadCore"/>).</summary>
    internal static CompetingRisksCounts ReadCompetingRisksCore(DbConnection connection, SqlRelation relation, SurvivalColumns columns,
        string censored, SqlDialect? dialect, MissingValuePolicy missing, IReadOnlyList<string>? missingValues, SourceFile? file,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(censored);
        if (columns.Weight is not null)
            throw new SurvivalInputException("the standard errors of weighted competing-risks data need the rows", column: columns.Weight, file: relation.Description);
        if (columns.Entry is not null)
            throw new SurvivalInputException("the standard errors of delayed-entry competing-risks data need the rows", column: columns.Entry, file: relation.Description);
        var syntax = new SqlSyntax(dialect ?? DialectOf(connection));
        missingValues ??= DefaultMissingValues;
        string markers = string.Join(", ", missingValues.Select(syntax.Literal));
        string Text(string column) => syntax.Trim($"CAST({syntax.Identifier(column)} AS {syntax.Text})");
        string Missing(string column) => markers.Length == 0
            ? $"{syntax.Identifier(column)} IS NULL"
            : $"({syntax.Identifier(column)} IS NULL OR {Text(column)} IN ({markers}))";
        string label = columns.Group is null
            ? $"CASE WHEN {Missing(columns.Event)} THEN NULL ELSE {Text(columns.Event)} END"
            : $"CASE WHEN {Missing(columns.Event)} OR {Missing(columns.Group)} THEN NULL ELSE {Text(columns.Group)} || {syntax.Literal(CompetingRisksCounts.Separator.ToString())} || {Text(columns.Event)} END";
        string status = $"CASE WHEN {Missing(columns.Event)} THEN NULL WHEN {Text(columns.Event)} = {syntax.Literal(censored)} THEN 0 ELSE 1 END";
        var composite = new SurvivalColumns(columns.Time, "cr_event", Group: "cr_label", Id: columns.Id);
        SurvivalCounts ReadComposite(SurvivalColumns which)
        {
            if (syntax.Dialect == SqlDialect.ClickHouse)
            {
                // The composite columns are written where the table is read, so that a Distributed table's shards aggregate.
                var computed = new Dictionary<string, (string, ColumnKind)>(StringComparer.Ordinal)
                {
                    ["cr_event"] = (status, ColumnKind.Integer),
                    ["cr_label"] = (label, ColumnKind.Text),
                };
                return ReadCore(connection, relation, which, syntax.Dialect, missing, missingValues, timeFix: true, computed, file: null, cancellationToken);
            }
            var wrapped = new SqlRelation(
                $"(SELECT survival_rows.*, {status} AS cr_event, {label} AS cr_label FROM (SELECT * FROM {relation.Sql}) survival_rows) AS survival_source",
                relation.Description);
            // The wrapped relation is no longer the file itself: its rows are numbered, not its lines.
            return ReadCore(connection, wrapped, which, syntax.Dialect, missing, missingValues, timeFix: true, computed: null,
                file is null ? null : file with { Csv = false }, cancellationToken);
        }
        var counts = ReadComposite(composite);
        var stratified = columns.Strata is null ? null : ReadComposite(composite with { Strata = columns.Strata });
        return CompetingRisksCounts.FromLabelledCounts(counts, stratified, censored, columns.Group is not null);
    }

    /// <summary>How each column in use can be read, from a query that returns no rows.</summary>
    private static Dictionary<string, ColumnKind> Kinds(DbConnection connection, SqlRelation relation, SurvivalColumns columns,
        IReadOnlyDictionary<string, (string Sql, ColumnKind Kind)>? computed = null, bool numbersMayBeText = false)
    {
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {relation.Sql} WHERE 1 = 0";
            using var reader = command.ExecuteReader();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                kinds[reader.GetName(i)] = KindOf(reader.GetFieldType(i));
                types[reader.GetName(i)] = reader.GetDataTypeName(i);
            }
        }
        catch (DbException ex)
        {
            throw new SurvivalInputException($"the database could not read the relation: {FirstLine(ex.Message)}", file: relation.Description, innerException: ex);
        }
        foreach (var (name, column) in computed ?? new Dictionary<string, (string Sql, ColumnKind Kind)>())
        {
            kinds[name] = column.Kind;
            types[name] = column.Kind.ToString();
        }
        foreach (var name in columns.Names)
            if (!kinds.ContainsKey(name))
                throw new SurvivalInputException($"unknown column; the columns are {string.Join(", ", kinds.Keys)}", file: relation.Description, column: name);
        foreach (var name in new[] { columns.Time, columns.Entry, columns.Weight }.OfType<string>())
            if (kinds[name] is not (ColumnKind.Numeric or ColumnKind.Integer) && !(numbersMayBeText && kinds[name] == ColumnKind.Text))
                throw new SurvivalInputException($"wrong type: the column is {types[name]}, and must be numeric (cast it in a query)", file: relation.Description, column: name);
        if (kinds[columns.Event] == ColumnKind.Other)
            throw new SurvivalInputException($"wrong type: the column is {types[columns.Event]}, and must be boolean, numeric or text", file: relation.Description, column: columns.Event);
        return kinds;
    }

    internal static ColumnKind KindOf(Type type)
    {
        if (type == typeof(bool)) return ColumnKind.Boolean;
        if (type == typeof(string) || type == typeof(char)) return ColumnKind.Text;
        if (type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
            || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
            || type == typeof(Int128) || type == typeof(UInt128) || type == typeof(System.Numerics.BigInteger))
            return ColumnKind.Integer;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(Half))
            return ColumnKind.Numeric;
        return ColumnKind.Other;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
