namespace Survival.CompetingRisks;

/// <summary>
/// Validated competing-risks data: each row ends censored or in exactly one of several causes (R's <c>Surv(time,
/// factor(status))</c>, SAS <c>EVENTCODE=</c>, cmprsk's <c>fstatus</c>). The rows' times, entry, weights, groups and
/// strata follow the rules of <see cref="SurvivalData"/>, which validates them.
/// </summary>
/// <remarks>Causes are kept as they are written (their labels), in ordinal order; the censoring label is "0" unless
/// another is named. A status with a single cause is ordinary survival data: its cumulative incidence is 1 − Kaplan–Meier.</remarks>
public sealed class CompetingRisksData
{
    private readonly int[] _cause;

    private CompetingRisksData(SurvivalData rows, int[] cause, IReadOnlyList<string> causes, string censored)
    {
        Rows = rows;
        _cause = cause;
        Causes = causes;
        CensoredLabel = censored;
    }

    /// <summary>The rows as survival data: an event is an event of any cause.</summary>
    public SurvivalData Rows { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Rows.Count;

    /// <summary>The cause labels, in order (ordinal); cause code k (1-based) is <c>Causes[k − 1]</c>.</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>The label that means censored.</summary>
    public string CensoredLabel { get; }

    /// <summary>The cause of each row: 0 censored, k ≥ 1 the k-th of <see cref="Causes"/>.</summary>
    public ReadOnlySpan<int> Cause => _cause;

    internal int[] CauseArray => _cause;

    /// <summary>The code (1-based) of <paramref name="cause"/>.</summary>
    /// <param name="cause">A cause as written in the data.</param>
    /// <exception cref="SurvivalInputException">It is not one of <see cref="Causes"/>.</exception>
    public int CodeOf(string cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        for (int k = 0; k < Causes.Count; k++) if (Causes[k] == cause) return k + 1;
        throw new SurvivalInputException($"is not a cause of the data ({string.Join(", ", Causes)})", column: "cause", value: cause);
    }

    /// <summary>Validates rows whose status is a label: <paramref name="censored"/> (default "0") for censoring, any other
    /// label a cause.</summary>
    /// <param name="time">Exit times, finite and ≥ 0.</param>
    /// <param name="status">The status of each row: the censoring label or a cause.</param>
    /// <param name="censored">The label meaning censored (default "0", as R and cmprsk's <c>cencode = 0</c>).</param>
    /// <param name="entry">Optional delayed-entry times.</param>
    /// <param name="weight">Optional case weights.</param>
    /// <param name="group">Optional group labels (one curve set per group; groups compared by Gray's test).</param>
    /// <param name="strata">Optional stratum labels (Gray's test stratified).</param>
    /// <exception cref="SurvivalInputException">A rule of <see cref="SurvivalData"/> is broken, a status is missing, or no row has a cause.</exception>
    public static CompetingRisksData Create(ReadOnlySpan<double> time, IReadOnlyList<string> status, string censored = "0",
        double[]? entry = null, double[]? weight = null, IReadOnlyList<string>? group = null, IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(censored);
        if (status.Count != time.Length)
            throw new SurvivalInputException($"status has {status.Count} values but time has {time.Length}", column: "status");
        var causes = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < status.Count; i++)
        {
            var s = status[i] ?? throw new SurvivalInputException("the status is missing", column: "status", row: i + 1);
            if (s != censored) causes.Add(s);
        }
        var labels = causes.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < labels.Length; k++) index[labels[k]] = k + 1;
        var cause = new int[status.Count];
        var events = new bool[status.Count];
        for (int i = 0; i < status.Count; i++)
        {
            cause[i] = status[i] == censored ? 0 : index[status[i]];
            events[i] = cause[i] > 0;
        }
        var rows = SurvivalData.Create(time, events, entry, weight, group, strata);
        return new CompetingRisksData(rows, cause, ValueList<string>.Of(labels), censored);
    }

    /// <summary>Builds validated competing-risks data from the objects an application holds, in one pass over
    /// <paramref name="rows"/> (the competing-risks sibling of <see cref="SurvivalData.From{T}"/>): the status of each row
    /// is its cause, or <paramref name="censored"/> for a censoring.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="status">The row's cause, or the censoring label; null is a missing status.</param>
    /// <param name="censored">The label meaning censored (default "0", as cmprsk's <c>cencode = 0</c>).</param>
    /// <param name="group">Optional group (Gray's test compares groups).</param>
    /// <param name="strata">Optional stratum.</param>
    /// <param name="entry">Optional delayed-entry time.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="missing">What a missing value (<see cref="double.NaN"/>, null) does: leave the row out and report it in
    /// <see cref="SurvivalData.Omitted"/> of <see cref="Rows"/> (default, R's <c>na.omit</c>), or fail naming the row.</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule of <see cref="Create"/> (the row is its 1-based
    /// position in <paramref name="rows"/>, counting omitted rows), or a value is missing under
    /// <see cref="MissingValuePolicy.Fail"/>.</exception>
    /// <example><code>
    /// var data = CompetingRisksData.From(patients, p =&gt; p.Months, p =&gt; p.Outcome, censored: "censored", group: p =&gt; p.Arm);
    /// var cif = CumulativeIncidence.Fit(data);
    /// </code></example>
    public static CompetingRisksData From<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, string censored = "0",
        Func<T, string?>? group = null, Func<T, string?>? strata = null, Func<T, double>? entry = null, Func<T, double>? weight = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(censored);
        var checks = new List<(string, DataColumn?, Func<T, bool>)>
        {
            ("time", DataColumn.Time, r => double.IsNaN(time(r))),
            ("status", DataColumn.Event, r => status(r) is null),
        };
        if (entry is not null) checks.Add(("entry", DataColumn.Entry, r => double.IsNaN(entry(r))));
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        if (group is not null) checks.Add(("group", DataColumn.Group, r => group(r) is null));
        if (strata is not null) checks.Add(("strata", DataColumn.Strata, r => strata(r) is null));
        return FromCollected(ObjectRows<T>.Collect(rows, checks, covariates: null, missing), time, status, censored, group, strata, entry, weight);
    }

    /// <summary>The rows an objects-in pass kept, as validated data carrying its omitted rows (errors name the row among all rows).</summary>
    internal static CompetingRisksData FromCollected<T>(ObjectRows<T> collected, Func<T, double> time, Func<T, string?> status, string censored,
        Func<T, string?>? group = null, Func<T, string?>? strata = null, Func<T, double>? entry = null, Func<T, double>? weight = null)
    {
        var kept = collected.Kept;
        try
        {
            var data = Create(kept.Select(time).ToArray(), kept.Select(r => status(r)!).ToArray(), censored,
                entry is null ? null : kept.Select(entry).ToArray(), weight is null ? null : kept.Select(weight).ToArray(),
                group is null ? null : kept.Select(r => group(r)!).ToArray(), strata is null ? null : kept.Select(r => strata(r)!).ToArray());
            return collected.Omitted.Count == 0 ? data : new CompetingRisksData(data.Rows.WithOmitted(collected.Omitted), data._cause, data.Causes, censored);
        }
        catch (SurvivalInputException ex)
        {
            throw collected.AtPosition(ex);
        }
    }

    /// <summary>Competing-risks data with the causes given as codes and labels (for readers that have coded them).</summary>
    /// <param name="rows">The rows (their event flags must be cause ≥ 1).</param>
    /// <param name="cause">Cause codes: 0 censored, k ≥ 1 the k-th label.</param>
    /// <param name="causes">The cause labels.</param>
    /// <param name="censored">The censoring label.</param>
    public static CompetingRisksData FromCodes(SurvivalData rows, ReadOnlySpan<int> cause, IReadOnlyList<string> causes, string censored = "0")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(causes);
        if (cause.Length != rows.Count) throw new SurvivalInputException($"cause has {cause.Length} values but the data have {rows.Count} rows", column: "status");
        var events = rows.Event;
        for (int i = 0; i < cause.Length; i++)
        {
            if (cause[i] < 0 || cause[i] > causes.Count)
                throw new SurvivalInputException($"a cause code must be 0 (censored) or 1…{causes.Count}", column: "status", value: cause[i].ToString(System.Globalization.CultureInfo.InvariantCulture), row: i + 1);
            if ((cause[i] > 0) != events[i])
                throw new SurvivalInputException("the event flag disagrees with the cause code", column: "status", row: i + 1);
        }
        return new CompetingRisksData(rows, cause.ToArray(), ValueList<string>.Of(causes), censored);
    }
}
