namespace Survival;

/// <summary>Builds (start, stop] data for time-varying covariates and delayed entry: R survival's <c>survSplit</c> and
/// the time-dependent-covariate case of <c>tmerge</c>.</summary>
/// <remarks>Both keep each subject's follow-up whole: the intervals of a subject tile its (entry, exit] exactly, the
/// event stays on the last one, and the Cox partial likelihood of the split data equals that of the original (the
/// risk sets are unchanged), which a property test checks. Therneau &amp; Grambsch (2000), § 3.7; R survival vignette
/// "Using Time Dependent Covariates and Time Dependent Coefficients in the Cox Model".</remarks>
public static class CountingProcess
{
    /// <summary>Splits each row's follow-up at the cut times strictly inside it (R <c>survSplit(cut = …)</c>).</summary>
    /// <param name="data">The rows; without entry times each row starts at 0 (R's <c>zero = 0</c>).</param>
    /// <param name="cuts">The cut times (any order; duplicates ignored; finite).</param>
    /// <exception cref="SurvivalInputException">A cut is not finite, or a row without entry time has exit time 0 (its
    /// interval (0, 0] would be empty).</exception>
    public static CountingProcessRows Split(SurvivalData data, IReadOnlyList<double> cuts)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("Splitting into counting-process rows", "the interval-censored estimators directly");
        ArgumentNullException.ThrowIfNull(cuts);
        foreach (double c in cuts)
            if (!double.IsFinite(c)) throw new SurvivalInputException("a cut time must be a finite number", column: "cuts", value: SurvivalData.Format(c));
        var sorted = cuts.Distinct().Order().ToArray();
        var rows = new IntervalRows(values: false);
        for (int i = 0; i < data.Count; i++)
        {
            var (start, stop) = Interval(data, i);
            int k = SortedSearch.CountAtOrBelow(sorted, start);
            double from = start;
            for (; k < sorted.Length && sorted[k] < stop; k++)
            {
                rows.Add(i, from, sorted[k], false, k + 1);
                from = sorted[k];
            }
            rows.Add(i, from, stop, data.Event[i], k + 1);
        }
        return rows.Build(data);
    }

    /// <summary>Adds a time-dependent covariate to one row per subject (R <c>tmerge(data, data, id, tdc(time, value))</c>):
    /// each subject's follow-up is cut at its change times inside it, and each interval carries the value of the last
    /// change at or before the interval's start (<paramref name="initialValue"/> before the first).</summary>
    /// <param name="data">One row per subject (entry optional), with <see cref="SurvivalData.Id"/> naming the subject.</param>
    /// <param name="changes">The changes: subject, time from which the value holds, value. A change at or after a subject's
    /// exit does not matter (R ignores it); of two changes of one subject at the same time the later in the sequence holds.</param>
    /// <param name="initialValue">The value before a subject's first change (R's <c>tdc(init = )</c>, e.g. 0 for "not yet
    /// transplanted").</param>
    /// <exception cref="SurvivalInputException">The data have no ids or repeat one, a change names an unknown subject, or a
    /// change's time or value is not finite.</exception>
    public static CountingProcessRows Merge(SurvivalData data, IEnumerable<(string Id, double Time, double Value)> changes, double initialValue)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("Splitting into counting-process rows", "the interval-censored estimators directly");
        ArgumentNullException.ThrowIfNull(changes);
        if (data.Id is null) throw new SurvivalInputException("the data need a subject id (SurvivalData.Id) to merge changes by subject", column: "id");
        var ids = data.Id;
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++)
            if (!rowOf.TryAdd(ids[i], i))
                throw new SurvivalInputException("each subject must have one row (the baseline); this id repeats", column: "id", value: ids[i], row: i + 1);
        var bySubject = new List<(double Time, double Value, int Order)>?[data.Count];
        int order = 0;
        foreach (var (id, t, v) in changes)
        {
            order++;
            if (!rowOf.TryGetValue(id ?? "", out int row)) throw new SurvivalInputException("a change names a subject that is not in the data", column: "id", value: id, row: order);
            if (!double.IsFinite(t)) throw new SurvivalInputException("a change time must be a finite number", column: "time", value: SurvivalData.Format(t), row: order);
            if (!double.IsFinite(v)) throw new SurvivalInputException("a value must be a finite number", column: "value", value: SurvivalData.Format(v), row: order);
            (bySubject[row] ??= []).Add((t, v, order));
        }
        var rows = new IntervalRows(values: true);
        for (int i = 0; i < data.Count; i++)
        {
            var (start, stop) = Interval(data, i);
            var list = (bySubject[i] ?? []).OrderBy(c => c.Time).ThenBy(c => c.Order).ToList();
            double value = initialValue;
            int k = 0;
            for (; k < list.Count && list[k].Time <= start; k++) value = list[k].Value;
            double from = start;
            int number = 0;
            while (k < list.Count && list[k].Time < stop)
            {
                double at = list[k].Time;
                double next = value;
                for (; k < list.Count && list[k].Time == at; k++) next = list[k].Value;
                rows.Add(i, from, at, false, ++number, value);
                from = at;
                value = next;
            }
            rows.Add(i, from, stop, data.Event[i], ++number, value);
        }
        return rows.Build(data);
    }

    /// <summary>Row i's follow-up (entry, exit], entry 0 without entry times (R's <c>zero = 0</c>).</summary>
    private static (double Start, double Stop) Interval(SurvivalData data, int i)
    {
        double start = data.HasEntry ? data.Entry[i] : 0, stop = data.Time[i];
        if (!(start < stop))
            throw new SurvivalInputException("the row has exit time 0 and no entry time: its interval (0, 0] is empty and cannot be split (give entry times)",
                column: "time", value: SurvivalData.Format(stop), row: i + 1, input: DataColumn.Time);
        return (start, stop);
    }

    /// <summary>The (start, stop] rows Split and Merge produce, as they are added: each with its source row, its episode
    /// number within the subject and (Merge) the covariate's value; <see cref="Build"/> makes the validated data, carrying
    /// each source row's group, stratum, weight and subject.</summary>
    private sealed class IntervalRows(bool values)
    {
        private readonly List<double> _entry = [];
        private readonly List<double> _exit = [];
        private readonly List<bool> _status = [];
        private readonly List<int> _source = [];
        private readonly List<int> _episode = [];
        private readonly List<double>? _values = values ? [] : null;

        public void Add(int row, double start, double stop, bool status, int episode, double value = 0)
        {
            _entry.Add(start);
            _exit.Add(stop);
            _status.Add(status);
            _source.Add(row);
            _episode.Add(episode);
            _values?.Add(value);
        }

        public CountingProcessRows Build(SurvivalData data)
        {
            var rows = _source.ToArray();
            var codes = new int[rows.Length];
            Factor id;
            if (data.Id is { } ids)
            {
                for (int i = 0; i < rows.Length; i++) codes[i] = ids.Codes[rows[i]];
                id = Factor.FromCodes(codes, ids.Levels, "id");
            }
            else
            {
                // Each input row is its own subject, labelled by its 1-based position.
                for (int i = 0; i < rows.Length; i++) codes[i] = rows[i];
                id = Factor.FromCodes(codes, Enumerable.Range(1, data.Count).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), "id");
            }
            var split = SurvivalData.FromFactors(_exit.ToArray(), _status.ToArray(),
                group: data.Group is null ? null : Select(data.Group, rows),
                strata: data.Strata is null ? null : Select(data.Strata, rows),
                entry: _entry.ToArray(),
                weight: data.HasWeights ? rows.Select(r => data.Weight[r]).ToArray() : null,
                id: id);
            return new CountingProcessRows(split, rows, _episode.ToArray(), _values?.ToArray());
        }
    }

    private static Factor Select(Factor f, int[] rows)
    {
        var codes = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) codes[i] = f.Codes[rows[i]];
        return Factor.FromCodes(codes, f.Levels);
    }
}
