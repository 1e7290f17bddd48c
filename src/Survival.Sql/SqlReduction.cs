using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Survival.Sql;

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

    public SqlReduction(SqlDialect dialect, SqlRelation relation, SurvivalColumns columns, IReadOnlyDictionary<string, ColumnKind> kinds,
        IReadOnlyList<string> markers)
    {
        _sql = new SqlSyntax(dialect);
        _relation = relation;
        _columns = columns;
        _kinds = kinds;
        _markers = markers;
    }

    /// <summary>Whether the status column is coded 1/2 (R: its largest value is 2); known after the pass.</summary>
    public bool OneTwo { get; set; }

    private string Id(string column) => _sql.Identifier(column);

    private ColumnKind Kind(string column) => _kinds.TryGetValue(column, out var kind) ? kind : ColumnKind.Numeric;

    /// <summary>The condition that a column's value is missing: NULL, or (text) one of the markers.</summary>
    private string Missing(string column)
    {
        string x = Id(column);
        if (Kind(column) != ColumnKind.Text || _markers.Count == 0) return $"{x} IS NULL";
        return $"({x} IS NULL OR trim({x}) IN ({string.Join(", ", _markers.Select(_sql.Literal))}))";
    }

    private string AnyMissing() => string.Join(" OR ", _columns.Names.Where(c => c != _columns.Id).Select(Missing));

    private string Double(string column) => $"CAST({Id(column)} AS {_sql.Double})";

    private string Label(string? column) => column is null
        ? $"CAST('' AS {_sql.Text})"
        : $"trim(CAST({Id(column)} AS {_sql.Text}))";

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
            ColumnKind.Text => $"CASE WHEN {x} IS NULL THEN NULL ELSE CASE lower(trim({x})) WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN 'false' THEN 0 WHEN 'true' THEN 1 ELSE -1 END END",
            _ => $"CASE WHEN {x} IS NULL THEN NULL WHEN {x} = 0 THEN 0 WHEN {x} = 1 THEN 1 WHEN {x} = 2 THEN 2 ELSE -1 END",
        };
    }

    /// <summary>The typed rows (m, t, e, s, w, g, k) and <paramref name="extra"/> projections.</summary>
    private string Source(string extra = "") =>
        $"SELECT {extra}CASE WHEN {AnyMissing()} THEN 1 ELSE 0 END AS m, {Double(_columns.Time)} AS t, {Status()} AS e, " +
        $"{(_columns.Entry is null ? $"CAST(NULL AS {_sql.Double})" : Double(_columns.Entry))} AS s, " +
        $"{(_columns.Weight is null ? $"CAST(1 AS {_sql.Double})" : Double(_columns.Weight))} AS w, " +
        $"{Label(_columns.Group)} AS g, {Label(_columns.Strata)} AS k FROM {_relation.Sql}";

    /// <summary>The row checks, each with its column and the reason an error gives (those of the CSV reader).</summary>
    private IEnumerable<(string Condition, string Column, string Reason)> Checks()
    {
        yield return (_sql.NonFinite("t"), _columns.Time, "not a finite number");
        yield return ("t < 0", _columns.Time, "an exit time must be ≥ 0");
        yield return (OneTwo ? "e NOT IN (1, 2)" : "e NOT IN (0, 1, 2)", _columns.Event, OneTwo
            ? "the status is coded 1/2 (1 = censored, 2 = event: its largest value is 2, as R's Surv() reads it), so every value must be 1 or 2"
            : "an event must be 0/1, true/false or 1/2 (1 = censored, 2 = event, as R's Surv() reads a status whose largest value is 2)");
        if (_columns.Weight is not null)
        {
            yield return (_sql.NonFinite("w"), _columns.Weight, "not a finite number");
            yield return ("w < 0", _columns.Weight, "a weight must be ≥ 0");
        }
        if (_columns.Entry is not null)
        {
            yield return (_sql.NonFinite("s"), _columns.Entry, "not a finite number");
            yield return ("s >= t", _columns.Entry, "entry time must be before the exit time");
        }
        // A blank label is missing when the empty text is a marker (the default); otherwise it is an error.
        if (_columns.Group is not null) yield return ("g = ''", _columns.Group, "the label is blank");
        if (_columns.Strata is not null) yield return ("k = ''", _columns.Strata, "the label is blank");
    }

    /// <summary>The validating reduction: one row per (kind, stratum, group, time), columns <see cref="OutputColumns"/>.
    /// With <paramref name="handleMissing"/>, rows with a missing value are marked and counted apart (kind 1).</summary>
    public string Sql(bool handleMissing = true)
    {
        string d = _sql.Double;
        bool weighted = _columns.Weight is not null, entry = _columns.Entry is not null;
        string m = handleMissing ? $"CASE WHEN {AnyMissing()} THEN 1 ELSE 0 END" : "0";
        string rows = $"SELECT {m} AS m, {Double(_columns.Time)} AS t, {Status()} AS e, " +
                      $"{(entry ? Double(_columns.Entry!) : $"CAST(NULL AS {d})")} AS s, " +
                      $"{(weighted ? Double(_columns.Weight!) : $"CAST(1 AS {d})")} AS w, " +
                      $"{RawLabel(_columns.Group)} AS g, {RawLabel(_columns.Strata)} AS k FROM {_relation.Sql}";
        // Group only by the keys in use: each costs the engine a hash column.
        string keys = string.Join(", ", new[] { handleMissing ? "m" : null, _columns.Strata is null ? null : "k", _columns.Group is null ? null : "g", "t" }.OfType<string>());
        var sql = new StringBuilder();
        sql.Append(handleMissing ? "SELECT m AS kind, " : "SELECT 0 AS kind, ")
           .Append(_columns.Strata is null ? $"CAST('' AS {_sql.Text})" : "k").Append(" AS stratum, ")
           .Append(_columns.Group is null ? $"CAST('' AS {_sql.Text})" : "g").Append(" AS grp, t AS time,\n")
           .Append($"  CAST(COUNT(*) AS {d}) AS subjects, CAST(COUNT(e) AS {d}) AS status_count, ")
           .Append(weighted ? $"CAST(COUNT(w) AS {d})" : $"CAST(COUNT(*) AS {d})").Append(" AS weight_count, ")
           .Append(entry ? $"CAST(COUNT(s) AS {d})" : $"CAST(COUNT(*) AS {d})").Append(" AS entry_count,\n")
           .Append(weighted ? $"  CAST(SUM(w * e) AS {d})" : $"  CAST(SUM(e) AS {d})").Append(" AS weighted_status, ")
           .Append(weighted ? $"CAST(SUM(w) AS {d})" : $"CAST(COUNT(*) AS {d})").Append(" AS weight_sum,\n")
           .Append($"  CAST(MIN(e) AS {d}) AS status_min, CAST(MAX(e) AS {d}) AS status_max, ")
           .Append(weighted ? $"CAST(MIN(w) AS {d})" : $"CAST(1 AS {d})").Append(" AS weight_min, ")
           .Append($"CAST(0 AS {d}) AS entered, ");
        // The one row-level check: an entry before its exit, and finite.
        sql.Append(entry ? $"MAX(CASE WHEN s >= t OR {_sql.NonFinite("s")} THEN 1 ELSE 0 END)" : "0").Append(" AS invalid\n")
           .Append("FROM (").Append(rows).Append(") survival_rows\n")
           .Append("GROUP BY ").Append(keys);
        if (entry)
        {
            // A subject entering at s is at risk on (s, t]: its weight enters at s.
            string entryKeys = string.Join(", ", new[] { _columns.Strata is null ? null : "k", _columns.Group is null ? null : "g", "s" }.OfType<string>());
            string zero = $"CAST(0 AS {d})";
            sql.Append("\nUNION ALL\n")
               .Append("SELECT 2, ").Append(_columns.Strata is null ? $"CAST('' AS {_sql.Text})" : "k").Append(", ")
               .Append(_columns.Group is null ? $"CAST('' AS {_sql.Text})" : "g")
               .Append($", s, {zero}, {zero}, {zero}, {zero}, {zero}, {zero}, {zero}, {zero}, {zero}, CAST(SUM(w) AS {d}), 0\n")
               .Append("FROM (").Append(rows).Append(") survival_entries").Append(handleMissing ? " WHERE m = 0" : "").Append('\n')
               .Append("GROUP BY ").Append(entryKeys);
        }
        return sql.ToString();
    }

    /// <summary>The typed rows numbered in scan order, with <paramref name="extra"/> projections.</summary>
    private string Numbered(string extra) => $"SELECT {_sql.RowNumber} AS rn, x.* FROM ({Source(extra)}) x";

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
        var found = FirstRow(connection, checks.Select(c => c.Condition).ToArray(), raw, Numbered(rawSql), "m = 0 AND (" + string.Join(" OR ", checks.Select(c => c.Condition)) + ")");
        if (found is not { } f) return new SurvivalInputException("the data have an invalid value (it could not be located)", file: _relation.Description);
        var check = checks[f.Failed];
        return new SurvivalInputException(check.Reason + IdNote(f.Value), file: _relation.Description, column: check.Column, value: f.Value(check.Column), row: f.Row);
    }

    /// <summary>With an id column, the subject's id, so that a row of a table without a stable order can be found.</summary>
    private string IdNote(Func<string, string> value) => _columns.Id is null ? "" : $" (subject {_columns.Id} = {value(_columns.Id)})";

    /// <summary>The error for the first missing value (<see cref="MissingValuePolicy.Fail"/>), naming the row and column.</summary>
    public SurvivalInputException FirstMissingValue(DbConnection connection)
    {
        var names = _columns.Names.Where(c => c != _columns.Id).ToArray();
        var (raw, rawSql) = Raw();
        // The raw columns are needed by name for the missing conditions: number the relation itself.
        string numbered = $"SELECT {_sql.RowNumber} AS rn, {rawSql}{string.Join(", ", _columns.Names.Select(Id))} FROM {_relation.Sql}";
        var found = FirstRow(connection, names.Select(Missing).ToArray(), raw, numbered, AnyMissing());
        if (found is not { } f) return new SurvivalInputException("the data have a missing value (it could not be located)", file: _relation.Description);
        return new SurvivalInputException("the value is missing, and missing values are not allowed (--missing fail)" + IdNote(f.Value),
            file: _relation.Description, column: names[f.Failed], value: f.Value(names[f.Failed]), row: f.Row);
    }

    /// <summary>The first row (in scan order) of <paramref name="numbered"/> meeting <paramref name="where"/>: its scan
    /// position, the first of <paramref name="conditions"/> it meets, and its raw text by column ("NULL" for a null);
    /// null when no row does.</summary>
    private (long Row, int Failed, Func<string, string> Value)? FirstRow(DbConnection connection, string[] conditions, string[] raw, string numbered, string where)
    {
        var sql = new StringBuilder("SELECT rn");
        foreach (var c in conditions) sql.Append(", CASE WHEN ").Append(c).Append(" THEN 1 ELSE 0 END");
        for (int r = 0; r < raw.Length; r++) sql.Append(", raw").Append(r.ToString(CultureInfo.InvariantCulture));
        sql.Append(" FROM (").Append(numbered).Append(") y WHERE ").Append(where).Append(" ORDER BY rn");
        _sql.Limit(sql, 1);
        using var order = _sql.InScanOrder(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        long row = (long)Cells.ToDouble(reader.GetValue(0));
        int failed = Enumerable.Range(0, conditions.Length).First(i => Convert.ToInt32(reader.GetValue(1 + i), CultureInfo.InvariantCulture) == 1);
        var text = new string[raw.Length];
        for (int r = 0; r < raw.Length; r++) text[r] = reader.IsDBNull(1 + conditions.Length + r) ? "NULL" : reader.GetString(1 + conditions.Length + r);
        return (row, failed, column => text[Array.IndexOf(raw, column)]);
    }

    /// <summary>The scan positions (1-based) of the first rows left out for a missing value.</summary>
    public IReadOnlyList<long> MissingPositions(DbConnection connection)
    {
        var sql = new StringBuilder("SELECT rn FROM (").Append(Numbered("")).Append(") y WHERE m = 1 ORDER BY rn");
        _sql.Limit(sql, OmittedRows.MaxPositions);
        using var order = _sql.InScanOrder(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        var positions = new List<long>();
        while (reader.Read()) positions.Add((long)Cells.ToDouble(reader.GetValue(0)));
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
        var sql = new StringBuilder("SELECT rn, s, t, raw").Append(entryAt.ToString(CultureInfo.InvariantCulture))
            .Append(_columns.Id is null ? "" : ", raw" + Array.IndexOf(raw, _columns.Id).ToString(CultureInfo.InvariantCulture))
            .Append(" FROM (").Append(Numbered(rawSql)).Append(") y WHERE m = 0 AND t - s <= ").Append(_sql.Number(widest)).Append(" ORDER BY rn");
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
            string reason = $"the interval ({entry.ToString("R", CultureInfo.InvariantCulture)}, {exit.ToString("R", CultureInfo.InvariantCulture)}] has length zero " +
                            $"after R's near-tie rule (timefix); pass timeFix: false (and TimeFix = false to the estimators) to keep it{id}";
            throw new SurvivalInputException(reason, file: _relation.Description, column: _columns.Entry, value: reader.GetString(3), row: row);
        }
    }
}
