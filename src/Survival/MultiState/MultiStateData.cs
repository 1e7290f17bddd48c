using System.Globalization;

namespace Survival.MultiState;

/// <summary>
/// Validated multi-state data: rows (id, start, stop, state at stop), each saying that a subject was in some state over
/// (start, stop] and then entered the state named at stop, or stayed (a censoring label). This is R's
/// <c>Surv(tstart, tstop, state)</c> with <c>id</c> and optional <c>istate</c>, checked as R's <c>survcheck</c> checks it.
/// </summary>
/// <remarks>
/// <para>The rows' times, entry, weights and groups follow the rules of <see cref="SurvivalData"/>, which validates them
/// (<see cref="Rows"/>: an event there is any recorded transition). On top of them, as R's <c>survcheck</c>:</para>
/// <list type="bullet">
/// <item>With start times every row needs its subject's id (R: "an id statement is required for start,stop data");
/// without them each row is one subject unless ids are given.</item>
/// <item>The rows of one subject, in order of stop time, must neither overlap (a start before the previous stop: R's
/// <c>overlap</c>) nor leave a gap (a start after the previous stop: R's <c>gap</c>, or <c>jump</c> when the
/// initial state given for the row also disagrees); a given initial state of a later row must be the state the
/// subject is in (R's <c>teleport</c>). Each is an error naming the subject and both rows.</item>
/// <item>A subject starts in its first row's initial state (<c>istate</c>; R's <c>"(s0)"</c> when none is given)
/// and is afterwards in the last state it entered: <see cref="FromState"/>.</item>
/// <item>The states are, as R orders them, the initial states that are never entered, then the entered states in
/// the order R's <c>factor</c> gives their labels (case-insensitive, lower case first: "death" before "PCM"), or the
/// order given.</item>
/// <item>"censor", "0", an empty label or a missing one mean no transition (R: the first level of the state factor);
/// another set of censoring labels can be named.</item>
/// </list>
/// </remarks>
public sealed class MultiStateData
{
    /// <summary>The labels read as "no transition" unless others are named: <c>censor</c>, <c>0</c> and the empty label.</summary>
    public static IReadOnlyList<string> DefaultCensoringLabels { get; } = ValueList<string>.Of(["censor", "0", ""]);

    /// <summary>R's name for the initial state when none is given.</summary>
    public const string DefaultInitialState = "(s0)";

    private readonly int[] _endState;
    private readonly int[] _fromState;

    private MultiStateData(SurvivalData rows, int[] endState, int[] fromState, IReadOnlyList<string> states,
        IReadOnlyList<MultiStateTransition> transitions, int[] subject, int subjects, int[] subjectOrder)
    {
        SubjectOrder = subjectOrder;
        Rows = rows;
        _endState = endState;
        _fromState = fromState;
        States = states;
        Transitions = transitions;
        SubjectIndex = subject;
        SubjectCount = subjects;
    }

    /// <summary>The rows as survival data (entry, stop, weight, group, id); an event is any recorded transition.</summary>
    public SurvivalData Rows { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Rows.Count;

    /// <summary>The states in R's order; state code k (0-based) is <c>States[k]</c>.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The state entered at each row's stop: −1 for none (censored), else a 0-based index into <see cref="States"/>.</summary>
    public ReadOnlySpan<int> EndState => _endState;

    /// <summary>The state each row's subject is in over the row's interval (0-based; R's <c>survcheck(...)$istate</c>).</summary>
    public ReadOnlySpan<int> FromState => _fromState;

    /// <summary>The transitions seen, by state entered and then state left (R's order of survfit's <c>cumhaz</c> columns).</summary>
    public IReadOnlyList<MultiStateTransition> Transitions { get; }

    /// <summary>The number of subjects.</summary>
    public int SubjectCount { get; }

    internal int[] SubjectIndex { get; }

    /// <summary>The row numbers by subject, and within a subject in time order (R's multicheck order: stop, then start,
    /// then row): found once by the validation, and read by the estimators that walk each subject's rows.</summary>
    internal int[] SubjectOrder { get; }

    internal int[] EndStateArray => _endState;

    internal int[] FromStateArray => _fromState;

    /// <summary>The same data, recording rows a reader left out for missing values before building them.</summary>
    /// <param name="omitted">The rows left out.</param>
    public MultiStateData WithOmitted(OmittedRows omitted)
        => new(Rows.WithOmitted(omitted), _endState, _fromState, States, Transitions, SubjectIndex, SubjectCount, SubjectOrder);

    /// <summary>The 0-based index of a state label.</summary>
    /// <exception cref="SurvivalInputException">It is not a state of the data.</exception>
    public int IndexOf(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        for (int k = 0; k < States.Count; k++) if (States[k] == state) return k;
        throw new SurvivalInputException($"is not a state of the data ({string.Join(", ", States)})", column: "state", value: state, input: DataColumn.State);
    }

    /// <summary>Builds validated multi-state data from the objects an application holds, in one pass over
    /// <paramref name="rows"/> (the multi-state sibling of <see cref="SurvivalData.From{T}"/>).</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Stop time.</param>
    /// <param name="state">The state entered at the stop, or a censoring label (see <paramref name="censored"/>) or null
    /// for no transition.</param>
    /// <param name="id">Subject id (required with <paramref name="entry"/>).</param>
    /// <param name="entry">Optional start time.</param>
    /// <param name="initialState">Optional state the subject starts in (R <c>istate</c>).</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="group">Optional group: one set of curves per group.</param>
    /// <param name="states">Optional order of the entered states (R's factor levels).</param>
    /// <param name="censored">The labels meaning no transition; <see cref="DefaultCensoringLabels"/> when null.</param>
    /// <param name="missing">What a missing time, start, weight (<see cref="double.NaN"/>), id, initial state or group
    /// (null) does: leave the row out and report it in <see cref="SurvivalData.Omitted"/> of <see cref="Rows"/> (default,
    /// R's <c>na.omit</c>), or fail naming the row. A subject's rows must still join up without the row.</param>
    /// <exception cref="SurvivalInputException">A rule of <see cref="Create"/> is broken (the row is its 1-based position in
    /// <paramref name="rows"/>, counting omitted rows), or a value is missing under <see cref="MissingValuePolicy.Fail"/>.</exception>
    /// <example><code>
    /// var data = MultiStateData.From(visits, v =&gt; v.Stop, v =&gt; v.State, id: v =&gt; v.PatientId, entry: v =&gt; v.Start);
    /// var fit = AalenJohansen.Fit(data);
    /// </code></example>
    public static MultiStateData From<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> state, Func<T, string?>? id = null,
        Func<T, double>? entry = null, Func<T, string?>? initialState = null, Func<T, double>? weight = null, Func<T, string?>? group = null,
        IReadOnlyList<string>? states = null, IReadOnlyList<string>? censored = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(state);
        var checks = Checks(time, id, entry, initialState, weight, group);
        return FromCollected(ObjectRows<T>.Collect(rows, checks, covariates: null, missing), time, state, id, entry, initialState, weight, group, states, censored);
    }

    /// <summary>The checks of <see cref="From{T}"/>'s optional columns (time is always read).</summary>
    internal static List<(string Name, DataColumn? Input, Func<T, bool> IsMissing)> Checks<T>(Func<T, double> time, Func<T, string?>? id,
        Func<T, double>? entry, Func<T, string?>? initialState, Func<T, double>? weight, Func<T, string?>? group)
    {
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("time", DataColumn.Time, r => double.IsNaN(time(r))) };
        if (entry is not null) checks.Add(("entry", DataColumn.Entry, r => double.IsNaN(entry(r))));
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        if (id is not null) checks.Add(("id", DataColumn.Id, r => id(r) is null));
        if (initialState is not null) checks.Add(("istate", DataColumn.InitialState, r => initialState(r) is null));
        if (group is not null) checks.Add(("group", DataColumn.Group, r => group(r) is null));
        return checks;
    }

    /// <summary>The rows an objects-in pass kept, as validated data carrying its omitted rows (errors name the row among all rows).</summary>
    internal static MultiStateData FromCollected<T>(ObjectRows<T> collected, Func<T, double> time, Func<T, string?> state, Func<T, string?>? id,
        Func<T, double>? entry, Func<T, string?>? initialState, Func<T, double>? weight, Func<T, string?>? group,
        IReadOnlyList<string>? states, IReadOnlyList<string>? censored)
    {
        var kept = collected.Kept;
        try
        {
            var data = Create(kept.Select(time).ToArray(), kept.Select(state).ToArray(), id is null ? null : kept.Select(r => id(r)!).ToArray(),
                entry is null ? null : kept.Select(entry).ToArray(), initialState is null ? null : kept.Select(initialState).ToArray(),
                weight is null ? null : kept.Select(weight).ToArray(), group is null ? null : kept.Select(r => group(r)!).ToArray(), states, censored);
            return collected.Omitted.Count == 0 ? data : data.WithOmitted(collected.Omitted);
        }
        catch (SurvivalInputException ex)
        {
            throw collected.AtPosition(ex);
        }
    }

    /// <summary>Validates multi-state rows.</summary>
    /// <param name="time">Stop times, finite and ≥ 0.</param>
    /// <param name="state">The state entered at each stop, or a censoring label (see <paramref name="censored"/>) or null.</param>
    /// <param name="id">Subject ids (required with <paramref name="entry"/>; otherwise each row is one subject).</param>
    /// <param name="entry">Optional start times, each below its stop time.</param>
    /// <param name="initialState">Optional state each subject starts in (R <c>istate</c>, read from the subject's
    /// first row and checked on the later ones).</param>
    /// <param name="weight">Optional case weights (R <c>weights</c>), finite and ≥ 0.</param>
    /// <param name="group">Optional group labels: one set of curves per group.</param>
    /// <param name="states">Optional order of the entered states (R's factor levels); by default R's order of the labels.</param>
    /// <param name="censored">The labels meaning no transition; <see cref="DefaultCensoringLabels"/> when null.</param>
    /// <exception cref="SurvivalInputException">A rule in the remarks is broken; the message names the rows and values.</exception>
    public static MultiStateData Create(ReadOnlySpan<double> time, IReadOnlyList<string?> state, IReadOnlyList<string>? id = null,
        double[]? entry = null, IReadOnlyList<string?>? initialState = null, double[]? weight = null, IReadOnlyList<string>? group = null,
        IReadOnlyList<string>? states = null, IReadOnlyList<string>? censored = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        int n = time.Length;
        if (state.Count != n) throw new SurvivalInputException($"state has {state.Count} values but time has {n}", column: "state", input: DataColumn.State);
        if (initialState is not null && initialState.Count != n)
            throw new SurvivalInputException($"istate has {initialState.Count} values but time has {n}", column: "istate", input: DataColumn.InitialState);
        if (entry is not null && id is null)
            throw new SurvivalInputException("multi-state rows with start times need the subject id of each row (R: an id statement is required for start,stop data)", column: "id", input: DataColumn.Id);
        var censorSet = new HashSet<string>(censored ?? DefaultCensoringLabels, StringComparer.Ordinal);
        var idFactor = id is null ? null : Factor.FromLabels(id, levels: id.Distinct(StringComparer.Ordinal).ToArray(), name: "id");
        var rows = SurvivalData.FromFactors(time, Events(state, censorSet), group is null ? null : Factor.FromLabels(group, name: "group"),
            null, entry, weight, idFactor);

        // The entered states, in the order given or ordinal order.
        var entered = new SortedSet<string>(RLabelOrder.Instance);
        for (int i = 0; i < n; i++) if (state[i] is { } s && !censorSet.Contains(s)) entered.Add(s);
        string[] ystate;
        if (states is null) ystate = entered.ToArray();
        else
        {
            ystate = states.ToArray();
            foreach (var s in entered)
                if (Array.IndexOf(ystate, s) < 0)
                    throw new SurvivalInputException($"is not one of the states given ({string.Join(", ", ystate)})", column: "state", value: s, input: DataColumn.State);
        }
        var initialLabels = new SortedSet<string>(RLabelOrder.Instance);
        if (initialState is null) initialLabels.Add(DefaultInitialState);
        else
            for (int i = 0; i < n; i++)
                initialLabels.Add(initialState[i] ?? throw new SurvivalInputException("the initial state is missing", column: "istate", row: i + 1, input: DataColumn.InitialState));
        var all = initialLabels.Where(s => Array.IndexOf(ystate, s) < 0).Concat(ystate).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < all.Length; k++) index[all[k]] = k;

        var end = new int[n];
        for (int i = 0; i < n; i++) end[i] = state[i] is { } s && !censorSet.Contains(s) ? index[s] : -1;
        int[] given = new int[n];
        for (int i = 0; i < n; i++) given[i] = initialState is null ? index[DefaultInitialState] : index[initialState[i]!];

        // Subjects: the id's codes, or one per row.
        int[] subject = new int[n];
        int subjects;
        if (idFactor is null) { for (int i = 0; i < n; i++) subject[i] = i; subjects = n; }
        else { idFactor.Codes.CopyTo(subject); subjects = idFactor.Levels.Count; }

        var (from, order) = Chain(time, entry, end, given, subject, initialState is not null, id, all);
        var transitions = CountTransitions(from, end, all);
        return new MultiStateData(rows, end, from, ValueList<string>.Of(all), transitions, subject, subjects, order);
    }

    private static bool[] Events(IReadOnlyList<string?> state, HashSet<string> censored)
    {
        var events = new bool[state.Count];
        for (int i = 0; i < events.Length; i++) events[i] = state[i] is { } s && !censored.Contains(s);
        return events;
    }

    // R's multicheck: each subject's rows in order of (stop, start); the state over a row is the subject's initial state
    // on its first row and afterwards the last state entered. Overlaps, gaps and disagreeing initial states are errors.
    private static (int[] From, int[] Order) Chain(ReadOnlySpan<double> time, double[]? entry, int[] end, int[] given, int[] subject, bool hasInitial,
        IReadOnlyList<string>? id, string[] states)
    {
        int n = time.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var stop = time.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = subject[a].CompareTo(subject[b]);
            if (c != 0) return c;
            c = stop[a].CompareTo(stop[b]);
            if (c != 0) return c;
            c = (entry?[a] ?? 0).CompareTo(entry?[b] ?? 0);
            return c != 0 ? c : a.CompareTo(b);
        });
        var from = new int[n];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            if (k == 0 || subject[order[k - 1]] != subject[i]) { from[i] = given[i]; continue; }
            int prev = order[k - 1];
            double start = entry?[i] ?? 0, prevStop = stop[prev];
            from[i] = end[prev] >= 0 ? end[prev] : from[prev];
            bool mismatch = hasInitial && given[i] != from[i];
            string who = id is null ? $"row {i + 1}" : $"subject {id[i]}";
            string rows = $"rows {prev + 1} ({F(entry?[prev] ?? 0)}, {F(prevStop)}] and {i + 1} ({F(start)}, {F(stop[i])}]";
            if (start < prevStop)
                throw new SurvivalInputException($"{who} has overlapping intervals: {rows} (R survcheck: overlap)", column: "entry", value: F(start), row: i + 1, input: DataColumn.Entry);
            if (start > prevStop)
                throw new SurvivalInputException(mismatch
                    ? $"{who} has a gap between {rows}, and its initial state there is {states[given[i]]} while it was in {states[from[i]]} (R survcheck: jump)"
                    : $"{who} has a gap between {rows}: it is not followed from {F(prevStop)} to {F(start)} (R survcheck: gap)",
                    column: "entry", value: F(start), row: i + 1, input: DataColumn.Entry);
            if (mismatch)
                throw new SurvivalInputException($"{who} is in state {states[from[i]]} after row {prev + 1} but row {i + 1} gives its initial state as {states[given[i]]} (R survcheck: teleport)",
                    column: "istate", value: states[given[i]], row: i + 1, input: DataColumn.InitialState);
        }
        return (from, order);
    }

    private static MultiStateTransition[] CountTransitions(int[] from, int[] end, string[] states)
    {
        int s = states.Length;
        var counts = new int[s, s];
        for (int i = 0; i < from.Length; i++) if (end[i] >= 0) counts[from[i], end[i]]++;
        var list = new List<MultiStateTransition>();
        // R's order (survfit's cumhaz columns): by the state entered, then the state left.
        for (int b = 0; b < s; b++)
            for (int a = 0; a < s; a++)
                if (a != b && counts[a, b] > 0) list.Add(new MultiStateTransition(states[a], states[b], counts[a, b]));
        return list.ToArray();
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
