namespace Survival;

/// <summary>
/// Time-to-event data reduced to counts: for each (stratum, distinct time, group) cell, the weighted number of
/// events, censorings and delayed entries at that time, and the number of subjects whose exit is there.
/// Kaplan–Meier, Nelson–Aalen and the log-rank family need nothing more.
/// </summary>
/// <remarks>
/// <para>Cells are ordered by stratum, then time, then group; every (stratum, time, group) appears at most once.
/// A subject with entry time e and exit time t is at risk on (e, t]: it adds to <see cref="Entered"/> in the
/// cell at e and to <see cref="Events"/> or <see cref="Censored"/> in the cell at t. The number at risk just
/// before a time u in one group is therefore Σ entered(time &lt; u) − Σ (events + censored)(time &lt; u), or, with
/// no delayed entry, Σ (events + censored)(time ≥ u).</para>
/// <para>Build it from rows with <see cref="FromData(SurvivalData)"/>, or directly from counts computed elsewhere (a SQL
/// <c>GROUP BY</c> in a warehouse) with <see cref="Create"/>: both give identical estimates.</para>
/// </remarks>
public sealed class SurvivalCounts
{
    internal static readonly string[] NoLevels = [];

    private readonly double[] _time;
    private readonly int[] _group;
    private int[]? _stratum; // null: every cell in stratum 0 (made on first read)
    private readonly double[] _events;
    private readonly double[] _censored;
    private double[]? _entered; // null: no entries (made on first read)
    private double[]? _subjects; // null: events + censored in each cell (unweighted rows; made on first read)
    private readonly int[] _stratumStart;

    /// <remarks><paramref name="stratum"/> may be null when every cell is in stratum 0, and <paramref name="entered"/>
    /// when there are no entries, and <paramref name="subjects"/> when the rows are unweighted (each cell's subjects are
    /// then its events plus censorings, exactly): a reduction of 10^7 distinct times then allocates none of these columns
    /// (one is made if read).</remarks>
    internal SurvivalCounts(double[] time, int[] group, int[]? stratum, double[] events, double[] censored,
        double[]? entered, double[]? subjects, IReadOnlyList<string> groupLevels, IReadOnlyList<string> stratumLevels,
        bool hasEntry, OmittedRows? omitted = null, bool timeFixed = false)
    {
        Omitted = omitted ?? OmittedRows.None;
        TimeFixed = timeFixed;
        _time = time;
        _group = group;
        _stratum = stratum;
        _events = events;
        _censored = censored;
        _entered = entered;
        _subjects = subjects;
        SubjectsAreExits = subjects is null;
        GroupLevels = groupLevels as ValueList<string> ?? ValueList<string>.Of(groupLevels);
        StratumLevels = stratumLevels as ValueList<string> ?? ValueList<string>.Of(stratumLevels);
        HasEntry = hasEntry;
        int strata = StratumCount;
        _stratumStart = new int[strata + 1];
        if (stratum is null) _stratumStart[1] = time.Length;
        else for (int c = 0; c < stratum.Length; c++) _stratumStart[stratum[c] + 1]++;
        for (int s = 0; s < strata; s++) _stratumStart[s + 1] += _stratumStart[s];
    }

    /// <summary>The number of cells.</summary>
    public int CellCount => _time.Length;

    /// <summary>Group levels; empty when the data have no groups (then every cell is in group 0).</summary>
    public IReadOnlyList<string> GroupLevels { get; }

    /// <summary>Stratum levels; empty when the data have no strata (then every cell is in stratum 0).</summary>
    public IReadOnlyList<string> StratumLevels { get; }

    /// <summary>The number of groups (at least 1).</summary>
    public int GroupCount => Math.Max(1, GroupLevels.Count);

    /// <summary>The number of strata (at least 1).</summary>
    public int StratumCount => Math.Max(1, StratumLevels.Count);

    /// <summary>Whether any subject has a delayed entry.</summary>
    public bool HasEntry { get; }

    /// <summary>The input rows left out before the reduction because a value the analysis uses was missing (R's
    /// <c>na.omit</c>); <see cref="OmittedRows.None"/> for counts given directly to <see cref="Create"/>.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>The same counts, recording <paramref name="omitted"/> as the rows left out before them: for readers that apply a
    /// missing-value policy (the CSV reader, the DuckDB push-down), so that estimators and printouts can report them.</summary>
    /// <param name="omitted">The rows left out.</param>
    public SurvivalCounts WithOmitted(OmittedRows omitted)
        => new(_time, _group, _stratum, _events, _censored, _entered, _subjects, GroupLevels, StratumLevels, HasEntry,
            omitted ?? throw new ArgumentNullException(nameof(omitted)), TimeFixed);

    /// <summary>Whether R's near-tie rule (<see cref="TimeFix"/>) has already been applied to these counts (by the reduction
    /// that made them), so that the estimators do not apply it again.</summary>
    internal bool TimeFixed { get; }

    /// <summary>The time of each cell.</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>The group code of each cell.</summary>
    public ReadOnlySpan<int> Group => _group;

    /// <summary>The stratum code of each cell.</summary>
    public ReadOnlySpan<int> Stratum => _stratum ?? Zeros(ref _stratum);

    /// <summary>The weighted number of events in each cell.</summary>
    public ReadOnlySpan<double> Events => _events;

    /// <summary>The weighted number of censorings in each cell.</summary>
    public ReadOnlySpan<double> Censored => _censored;

    /// <summary>The weighted number of delayed entries in each cell (all zero without delayed entry).</summary>
    public ReadOnlySpan<double> Entered => _entered ?? Zeros(ref _entered);

    /// <summary>A zero column of one value a cell, stored in <paramref name="field"/> (one array even if two threads
    /// ask at once).</summary>
    private T[] Zeros<T>(ref T[]? field)
    {
        Interlocked.CompareExchange(ref field, new T[_time.Length], null);
        return field!;
    }

    /// <summary>The number of subjects (input rows, unweighted) whose exit is in each cell.</summary>
    public ReadOnlySpan<double> Subjects => _subjects ?? ExitSums();

    /// <summary>Whether each cell's subjects are its events plus censorings (unweighted rows): an estimator may add them
    /// instead of reading <see cref="Subjects"/>.</summary>
    internal bool SubjectsAreExits { get; }

    private double[] ExitSums()
    {
        var sums = new double[_time.Length];
        for (int c = 0; c < sums.Length; c++) sums[c] = _events[c] + _censored[c];
        Interlocked.CompareExchange(ref _subjects, sums, null);
        return _subjects!;
    }

    /// <summary>The cells of stratum <paramref name="stratum"/> are <c>[start, end)</c>.</summary>
    public (int Start, int End) StratumRange(int stratum) => (_stratumStart[stratum], _stratumStart[stratum + 1]);

    /// <summary>Reduces row-level data to counts (exact: no rounding of times).</summary>
    /// <param name="data">Validated rows.</param>
    /// <remarks>No comparison sort of the rows. When the distinct (stratum, time, group) cells are few next to the rows
    /// (at most 1/16 of them, the usual case: times recorded to a day), one pass adds every row to a hash table of cells
    /// (<see cref="CellTable"/>) and only the cells are sorted. Otherwise a counting pass lays the items (exits, and
    /// entries under delayed entry) out by (stratum, group), reading the rows in order, a stable radix sort of the
    /// times (<see cref="RadixSort"/>) within each stratum keeps groups in order among equal times, and one pass sums
    /// each (time, group) run; group and kind travel with the sort key, so no pass reads the rows out of order. Both
    /// paths sum weights in row order within a cell and give bit-identical results.</remarks>
    public static SurvivalCounts FromData(SurvivalData data) => FromData(data, 0);

    /// <summary>Reduces row-level data to counts, using at most <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    /// <param name="data">Validated rows.</param>
    /// <param name="maxDegreeOfParallelism">0 for the library's choice (all cores, at most 8, for 2^21 or more unweighted
    /// rows; one thread otherwise); 1 to stay on the calling thread; k for at most k threads. The result does not depend
    /// on it (whole-number counts add exactly in any order; weighted rows are always summed in row order).</param>
    public static SurvivalCounts FromData(SurvivalData data, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (maxDegreeOfParallelism < 0)
            throw new SurvivalInputException("the degree of parallelism must be 0 (the library's choice) or more", column: "MaxDegreeOfParallelism",
                value: maxDegreeOfParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return FromData(data, maxDegreeOfParallelism, timeFix: false);
    }

    /// <summary>The reduction with R's near-tie rule applied when <paramref name="timeFix"/> is set: the estimators' path.
    /// With one stratum and many distinct times (continuous data) the rule runs on the radix-sorted keys in the same pass
    /// that forms the cells, instead of building the counts twice; otherwise it is applied to the cells afterwards
    /// (<see cref="TimeFix.Apply"/>). Both give the same bits.</summary>
    internal static SurvivalCounts FromData(SurvivalData data, int maxDegreeOfParallelism, bool timeFix)
    {
        data.RequireExactTimes("This estimator", "Turnbull.Fit for curves, IntervalLogRank.Compute for tests, AftModel.Fit for parametric models");
        int items = (data.HasEntry ? 2 : 1) * data.Count;
        // Below SmallInput items a comparison sort costs less than setting up a 4096-cell hash table or the radix
        // sort's digit tables (a tenth of the time at a hundred rows: the case of synthesis, bootstrap and simulation,
        // which fit small data sets many times). All three paths give the same bits.
        var counts = items < SmallInput ? FromDataReference(data)
            : RowReduction.ByHashing(data, Math.Max(4096, items / 16), maxParts: maxDegreeOfParallelism) ?? RowReduction.ByRadixSort(data, timeFix, maxDegreeOfParallelism);
        if (timeFix) counts = TimeFix.Apply(counts);
        return data.Omitted.Count == 0 ? counts : counts.WithOmitted(data.Omitted);
    }

    private const int SmallInput = 1024;

    /// <summary>The plain reduction (a comparison sort of row items), kept as the oracle the tests compare
    /// <see cref="FromData(SurvivalData)"/> with.</summary>
    internal static SurvivalCounts FromDataReference(SurvivalData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count;
        var time = data.TimeArray;
        var entry = data.EntryArray;
        var status = data.EventArray;
        int[]? group = data.Group?.CodeArray;
        int[]? strata = data.Strata?.CodeArray;

        // Items: each exit, and each entry when present. Sorted by (stratum, time, group), then summed.
        int m = entry is null ? n : 2 * n;
        var items = new Item[m];
        for (int i = 0; i < n; i++)
        {
            int s = strata?[i] ?? 0, g = group?[i] ?? 0;
            double w = data.WeightAt(i);
            items[i] = new Item(s, time[i], g, status[i] ? Kind.Event : Kind.Censor, w);
            if (entry is not null) items[n + i] = new Item(s, entry[i], g, Kind.Entry, w);
        }
        Array.Sort(items);

        var cells = new CellList();
        for (int j = 0; j < m; j++)
        {
            ref readonly var it = ref items[j];
            cells.Open(it.Stratum, it.Time, it.Group);
            switch (it.Kind)
            {
                case Kind.Event: cells.Add(it.Weight, 0, 0, 1); break;
                case Kind.Censor: cells.Add(0, it.Weight, 0, 1); break;
                default: cells.Add(0, 0, it.Weight, 0); break;
            }
        }
        return cells.ToCounts(data.Group?.Levels ?? NoLevels, data.Strata?.Levels ?? NoLevels, entry is not null);
    }

    /// <summary>The same counts with every time replaced by its representative under R's near-tie rule (the largest
    /// cut ≤ the time; see <see cref="TimeFix"/>); cells that meet are summed.</summary>
    /// <remarks>Linear: within a stratum the cells are in time order, so the map is a forward walk over the cuts, and a
    /// run of cells sharing a representative is summed per group (groups re-sorted within the run only).</remarks>
    internal SurvivalCounts WithTimes(double[] cuts)
    {
        // Count the cells that come out (a walk over the cuts per stratum; a run can hold several groups), then fill columns
        // of that size: no per-cell lists and no trimming copies (10^7 continuous times have 10^5–10^6 near ties).
        int n = 0;
        var runOf = new int[GroupCount];
        int runId = 0;
        for (int s = 0; s < StratumCount; s++)
        {
            var (start, end) = StratumRange(s);
            int cut = 0;
            double previousTime = double.NaN;
            for (int i = start; i < end; i++)
            {
                double mapped = Representative(_time[i], ref cut);
                // A new representative starts a run; within a run each group is one cell (marked with the run's number).
                if (mapped != previousTime) { runId++; previousTime = mapped; }
                if (runOf[_group[i]] != runId) { runOf[_group[i]] = runId; n++; }
            }
            runId++;
        }
        var time = new double[n];
        var group = new int[n];
        var stratum = _stratum is null ? null : new int[n];
        var events = new double[n];
        var censored = new double[n];
        var entered = _entered is null ? null : new double[n];
        var subjects = _subjects is null ? null : new double[n];
        int m = 0;
        var run = new List<int>();
        for (int s = 0; s < StratumCount; s++)
        {
            var (start, end) = StratumRange(s);
            int cut = 0;
            int i = start;
            while (i < end)
            {
                double mapped = Representative(_time[i], ref cut);
                int j = i + 1;
                int walk = cut;
                while (j < end && Representative(_time[j], ref walk) == mapped) j++;
                cut = walk;
                if (j == i + 1)
                {
                    Append(i, mapped, s, open: true);
                }
                else
                {
                    // Within the run, one cell per group in group order; sums in cell order.
                    run.Clear();
                    for (int c = i; c < j; c++) run.Add(c);
                    run.Sort((x, y) => _group[x] != _group[y] ? _group[x].CompareTo(_group[y]) : x.CompareTo(y));
                    for (int r = 0; r < run.Count; r++) Append(run[r], mapped, s, open: r == 0 || _group[run[r]] != _group[run[r - 1]]);
                }
                i = j;
            }
        }
        System.Diagnostics.Debug.Assert(m == n);
        return new SurvivalCounts(time, group, stratum, events, censored, entered, subjects, GroupLevels, StratumLevels, HasEntry);

        void Append(int c, double mapped, int s, bool open)
        {
            if (open)
            {
                time[m] = mapped;
                group[m] = _group[c];
                if (stratum is not null) stratum[m] = s;
                m++;
            }
            int k = m - 1;
            events[k] += _events[c];
            censored[k] += _censored[c];
            if (entered is not null) entered[k] += _entered![c];
            if (subjects is not null) subjects[k] += _subjects![c];
        }

        // The largest cut ≤ x (x itself below the first cut), advancing the index: x never decreases within a stratum.
        double Representative(double x, ref int index)
        {
            while (index + 1 < cuts.Length && cuts[index + 1] <= x) index++;
            return cuts[index] <= x ? cuts[index] : x;
        }
    }

    /// <summary>Validates counts computed elsewhere (e.g. by a SQL <c>GROUP BY</c>); repeated cells are summed.</summary>
    /// <param name="time">The time of each input row, finite.</param>
    /// <param name="events">Weighted events at that time, finite and ≥ 0.</param>
    /// <param name="censored">Weighted censorings at that time, finite and ≥ 0.</param>
    /// <param name="entered">Optional weighted delayed entries at that time, finite and ≥ 0.</param>
    /// <param name="group">Optional group of each input row.</param>
    /// <param name="strata">Optional stratum of each input row.</param>
    /// <param name="subjects">Optional number of subjects exiting at that time; defaults to events + censored
    /// (exact when the counts are unweighted).</param>
    /// <exception cref="SurvivalInputException">A count is negative or not finite, a time is not finite or
    /// negative, or the columns differ in length.</exception>
    /// <remarks>Counts do not pair a subject's entry with its exit, so R's stop for a delayed-entry interval that the
    /// near-tie rule collapses (<c>aeqSurv</c>) cannot be applied here: reduce the rows with that rule already applied
    /// (<see cref="TimeFix.Cuts"/> and <see cref="TimeFix.Map"/> on entry and exit, rejecting rows whose ends map to one
    /// time, as <c>DuckDbCounts</c> does), or fit with <c>TimeFix = false</c> when the times are exact.</remarks>
    public static SurvivalCounts Create(
        ReadOnlySpan<double> time,
        ReadOnlySpan<double> events,
        ReadOnlySpan<double> censored,
        double[]? entered = null,
        Factor? group = null,
        Factor? strata = null,
        double[]? subjects = null)
    {
        int n = time.Length;
        if (n == 0) throw new SurvivalInputException("there are no rows: at least one is needed");
        Check(events.Length == n, "events");
        Check(censored.Length == n, "censored");
        Check(entered is null || entered.Length == n, "entered");
        Check(group is null || group.Count == n, "group");
        Check(strata is null || strata.Count == n, "strata");
        Check(subjects is null || subjects.Length == n, "subjects");

        var items = new (Item Key, double Events, double Censored, double Entered, double Subjects)[n];
        bool hasEntry = false;
        for (int i = 0; i < n; i++)
        {
            double t = time[i];
            if (!double.IsFinite(t)) throw Bad("time must be a finite number", "time", t, i);
            if (t < 0 && (events[i] > 0 || censored[i] > 0)) throw Bad("an exit time must be ≥ 0", "time", t, i);
            double d = NonNegative(events[i], "events", i);
            double c = NonNegative(censored[i], "censored", i);
            double e = entered is null ? 0 : NonNegative(entered[i], "entered", i);
            double sub = subjects is null ? d + c : NonNegative(subjects[i], "subjects", i);
            hasEntry |= e > 0;
            items[i] = (new Item(strata?.CodeArray[i] ?? 0, t, group?.CodeArray[i] ?? 0, Kind.Event, 0), d, c, e, sub);
        }
        return Merge(items, group?.Levels ?? NoLevels, strata?.Levels ?? NoLevels, hasEntry);

        static void Check(bool ok, string column)
        {
            if (!ok) throw new SurvivalInputException("has a different number of values than time", column: column);
        }

        static double NonNegative(double v, string column, int i)
        {
            if (!double.IsFinite(v)) throw Bad("must be a finite number", column, v, i);
            if (v < 0) throw Bad("must be ≥ 0", column, v, i);
            return v;
        }
    }

    private static SurvivalCounts Merge((Item Key, double Events, double Censored, double Entered, double Subjects)[] items,
        IReadOnlyList<string> groupLevels, IReadOnlyList<string> stratumLevels, bool hasEntry)
    {
        int n = items.Length;
        Array.Sort(items, static (a, b) => a.Key.CompareTo(b.Key));

        var cells = new CellList(n);
        foreach (var (key, d, c, e, sub) in items)
        {
            cells.Open(key.Stratum, key.Time, key.Group);
            cells.Add(d, c, e, sub);
        }
        return cells.ToCounts(groupLevels, stratumLevels, hasEntry);
    }

    /// <summary>Cells built in order: <see cref="Open"/> starts a new cell unless the key is the last cell's, and
    /// <see cref="Add"/> adds to the current one.</summary>
    private sealed class CellList(int capacity = 0)
    {
        private readonly List<double> _time = new(capacity), _events = new(capacity), _censored = new(capacity),
            _entered = new(capacity), _subjects = new(capacity);
        private readonly List<int> _group = new(capacity), _stratum = new(capacity);

        public void Open(int stratum, double time, int group)
        {
            int k = _time.Count - 1;
            if (k >= 0 && _stratum[k] == stratum && _time[k] == time && _group[k] == group) return;
            _time.Add(time); _group.Add(group); _stratum.Add(stratum);
            _events.Add(0); _censored.Add(0); _entered.Add(0); _subjects.Add(0);
        }

        public void Add(double events, double censored, double entered, double subjects)
        {
            int k = _time.Count - 1;
            _events[k] += events; _censored[k] += censored; _entered[k] += entered; _subjects[k] += subjects;
        }

        public SurvivalCounts ToCounts(IReadOnlyList<string> groupLevels, IReadOnlyList<string> stratumLevels, bool hasEntry)
            => new(_time.ToArray(), _group.ToArray(), _stratum.ToArray(), _events.ToArray(), _censored.ToArray(),
                _entered.ToArray(), _subjects.ToArray(), groupLevels, stratumLevels, hasEntry);
    }

    private static SurvivalInputException Bad(string message, string column, double value, int i)
        => new(message, column: column, value: SurvivalData.Format(value), row: i + 1);

    private enum Kind : byte { Event, Censor, Entry }

    private readonly record struct Item(int Stratum, double Time, int Group, Kind Kind, double Weight) : IComparable<Item>
    {
        public int CompareTo(Item other)
        {
            int c = Stratum.CompareTo(other.Stratum);
            if (c != 0) return c;
            c = Time.CompareTo(other.Time);
            return c != 0 ? c : Group.CompareTo(other.Group);
        }
    }
}
