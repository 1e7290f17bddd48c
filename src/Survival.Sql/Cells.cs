using System.Data.Common;
using System.Globalization;

namespace Survival.Sql;

/// <summary>The rows of a reduction as read from the database: the cells' columns, what was left out, and what the
/// checks found. Kept apart from the counts because R's 1/2 status coding is known only after every cell is read.</summary>
internal sealed class Cells
{
    private readonly List<double> _time = [];
    private readonly List<double> _weightedStatus = [];
    private readonly List<double> _weightSum = [];
    private readonly List<double> _entered = [];
    private readonly List<double> _subjects = [];
    private readonly List<string> _groups = [];
    private readonly List<string> _strata = [];
    private double _statusMax = double.NegativeInfinity;

    /// <summary>Whether a row failed a check (or, in the plain pass, a marker made a status look invalid).</summary>
    public bool Invalid { get; private set; }

    /// <summary>Whether the plain pass met a missing value: the missing-aware pass must run.</summary>
    public bool Missing { get; private set; }

    /// <summary>Whether some status is 2: R then reads the status as 1 = censored, 2 = event.</summary>
    public bool OneTwo => _statusMax == 2;

    /// <summary>Whether some status is 0 (invalid under the 1/2 coding).</summary>
    public bool HasStatusZero { get; private set; }

    /// <summary>The rows left out for a missing value.</summary>
    public double Omitted { get; private set; }

    /// <summary>Whether any cell has a group label (a counts table read without knowing the columns).</summary>
    public bool AnyGroup { get; private set; }

    /// <summary>Whether any cell has a stratum label.</summary>
    public bool AnyStratum { get; private set; }

    /// <summary>The times of the cells (exits and entries).</summary>
    public IReadOnlyList<double> Times => _time;

    /// <summary>Reads the output of <see cref="SqlReduction.Sql"/> (columns by name, any order) and makes the per-cell
    /// checks: time finite and ≥ 0, labels present, the status whole and in 0..2, weights finite and ≥ 0, nothing missing.</summary>
    /// <param name="reader">The reduction's rows.</param>
    /// <param name="source">The name errors give.</param>
    /// <param name="markers">The texts meaning "missing" in a label.</param>
    /// <param name="group">Whether a group column is in use (null: whether any cell has a group label).</param>
    /// <param name="strata">Whether a strata column is in use (null: likewise).</param>
    public static Cells Read(DbDataReader reader, string source, IReadOnlyCollection<string> markers, bool? group, bool? strata)
    {
        var at = SqlReduction.OutputColumns.ToDictionary(c => c, c => Ordinal(reader, c, source), StringComparer.Ordinal);
        int kind = at["kind"], stratum = at["stratum"], grp = at["grp"], time = at["time"], subjects = at["subjects"],
            statusCount = at["status_count"], weightCount = at["weight_count"], entryCount = at["entry_count"],
            weightedStatus = at["weighted_status"], weightSum = at["weight_sum"], statusMin = at["status_min"], statusMax = at["status_max"],
            weightMin = at["weight_min"], entered = at["entered"], invalid = at["invalid"];
        var cells = new Cells();
        while (reader.Read())
        {
            int k = (int)ToDouble(reader.GetValue(kind));
            double n = Number(reader, subjects);
            if (k == 1)
            {
                cells.Omitted += n;
                continue;
            }
            string? s = reader.IsDBNull(stratum) ? null : Label(reader, stratum);
            string? g = reader.IsDBNull(grp) ? null : Label(reader, grp);
            bool Absent(string? label, bool? inUse) => (inUse ?? !string.IsNullOrEmpty(label)) && (label is null || markers.Contains(label));
            if (reader.IsDBNull(time) || Absent(s, strata) || Absent(g, group))
            {
                cells.Missing = true;
                continue;
            }
            double t = Number(reader, time);
            if (k == 0)
            {
                if (Number(reader, statusCount) < n || Number(reader, weightCount) < n || Number(reader, entryCount) < n) cells.Missing = true;
                double low = Number(reader, statusMin), high = Number(reader, statusMax), wSum = Number(reader, weightSum);
                bool bad = !double.IsFinite(t) || t < 0 || (strata == true && s!.Length == 0) || (group == true && g!.Length == 0)
                           || low < 0 || high > 2 || !double.IsFinite(wSum) || Number(reader, weightMin) < 0
                           || Number(reader, invalid) > 0;
                cells.Invalid |= bad;
                if (double.IsFinite(high)) cells._statusMax = Math.Max(cells._statusMax, high);
                cells.HasStatusZero |= low == 0;
                cells.Add(s ?? "", g ?? "", t, Number(reader, weightedStatus), wSum, 0, n);
            }
            else
            {
                cells.Add(s ?? "", g ?? "", t, 0, 0, Number(reader, entered), 0);
            }
        }
        // A non-integer status from a whole-number column cannot occur; from a double column it is coded −1 (status_min < 0).
        return cells;
    }

    /// <summary>Reads a plain counts table (time, events, censored, optional entered, subjects, grp, stratum) into counts.</summary>
    public static SurvivalCounts ReadPlain(DbDataReader reader, string source, string[] names)
    {
        int Find(string name) => Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        int time = Find("time"), events = Find("events"), censored = Find("censored"), entered = Find("entered"), subjects = Find("subjects"),
            grp = Find("grp"), stratum = Find("stratum");
        var cells = new Cells();
        long row = 0;
        while (reader.Read())
        {
            row++;
            // Every count is a number of a numeric type: a NULL, a text or a boolean there is an error naming the row,
            // column and value, never coerced (the table is data someone else wrote).
            double Count(int i)
            {
                object value = reader.GetValue(i);
                if (value is DBNull)
                    throw new SurvivalInputException("a missing value in a counts table", file: source, column: names[i], row: row);
                if (value is not (double or float or decimal or long or int or short or sbyte or ulong or uint or ushort or byte
                    or System.Numerics.BigInteger or Int128 or UInt128))
                    throw new SurvivalInputException($"not a number (the column holds {value.GetType().Name} values)", file: source, column: names[i],
                        value: Convert.ToString(value, CultureInfo.InvariantCulture), row: row);
                return ToDouble(value);
            }
            // A plain table is events and censorings: Σw·e = events, Σw = events + censorings under the 0/1 coding.
            double d = Count(events);
            cells.Add(stratum < 0 ? "" : Label(reader, stratum), grp < 0 ? "" : Label(reader, grp), Count(time), d, d + Count(censored),
                entered < 0 ? 0 : Count(entered), subjects < 0 ? double.NaN : Count(subjects));
        }
        return cells.ToCounts(grp < 0 || !cells.AnyGroup ? null : names[grp], stratum < 0 || !cells.AnyStratum ? null : names[stratum], source);
    }

    private void Add(string stratum, string group, double time, double weightedStatus, double weightSum, double entered, double subjects)
    {
        AnyGroup |= group.Length > 0;
        AnyStratum |= stratum.Length > 0;
        _strata.Add(stratum);
        _groups.Add(group);
        _time.Add(time);
        _weightedStatus.Add(weightedStatus);
        _weightSum.Add(weightSum);
        _entered.Add(entered);
        _subjects.Add(subjects);
    }

    /// <summary>The counts, with R's status coding applied: 1/2 when some status is 2, else 0/1.</summary>
    public SurvivalCounts ToCounts(string? group, string? strata, string source)
    {
        int n = _time.Count;
        if (n == 0)
            throw new SurvivalInputException(Omitted > 0 ? $"every row has a missing value ({Omitted} omitted): no row is left" : "there are no rows: at least one is needed", file: source);
        var events = new double[n];
        var censored = new double[n];
        bool anyEntry = false;
        for (int c = 0; c < n; c++)
        {
            // With e the status and w the weight: under 0/1, events Σw·e and censorings Σw − Σw·e; under R's 1/2 coding,
            // events Σw·(e − 1) and censorings Σw·(2 − e).
            double we = _weightedStatus[c], ws = _weightSum[c];
            events[c] = OneTwo ? we - ws : we;
            censored[c] = OneTwo ? 2 * ws - we : ws - we;
            anyEntry |= _entered[c] > 0;
        }
        double[]? subjects = _subjects.Any(double.IsNaN) ? null : _subjects.ToArray();
        return SurvivalCounts.Create(_time.ToArray(), events, censored, anyEntry ? _entered.ToArray() : null,
            group is null ? null : Factor.FromLabels(_groups, name: group),
            strata is null ? null : Factor.FromLabels(_strata, name: strata),
            subjects);
    }

    private static int Ordinal(DbDataReader reader, string name, string source)
    {
        for (int i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new SurvivalInputException("the reduction's output lacks a column", file: source, column: name);
    }

    /// <summary>A number of the reader's row; a double column is read without boxing (the reduction casts its sums to
    /// double, so this is every column but the keys on most providers).</summary>
    private static double Number(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) return double.NaN;
        return reader.GetFieldType(i) == typeof(double) ? reader.GetDouble(i) : ToDouble(reader.GetValue(i));
    }

    /// <summary>A provider's number as a double: sums may come back as decimal, 64-bit or (DuckDB) 128-bit integers.</summary>
    internal static double ToDouble(object value) => value switch
    {
        double d => d,
        System.Numerics.BigInteger b => (double)b,
        Int128 i => (double)i,
        UInt128 u => (double)u,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A label, trimmed of spaces as SQL's <c>trim</c> does.</summary>
    private static string Label(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!.Trim(' ');
}
