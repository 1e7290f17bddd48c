namespace Survival.Reconstruction;

/// <summary>A published numbers-at-risk table for one arm: the times under the figure and the number still at risk at
/// each, starting with the number of patients at time 0.</summary>
/// <remarks>Validated on construction: the first time is 0, times strictly increase, counts are whole numbers ≥ 0 that
/// never rise. Guyot et al. (BMC Med Res Methodol 2012;12:9) use these counts to place censoring between the times; see
/// <see cref="GuyotReconstruction"/>.</remarks>
public sealed record AtRiskTable
{
    private AtRiskTable(ValueList<double> times, ValueList<int> counts)
    {
        Times = times;
        Counts = counts;
    }

    /// <summary>The times of the table, strictly increasing, the first 0.</summary>
    public ValueList<double> Times { get; }

    /// <summary>The number at risk at each time; the first is the number of patients.</summary>
    public ValueList<int> Counts { get; }

    /// <summary>The number of patients: the count at time 0.</summary>
    public int Patients => Counts[0];

    /// <summary>Validates and copies a table.</summary>
    /// <param name="times">Times, strictly increasing, starting at 0.</param>
    /// <param name="counts">Numbers at risk, whole, ≥ 0 and never rising.</param>
    /// <param name="group">The arm, named in error messages.</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks is broken; the message names the row and value.</exception>
    public static AtRiskTable Create(IReadOnlyList<double> times, IReadOnlyList<double> counts, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(counts);
        string where = group is null ? "" : $"group {group}: ";
        if (times.Count == 0) throw new SurvivalInputException(where + "the numbers-at-risk table has no rows", column: "time");
        if (counts.Count != times.Count)
            throw new SurvivalInputException(where + $"the table has {times.Count} times but {counts.Count} counts", column: "atRisk");
        var t = new double[times.Count];
        var n = new int[times.Count];
        for (int i = 0; i < t.Length; i++)
        {
            double ti = times[i], ni = counts[i];
            string row = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!double.IsFinite(ti) || ti < 0) throw new SurvivalInputException(where + "a time must be finite and ≥ 0", column: "time", value: Text(ti), row: i + 1);
            if (i == 0 && ti != 0)
                throw new SurvivalInputException(where + "the table must start at time 0, with the number of patients", column: "time", value: Text(ti), row: 1);
            if (i > 0 && ti <= t[i - 1])
                throw new SurvivalInputException(where + $"times must increase (row {row} is not after {Text(t[i - 1])})", column: "time", value: Text(ti), row: i + 1);
            if (!double.IsFinite(ni) || ni < 0 || ni != Math.Floor(ni) || ni > int.MaxValue)
                throw new SurvivalInputException(where + "a number at risk must be a whole number ≥ 0", column: "atRisk", value: Text(ni), row: i + 1);
            if (i > 0 && ni > n[i - 1])
                throw new SurvivalInputException(where + $"the number at risk rises (from {n[i - 1]} at time {Text(t[i - 1])})", column: "atRisk", value: Text(ni), row: i + 1);
            t[i] = ti;
            n[i] = (int)ni;
        }
        if (n[0] == 0) throw new SurvivalInputException(where + "the number at risk at time 0 is 0: there are no patients", column: "atRisk", value: "0", row: 1);
        return new AtRiskTable(new ValueList<double>(t), new ValueList<int>(n));
    }

    /// <summary>A numbers-at-risk table from rows an application holds.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once, in time order.</param>
    /// <param name="time">A row's time.</param>
    /// <param name="count">The number at risk at that time.</param>
    /// <param name="group">The arm, named in error messages.</param>
    /// <exception cref="SurvivalInputException">As <see cref="Create"/> (a missing value is an error naming the row).</exception>
    public static AtRiskTable From<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, double> count, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(count);
        var t = new List<double>();
        var n = new List<double>();
        foreach (var r in rows) { t.Add(time(r)); n.Add(count(r)); }
        return Create(t, n, group);
    }

    /// <summary>One table per arm from the rows of several arms held together (a figure's table with a row per arm and
    /// time), keyed by arm in the order the arms first appear; pass it with the curves to
    /// <see cref="GuyotReconstruction.Reconstruct(IReadOnlyList{DigitizedCurve}, IReadOnlyDictionary{string, AtRiskTable}?, IReadOnlyDictionary{string, int}?)"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once; within an arm, in time order.</param>
    /// <param name="group">A row's arm (null is an error).</param>
    /// <param name="time">A row's time.</param>
    /// <param name="count">The number at risk.</param>
    /// <exception cref="SurvivalInputException">As <see cref="Create"/>, naming the arm and the row's 1-based position among
    /// all the rows.</exception>
    public static IReadOnlyDictionary<string, AtRiskTable> ByGroup<T>(IEnumerable<T> rows, Func<T, string?> group, Func<T, double> time, Func<T, double> count)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(count);
        var tables = new Dictionary<string, AtRiskTable>(StringComparer.Ordinal);
        foreach (var a in GroupedRows.Split(rows, group, r => (time(r), count(r))))
            tables.Add(a.Group, GroupedRows.AtPosition(a, () => Create(a.Values.Select(x => x.Item1).ToArray(), a.Values.Select(x => x.Item2).ToArray(), a.Group)));
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, AtRiskTable>(tables);
    }

    /// <summary>The table a figure would print under a fitted curve: its number at risk at each of
    /// <paramref name="times"/> (R's <c>summary(fit, times =)$n.risk</c>, 0 past the last time). For simulation studies of
    /// reconstruction.</summary>
    /// <param name="curve">A fitted curve.</param>
    /// <param name="times">The table's times, strictly increasing from 0.</param>
    public static AtRiskTable FromCurve(Estimation.SurvivalCurve curve, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(times);
        return Create(times, times.Select(curve.NumberAtRisk).ToArray(), curve.Label);
    }

    private static string Text(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
