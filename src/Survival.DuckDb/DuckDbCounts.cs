using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Survival.Csv;

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
/// <see cref="SurvivalCounts.FromData"/>): bit for bit with whole-number weights, and within rounding (1e-12) with
/// fractional weights, whose sums DuckDB adds in its own order.</para>
/// <para>Validation happens in the same pass: each cell carries whether any of its rows was invalid (a missing, negative
/// or non-finite time; an event other than 0/1/true/false; a missing, negative or non-finite weight; an entry not
/// before its exit; a missing label). Only when one was, a second query finds the first offending row, and the
/// exception names the source, the row (the line, for CSV), the column and the value, as the CSV reader does.
/// Columns are checked by name and type first (time, entry and weight must be numeric, or text holding numbers).</para>
/// <para>Not checked here, unlike the row path: whether a delayed-entry interval collapses under R's near-tie rule
/// (<c>timefix</c>); the estimators still apply the rule to the counts.</para>
/// </remarks>
public static class DuckDbCounts
{
    /// <summary>Reads a <c>.parquet</c> or <c>.csv</c> file through DuckDB and reduces it to counts.</summary>
    /// <param name="path">The file (a <c>.parquet</c>, <c>.csv</c>, <c>.tsv</c> or <c>.txt</c> extension chooses the reader;
    /// DuckDB globs such as <c>data/*.parquet</c> are allowed for Parquet).</param>
    /// <param name="columns">The columns that hold the data.</param>
    /// <exception cref="SurvivalInputException">The file is missing or unreadable, a column is unknown or of the wrong
    /// type, or a value is invalid.</exception>
    public static SurvivalCounts Read(string path, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        bool glob = path.Contains('*') || path.Contains('?');
        if (!glob && !File.Exists(path)) throw new SurvivalInputException("the file does not exist", file: path);
        string relation = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".parquet" => $"read_parquet({Literal(path)})",
            ".csv" or ".txt" => $"read_csv({Literal(path)}, header = true)",
            ".tsv" => $"read_csv({Literal(path)}, header = true, delim = '\t')",
            _ => throw new SurvivalInputException("expected a .parquet or .csv file", file: path),
        };
        return FromRelation(relation, columns, path);
    }

    /// <summary>Reduces any DuckDB relation (a table function such as <c>read_parquet('s3://bucket/*.parquet')</c>, or a
    /// parenthesised query) to counts.</summary>
    /// <param name="relation">SQL for the relation, used as <c>FROM relation</c>.</param>
    /// <param name="columns">The columns that hold the data.</param>
    /// <param name="source">The name errors give as the file (default: the relation's SQL).</param>
    /// <exception cref="SurvivalInputException">The relation cannot be read, a column is unknown or of the wrong type, or
    /// a value is invalid.</exception>
    public static SurvivalCounts FromRelation(string relation, SurvivalColumns columns, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(relation);
        ArgumentNullException.ThrowIfNull(columns);
        source ??= relation;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var plan = Plan(connection, relation, columns, source);
        var sql = plan.Sql(withValidity: true);

        var time = new List<double>();
        var events = new List<double>();
        var censored = new List<double>();
        var entered = new List<double>();
        var subjects = new List<double>();
        var groups = new List<string>();
        var strata = new List<string>();
        bool invalid = false;
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                // Row checks (event, weight, entry) come aggregated per cell; the checks on the cell's keys (time, labels)
                // are made here, once per cell instead of once per row.
                string? stratum = reader.IsDBNull(0) ? null : reader.GetString(0).Trim();
                string? label = reader.IsDBNull(1) ? null : reader.GetString(1).Trim();
                double t = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
                double exits = reader.GetDouble(6);
                if (reader.GetBoolean(7) || !double.IsFinite(t) || (t < 0 && exits > 0)
                    || (columns.Group is not null && string.IsNullOrEmpty(label)) || (columns.Strata is not null && string.IsNullOrEmpty(stratum)))
                {
                    invalid = true;
                    break;
                }
                strata.Add(stratum ?? "");
                groups.Add(label ?? "");
                time.Add(t);
                events.Add(reader.GetDouble(3));
                censored.Add(reader.GetDouble(4));
                entered.Add(reader.GetDouble(5));
                subjects.Add(reader.GetDouble(6));
            }
        }
        catch (DuckDBException ex)
        {
            throw new SurvivalInputException($"DuckDB could not read the data: {FirstLine(ex.Message)}", file: source, innerException: ex);
        }
        if (invalid) throw plan.FirstInvalidRow(connection);
        if (time.Count == 0) throw new SurvivalInputException("there are no rows: at least one is needed", file: source);
        return SurvivalCounts.Create(
            time.ToArray(), events.ToArray(), censored.ToArray(),
            columns.Entry is null ? null : entered.ToArray(),
            columns.Group is null ? null : Factor.FromLabels(groups, name: columns.Group),
            columns.Strata is null ? null : Factor.FromLabels(strata, name: columns.Strata),
            subjects.ToArray());
    }

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
        return new ReductionPlan(relation, columns, "", new Dictionary<string, string>(StringComparer.Ordinal)).Sql(withValidity: false);
    }

    private static ReductionPlan Plan(DuckDBConnection connection, string relation, SurvivalColumns columns, string source)
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
        return new ReductionPlan(relation, columns, source, types);
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>The SQL of one reduction, built for the column types found.</summary>
    private sealed class ReductionPlan(string relation, SurvivalColumns columns, string source, IReadOnlyDictionary<string, string> types)
    {
        public static bool IsNumeric(string type) => type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT"
            or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "FLOAT" or "DOUBLE" || type.StartsWith("DECIMAL", StringComparison.Ordinal);

        public static bool IsText(string type) => type == "VARCHAR";

        private string Type(string column) => types.TryGetValue(column, out var t) ? t : "DOUBLE";

        private string Number(string column)
            => IsText(Type(column)) ? $"TRY_CAST(trim({Identifier(column)}) AS DOUBLE)" : $"CAST({Identifier(column)} AS DOUBLE)";

        private string Event()
        {
            string c = Identifier(columns.Event);
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
            $"SELECT {extra}{Number(columns.Time)} AS t, {Event()} AS e, " +
            $"{(columns.Entry is null ? "CAST(NULL AS DOUBLE)" : Number(columns.Entry))} AS s, " +
            $"{(columns.Weight is null ? "1.0" : Number(columns.Weight))} AS w, " +
            $"{Label(columns.Group)} AS g, {Label(columns.Strata)} AS k FROM {relation}";

        /// <summary>The conditions under which a row is invalid, with the column each one is about and the reason.</summary>
        private IEnumerable<(string Condition, string Column, string Reason)> Checks()
        {
            yield return ("t IS NULL", columns.Time, "the value is blank or not a number");
            yield return ("(isnan(t) OR isinf(t))", columns.Time, "not a finite number");
            yield return ("t < 0", columns.Time, "an exit time must be ≥ 0");
            yield return ("e IS NULL", columns.Event, "an event must be 0/1 or true/false");
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

        /// <summary>The event as an integer for the fast path: the raw value for integer columns (checked per cell by
        /// COUNT/MIN/MAX), otherwise 1/0/NULL.</summary>
        private string EventCode()
        {
            string type = Type(columns.Event);
            bool integer = type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT";
            return integer ? Identifier(columns.Event) : $"CAST({Event()} AS INTEGER)";
        }

        public string Sql(bool withValidity)
        {
            var sql = new StringBuilder();
            if (columns.Entry is null)
            {
                // One GROUP BY over the rows; the event and weight checks are aggregates of the cell.
                string w = columns.Weight is null ? null! : Number(columns.Weight);
                sql.Append("WITH src AS (SELECT ").Append(Number(columns.Time)).Append(" AS t, ").Append(EventCode()).Append(" AS ev, ")
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
                    sql.Append(", (COUNT(ev) < COUNT(*) OR MIN(ev) < 0 OR MAX(ev) > 1");
                    if (columns.Weight is not null) sql.Append(" OR COUNT(w) < COUNT(*) OR MIN(w) < 0 OR isnan(MAX(w)) OR isinf(MAX(w))");
                    sql.Append(") IS NOT FALSE AS invalid");
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
            sql.Append(withValidity ? $", {bad} AS bad" : "").Append(" FROM src\n");
            sql.Append("  UNION ALL\n  SELECT k, g, s AS time, 0.0, 0.0, w, 0").Append(withValidity ? ", false" : "").Append(" FROM src\n");
            sql.Append(")\n");
            sql.Append("SELECT k AS stratum, g AS grp, time, SUM(d)::DOUBLE AS events, SUM(c)::DOUBLE AS censored, SUM(n_in)::DOUBLE AS entered, SUM(subj)::DOUBLE AS subjects");
            sql.Append(withValidity ? ", bool_or(bad) AS invalid" : "");
            sql.Append("\nFROM items GROUP BY k, g, time");
            return sql.ToString();
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
               .Append(") x) WHERE (").Append(string.Join(" OR ", checks.Select(c => c.Condition))).Append(") IS NOT FALSE ORDER BY rn LIMIT 1");
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
