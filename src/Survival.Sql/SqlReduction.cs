using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Survival.Sql;

/// <summary>A relation that reads a file (DuckDB's <c>read_csv</c>/<c>read_parquet</c>): its number columns may hold text,
/// and with <paramref name="Csv"/> rows are named by their line in the file.</summary>
internal sealed record SourceFile(bool Csv);

/// <summary>How a column's values can be used, from the .NET type the provider maps it to.</summary>
internal enum ColumnKind
{
    /// <summary>A whole-number type: the status is summed as it is.</summary>
    Integer,
    Numeric,
    Boolean,
    Text,
    Other,
}

/// <summary>
/// The reduction of one relation in one dialect: the SQL of the single validating pass, and the follow-up queries that
/// run only when that pass found something to report (the first invalid row, the rows left out for a missing value, the
/// delayed-entry intervals R's near-tie rule collapses).
/// </summary>
/// <remarks>
/// <para>Every row becomes <c>t</c>, <c>e</c> (the status: the column itself when it holds whole numbers, else coded 0, 1,
/// 2 or −1 for anything else), <c>s</c> (entry), <c>w</c> (weight), <c>g</c> and <c>k</c> (the labels as text, trimmed in
/// .NET per cell, not per row). The exits are grouped by (k, g, t) with, per cell, Σw·e, Σw, the number of rows and of
/// non-missing statuses, weights and entries, the least and largest status and the least weight: R's status rule (1/2
/// when the largest value is 2), the missing values and every check on time, status, weight and labels are then decided
/// per cell in .NET. Only delayed entry needs a row-level check (entry before exit), aggregated as <c>MAX</c>; its second
/// <c>GROUP BY</c> adds the entries (kind 2). The plain pass is as fast as the engine's own <c>GROUP BY</c>; when it shows
/// a missing value, a second pass marks each row with <c>m</c> (1 when a value in use is missing: <c>NULL</c>, or a marker
/// in a text column) and groups by it too, so that the rows left out are counted (kind 1).</para>
/// </remarks>
internal sealed class SqlReduction
{
    /// <summary>The output columns of <see cref="Sql"/>, in order.</summary>
    internal static readonly string[] OutputColumns =
        ["kind", "stratum", "grp", "time", "subjects", "status_count", "weight_count", "entry_count", "weighted_status", "weight_sum",
         "status_min", "status_max", "weight_min", "entered", "invalid"];

    private readonly SqlSyntax _sql;
    private readonly SqlRelation _relation;
    private readonly SurvivalColumns _columns;
    private readonly IReadOnlyDictionary<string, ColumnKind> _kinds;
    private readonly IReadOnlyList<string> _markers;
    private readonly IReadOnlyDictionary<string, string>? _computed;
    private readonly SourceFile? _file;

    /// <param name="dialect">The dialect to write.</param>
    /// <param name="relation">The table or query.</param>
    /// <param name="columns">The columns in use.</param>
    /// <param name="kinds">How each column reads.</param>
    /// <param name="markers">Texts meaning missing.</param>
    /// <param name="computed">Columns that are expressions over the relation rather than its columns (the competing-risks
    /// composite label on ClickHouse, where wrapping the table in a subquery would ship every row to one server).</param>
    /// <param name="file">When the relation reads a file (DuckDB over CSV or Parquet): numbers may be held as text, and a
    /// CSV row is named by its line.</param>
    public SqlReduction(SqlDialect dialect, SqlRelation relation, SurvivalColumns columns, IReadOnlyDictionary<string, ColumnKind> kinds,
        IReadOnlyList<string> markers, IReadOnlyDictionary<string, string>? computed = null, SourceFile? file = null)
    {
        _file = file;
        _sql = new SqlSyntax(dialect);
        _relation = relation;
        _columns = columns;
        _kinds = kinds;
        _markers = markers;
        _computed = computed;
    }

    /// <summary>Whether the status column is coded 1/2 (R: its largest value is 2); known after the pass.</summary>
    public bool OneTwo { get; set; }

    private string Id(string column) => _computed is not null && _computed.TryGetValue(column, out var expression) ? $"({expression})" : _sql.Identifier(column);

    /// <summary>The reduction's own name for a row value (see <see cref="SqlSyntax.Own"/>).</summary>
    private string R(string name) => _sql.Own(name);

    private ColumnKind Kind(string column) => _kinds.TryGetValue(column, out var kind) ? kind : ColumnKind.Numeric;

    /// <summary>The condition that a column's value is missing: NULL, or (text) one of the markers.</summary>
    private string Missing(string column)
    {
        string x = Id(column);
        if (Kind(column) != ColumnKind.Text || _markers.Count == 0) return $"{x} IS NULL";
        return $"({x} IS NULL OR {_sql.Trim(x)} IN ({string.Join(", ", _markers.Select(_sql.Literal))}))";
    }

    private string AnyMissing() => string.Join(" OR ", _columns.Names.Where(c => c != _columns.Id).Select(Missing));

    /// <summary>A column as a double; from a file, text holding numbers is parsed (anything else becomes NULL, which the
    /// checks report as "not a number" unless it is a missing-value marker).</summary>
    private string Double(string column) => _file is not null && Kind(column) == ColumnKind.Text
        ? $"TRY_CAST({_sql.Trim(Id(column))} AS {_sql.Double})"
        : $"CAST({Id(column)} AS {_sql.Double})";

    /// <summary>An input error naming the row (or, for a CSV file, the line: the header is line 1).</summary>
    private SurvivalInputException Error(string reason, string? column, string? value, long row) => _file is { Csv: true }
        ? new SurvivalInputException(reason, file: _relation.Description, line: row + 1, column: column, value: value)
        : new SurvivalInputException(reason, file: _relation.Description, column: column, value: value, row: row);

    /// <summary>The checks that a column read from text holds a number (a file's text column; missing markers aside).</summary>
    private IEnumerable<(string Condition, string Column, string Reason)> TextNumberChecks(string? column, string name)
    {
        if (_file is not null && column is not null && Kind(column) == ColumnKind.Text)
            yield return ($"{R(name)} IS NULL", column, "the value is blank or not a number");
    }

    private string Label(string? column) => column is null
        ? $"CAST('' AS {_sql.Text})"
        : _sql.Trim($"CAST({Id(column)} AS {_sql.Text})");

    /// <summary>A label as text, untrimmed: the cell's label is trimmed in .NET (trimming every row costs the engine more than
    /// the rest of the pass), and cells whose labels differ only by blanks are then merged.</summary>
    private string RawLabel(string? column) => column is null ? $"CAST('' AS {_sql.Text})" : $"CAST({Id(column)} AS {_sql.Text})";

    /// <summary>The status: the column itself when it holds whole numbers (checked per cell by its least and largest value),
    /// otherwise coded 0, 1, 2, or −1 for anything else; NULL stays NULL (missing).</summary>
    private string Status()
    {
        string x = Id(_columns.Event);
        return Kind(_columns.Event) switch
        {
            ColumnKind.Integer => x,
            ColumnKind.Boolean => $"CASE WHEN {x} THEN 1 WHEN NOT {x} THEN 0 END",
            ColumnKind.Text => $"CASE WHEN {x} IS NULL THEN NULL ELSE CASE lower({_sql.Trim(x)}) WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN 'false' THEN 0 WHEN 'true' THEN 1 ELSE -1 END END",
            _ => $"CASE WHEN {x} IS NULL THEN NULL WHEN {x} = 0 THEN 0 WHEN {x} = 1 THEN 1 WHEN {x} = 2 THEN 2 ELSE -1 END",
        };
    }

    /// <summary>The typed rows (m, t, e, s, w, g, k) and <paramref name="extra"/> projections.</summary>
    private string Source(string extra = "") =>
        $"SELECT {extra}CASE WHEN {AnyMissing()} THEN 1 ELSE 0 END AS {R("m")}, {Double(_columns.Time)} AS {R("t")}, {Status()} AS {R("e")}, " +
        $"{(_columns.Entry is null ? $"CAST(NULL AS {_sql.Double})" : Double(_columns.Entry))} AS {R("s")}, " +
        $"{(_columns.Weight is null ? $"CAST(1 AS {_sql.Double})" : Double(_columns.Weight))} AS {R("w")}, " +
        $"{Label(_columns.Group)} AS {R("g")}, {Label(_columns.Strata)} AS {R("k")} FROM {_relation.Sql}";

    /// <summary>The row checks, each with its column and the reason an error gives (those of the CSV reader).</summary>
    private IEnumerable<(string Condition, string Column, string Reason)> Checks()
    {
        string t = R("t"), e = R("e"), w = R("w"), s = R("s");
        foreach (var check in TextNumberChecks(_columns.Time, "t").Concat(TextNumberChecks(_columns.Weight, "w")).Concat(TextNumberChecks(_columns.Entry, "s")))
            yield return check;
        yield return (_sql.NonFinite(t), _columns.Time, "not a finite number");
        yield return ($"{t} < 0", _columns.Time, "an exit time must be ≥ 0");
        yield return (OneTwo ? $"{e} NOT IN (1, 2)" : $"{e} NOT IN (0, 1, 2)", _columns.Event, OneTwo
            ? "the status is coded 1/2 (1 = censored, 2 = event: its largest value is 2, as R's Surv() reads it), so every value must be 1 or 2"
            : "an event must be 0/1, true/false or 1/2 (1 = censored, 2 = event, as R's Surv() reads a status whose largest value is 2)");
        if (_columns.Weight is not null)
        {
            yield return (_sql.NonFinite(w), _columns.Weight, "not a finite number");
            yield return ($"{w} < 0", _columns.Weight, "a weight must be ≥ 0");
        }
        if (_columns.Entry is not null)
        {
            yield return (_sql.NonFinite(s), _columns.Entry, "not a finite number");
            yield return ($"{s} >= {t}", _columns.Entry, "entry time must be before the exit time");
        }
        // A blank label is missing when the empty text is a marker (the default); otherwise it is an error.
        if (_columns.Group is not null) yield return ($"{R("g")} = ''", _columns.Group, "the label is blank");
        if (_columns.Strata is not null) yield return ($"{R("k")} = ''", _columns.Strata, "the label is blank");
    }

    /// <summary>The validating reduction: one row per (kind, stratum, group, time), columns <see cref="OutputColumns"/>.
    /// With <paramref name="handleMissing"/>, rows with a missing value are marked and counted apart (kind 1).</summary>
    /// <remarks>ClickHouse aggregates in the <c>SELECT</c> that reads the table (so that a <c>Distributed</c> table's shards
    /// each reduce their own rows), with the row values written out inside the aggregates and the output names given by an
    /// outer <c>SELECT</c>; the other dialects read the typed rows from a subquery.</remarks>
    public string Sql(bool handleMissing = true)
    {
        string d = _sql.Double;
        bool weighted = _columns.Weight is not null, entry = _columns.Entry is not null;
        bool inline = _sql.Dialect == SqlDialect.ClickHouse;
        string mExpr = handleMissing ? $"CASE WHEN {AnyMissing()} THEN 1 ELSE 0 END" : "0";
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["m"] = mExpr,
            ["t"] = Double(_columns.Time),
            ["e"] = Status(),
            ["s"] = entry ? Double(_columns.Entry!) : $"CAST(NULL AS {d})",
            ["w"] = weighted ? Double(_columns.Weight!) : $"CAST(1 AS {d})",
            ["g"] = RawLabel(_columns.Group),
            ["k"] = RawLabel(_columns.Strata),
        };
        // A row value: its name in the typed-rows subquery, or (ClickHouse) the expression itself.
        string V(string name) => inline ? "(" + row[name] + ")" : name;
        string empty = $"CAST('' AS {_sql.Text})";
        string kindExpr = handleMissing ? V("m") : "0";
        var exits = new List<(string Name, string Expression)>
        {
            ("kind", kindExpr),
            ("stratum", _columns.Strata is null ? empty : V("k")),
            ("grp", _columns.Group is null ? empty : V("g")),
            ("time", V("t")),
            ("subjects", $"CAST(COUNT(*) AS {d})"),
            ("status_count", $"CAST(COUNT({V("e")}) AS {d})"),
            ("weight_count", weighted ? $"CAST(COUNT({V("w")}) AS {d})" : $"CAST(COUNT(*) AS {d})"),
            ("entry_count", entry ? $"CAST(COUNT({V("s")}) AS {d})" : $"CAST(COUNT(*) AS {d})"),
            ("weighted_status", weighted ? $"CAST(SUM({V("w")} * {V("e")}) AS {d})" : $"CAST(SUM({V("e")}) AS {d})"),
            ("weight_sum", weighted ? $"CAST(SUM({V("w")}) AS {d})" : $"CAST(COUNT(*) AS {d})"),
            ("status_min", $"CAST(MIN({V("e")}) AS {d})"),
            ("status_max", $"CAST(MAX({V("e")}) AS {d})"),
            ("weight_min", weighted ? $"CAST(MIN({V("w")}) AS {d})" : $"CAST(1 AS {d})"),
            ("entered", $"CAST(0 AS {d})"),
            // The one row-level check: an entry before its exit, and finite.
            ("invalid", entry ? $"MAX(CASE WHEN {V("s")} >= {V("t")} OR {_sql.NonFinite(V("s"))} THEN 1 ELSE 0 END)" : "0"),
        };
        // Group only by the keys in use: each costs the engine a hash column.
        string[] exitKeys = new[] { handleMissing ? "kind" : null, _columns.Strata is null ? null : "stratum", _columns.Group is null ? null : "grp", "time" }.OfType<string>().ToArray();
        var sql = new StringBuilder();
        if (inline)
        {
            // ClickHouse: the aggregation reads the table itself; the outer SELECT only names the columns.
            sql.Append("SELECT ").Append(string.Join(", ", OutputColumns.Select(c => $"survival_{c} AS {c}")))
               .Append("\nFROM (\n");
            Aggregate(sql, exits, exitKeys, "survival_", _relation.Sql, where: null);
        }
        else
        {
            string rows = "SELECT " + string.Join(", ", row.Select(r => $"{r.Value} AS {r.Key}")) + $" FROM {_relation.Sql}";
            Aggregate(sql, exits, exitKeys.Select(k => k switch { "kind" => "m", "stratum" => "k", "grp" => "g", _ => "t" }).ToArray(), "",
                $"({rows}) survival_rows", where: null, keysAreRowNames: true);
        }
        if (entry)
        {
            // A subject entering at s is at risk on (s, t]: its weight enters at s.
            string zero = $"CAST(0 AS {d})";
            var entries = new List<(string Name, string Expression)>
            {
                ("kind", "2"),
                ("stratum", _columns.Strata is null ? empty : V("k")),
                ("grp", _columns.Group is null ? empty : V("g")),
                ("time", V("s")),
            };
            entries.AddRange(OutputColumns.Skip(4).Take(9).Select(c => (c, zero)));
            entries.Add(("entered", $"CAST(SUM({V("w")}) AS {d})"));
            entries.Add(("invalid", "0"));
            string[] entryKeys = new[] { _columns.Strata is null ? null : "stratum", _columns.Group is null ? null : "grp", "time" }.OfType<string>().ToArray();
            sql.Append("\nUNION ALL\n");
            if (inline)
            {
                Aggregate(sql, entries, entryKeys, "survival_", _relation.Sql, where: handleMissing ? $"{V("m")} = 0" : null);
            }
            else
            {
                string rows = "SELECT " + string.Join(", ", row.Select(r => $"{r.Value} AS {r.Key}")) + $" FROM {_relation.Sql}";
                Aggregate(sql, entries, entryKeys.Select(k => k switch { "stratum" => "k", "grp" => "g", _ => "s" }).ToArray(), "",
                    $"({rows}) survival_entries", where: handleMissing ? "m = 0" : null, keysAreRowNames: true);
            }
        }
        if (inline) sql.Append("\n)");
        return sql.ToString();
    }

    /// <summary>Appends one aggregating <c>SELECT</c>: the outputs (named <paramref name="prefix"/> + name), <c>FROM</c>
    /// <paramref name="from"/>, an optional <c>WHERE</c>, and <c>GROUP BY</c> the keys (output names, or with
    /// <paramref name="keysAreRowNames"/> the typed rows' names).</summary>
    private static void Aggregate(StringBuilder sql, List<(string Name, string Expression)> outputs, string[] keys, string prefix, string from,
        string? where, bool keysAreRowNames = false)
    {
        sql.Append("SELECT ").Append(string.Join(", ", outputs.Select(o => $"{o.Expression} AS {prefix}{o.Name}")))
           .Append("\nFROM ").Append(from);
        if (where is not null) sql.Append(" WHERE ").Append(where);
        sql.Append("\nGROUP BY ").Append(string.Join(", ", keysAreRowNames ? keys : keys.Select(k => prefix + k)));
    }

    /// <summary>The typed rows numbered in scan order, with <paramref name="extra"/> projections.</summary>
    /// <remarks>ClickHouse numbers the rows in the <c>SELECT</c> that reads the table, so that each shard numbers its own (and
    /// names itself); the others number the typed rows.</remarks>
    private string Numbered(string extra) => _sql.Shard is { } shard
        ? Source($"{_sql.RowNumber} AS rn, {shard} AS survival_shard, {extra}")
        : $"SELECT {_sql.RowNumber} AS rn, x.* FROM ({Source(extra)}) x";

    /// <summary>The raw value of each column in use as text, as projections <c>raw0, raw1, …</c>.</summary>
    private (string[] Columns, string Sql) Raw()
    {
        var raw = _columns.Names.ToArray();
        string sql = string.Concat(raw.Select((c, i) => $"CAST({Id(c)} AS {_sql.Text}) AS raw{i.ToString(CultureInfo.InvariantCulture)}, "));
        return (raw, sql);
    }

    /// <summary>Finds the first invalid row (in scan order) and describes it.</summary>
    public SurvivalInputException FirstInvalidRow(DbConnection connection)
    {
        var checks = Checks().ToArray();
        var (raw, rawSql) = Raw();
        var found = FirstRow(connection, checks.Select(c => c.Condition).ToArray(), raw, Numbered(rawSql), $"{R("m")} = 0 AND (" + string.Join(" OR ", checks.Select(c => c.Condition)) + ")");
        if (found is not { } f) return new SurvivalInputException("the data have an invalid value (it could not be located)", file: _relation.Description);
        var check = checks[f.Failed];
        return Error(check.Reason + IdNote(f.Value) + ShardNote(f.Shard), check.Column, f.Value(check.Column), f.Row);
    }

    /// <summary>With an id column, the subject's id, so that a row of a table without a stable order can be found.</summary>
    private string IdNote(Func<string, string> value) => _columns.Id is null ? "" : $" (subject {_columns.Id} = {value(_columns.Id)})";

    /// <summary>Where rows are numbered per shard, which shard's row the error names.</summary>
    private static string ShardNote(string? shard) => shard is null ? ""
        : $" (the row is counted within the shard on host {shard}: ClickHouse numbers rows per shard; an id column names the subject for certain)";

    /// <summary>The error for the first missing value (<see cref="MissingValuePolicy.Fail"/>), naming the row and column.</summary>
    public SurvivalInputException FirstMissingValue(DbConnection connection)
    {
        var names = _columns.Names.Where(c => c != _columns.Id).ToArray();
        var (raw, rawSql) = Raw();
        // Each column's missing test is made where the relation is read (its columns may be expressions over it), as flags.
        string flags = string.Join(", ", names.Select((c, i) => $"CASE WHEN {Missing(c)} THEN 1 ELSE 0 END AS survival_missing{i.ToString(CultureInfo.InvariantCulture)}"));
        string shard = _sql.Shard is { } s ? $"{s} AS survival_shard, " : "";
        string numbered = $"SELECT {_sql.RowNumber} AS rn, {shard}{rawSql}{flags} FROM {_relation.Sql}";
        var conditions = names.Select((_, i) => $"survival_missing{i.ToString(CultureInfo.InvariantCulture)} = 1").ToArray();
        var found = FirstRow(connection, conditions, raw, numbered, string.Join(" OR ", conditions));
        if (found is not { } f) return new SurvivalInputException("the data have a missing value (it could not be located)", file: _relation.Description);
        return Error("the value is missing, and missing values are not allowed (--missing fail)" + IdNote(f.Value) + ShardNote(f.Shard),
            names[f.Failed], f.Value(names[f.Failed]), f.Row);
    }

    /// <summary>The first row (in scan order) of <paramref name="numbered"/> meeting <paramref name="where"/>: its scan
    /// position, the first of <paramref name="conditions"/> it meets, and its raw text by column ("NULL" for a null);
    /// null when no row does.</summary>
    private (long Row, int Failed, Func<string, string> Value, string? Shard)? FirstRow(DbConnection connection, string[] conditions, string[] raw, string numbered, string where)
    {
        var sql = new StringBuilder("SELECT rn");
        foreach (var c in conditions) sql.Append(", CASE WHEN ").Append(c).Append(" THEN 1 ELSE 0 END");
        for (int r = 0; r < raw.Length; r++) sql.Append(", raw").Append(r.ToString(CultureInfo.InvariantCulture));
        if (_sql.Shard is not null) sql.Append(", survival_shard");
        sql.Append(" FROM (").Append(numbered).Append(") y WHERE ").Append(where).Append(" ORDER BY rn");
        _sql.EndInScanOrder(_sql.Limit(sql, 1));
        using var order = _sql.InScanOrder(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        long row = (long)Cells.ToDouble(reader.GetValue(0));
        int failed = Enumerable.Range(0, conditions.Length).First(i => Convert.ToInt32(reader.GetValue(1 + i), CultureInfo.InvariantCulture) == 1);
        var text = new string[raw.Length];
        for (int r = 0; r < raw.Length; r++) text[r] = reader.IsDBNull(1 + conditions.Length + r) ? "NULL" : reader.GetString(1 + conditions.Length + r);
        string? shardName = _sql.Shard is null ? null : Convert.ToString(reader.GetValue(1 + conditions.Length + raw.Length), CultureInfo.InvariantCulture);
        return (row, failed, column => text[Array.IndexOf(raw, column)], shardName);
    }

    /// <summary>The scan positions (1-based) of the first rows left out for a missing value.</summary>
    public IReadOnlyList<long> MissingPositions(DbConnection connection)
    {
        var sql = new StringBuilder("SELECT rn FROM (").Append(Numbered("")).Append($") y WHERE {R("m")} = 1 ORDER BY rn");
        _sql.EndInScanOrder(_sql.Limit(sql, OmittedRows.MaxPositions));
        using var order = _sql.InScanOrder(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        var positions = new List<long>();
        while (reader.Read()) positions.Add((long)Cells.ToDouble(reader.GetValue(0)) + (_file is { Csv: true } ? 1 : 0));
        return positions;
    }

    /// <summary>
    /// R's near-tie rule on the rows (<see cref="TimeFix"/>): when the distinct times have near ties, only rows no longer
    /// than the widest tied cluster can collapse; they are fetched (few) and checked here, and the first one that
    /// collapses is an error naming its row, as R's <c>aeqSurv</c> stops.
    /// </summary>
    public void CheckCollapsedIntervals(DbConnection connection, IEnumerable<double> cellTimes)
    {
        var distinct = cellTimes.Distinct().Order().ToArray();
        if (TimeFix.Cuts(distinct) is not { } cuts) return;
        double widest = 0;
        foreach (double t in distinct) widest = Math.Max(widest, t - TimeFix.Map(cuts, t));
        var (raw, rawSql) = Raw();
        int entryAt = Array.IndexOf(raw, _columns.Entry!);
        var sql = new StringBuilder($"SELECT rn, {R("s")}, {R("t")}, raw").Append(entryAt.ToString(CultureInfo.InvariantCulture))
            .Append(_columns.Id is null ? "" : ", raw" + Array.IndexOf(raw, _columns.Id).ToString(CultureInfo.InvariantCulture))
            .Append(_sql.Shard is null ? "" : ", survival_shard")
            .Append(" FROM (").Append(Numbered(rawSql)).Append($") y WHERE {R("m")} = 0 AND {R("t")} - {R("s")} <= ").Append(_sql.Number(widest)).Append(" ORDER BY rn");
        _sql.EndInScanOrder(sql);
        using var order = _sql.InScanOrder(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            double entry = Cells.ToDouble(reader.GetValue(1));
            double exit = Cells.ToDouble(reader.GetValue(2));
            if (TimeFix.Map(cuts, entry) != TimeFix.Map(cuts, exit)) continue;
            long row = (long)Cells.ToDouble(reader.GetValue(0));
            string id = _columns.Id is null ? "" : $" (subject {_columns.Id} = {reader.GetValue(4)})";
            if (_sql.Shard is not null) id += ShardNote(Convert.ToString(reader.GetValue(_columns.Id is null ? 4 : 5), CultureInfo.InvariantCulture));
            string reason = $"the interval ({entry.ToString("R", CultureInfo.InvariantCulture)}, {exit.ToString("R", CultureInfo.InvariantCulture)}] has length zero " +
                            $"after R's near-tie rule (timefix); pass timeFix: false (and TimeFix = false to the estimators) to keep it{id}";
            throw Error(reason, _columns.Entry, reader.GetString(3), row);
        }
    }
}
