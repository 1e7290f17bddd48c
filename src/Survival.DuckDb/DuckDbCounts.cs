using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Survival.DuckDb;

/// <summary>
/// Reduces Parquet files, CSV files or any DuckDB relation to per-time counts inside DuckDB and hands them to the core
/// (<see cref="SurvivalCounts"/>): Kaplan–Meier, Nelson–Aalen and the log-rank family then run on the counts, and the
/// rows never enter .NET memory.
/// </summary>
/// <remarks>
/// <para>The reduction is one <c>GROUP BY stratum, group, time</c> over the exits (weighted events and censorings, and the
/// unweighted number of subjects) and, with delayed entry, the entries at their entry times (<c>UNION ALL</c>);
/// <see cref="ReductionSql"/> shows it. Results equal the row-level path (<c>SurvivalCsv.Read</c> →
/// <see cref="SurvivalCounts.FromData(SurvivalData)"/>): bit for bit with whole-number weights, and within rounding (1e-12) with
/// fractional weights, whose sums DuckDB adds in its own order.</para>
/// <para>Validation happens in the same pass: each cell carries whether any of its rows was invalid (a missing, negative
/// or non-finite time; an event other than 0/1/true/false; a missing, negative or non-finite weight; an entry not
/// before its exit; a missing label). Only when one was, a second query finds the first offending row, and the
/// exception names the source, the row (the line, for CSV), the column and the value, as the CSV reader does.
/// Columns are checked by name and type first (time, entry and weight must be numeric, or text holding numbers).</para>
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
        source ??= relation;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var plan = Plan(connection, relation, columns, source, missingValues ?? DefaultMissingValues);
        var time = new List<double>();
        var events = new List<double>();
        var censored = new List<double>();
        var entered = new List<double>();
        var subjects = new List<double>();
        var groups = new List<string>();
        var strata = new List<string>();
        double omitted = 0, eventMin = double.PositiveInfinity, eventMax = double.NegativeInfinity;
        var markers = new HashSet<string>(missingValues ?? DefaultMissingValues, StringComparer.Ordinal);

        // One pass: the cells, or false when a cell is invalid (or, in the plain pass, may hold a missing value).
        bool Reduce(bool handleMissing)
        {
            time.Clear(); events.Clear(); censored.Clear(); entered.Clear(); subjects.Clear(); groups.Clear(); strata.Clear();
            omitted = 0;
            eventMin = double.PositiveInfinity;
            eventMax = double.NegativeInfinity;
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = plan.Sql(withValidity: true, handleMissing);
                // DuckDB interrupts the running query on Cancel; the error it then raises is reported as the cancellation.
                using var registration = cancellationToken.Register(() => { try { command.Cancel(); } catch (Exception e) when (e is DuckDBException or InvalidOperationException) { } });
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    // Row checks (event, weight, entry) come aggregated per cell; the checks on the cell's keys (time,
                    // labels) are made here, once per cell instead of once per row.
                    string? stratum = reader.IsDBNull(0) ? null : reader.GetString(0).Trim();
                    string? label = reader.IsDBNull(1) ? null : reader.GetString(1).Trim();
                    double t = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
                    double exits = reader.GetDouble(6);
                    if (handleMissing && reader.IsDBNull(2))
                    {
                        // Rows with a missing value have no time key: the cell counts them; any other row there has a
                        // time that is not a number, which is invalid.
                        double missingRows = reader.GetDouble(8);
                        if (exits > missingRows) return false;
                        omitted += missingRows;
                        continue;
                    }
                    if (reader.GetBoolean(7) || !double.IsFinite(t) || (t < 0 && exits > 0)
                        || (columns.Group is not null && string.IsNullOrEmpty(label)) || (columns.Strata is not null && string.IsNullOrEmpty(stratum)))
                        return false;
                    // A label that is a missing-value marker: only the missing-aware pass may leave those rows out.
                    if (!handleMissing && ((columns.Group is not null && markers.Contains(label!)) || (columns.Strata is not null && markers.Contains(stratum!))))
                        return false;
                    if (reader.FieldCount > 10)
                    {
                        eventMin = Math.Min(eventMin, reader.GetDouble(9));
                        eventMax = Math.Max(eventMax, reader.GetDouble(10));
                    }
                    strata.Add(stratum ?? "");
                    groups.Add(label ?? "");
                    time.Add(t);
                    events.Add(reader.GetDouble(3));
                    censored.Add(reader.GetDouble(4));
                    entered.Add(reader.GetDouble(5));
                    subjects.Add(reader.GetDouble(6));
                }
                // The status's coding and range (the no-entry reduction returns each cell's minimum and maximum): R's rule,
                // 1/2 when the largest value is 2; then every value must be 1 or 2, else 0 or 1.
                if (!double.IsInfinity(eventMax))
                {
                    bool raw = ReductionPlan.IsInteger(plan.EventType);
                    if (raw) plan.OneTwo = eventMax == 2;
                    double low = raw && plan.OneTwo ? 1 : 0, high = raw && plan.OneTwo ? 2 : 1;
                    if (eventMin < low || eventMax > high) return false;
                    if (raw && plan.OneTwo)
                    {
                        // Reduced raw: with ev = status + 1, Σw·ev − Σw is the events and Σw·(2 − ev) the censorings.
                        for (int c = 0; c < events.Count; c++)
                            (events[c], censored[c]) = (-censored[c], events[c] + 2 * censored[c]);
                    }
                }
                return true;
            }
            catch (DuckDBException ex) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("the reduction was cancelled", ex, cancellationToken);
            }
            catch (DuckDBException ex)
            {
                throw new SurvivalInputException($"DuckDB could not read the data: {FirstLine(ex.Message)}", file: source, innerException: ex);
            }
        }

        // The plain reduction is as fast as before missing values were handled: a missing value shows in it as an invalid
        // cell (a NULL, or a marker in a text column of numbers, fails the numeric checks) or as a group or stratum whose
        // label is a marker; only then the missing-aware pass runs.
        bool invalid = !Reduce(handleMissing: false) && !Reduce(handleMissing: true);
        cancellationToken.ThrowIfCancellationRequested();
        if (invalid) throw plan.FirstInvalidRow(connection);
        if (omitted > 0 && missing == MissingValuePolicy.Fail) throw plan.FirstMissingValue(connection);
        if (timeFix && columns.Entry is not null) plan.CheckCollapsedIntervals(connection, time);
        if (time.Count == 0)
            throw new SurvivalInputException(omitted > 0 ? $"every row has a missing value ({omitted} omitted): no row is left" : "there are no rows: at least one is needed", file: source);
        var counts = SurvivalCounts.Create(
            time.ToArray(), events.ToArray(), censored.ToArray(),
            columns.Entry is null ? null : entered.ToArray(),
            columns.Group is null ? null : Factor.FromLabels(groups, name: columns.Group),
            columns.Strata is null ? null : Factor.FromLabels(strata, name: columns.Strata),
            subjects.ToArray());
        return omitted == 0 ? counts : counts.WithOmitted(OmittedRows.Of((int)omitted, plan.MissingPositions(connection)));
    }

    /// <summary>R's missing-value markers: <c>NA</c> and the empty field.</summary>
    private static readonly string[] DefaultMissingValues = ["NA", ""];

    /// <summary>The reduction as SQL, runnable as it is in DuckDB (and, with the relation replaced by a table name, in
    /// Spark SQL or any warehouse): one row per (stratum, group, time) with the weighted events, censorings and
    /// entries and the number of subjects. Column types are not checked here (the time, entry and weight columns are
    /// cast to DOUBLE; the event column must be boolean or 0/1).</summary>
    /// <param name="relation">The relation (<c>FROM relation</c>).</param>
    /// <param name="columns">The columns that hold the data.</param>
    public static string ReductionSql(string relation, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        return new ReductionPlan(relation, columns, "", new Dictionary<string, string>(StringComparer.Ordinal), DefaultMissingValues).Sql(withValidity: false);
    }

    private static ReductionPlan Plan(DuckDBConnection connection, string relation, SurvivalColumns columns, string source, IReadOnlyList<string> missingValues)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DESCRIBE SELECT * FROM {relation}";
            using var reader = command.ExecuteReader();
            while (reader.Read()) types[reader.GetString(0)] = reader.GetString(1);
        }
        catch (DuckDBException ex)
        {
            throw new SurvivalInputException($"DuckDB could not read the data: {FirstLine(ex.Message)}", file: source, innerException: ex);
        }
        foreach (var name in columns.Names)
            if (!types.ContainsKey(name))
                throw new SurvivalInputException($"unknown column; the columns are {string.Join(", ", types.Keys)}", file: source, column: name);
        foreach (var name in new[] { columns.Time, columns.Entry, columns.Weight }.OfType<string>())
            if (!ReductionPlan.IsNumeric(types[name]) && !ReductionPlan.IsText(types[name]))
                throw new SurvivalInputException($"wrong type: a number is needed, the column is {types[name]}", file: source, column: name);
        if (!ReductionPlan.IsNumeric(types[columns.Event]) && !ReductionPlan.IsText(types[columns.Event]) && types[columns.Event] != "BOOLEAN")
            throw new SurvivalInputException($"wrong type: an event must be 0/1 or true/false, the column is {types[columns.Event]}", file: source, column: columns.Event);
        // An integer status without delayed entry is reduced raw and its coding (0/1 or R's 1/2) read from the cells' minima
        // and maxima after the pass; otherwise one aggregate decides the coding first.
        bool decideAfter = columns.Entry is null && ReductionPlan.IsInteger(types[columns.Event]);
        return new ReductionPlan(relation, columns, source, types, missingValues)
        {
            OneTwo = !decideAfter && IsCodedOneTwo(connection, relation, columns.Event, types[columns.Event], source),
        };
    }

    /// <summary>Whether a numeric (or numbers-as-text) status is coded 1/2 (1 = censored, 2 = event): R's <c>Surv()</c>
    /// rule, a status whose largest value is 2. One aggregate over the column (Parquet answers it from its statistics).</summary>
    private static bool IsCodedOneTwo(DuckDBConnection connection, string relation, string column, string type, string source)
    {
        if (type == "BOOLEAN") return false;
        string value = ReductionPlan.IsText(type) ? $"TRY_CAST(trim({Identifier(column)}) AS DOUBLE)" : $"CAST({Identifier(column)} AS DOUBLE)";
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT max({value}) FROM {relation}";
            return command.ExecuteScalar() is double max && max == 2;
        }
        catch (DuckDBException ex)
        {
            throw new SurvivalInputException($"DuckDB could not read the data: {FirstLine(ex.Message)}", file: source, innerException: ex);
        }
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>The SQL of one reduction, built for the column types found.</summary>
    private sealed class ReductionPlan(string relation, SurvivalColumns columns, string source, IReadOnlyDictionary<string, string> types,
        IReadOnlyList<string> missingValues)
    {
        /// <summary>Whether the status is coded 1/2 (R's rule: its largest value is 2). Decided before the reduction, or,
        /// for a raw integer status, after it from the cells (<see cref="IsInteger"/>); the SQL of the reduction itself
        /// reads the integer raw either way.</summary>
        public bool OneTwo { get; set; }

        public static bool IsInteger(string type) => type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT"
            or "USMALLINT" or "UINTEGER" or "UBIGINT";

        /// <summary>Whether a row has a missing value in a column in use: SQL NULL, or a marker in a text column.</summary>
        private string MissingCondition()
        {
            string markers = missingValues.Count == 0 ? "" : string.Join(", ", missingValues.Select(Literal));
            return "(" + string.Join(" OR ", columns.Names.Select(c => MissingCondition(c, markers))) + ")";
        }

        private string MissingCondition(string column, string markers)
            => IsText(Type(column)) && markers.Length > 0
                ? $"({Identifier(column)} IS NULL OR trim({Identifier(column)}) IN ({markers}))"
                : $"{Identifier(column)} IS NULL";
        public static bool IsNumeric(string type) => type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT"
            or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "FLOAT" or "DOUBLE" || type.StartsWith("DECIMAL", StringComparison.Ordinal);

        public static bool IsText(string type) => type == "VARCHAR";

        private string Type(string column) => types.TryGetValue(column, out var t) ? t : "DOUBLE";

        private string Number(string column)
            => IsText(Type(column)) ? $"TRY_CAST(trim({Identifier(column)}) AS DOUBLE)" : $"CAST({Identifier(column)} AS DOUBLE)";

        private string Event()
        {
            string c = Identifier(columns.Event);
            if (OneTwo)
                return IsText(Type(columns.Event))
                    ? $"CASE WHEN trim({c}) = '2' THEN true WHEN trim({c}) = '1' THEN false END"
                    : $"CASE WHEN {c} = 2 THEN true WHEN {c} = 1 THEN false END";
            return Type(columns.Event) switch
            {
                "BOOLEAN" => c,
                var t when IsText(t) => $"CASE WHEN lower(trim({c})) IN ('1', 'true') THEN true WHEN lower(trim({c})) IN ('0', 'false') THEN false END",
                _ => $"CASE WHEN {c} = 1 THEN true WHEN {c} = 0 THEN false END",
            };
        }

        private static string Label(string? column) => column is null ? "CAST(NULL AS VARCHAR)" : $"CAST({Identifier(column)} AS VARCHAR)";

        /// <summary>The typed source: t, e, s (entry), w, g, k, and <paramref name="extra"/> projections.</summary>
        private string Source(string extra = "") =>
            $"SELECT {extra}{MissingCondition()} AS m, {Number(columns.Time)} AS t, {Event()} AS e, " +
            $"{(columns.Entry is null ? "CAST(NULL AS DOUBLE)" : Number(columns.Entry))} AS s, " +
            $"{(columns.Weight is null ? "1.0" : Number(columns.Weight))} AS w, " +
            $"{Label(columns.Group)} AS g, {Label(columns.Strata)} AS k FROM {relation}";

        /// <summary>The conditions under which a row is invalid, with the column each one is about and the reason.</summary>
        private IEnumerable<(string Condition, string Column, string Reason)> Checks()
        {
            yield return ("t IS NULL", columns.Time, "the value is blank or not a number");
            yield return ("(isnan(t) OR isinf(t))", columns.Time, "not a finite number");
            yield return ("t < 0", columns.Time, "an exit time must be ≥ 0");
            yield return ("e IS NULL", columns.Event, OneTwo
                ? "the status is coded 1/2 (1 = censored, 2 = event: its largest value is 2, as R's Surv() reads it), so every value must be 1 or 2"
                : "an event must be 0/1, true/false or 1/2 (1 = censored, 2 = event, as R's Surv() reads a status whose largest value is 2)");
            if (columns.Weight is not null)
            {
                yield return ("w IS NULL", columns.Weight, "the value is blank or not a number");
                yield return ("(isnan(w) OR isinf(w))", columns.Weight, "not a finite number");
                yield return ("w < 0", columns.Weight, "a weight must be ≥ 0");
            }
            if (columns.Entry is not null)
            {
                yield return ("s IS NULL", columns.Entry, "the value is blank or not a number");
                yield return ("(isnan(s) OR isinf(s))", columns.Entry, "not a finite number");
                yield return ("s >= t", columns.Entry, "entry time must be before the exit time");
            }
            if (columns.Group is not null) yield return ("(g IS NULL OR trim(g) = '')", columns.Group, "the label is blank");
            if (columns.Strata is not null) yield return ("(k IS NULL OR trim(k) = '')", columns.Strata, "the label is blank");
        }

        /// <summary>The checks that need the row (event, weight, entry); those on time and labels are made per cell.</summary>
        private IEnumerable<string> RowChecks()
            => Checks().Where(c => c.Column != columns.Time && c.Column != columns.Group && c.Column != columns.Strata).Select(c => c.Condition);

        /// <summary>The event as an integer for the fast path: the raw value for integer columns (minus 1 under the 1/2
        /// coding; checked per cell by COUNT/MIN/MAX), otherwise 1/0/NULL.</summary>
        private string EventCode()
        {
            string type = Type(columns.Event);
            if (IsInteger(type)) return Identifier(columns.Event);
            return $"CAST({Event()} AS INTEGER)";
        }

        /// <summary>The reduction. With <paramref name="handleMissing"/>, rows with a missing value are kept out of the
        /// cells and counted (a key of their own, an extra aggregate): slower, so it runs only when the plain pass found a
        /// cell that may hold one, or when text columns need their markers checked.</summary>
        public string Sql(bool withValidity, bool handleMissing = false)
        {
            var sql = new StringBuilder();
            if (columns.Entry is null)
            {
                // One GROUP BY over the rows; the event and weight checks are aggregates of the cell.
                string w = columns.Weight is null ? null! : Number(columns.Weight);
                // With missing values handled, a row with one gets no time key: such rows gather in cells of their own,
                // counted and left out.
                sql.Append("WITH src AS (SELECT ");
                if (handleMissing)
                    sql.Append(MissingCondition()).Append(" AS m, CASE WHEN ").Append(MissingCondition()).Append(" THEN NULL ELSE ").Append(Number(columns.Time)).Append(" END AS t, ");
                else
                    sql.Append(Number(columns.Time)).Append(" AS t, ");
                sql.Append(EventCode()).Append(" AS ev, ")
                   .Append(columns.Weight is null ? "" : w + " AS w, ")
                   .Append(Label(columns.Group)).Append(" AS g, ").Append(Label(columns.Strata)).Append(" AS k FROM ").Append(relation).Append(")\n");
                // Group only by the keys in use: every key costs DuckDB a hash column.
                string keys = string.Join(", ", new[] { columns.Strata is null ? null : "k", columns.Group is null ? null : "g", "t" }.OfType<string>());
                sql.Append("SELECT ").Append(columns.Strata is null ? "NULL::VARCHAR" : "k").Append(" AS stratum, ")
                   .Append(columns.Group is null ? "NULL::VARCHAR" : "g").Append(" AS grp, t AS time, ");
                if (columns.Weight is null)
                    sql.Append("SUM(ev)::DOUBLE AS events, (COUNT(*) - SUM(ev))::DOUBLE AS censored, ");
                else
                    sql.Append("SUM(w * ev)::DOUBLE AS events, SUM(w * (1 - ev))::DOUBLE AS censored, ");
                sql.Append("0.0::DOUBLE AS entered, COUNT(*)::DOUBLE AS subjects");
                if (withValidity)
                {
                    // The status's range is checked after the pass (ev_min, ev_max), once the coding is known.
                    sql.Append(", (COUNT(ev) < COUNT(*)");
                    if (columns.Weight is not null) sql.Append(" OR COUNT(w) < COUNT(*) OR MIN(w) < 0 OR isnan(MAX(w)) OR isinf(MAX(w))");
                    sql.Append(") IS NOT FALSE AS invalid, ").Append(handleMissing ? "COUNT(*) FILTER (WHERE m)::DOUBLE" : "0.0::DOUBLE").Append(" AS omitted");
                    sql.Append(", MIN(ev)::DOUBLE AS ev_min, MAX(ev)::DOUBLE AS ev_max");
                }
                sql.Append("\nFROM src GROUP BY ").Append(keys);
                return sql.ToString();
            }

            // Delayed entry: exits and entries as items (UNION ALL), checks per row.
            var rowChecks = RowChecks().ToArray();
            string bad = rowChecks.Length == 0 ? "false" : "(" + string.Join(" OR ", rowChecks) + ") IS NOT FALSE";
            sql.Append("WITH src AS (").Append(Source()).Append("),\n");
            sql.Append("items AS (\n");
            sql.Append("  SELECT k, g, t AS time, CASE WHEN e THEN w ELSE 0 END AS d, CASE WHEN e THEN 0 ELSE w END AS c, 0.0 AS n_in, 1 AS subj");
            string kept = handleMissing ? " FROM src WHERE NOT m\n" : " FROM src\n";
            sql.Append(withValidity ? $", {bad} AS bad, 0 AS om" : "").Append(kept);
            sql.Append("  UNION ALL\n  SELECT k, g, s AS time, 0.0, 0.0, w, 0").Append(withValidity ? ", false, 0" : "").Append(kept);
            if (withValidity && handleMissing)
                sql.Append("  UNION ALL\n  SELECT NULL, NULL, NULL, 0.0, 0.0, 0.0, 1, false, 1 FROM src WHERE m\n");
            sql.Append(")\n");
            sql.Append("SELECT k AS stratum, g AS grp, time, SUM(d)::DOUBLE AS events, SUM(c)::DOUBLE AS censored, SUM(n_in)::DOUBLE AS entered, SUM(subj)::DOUBLE AS subjects");
            sql.Append(withValidity ? ", bool_or(bad) AS invalid, SUM(om)::DOUBLE AS omitted" : "");
            sql.Append("\nFROM items GROUP BY k, g, time");
            return sql.ToString();
        }

        private bool IsCsv => relation.StartsWith("read_csv", StringComparison.Ordinal);

        /// <summary>The status column's DuckDB type.</summary>
        public string EventType => Type(columns.Event);


        /// <summary>
        /// R's near-tie rule on the rows (<see cref="TimeFix"/>): when the distinct times (entries and exits, from the cells)
        /// have near ties, the only rows whose interval can collapse are those no longer than the widest tied cluster; they
        /// are fetched (few) and checked against the clusters here, and the first one is an error naming its row.
        /// </summary>
        public void CheckCollapsedIntervals(DuckDBConnection connection, IReadOnlyList<double> cellTimes)
        {
            var distinct = cellTimes.Distinct().Order().ToArray();
            if (TimeFix.Cuts(distinct) is not { } cuts) return;
            double widest = 0;
            foreach (double t in distinct) widest = Math.Max(widest, t - TimeFix.Map(cuts, t));
            SingleThread(connection);
            using var command = connection.CreateCommand();
            string span = widest.ToString("R", CultureInfo.InvariantCulture);
            command.CommandText = $"SELECT rn, s, t, raw_entry FROM (SELECT row_number() OVER () AS rn, x.* FROM ({Source($"CAST({Identifier(columns.Entry!)} AS VARCHAR) AS raw_entry, ")}) x) " +
                                  $"WHERE NOT m AND t - s <= {span} ORDER BY rn";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                double entry = reader.GetDouble(1), exit = reader.GetDouble(2);
                if (TimeFix.Map(cuts, entry) != TimeFix.Map(cuts, exit)) continue;
                long row = reader.GetInt64(0);
                string reason = $"the interval ({entry.ToString("R", CultureInfo.InvariantCulture)}, {exit.ToString("R", CultureInfo.InvariantCulture)}] has length zero after R's near-tie rule (timefix); pass timeFix: false (and TimeFix = false to the estimators) to keep it";
                throw IsCsv
                    ? new SurvivalInputException(reason, file: source, line: row + 1, column: columns.Entry, value: reader.GetString(3))
                    : new SurvivalInputException(reason, file: source, column: columns.Entry, value: reader.GetString(3), row: row);
            }
        }

        /// <summary>The positions of the first rows left out for a missing value (file lines for CSV, 1-based rows otherwise).</summary>
        public IReadOnlyList<long> MissingPositions(DuckDBConnection connection)
        {
            SingleThread(connection);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT rn FROM (SELECT row_number() OVER () AS rn, m FROM ({Source()})) WHERE m ORDER BY rn LIMIT {OmittedRows.MaxPositions}";
            using var reader = command.ExecuteReader();
            var positions = new List<long>();
            while (reader.Read()) positions.Add(reader.GetInt64(0) + (IsCsv ? 1 : 0));
            return positions;
        }

        /// <summary>The error for the first missing value (<see cref="MissingValuePolicy.Fail"/>), naming the row and column.</summary>
        public SurvivalInputException FirstMissingValue(DuckDBConnection connection)
        {
            string markers = missingValues.Count == 0 ? "" : string.Join(", ", missingValues.Select(Literal));
            var names = columns.Names.ToArray();
            var sql = new StringBuilder("SELECT rn");
            foreach (var c in names) sql.Append(", ").Append(MissingCondition(c, markers)).Append(", CAST(").Append(Identifier(c)).Append(" AS VARCHAR)");
            sql.Append(" FROM (SELECT row_number() OVER () AS rn, * FROM ").Append(relation).Append(") WHERE ").Append(MissingCondition()).Append(" ORDER BY rn LIMIT 1");
            SingleThread(connection);
            using var command = connection.CreateCommand();
            command.CommandText = sql.ToString();
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return new SurvivalInputException("the data have a missing value (it could not be located)", file: source);
            long row = reader.GetInt64(0);
            int i = Enumerable.Range(0, names.Length).First(k => reader.GetBoolean(1 + 2 * k));
            string value = reader.IsDBNull(2 + 2 * i) ? "NULL" : reader.GetString(2 + 2 * i);
            const string reason = "the value is missing, and missing values are not allowed (--missing fail)";
            return IsCsv
                ? new SurvivalInputException(reason, file: source, line: row + 1, column: names[i], value: value)
                : new SurvivalInputException(reason, file: source, column: names[i], value: value, row: row);
        }

        private static void SingleThread(DuckDBConnection connection)
        {
            using var threads = connection.CreateCommand();
            threads.CommandText = "SET threads = 1";
            threads.ExecuteNonQuery();
        }

        /// <summary>Finds the first invalid row (in file order, one thread) and describes it.</summary>
        public SurvivalInputException FirstInvalidRow(DuckDBConnection connection)
        {
            var checks = Checks().ToArray();
            var raw = new[] { columns.Time, columns.Event, columns.Entry, columns.Weight, columns.Group, columns.Strata }.OfType<string>().Distinct().ToArray();
            var sql = new StringBuilder("SELECT rn");
            foreach (var c in checks) sql.Append(", (").Append(c.Condition).Append(") IS NOT FALSE");
            for (int r = 0; r < raw.Length; r++) sql.Append(", raw").Append(r.ToString(CultureInfo.InvariantCulture));
            string extra = string.Concat(raw.Select((r, i) => $"CAST({Identifier(r)} AS VARCHAR) AS raw{i.ToString(CultureInfo.InvariantCulture)}, "));
            sql.Append(" FROM (SELECT row_number() OVER () AS rn, x.* FROM (").Append(Source(extra))
               .Append(") x) WHERE NOT m AND (").Append(string.Join(" OR ", checks.Select(c => c.Condition))).Append(") IS NOT FALSE ORDER BY rn LIMIT 1");
            using (var threads = connection.CreateCommand())
            {
                threads.CommandText = "SET threads = 1";
                threads.ExecuteNonQuery();
            }
            using var command = connection.CreateCommand();
            command.CommandText = sql.ToString();
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return new SurvivalInputException("the data have an invalid value (it could not be located)", file: source);
            long row = reader.GetInt64(0);
            int failed = Enumerable.Range(0, checks.Length).First(i => reader.GetBoolean(1 + i));
            var check = checks[failed];
            int rawIndex = Array.IndexOf(raw, check.Column);
            string? value = reader.IsDBNull(1 + checks.Length + rawIndex) ? "" : reader.GetString(1 + checks.Length + rawIndex);
            bool csv = relation.StartsWith("read_csv", StringComparison.Ordinal);
            return csv
                ? new SurvivalInputException(check.Reason, file: source, line: row + 1, column: check.Column, value: value)
                : new SurvivalInputException(check.Reason, file: source, column: check.Column, value: value, row: row);
        }
    }
}
