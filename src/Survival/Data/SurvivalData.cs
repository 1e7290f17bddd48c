using System.Globalization;

namespace Survival;

/// <summary>
/// Validated time-to-event data, one row per subject (or per counting-process interval): exit time, event
/// indicator, and optionally delayed-entry time, frequency weight, group and stratum.
/// </summary>
/// <remarks>
/// <para>This is the boundary of the library: every rule is checked once, here, and estimators trust the data.
/// The rules are those of R's <c>Surv()</c>, made strict (R turns some violations into <c>NA</c> with a warning;
/// here they are errors naming the row and value):</para>
/// <list type="bullet">
/// <item>time is finite and ≥ 0;</item>
/// <item>entry, when given, is finite and strictly less than time (R: "Stop time must be &gt; start time");</item>
/// <item>weight, when given, is finite and ≥ 0 (R <c>survfit</c>: frequency/case weights);</item>
/// <item>all columns have the same length, and there is at least one row.</item>
/// </list>
/// <para>The arrays are copied, so a <see cref="SurvivalData"/> never changes after construction.</para>
/// </remarks>
public sealed class SurvivalData
{
    private readonly double[] _time;
    private readonly bool[] _event;
    private readonly double[]? _entry;
    private readonly double[]? _weight;

    private SurvivalData(double[] time, bool[] status, double[]? entry, double[]? weight, Factor? group, Factor? strata)
    {
        _time = time;
        _event = status;
        _entry = entry;
        _weight = weight;
        Group = group;
        Strata = strata;
    }

    /// <summary>The number of rows.</summary>
    public int Count => _time.Length;

    /// <summary>Exit (event or censoring) times.</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>Event indicators: <c>true</c> for an event at <see cref="Time"/>, <c>false</c> for censoring.</summary>
    public ReadOnlySpan<bool> Event => _event;

    /// <summary>Whether rows have delayed-entry times (counting-process data, R's <c>Surv(entry, time, event)</c>).</summary>
    public bool HasEntry => _entry is not null;

    /// <summary>Entry times (a subject is at risk on (entry, time]); empty when <see cref="HasEntry"/> is false.</summary>
    public ReadOnlySpan<double> Entry => _entry;

    /// <summary>Whether rows carry frequency weights.</summary>
    public bool HasWeights => _weight is not null;

    /// <summary>Frequency weights; empty when <see cref="HasWeights"/> is false (every row then weighs 1).</summary>
    public ReadOnlySpan<double> Weight => _weight;

    /// <summary>The group of each row (curves, compared groups), or null for one group.</summary>
    public Factor? Group { get; }

    /// <summary>The stratum of each row (stratified tests and models), or null for none.</summary>
    public Factor? Strata { get; }

    internal double[] TimeArray => _time;
    internal bool[] EventArray => _event;
    internal double[]? EntryArray => _entry;
    internal double[]? WeightArray => _weight;

    /// <summary>The weight of row <paramref name="i"/> (1 when unweighted).</summary>
    internal double WeightAt(int i) => _weight is null ? 1.0 : _weight[i];

    /// <summary>Validates and copies time-to-event columns.</summary>
    /// <param name="time">Exit times, finite and ≥ 0.</param>
    /// <param name="status">Event indicators (true = event).</param>
    /// <param name="entry">Optional delayed-entry times, each finite and below its exit time.</param>
    /// <param name="weight">Optional frequency weights, finite and ≥ 0.</param>
    /// <param name="group">Optional group labels, one per row.</param>
    /// <param name="strata">Optional stratum labels, one per row.</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks is broken; the message names the row and value.</exception>
    public static SurvivalData Create(
        ReadOnlySpan<double> time,
        ReadOnlySpan<bool> status,
        double[]? entry = null,
        double[]? weight = null,
        IReadOnlyList<string>? group = null,
        IReadOnlyList<string>? strata = null)
        => Create(time, status, entry, weight,
            group is null ? null : Factor.FromLabels(group, name: "group"),
            strata is null ? null : Factor.FromLabels(strata, name: "strata"));

    /// <summary>Validates and copies time-to-event columns, with groups and strata given as factors.</summary>
    /// <param name="time">Exit times, finite and ≥ 0.</param>
    /// <param name="status">Event indicators (true = event).</param>
    /// <param name="entry">Optional delayed-entry times, each finite and below its exit time.</param>
    /// <param name="weight">Optional frequency weights, finite and ≥ 0.</param>
    /// <param name="group">Optional groups.</param>
    /// <param name="strata">Optional strata.</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks of <see cref="SurvivalData"/> is broken.</exception>
    public static SurvivalData Create(
        ReadOnlySpan<double> time,
        ReadOnlySpan<bool> status,
        double[]? entry,
        double[]? weight,
        Factor? group,
        Factor? strata)
    {
        int n = time.Length;
        if (n == 0) throw new SurvivalInputException("there are no rows: at least one is needed");
        CheckLength(status.Length, n, "event");
        if (entry is not null) CheckLength(entry.Length, n, "entry");
        if (weight is not null) CheckLength(weight.Length, n, "weight");
        if (group is not null) CheckLength(group.Count, n, "group");
        if (strata is not null) CheckLength(strata.Count, n, "strata");

        for (int i = 0; i < n; i++)
        {
            double t = time[i];
            if (!double.IsFinite(t)) throw Bad("time must be a finite number", "time", t, i);
            if (t < 0) throw Bad("time must be ≥ 0", "time", t, i);
        }
        if (entry is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double e = entry[i];
                if (!double.IsFinite(e)) throw Bad("entry time must be a finite number", "entry", e, i);
                if (!(e < time[i]))
                    throw Bad($"entry time must be before the exit time {Format(time[i])}", "entry", e, i);
            }
        }
        if (weight is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double w = weight[i];
                if (!double.IsFinite(w)) throw Bad("weight must be a finite number", "weight", w, i);
                if (w < 0) throw Bad("weight must be ≥ 0", "weight", w, i);
            }
        }

        return new SurvivalData(time.ToArray(), status.ToArray(), entry?.ToArray(), weight?.ToArray(), group, strata);
    }

    private static void CheckLength(int length, int expected, string column)
    {
        if (length != expected)
            throw new SurvivalInputException($"has {length} values but time has {expected}", column: column);
    }

    private static SurvivalInputException Bad(string message, string column, double value, int i)
        => new(message, column: column, value: Format(value), row: i + 1);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
