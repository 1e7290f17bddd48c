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
/// <para>Interval-censored data (<see cref="FromIntervals(ReadOnlySpan{double}, ReadOnlySpan{double}, double[], IReadOnlyList{string}, IReadOnlyList{string})"/>)
/// widen the same rows: each row is an interval (left, right] in which the event happened, with <see cref="Time"/> the
/// left end, <see cref="Upper"/> the right end and <see cref="Kinds"/> R's status. Estimators that need exact or
/// right-censored times reject such data with a message naming the interval-censored estimator to use.</para>
/// <para>The arrays are copied, so a <see cref="SurvivalData"/> never changes after construction.</para>
/// </remarks>
public sealed class SurvivalData
{
    private readonly double[] _time;
    private readonly bool[] _event;
    private readonly double[]? _entry;
    private readonly double[]? _weight;
    private readonly double[]? _upper;
    private readonly IntervalKind[]? _kind;

    private SurvivalData(double[] time, bool[] status, double[]? entry, double[]? weight, Factor? group, Factor? strata,
        OmittedRows? omitted = null, Factor? id = null, double[]? upper = null, IntervalKind[]? kind = null)
    {
        _upper = upper;
        _kind = kind;
        Id = id;
        Omitted = omitted ?? OmittedRows.None;
        _time = time;
        _event = status;
        _entry = entry;
        _weight = weight;
        Group = group;
        Strata = strata;
    }

    /// <summary>The number of rows.</summary>
    public int Count => _time.Length;

    /// <summary>Exit (event or censoring) times; for interval-censored data the left end of each interval (0 for a
    /// left-censored row).</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>Event indicators: <c>true</c> for an event at <see cref="Time"/>, <c>false</c> for censoring; for
    /// interval-censored data, <c>true</c> unless the row is right-censored (the event lies within the row's interval).</summary>
    public ReadOnlySpan<bool> Event => _event;

    /// <summary>Whether the rows are intervals (left, right] (R's <c>Surv(left, right, type = "interval2")</c>) rather than
    /// exact or right-censored times.</summary>
    public bool IsIntervalCensored => _upper is not null;

    /// <summary>The right end of each interval (<see cref="double.PositiveInfinity"/> for a right-censored row); empty
    /// unless <see cref="IsIntervalCensored"/>.</summary>
    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>What each interval says (R's interval status); empty unless <see cref="IsIntervalCensored"/>.</summary>
    public ReadOnlySpan<IntervalKind> Kinds => _kind;

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

    /// <summary>The subject (or cluster) of each row, or null when every row is its own subject: R's <c>id</c> /
    /// <c>cluster</c>. Rows of one subject are clustered in the robust variance.</summary>
    public Factor? Id { get; }

    /// <summary>The input rows left out because a value the analysis uses was missing (R's <c>na.omit</c>;
    /// <see cref="OmittedRows.None"/> when none was, and always for <see cref="Create(ReadOnlySpan{double}, ReadOnlySpan{bool}, double[], double[], IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{string})"/>,
    /// whose input has no missing-value marker).</summary>
    public OmittedRows Omitted { get; }

    /// <summary>The same rows, recording <paramref name="omitted"/> as the rows left out before them: for readers that apply a
    /// missing-value policy (the CSV reader, the DuckDB push-down), so that estimators and printouts can report them.</summary>
    /// <param name="omitted">The rows left out.</param>
    public SurvivalData WithOmitted(OmittedRows omitted)
        => new(_time, _event, _entry, _weight, Group, Strata, omitted ?? throw new ArgumentNullException(nameof(omitted)), Id, _upper, _kind);

    /// <summary>The same rows (arrays shared, not copied) with <paramref name="group"/> as their groups, the given strata
    /// and no ids: for estimators that reduce by a derived group (cumulative incidence reduces by group × cause).</summary>
    internal SurvivalData WithGroupsOnly(Factor group, Factor? strata = null) => new(_time, _event, _entry, _weight, group, strata, Omitted, null, _upper, _kind);

    internal double[]? UpperArray => _upper;
    internal IntervalKind[]? KindArray => _kind;

    /// <summary>Throws when the rows are interval-censored: for estimators that need exact or right-censored times.</summary>
    /// <param name="analysis">The analysis, as the message names it ("Kaplan–Meier").</param>
    /// <param name="instead">What to use for interval-censored data.</param>
    internal void RequireExactTimes(string analysis, string instead)
    {
        if (IsIntervalCensored)
            throw new SurvivalInputException($"{analysis} needs exact or right-censored times, and these rows are interval-censored (left, right]: use {instead}");
    }

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
    /// <param name="id">Optional subject (cluster) labels, one per row (R <c>id</c>/<c>cluster</c>).</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks is broken; the message names the row and value.</exception>
    public static SurvivalData Create(
        ReadOnlySpan<double> time,
        ReadOnlySpan<bool> status,
        double[]? entry = null,
        double[]? weight = null,
        IReadOnlyList<string>? group = null,
        IReadOnlyList<string>? strata = null,
        IReadOnlyList<string>? id = null)
        => FromFactors(time, status,
            group is null ? null : Factor.FromLabels(group, name: "group"),
            strata is null ? null : Factor.FromLabels(strata, name: "strata"),
            entry, weight,
            id is null ? null : Factor.FromLabels(id, levels: id.Distinct(StringComparer.Ordinal).ToArray(), name: "id"));

    /// <summary>Validates and copies time-to-event columns, with groups, strata and ids given as factors (a chosen level
    /// order, or codes already computed); otherwise as <see cref="Create(ReadOnlySpan{double}, ReadOnlySpan{bool}, double[], double[], IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{string})"/>.</summary>
    /// <param name="time">Exit times, finite and ≥ 0.</param>
    /// <param name="status">Event indicators (true = event).</param>
    /// <param name="entry">Optional delayed-entry times, each finite and below its exit time.</param>
    /// <param name="weight">Optional frequency weights, finite and ≥ 0.</param>
    /// <param name="group">Optional groups.</param>
    /// <param name="strata">Optional strata.</param>
    /// <param name="id">Optional subjects (clusters).</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks of <see cref="SurvivalData"/> is broken.</exception>
    public static SurvivalData FromFactors(
        ReadOnlySpan<double> time,
        ReadOnlySpan<bool> status,
        Factor? group = null,
        Factor? strata = null,
        double[]? entry = null,
        double[]? weight = null,
        Factor? id = null)
    {
        int n = time.Length;
        if (n == 0) throw new SurvivalInputException("there are no rows: at least one is needed");
        CheckLength(status.Length, n, "event");
        if (entry is not null) CheckLength(entry.Length, n, "entry");
        if (weight is not null) CheckLength(weight.Length, n, "weight");
        if (group is not null) CheckLength(group.Count, n, "group");
        if (strata is not null) CheckLength(strata.Count, n, "strata");
        if (id is not null) CheckLength(id.Count, n, "id");

        for (int i = 0; i < n; i++)
        {
            double t = time[i];
            if (!double.IsFinite(t)) throw Bad("time must be a finite number", DataColumn.Time, t, i);
            if (t < 0) throw Bad("time must be ≥ 0", DataColumn.Time, t, i);
        }
        if (entry is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double e = entry[i];
                if (!double.IsFinite(e)) throw Bad("entry time must be a finite number", DataColumn.Entry, e, i);
                if (!(e < time[i]))
                    throw Bad($"entry time must be before the exit time {Format(time[i])}", DataColumn.Entry, e, i);
            }
        }
        if (weight is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double w = weight[i];
                if (!double.IsFinite(w)) throw Bad("weight must be a finite number", DataColumn.Weight, w, i);
                if (w < 0) throw Bad("weight must be ≥ 0", DataColumn.Weight, w, i);
            }
        }

        return new SurvivalData(time.ToArray(), status.ToArray(), entry?.ToArray(), weight?.ToArray(), group, strata, null, id);
    }

    /// <summary>
    /// Builds validated data from the objects an application holds, in one pass over <paramref name="rows"/>: each
    /// selector reads one column from a row, and the rows are validated as <see cref="Create(ReadOnlySpan{double}, ReadOnlySpan{bool}, double[], double[], IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{string})"/>
    /// validates columns.
    /// </summary>
    /// <typeparam name="T">The row type (a record, an entity, a tuple).</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit (event or censoring) time, finite and ≥ 0.</param>
    /// <param name="eventOccurred">Whether the row ends in an event (false: censored).</param>
    /// <param name="group">Optional group label (curves, compared groups).</param>
    /// <param name="strata">Optional stratum label.</param>
    /// <param name="entry">Optional delayed-entry time, before the exit time.</param>
    /// <param name="weight">Optional frequency weight, ≥ 0.</param>
    /// <param name="missing">What a missing value does: a <see cref="double.NaN"/> from <paramref name="time"/>,
    /// <paramref name="entry"/> or <paramref name="weight"/>, or a null label from <paramref name="group"/> or
    /// <paramref name="strata"/>. <see cref="MissingValuePolicy.Omit"/> (R's default) leaves the row out and records it
    /// in <see cref="Omitted"/>; <see cref="MissingValuePolicy.Fail"/> throws.</param>
    /// <param name="id">Optional subject (cluster) label: rows of one subject are clustered in the robust variance (R <c>id</c>).</param>
    /// <returns>The data; <see cref="Omitted"/> gives the 1-based positions of the rows left out.</returns>
    /// <exception cref="SurvivalInputException">A value breaks a rule of <see cref="SurvivalData"/>, or is missing under
    /// <see cref="MissingValuePolicy.Fail"/>; <see cref="SurvivalInputException.Row"/> is the row's <b>1-based</b>
    /// position in <paramref name="rows"/>, counting omitted rows.</exception>
    /// <example><code>
    /// var data = SurvivalData.From(patients, p =&gt; p.PfsMonths, p =&gt; p.Progressed, group: p =&gt; p.Arm);
    /// </code></example>
    public static SurvivalData From<T>(
        IEnumerable<T> rows,
        Func<T, double> time,
        Func<T, bool> eventOccurred,
        Func<T, string>? group = null,
        Func<T, string>? strata = null,
        Func<T, double>? entry = null,
        Func<T, double>? weight = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit,
        Func<T, string>? id = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        int capacity = rows.TryGetNonEnumeratedCount(out int count) ? count : 16;
        var t = new List<double>(capacity);
        var e = new List<bool>(capacity);
        var g = group is null ? null : new List<string>(capacity);
        var k = strata is null ? null : new List<string>(capacity);
        var s = entry is null ? null : new List<double>(capacity);
        var w = weight is null ? null : new List<double>(capacity);
        var ids = id is null ? null : new List<string>(capacity);
        var kept = new List<long>(capacity);
        var omitted = new List<long>();
        int omittedCount = 0;
        long position = 0;
        foreach (var row in rows)
        {
            position++;
            double ti = time(row);
            bool ei = eventOccurred(row);
            string? gi = group?.Invoke(row), ki = strata?.Invoke(row), ii = id?.Invoke(row);
            double si = entry?.Invoke(row) ?? 0, wi = weight?.Invoke(row) ?? 1;
            string? missingColumn = double.IsNaN(ti) ? "time"
                : entry is not null && double.IsNaN(si) ? "entry"
                : weight is not null && double.IsNaN(wi) ? "weight"
                : group is not null && gi is null ? "group"
                : strata is not null && ki is null ? "strata"
                : id is not null && ii is null ? "id"
                : null;
            if (missingColumn is not null)
            {
                if (missing == MissingValuePolicy.Fail)
                    throw new SurvivalInputException("the value is missing (NaN or null), and missing values are not allowed (MissingValuePolicy.Fail)",
                        column: missingColumn, row: position, input: Enum.Parse<DataColumn>(missingColumn, ignoreCase: true));
                omittedCount++;
                if (omitted.Count < OmittedRows.MaxPositions) omitted.Add(position);
                continue;
            }
            t.Add(ti);
            e.Add(ei);
            g?.Add(gi!);
            k?.Add(ki!);
            s?.Add(si);
            w?.Add(wi);
            ids?.Add(ii!);
            kept.Add(position);
        }
        if (kept.Count == 0 && omittedCount > 0)
            throw new SurvivalInputException($"every row has a missing value ({omittedCount} omitted): no row is left");
        try
        {
            var data = Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(t), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(e),
                s?.ToArray(), w?.ToArray(), g, k, ids);
            return omittedCount == 0 ? data : data.WithOmitted(OmittedRows.Of(omittedCount, omitted));
        }
        catch (SurvivalInputException ex) when (ex.Row is long r && r >= 1 && r <= kept.Count)
        {
            throw new SurvivalInputException(ex.Reason, column: ex.Column, value: ex.Value, row: kept[(int)(r - 1)], input: ex.Input);
        }
    }

    /// <summary>Validates and copies interval-censored rows: each row says the event happened in (left, right], read as R's
    /// <c>Surv(left, right, type = "interval2")</c> reads it.</summary>
    /// <param name="left">Left ends, finite and ≥ 0; <see cref="double.NaN"/> (missing) for a left-censored row.</param>
    /// <param name="right">Right ends, ≥ the left end; <see cref="double.NaN"/> (missing) or
    /// <see cref="double.PositiveInfinity"/> for a right-censored row. Left = right is an exact time.</param>
    /// <param name="weight">Optional case weights, finite and ≥ 0.</param>
    /// <param name="group">Optional group labels, one per row.</param>
    /// <param name="strata">Optional stratum labels, one per row.</param>
    /// <remarks><para>R's <c>interval2</c>: a missing left end means the event was at or before the right end
    /// (<see cref="IntervalKind.LeftCensored"/>); a missing or infinite right end means it was not yet seen at the left end
    /// (<see cref="IntervalKind.RightCensored"/>); a left end of 0 with a finite right end is the interval (0, right]
    /// (<see cref="IntervalKind.Interval"/>), as in R.</para>
    /// <para>Errors name the row (1-based) and value: a negative or infinite left end, a right end below the left end or
    /// negative, a row with both ends missing (readers that apply a missing-value policy leave such rows out before this
    /// call, as R's <c>na.omit</c> does), a bad weight.</para></remarks>
    /// <exception cref="SurvivalInputException">A rule in the remarks is broken.</exception>
    public static SurvivalData FromIntervals(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double[]? weight = null,
        IReadOnlyList<string>? group = null, IReadOnlyList<string>? strata = null)
        => FromIntervalFactors(left, right, weight,
            group is null ? null : Factor.FromLabels(group, name: "group"),
            strata is null ? null : Factor.FromLabels(strata, name: "strata"));

    /// <summary>Builds validated interval-censored data from the objects an application holds, in one pass over
    /// <paramref name="rows"/> (the interval-censored sibling of <see cref="From{T}"/>).</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="left">The left end: <see cref="double.NaN"/> for a left-censored row (R's <c>interval2</c>).</param>
    /// <param name="right">The right end: <see cref="double.NaN"/> or +∞ for a right-censored row.</param>
    /// <param name="group">Optional group label.</param>
    /// <param name="strata">Optional stratum label.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="missing">What a row missing both ends (or its weight, group or stratum) does:
    /// <see cref="MissingValuePolicy.Omit"/> (R's default) leaves it out and records it in <see cref="Omitted"/>;
    /// <see cref="MissingValuePolicy.Fail"/> throws.</param>
    /// <exception cref="SurvivalInputException">A rule of the interval rows is broken; the row is its 1-based position in
    /// <paramref name="rows"/>, counting omitted rows.</exception>
    /// <example><code>
    /// var data = SurvivalData.FromIntervals(patients, p =&gt; p.LastVisitWithout, p =&gt; p.FirstVisitWith, group: p =&gt; p.Arm);
    /// </code></example>
    public static SurvivalData FromIntervals<T>(
        IEnumerable<T> rows,
        Func<T, double> left,
        Func<T, double> right,
        Func<T, string>? group = null,
        Func<T, string>? strata = null,
        Func<T, double>? weight = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = new List<double>();
        var r = new List<double>();
        var g = group is null ? null : new List<string>();
        var k = strata is null ? null : new List<string>();
        var w = weight is null ? null : new List<double>();
        var kept = new List<long>();
        var omitted = new List<long>();
        int omittedCount = 0;
        long position = 0;
        foreach (var row in rows)
        {
            position++;
            double li = left(row), ri = right(row), wi = weight?.Invoke(row) ?? 1;
            string? gi = group?.Invoke(row), ki = strata?.Invoke(row);
            string? missingColumn = double.IsNaN(li) && double.IsNaN(ri) ? "left"
                : weight is not null && double.IsNaN(wi) ? "weight"
                : group is not null && gi is null ? "group"
                : strata is not null && ki is null ? "strata"
                : null;
            if (missingColumn is not null)
            {
                if (missing == MissingValuePolicy.Fail)
                    throw new SurvivalInputException(missingColumn == "left" ? "both ends of the interval are missing, and missing values are not allowed (MissingValuePolicy.Fail)"
                        : "the value is missing (NaN or null), and missing values are not allowed (MissingValuePolicy.Fail)",
                        column: missingColumn, row: position, input: missingColumn == "left" ? DataColumn.Time : Enum.Parse<DataColumn>(missingColumn, ignoreCase: true));
                omittedCount++;
                if (omitted.Count < OmittedRows.MaxPositions) omitted.Add(position);
                continue;
            }
            l.Add(li);
            r.Add(ri);
            g?.Add(gi!);
            k?.Add(ki!);
            w?.Add(wi);
            kept.Add(position);
        }
        if (kept.Count == 0 && omittedCount > 0)
            throw new SurvivalInputException($"every row has a missing value ({omittedCount} omitted): no row is left");
        try
        {
            var data = FromIntervals(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(l), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(r),
                w?.ToArray(), g, k);
            return omittedCount == 0 ? data : data.WithOmitted(OmittedRows.Of(omittedCount, omitted));
        }
        catch (SurvivalInputException ex) when (ex.Row is long row && row >= 1 && row <= kept.Count)
        {
            throw new SurvivalInputException(ex.Reason, column: ex.Column, value: ex.Value, row: kept[(int)(row - 1)], input: ex.Input);
        }
    }

    /// <summary>As <see cref="FromIntervals(ReadOnlySpan{double}, ReadOnlySpan{double}, double[], IReadOnlyList{string}, IReadOnlyList{string})"/>,
    /// with groups and strata given as factors.</summary>
    /// <param name="left">Left ends (NaN: left-censored).</param>
    /// <param name="right">Right ends (NaN or +∞: right-censored).</param>
    /// <param name="weight">Optional case weights.</param>
    /// <param name="group">Optional groups.</param>
    /// <param name="strata">Optional strata.</param>
    /// <exception cref="SurvivalInputException">A rule of <see cref="FromIntervals(ReadOnlySpan{double}, ReadOnlySpan{double}, double[], IReadOnlyList{string}, IReadOnlyList{string})"/> is broken.</exception>
    public static SurvivalData FromIntervalFactors(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double[]? weight = null,
        Factor? group = null, Factor? strata = null)
    {
        int n = left.Length;
        if (n == 0) throw new SurvivalInputException("there are no rows: at least one is needed");
        if (right.Length != n) throw new SurvivalInputException($"has {right.Length} values but the left ends have {n}", column: "right");
        if (weight is not null) CheckLength(weight.Length, n, "weight");
        if (group is not null) CheckLength(group.Count, n, "group");
        if (strata is not null) CheckLength(strata.Count, n, "strata");
        var lower = new double[n];
        var upper = new double[n];
        var kind = new IntervalKind[n];
        var status = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double l = left[i], r = right[i];
            bool leftMissing = double.IsNaN(l), rightOpen = double.IsNaN(r) || double.IsPositiveInfinity(r);
            if (leftMissing && rightOpen)
                throw new SurvivalInputException(double.IsNaN(r) ? "both ends of the interval are missing" : "the left end is missing and the right end infinite: the row says nothing",
                    column: "left", value: Format(l), row: i + 1, input: DataColumn.Time);
            if (!leftMissing)
            {
                if (!double.IsFinite(l)) throw Bad("the left end must be a finite number (or missing, for a left-censored row)", DataColumn.Time, l, i);
                if (l < 0) throw Bad("the left end must be ≥ 0", DataColumn.Time, l, i);
            }
            if (!rightOpen)
            {
                if (double.IsNegativeInfinity(r)) throw new SurvivalInputException("the right end must be a number ≥ the left end, or infinite / missing for a right-censored row",
                    column: "right", value: Format(r), row: i + 1, input: DataColumn.Upper);
                if (r < 0) throw new SurvivalInputException("the right end must be ≥ 0", column: "right", value: Format(r), row: i + 1, input: DataColumn.Upper);
                if (!leftMissing && r < l)
                    throw new SurvivalInputException($"the right end is before the left end {Format(l)}", column: "right", value: Format(r), row: i + 1, input: DataColumn.Upper);
            }
            if (leftMissing) { kind[i] = IntervalKind.LeftCensored; lower[i] = 0; upper[i] = r; }
            else if (rightOpen) { kind[i] = IntervalKind.RightCensored; lower[i] = l; upper[i] = double.PositiveInfinity; }
            else if (l == r) { kind[i] = IntervalKind.Exact; lower[i] = l; upper[i] = r; }
            else { kind[i] = IntervalKind.Interval; lower[i] = l; upper[i] = r; }
            status[i] = kind[i] != IntervalKind.RightCensored;
        }
        if (weight is not null)
        {
            for (int i = 0; i < n; i++)
            {
                double w = weight[i];
                if (!double.IsFinite(w)) throw Bad("weight must be a finite number", DataColumn.Weight, w, i);
                if (w < 0) throw Bad("weight must be ≥ 0", DataColumn.Weight, w, i);
            }
        }
        return new SurvivalData(lower, status, null, weight?.ToArray(), group, strata, null, null, upper, kind);
    }

    private static void CheckLength(int length, int expected, string column)
    {
        if (length != expected)
            throw new SurvivalInputException($"has {length} values but time has {expected}", column: column);
    }

    private static SurvivalInputException Bad(string message, DataColumn input, double value, int i)
        => new(message, column: input.ToString().ToLowerInvariant(), value: Format(value), row: i + 1, input: input);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
