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
