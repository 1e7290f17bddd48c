using System.Data.Common;
using System.Globalization;

namespace Survival.Sql;

/// <summary>The rows of a reduction as read from the database: the cells' columns, what was left out, and what the
/// checks found. Kept apart from the counts because R's 1/2 status coding is known only after every cell is read.</summary>
internal sealed class Cells
{
    private readonly List<double> _time = [];
    private readonly List<double> _status0 = [];
    private readonly List<double> _status1 = [];
    private readonly List<double> _status2 = [];
    private readonly List<double> _entered = [];
    private readonly List<double> _subjects = [];
    private readonly List<string> _groups = [];
    private readonly List<string> _strata = [];

    /// <summary>Whether a row failed a check.</summary>
    public bool Invalid { get; private set; }

    /// <summary>Whether some status is 2: R then reads the status as 1 = censored, 2 = event.</summary>
    public bool OneTwo { get; private set; }

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

    /// <summary>Reads the output of <see cref="SqlReduction.Sql"/> (columns by name, any order).</summary>
    public static Cells Read(DbDataReader reader, string source)
    {
        var at = SqlReduction.OutputColumns.ToDictionary(c => c, c => Ordinal(reader, c, source), StringComparer.Ordinal);
        int kind = at["kind"], stratum = at["stratum"], grp = at["grp"], time = at["time"], w0 = at["w_status0"], w1 = at["w_status1"],
            w2 = at["w_status2"], entered = at["entered"], n0 = at["n_status0"], n2 = at["n_status2"], subjects = at["subjects"], invalid = at["invalid"];
        var cells = new Cells();
        while (reader.Read())
        {
            int k = Convert.ToInt32(reader.GetValue(kind), CultureInfo.InvariantCulture);
            if (k == 1)
            {
                cells.Omitted += Number(reader, subjects);
                continue;
            }
            if (k == 0)
            {
                cells.Invalid |= !reader.IsDBNull(invalid) && Convert.ToInt32(reader.GetValue(invalid), CultureInfo.InvariantCulture) != 0;
                cells.HasStatusZero |= Number(reader, n0) > 0;
                cells.OneTwo |= Number(reader, n2) > 0;
            }
            cells.Add(Label(reader, stratum), Label(reader, grp), Number(reader, time), Number(reader, w0), Number(reader, w1), Number(reader, w2),
                Number(reader, entered), Number(reader, subjects));
        }
        return cells;
    }

    /// <summary>Reads a plain counts table (time, events, censored, optional entered, subjects, grp, stratum) into counts.</summary>
    public static SurvivalCounts ReadPlain(DbDataReader reader, string source, string[] names)
    {
        int Find(string name) => Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        int time = Find("time"), events = Find("events"), censored = Find("censored"), entered = Find("entered"), subjects = Find("subjects"),
            grp = Find("grp"), stratum = Find("stratum");
        var cells = new Cells();
        while (reader.Read())
        {
            // A plain table is events/censored: stored as status 1 and status 0.
            cells.Add(stratum < 0 ? "" : Label(reader, stratum), grp < 0 ? "" : Label(reader, grp), Number(reader, time), Number(reader, censored),
                Number(reader, events), 0, entered < 0 ? 0 : Number(reader, entered), subjects < 0 ? double.NaN : Number(reader, subjects));
        }
        return cells.ToCounts(grp < 0 || !cells.AnyGroup ? null : names[grp], stratum < 0 || !cells.AnyStratum ? null : names[stratum], source);
    }

    private void Add(string stratum, string group, double time, double status0, double status1, double status2, double entered, double subjects)
    {
        AnyGroup |= group.Length > 0;
        AnyStratum |= stratum.Length > 0;
        _strata.Add(stratum);
        _groups.Add(group);
        _time.Add(time);
        _status0.Add(status0);
        _status1.Add(status1);
        _status2.Add(status2);
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
            events[c] = OneTwo ? _status2[c] : _status1[c];
            censored[c] = OneTwo ? _status1[c] : _status0[c];
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

    private static double Number(DbDataReader reader, int i) => reader.IsDBNull(i) ? double.NaN : ToDouble(reader.GetValue(i));

    /// <summary>A provider's number as a double: sums may come back as decimal, 64-bit or (DuckDB) 128-bit integers.</summary>
    internal static double ToDouble(object value) => value switch
    {
        double d => d,
        System.Numerics.BigInteger b => (double)b,
        Int128 i => (double)i,
        UInt128 u => (double)u,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static string Label(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!.Trim();
}
