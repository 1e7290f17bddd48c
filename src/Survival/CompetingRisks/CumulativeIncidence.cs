using System.Runtime.CompilerServices;
using Survival.Estimation;

namespace Survival.CompetingRisks;

/// <summary>
/// The Aalen–Johansen estimator of cumulative incidence for competing risks, at R <c>survfit</c> parity (a factor status;
/// <c>cmprsk::cuminc</c>'s estimate; SAS LIFETEST <c>EVENTCODE=</c>).
/// </summary>
/// <remarks>
/// <para>Within a group, at each event time tⱼ with n weighted at risk, dₖ weighted events of cause k and d of any cause,
/// the event-free probability S(tⱼ) = S(tⱼ₋₁)(1 − d/n) (Kaplan–Meier of any event) and the cumulative incidence
/// Fₖ(tⱼ) = Fₖ(tⱼ₋₁) + S(tⱼ₋₁) dₖ/n. The curves and S add to one. One minus Kaplan–Meier of cause k alone, the usual
/// mistake, overstates Fₖ by treating the other causes as censoring.</para>
/// <para>Standard errors are the infinitesimal jackknife, as R survfit computes them for multi-state curves: the
/// derivative of each estimate with respect to each row's case weight, times the weight, squared and summed. The
/// derivatives follow linear recursions that every row at risk shares, so the sums of squares are kept as a few running
/// sums over the rows at risk and those that have left: O(n + events × causes), no loop over rows at each time. Limits
/// are on R's default log scale. Delayed entry (risk set {entry &lt; t ≤ exit}), case weights and R's near-tie rule as in
/// <see cref="KaplanMeier"/>. Curves are per group; strata matter only to Gray's test (as <c>cmprsk::cuminc</c>).</para>
/// <para>References: Aalen &amp; Johansen (1978); Kalbfleisch &amp; Prentice (2002) § 8.2; R survival's multi-state
/// <c>survfit</c> and its "survfitms" methods notes.</para>
/// </remarks>
public static class CumulativeIncidence
{
    /// <summary>Estimates the curves (and Gray's tests, when there are groups and neither delayed entry nor weights).</summary>
    /// <param name="data">The rows.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="cancellationToken">Stops the estimate between its stages (the reduction, each group's curves) and
    /// Gray's tests every 4096 times: <see cref="OperationCanceledException"/>, thrown once every pass has stopped.</param>
    public static CumulativeIncidenceResult Fit(CompetingRisksData data, CumulativeIncidenceOptions? options = null, CancellationToken cancellationToken = default)
        => Fit(data, options, cancellationToken, forceCellRecords: false);

    /// <summary><see cref="Fit(CompetingRisksData, CumulativeIncidenceOptions?, CancellationToken)"/>; with
    /// <paramref name="forceCellRecords"/> unweighted rows without delayed entry go through the cells' records as weighted
    /// or delayed-entry rows do, instead of the table's counts (for the tests, which compare the two).</summary>
    internal static CumulativeIncidenceResult Fit(CompetingRisksData data, CumulativeIncidenceOptions? options, CancellationToken cancellationToken,
        bool forceCellRecords)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= CumulativeIncidenceOptions.Default;
        options.Validate();
        var rows = data.Rows;
        if (options.TimeFix) TimeFix.CheckIntervals(rows);
        // Per-time counts of the rows, by group and cause (the group of the reduction is group × (cause + 1), slot 0 the
        // censored rows): the reduction Kaplan–Meier uses, no comparison sort of the rows.
        cancellationToken.ThrowIfCancellationRequested();
        var rawCounts = CompositeCounts(data, keepStrata: false, timeFix: false);
        cancellationToken.ThrowIfCancellationRequested();
        // The variance needs each row's entry when there is delayed entry, and Σ w² when there are weights: then it reads
        // the rows (sorted once); otherwise the counts' cells are its records.
        var records = rows.HasEntry || rows.HasWeights ? RowRecords(data, options.TimeFix) : null;
        bool gray = rows.Group is not null && !rows.HasEntry && !rows.HasWeights;
        return Core(rawCounts, rows.Group?.Levels, data.Causes, records, rows.HasWeights,
            gray ? () => rows.Strata is null ? rawCounts : CompositeCounts(data, keepStrata: true, timeFix: false) : null, rows.Omitted, options,
            cancellationToken, forceCellRecords);
    }

    /// <summary>Estimates the curves from per-time counts (read by a database, e.g. <c>DuckDbCompetingRisks</c>): exact
    /// for unweighted rows without delayed entry, which is all counts allow (the variance of weighted or delayed-entry
    /// rows needs the rows).</summary>
    /// <param name="counts">The counts.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="cancellationToken">Stops the estimate between its stages and Gray's tests every 4096 times, as
    /// <see cref="Fit(CompetingRisksData, CumulativeIncidenceOptions?, CancellationToken)"/>.</param>
    public static CumulativeIncidenceResult Fit(CompetingRisksCounts counts, CumulativeIncidenceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= CumulativeIncidenceOptions.Default;
        options.Validate();
        return Core(counts.Counts, counts.Groups, counts.Causes, null, false,
            counts.Groups is not null ? () => counts.StratifiedCounts ?? counts.Counts : null, counts.Counts.Omitted, options, cancellationToken);
    }

    private static CumulativeIncidenceResult Core(SurvivalCounts rawCounts, IReadOnlyList<string>? groupLevels, IReadOnlyList<string> causeLabels,
        GroupRecords[]? records, bool weighted, Func<SurvivalCounts>? grayCounts, OmittedRows omitted, CumulativeIncidenceOptions options,
        CancellationToken cancellationToken, bool forceCellRecords = false)
    {
        int causes = causeLabels.Count;
        int groups = groupLevels?.Count ?? 1;
        double z = ConfidenceLevel.Z(options.ConfidenceLevel);
        // R's near-tie rule: with one stratum (cells in time order) the tables and records map the cells' times as they
        // read them, merging what it ties; the merged counts are not made (at 10⁷ continuous times they were 0.5 GB and
        // a third of a second).
        var counts = rawCounts;
        double? meanAbs = null;   // the mean |y| of the distinct times, for TimeFix.Walk
        if (options.TimeFix && counts.StratumCount == 1 && !counts.TimeFixed && counts.CellCount > 0) meanAbs = TimeFix.MeanAbsDistinct(counts);
        else if (options.TimeFix) counts = TimeFix.Apply(counts);
        // Gray's tests read only counts: with many cells they run beside the curves (the two share the cores; the result
        // is the same in any order).
        bool large = counts.CellCount >= 1 << 16;
        // Gray's test reads counts too: these ones when there are no strata (cmprsk does not merge near-ties, so the counts
        // before the near-tie rule), else a reduction by stratum as well. One pass per cause, independent: each its own
        // task (no task waits on another's threads), each result the same as serial.
        bool wantGray = grayCounts is not null && groups > 1;
        var forGray = wantGray && large ? new Lazy<SurvivalCounts>(grayCounts!) : null;
        // They stop with the curves: cancelled with the caller's token, or when the curves fail, and the fit does not
        // return (or throw) until they have ended, so no work outlives the call.
        using var grayCancellation = forGray is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = GrayPassWatch.Current.Value;
        var grayTasks = forGray is null ? null : Enumerable.Range(0, causes)
            .Select(k => Task.Run(() =>
            {
                if (watch is not null) Interlocked.Increment(ref watch.Running);
                try
                {
                    watch?.Started?.Invoke(causeLabels[k]);
                    return GrayTest.FromCounts(forGray.Value, groups, causes, k + 1, causeLabels[k], cancellationToken: grayCancellation!.Token);
                }
                finally { if (watch is not null) Interlocked.Decrement(ref watch.Running); }
            }, grayCancellation!.Token)).ToArray();
        try
        {
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = large ? -1 : 1 };
            var curves = new List<IncidenceCurve>();
            var eventFree = new List<IncidenceCurve>();
            // Unweighted cells without delayed entry need no records: every row of a cell weighs 1 and enters at 0, so the
            // variance's sums are the table's counts (EstimateFromCounts). At 10⁷ continuous times the records were 229 MiB.
            bool countsSuffice = records is null && counts.SubjectsAreExits && !counts.HasEntry && !forceCellRecords;
            // Where records are made, they and the tables each read every cell once, independently: on two cores when there
            // are enough cells to pay for the threads (2^16).
            Table[] tables = [];
            if (records is null && !countsSuffice && large)
                Parallel.Invoke(new ParallelOptions { CancellationToken = cancellationToken },
                    () => records = CellRecords(counts, meanAbs, causes + 1), () => tables = GroupTables(counts, meanAbs, groups, causes));
            else
            {
                if (!countsSuffice) records ??= CellRecords(counts, meanAbs, causes + 1);
                tables = GroupTables(counts, meanAbs, groups, causes);
            }
            // The groups are independent: estimated on all cores when they are large enough to pay for the threads (2^16 cells),
            // assembled in group order either way.
            var perGroup = new (IncidenceCurve[] Causes, IncidenceCurve EventFree)[groups];
            var recordsByGroup = records;
            Parallel.For(0, groups, parallel, g =>
            {
                string? label = groupLevels?[g];
                var table = tables[g];
                var groupRecords = recordsByGroup?[g];
                // R's multi-state survfit reports the number at risk unweighted: with weights, count the rows.
                if (weighted) table = table with { Shown = Unweighted(table.Time, groupRecords!) };
                var (estimates, stdErrs, survival, survivalStdErr) = groupRecords is null ? EstimateFromCounts(table, causes) : Estimate(table, groupRecords, causes);
                var byCause = new IncidenceCurve[causes];
                for (int k = 0; k < causes; k++)
                    byCause[k] = Curve(label, causeLabels[k], table, estimates[k], stdErrs[k], z, options.At, isEventFree: false)
                        with { N = table.Totals.Rows, Events = table.Totals.CauseRows[k] };
                perGroup[g] = (byCause, Curve(label, null, table, survival, survivalStdErr, z, options.At, isEventFree: true) with { N = table.Totals.Rows });
            });
            foreach (var (byCause, free) in perGroup)
            {
                curves.AddRange(byCause);
                eventFree.Add(free);
            }
            cancellationToken.ThrowIfCancellationRequested();
            GrayTestResult[] gray = [];
            if (grayTasks is not null) gray = grayTasks.Select(t => t.GetAwaiter().GetResult()).ToArray();
            else if (wantGray)
            {
                var serialCounts = grayCounts!();
                gray = Enumerable.Range(0, causes)
                    .Select(k => GrayTest.FromCounts(serialCounts, groups, causes, k + 1, causeLabels[k], cancellationToken: cancellationToken)).ToArray();
            }
            return new CumulativeIncidenceResult(curves.ToArray(), eventFree.ToArray(), gray, ValueList<string>.Of(causeLabels), options, omitted);
        }
        catch when (grayTasks is not null)
        {
            grayCancellation!.Cancel();
            try { Task.WaitAll(grayTasks); }
            catch (AggregateException) { } // their own cancellation, or the failure already being thrown
            throw;
        }
    }

    /// <summary>For the tests: watches the Gray passes that run beside the curves of fits started under one execution
    /// context.</summary>
    internal sealed class GrayPassWatch
    {
        /// <summary>The watch of this execution context (null, the default: none).</summary>
        public static readonly AsyncLocal<GrayPassWatch?> Current = new();

        /// <summary>The passes running now.</summary>
        public int Running;

        /// <summary>Called by each pass as it starts, on its own thread, with its cause.</summary>
        public Action<string>? Started { get; init; }
    }

    /// <summary>The counts with group' = group × (cause + 1) (slot 0 the censored rows), with or without the strata.</summary>
    internal static SurvivalCounts CompositeCounts(CompetingRisksData data, bool keepStrata, bool timeFix)
    {
        var rows = data.Rows;
        int slots = data.Causes.Count + 1;
        int groups = rows.Group?.Levels.Count ?? 1;
        var codes = new int[rows.Count];
        var cause = data.CauseArray;
        var group = rows.Group?.CodeArray;
        for (int i = 0; i < codes.Length; i++) codes[i] = (group?[i] ?? 0) * slots + cause[i];
        var levels = new string[groups * slots];
        for (int i = 0; i < levels.Length; i++) levels[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var composite = rows.WithGroupsOnly(Factor.Trusted(codes, levels), keepStrata ? rows.Strata : null);
        var counts = SurvivalCounts.FromData(composite);
        return timeFix ? TimeFix.Apply(counts) : counts;
    }

    /// <summary>One group's distinct exit times with the weighted number at risk and events by cause.</summary>
    private sealed record Table(double[] Time, double[] AtRisk, double[][] CauseEvents)
    {
        /// <summary>All events at step j: the causes' events summed (no column of its own: at 10⁷ times it was 80 MB).</summary>
        public double EventsAt(int j)
        {
            double d = 0;
            foreach (var cause in CauseEvents) d += cause[j];
            return d;
        }

        /// <summary>The group's input rows and, per cause, its rows ending in that cause (unweighted, R's <c>n</c> and
        /// <c>nevent</c>).</summary>
        public (double Rows, double[] CauseRows) Totals { get; init; } = (0, []);

        /// <summary>The number at risk as reported (R: unweighted rows for a multi-state curve); AtRisk when unweighted.</summary>
        public double[] Shown { get; init; } = AtRisk;
    }

    /// <summary>Rows at risk (entry &lt; t ≤ exit), unweighted, at each time.</summary>
    private static double[] Unweighted(double[] times, GroupRecords records)
    {
        var exits = records.ByExit.Select(r => r.Exit).ToArray();
        var entries = records.EntryOrder is null ? [] : records.EntryOrder.Select(i => records.Entry![i]).ToArray();
        var result = new double[times.Length];
        for (int j = 0; j < times.Length; j++)
        {
            double t = times[j];
            int exitedBefore = SortedSearch.CountBelow(exits, t);
            int enteredBefore = records.EntryOrder is null ? exits.Length : SortedSearch.CountBelow(entries, t);
            result[j] = enteredBefore - exitedBefore;
        }
        return result;
    }

    /// <summary>Every group's table in one pass over the cells (cells are ordered by time, then group'), their times mapped
    /// to the near-tie representatives when <paramref name="meanAbs"/> (the mean |y| of the distinct times) is given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Table[] GroupTables(SurvivalCounts counts, double? meanAbs, int groups, int causes)
    {
        int slots = causes + 1;
        var time = counts.Time;
        var group = counts.Group;
        var events = counts.Events;
        var censored = counts.Censored;
        // Read only with delayed entry (otherwise the counts would make a column of zeros).
        var entered = counts.HasEntry ? counts.Entered : default;
        // Unweighted rows (R's n and nevent): the cells' events and censorings when they are rows, else the subjects column
        // (read only then: made on demand, it would cost a pass and an array at 10^7 cells).
        bool rowsAreExits = counts.SubjectsAreExits;
        var subjects = rowsAreExits ? default : counts.Subjects;
        var rowTotals = new double[groups];
        var causeRows = new double[groups][];
        // Count each group's distinct times first, then fill preallocated arrays.
        var size = new int[groups];
        var lastTime = new double[groups];
        Array.Fill(lastTime, double.NaN);
        var map = new TimeFix.Walk(meanAbs ?? 1);
        for (int c = 0; c < time.Length; c++)
        {
            int g = group[c] / slots;
            double t = meanAbs is null ? time[c] : map.Map(time[c]);
            if (!(t == lastTime[g])) { size[g]++; lastTime[g] = t; }
        }
        var times = new double[groups][];
        var exits = new double[groups][];
        var enters = new double[groups][];
        var byCause = new double[groups][][];
        for (int g = 0; g < groups; g++)
        {
            times[g] = new double[size[g]];
            exits[g] = new double[size[g]];
            enters[g] = counts.HasEntry ? new double[size[g]] : [];
            byCause[g] = new double[causes][];
            causeRows[g] = new double[causes];
            for (int k = 0; k < causes; k++) byCause[g][k] = new double[size[g]];
        }
        var at = new int[groups];
        Array.Fill(at, -1);
        Array.Fill(lastTime, double.NaN);
        map = new TimeFix.Walk(meanAbs ?? 1);
        for (int c = 0; c < time.Length; c++)
        {
            int g = group[c] / slots, slot = group[c] % slots;
            double t = meanAbs is null ? time[c] : map.Map(time[c]);
            if (!(t == lastTime[g])) { at[g]++; lastTime[g] = t; times[g][at[g]] = t; }
            int j = at[g];
            exits[g][j] += events[c] + censored[c];
            if (counts.HasEntry) enters[g][j] += entered[c];
            double rows = rowsAreExits ? events[c] + censored[c] : subjects[c];
            if (slot > 0) { byCause[g][slot - 1][j] += events[c]; causeRows[g][slot - 1] += rows; }
            rowTotals[g] += rows;
        }
        var tables = new Table[groups];
        bool hasEntry = counts.HasEntry;
        for (int g = 0; g < groups; g++)
        {
            // Number at risk at t: entered before t minus exited before t (without entry: exits at or after t).
            int m = size[g];
            double totalExit = 0;
            for (int j = 0; j < m; j++) totalExit += exits[g][j];
            double enteredBefore = 0, exitedBefore = 0;
            int kept = 0;
            // The numbers at risk overwrite the exits as they are read (no second array of the times).
            var atRisk = exits[g];
            var exitAt = new bool[m];
            for (int j = 0; j < m; j++)
            {
                double exited = exits[g][j];
                atRisk[j] = hasEntry ? enteredBefore - exitedBefore : totalExit - exitedBefore;
                if (hasEntry) enteredBefore += enters[g][j];
                exitedBefore += exited;
                if (exited > 0) { kept++; exitAt[j] = true; }
            }
            // Only exit times are steps (entries alone are not R's survfit times).
            if (kept == m) { tables[g] = new Table(times[g], atRisk, byCause[g]) { Totals = (rowTotals[g], causeRows[g]) }; continue; }
            var keep = Enumerable.Range(0, m).Where(j => exitAt[j]).ToArray();
            tables[g] = new Table(keep.Select(j => times[g][j]).ToArray(), keep.Select(j => atRisk[j]).ToArray(),
                byCause[g].Select(l => keep.Select(j => l[j]).ToArray()).ToArray()) { Totals = (rowTotals[g], causeRows[g]) };
        }
        return tables;
    }

    /// <summary>A row (or a cell of identical unweighted rows) for the variance: exit, cause (0 censored), Σ w² (its entry,
    /// with delayed entry, is kept beside it in <see cref="GroupRecords"/>).</summary>
    private readonly record struct Record(double Exit, int Cause, double WeightSquared);

    /// <summary>Per group: the records sorted by exit and, with delayed entry, each record's entry (aligned with
    /// <paramref name="ByExit"/>) and the positions of the records in entry order. The entry is not a field of every record:
    /// without delayed entry (10⁷ cells) it was 80 MB of −∞.</summary>
    private sealed record GroupRecords(Record[] ByExit, int[]? EntryOrder, double[]? Entry);

    /// <summary>The cells as records, their times mapped to the near-tie representatives when <paramref name="meanAbs"/> (the
    /// mean |y| of the distinct times) is given (cells the rule ties stay separate records with one exit: the variance sums records, merged or not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static GroupRecords[] CellRecords(SurvivalCounts counts, double? meanAbs, int slots)
    {
        int groups = Math.Max(counts.GroupCount / slots, 1);
        var time = counts.Time;
        var group = counts.Group;
        // The rows of a cell: its events and censorings when those are rows (read in place: the subjects column would be
        // made on demand, an array of the cells), else the subjects column.
        bool rowsAreExits = counts.SubjectsAreExits;
        var events = counts.Events;
        var censored = counts.Censored;
        var subjects = rowsAreExits ? default : counts.Subjects;
        // Count each group's records, then fill arrays (10^7 cells: no list growth).
        var size = new int[groups];
        for (int c = 0; c < time.Length; c++)
            if ((rowsAreExits ? events[c] + censored[c] : subjects[c]) > 0) size[group[c] / slots]++;
        var records = new Record[groups][];
        for (int g = 0; g < groups; g++) records[g] = new Record[size[g]];
        var at = new int[groups];
        var map = new TimeFix.Walk(meanAbs ?? 1);
        for (int c = 0; c < time.Length; c++)
        {
            double t = meanAbs is null ? time[c] : map.Map(time[c]);
            double rows = rowsAreExits ? events[c] + censored[c] : subjects[c];
            if (!(rows > 0)) continue;
            int g = group[c] / slots;
            records[g][at[g]++] = new Record(t, group[c] % slots, rows);
        }
        return records.Select(r => new GroupRecords(r, null, null)).ToArray();
    }

    private static GroupRecords[] RowRecords(CompetingRisksData data, bool timeFix)
    {
        var rows = data.Rows;
        int groups = rows.Group?.Levels.Count ?? 1;
        var lists = new List<(Record Record, double Entry)>[groups];
        for (int g = 0; g < groups; g++) lists[g] = [];
        var cuts = timeFix ? TimeFix.CutsOf(rows) : null;
        var time = rows.Time;
        var entry = rows.Entry;
        var cause = data.Cause;
        for (int i = 0; i < rows.Count; i++)
        {
            double w = rows.WeightAt(i);
            double exit = cuts is null ? time[i] : TimeFix.Map(cuts, time[i]);
            double enter = rows.HasEntry ? (cuts is null ? entry[i] : TimeFix.Map(cuts, entry[i])) : double.NegativeInfinity;
            lists[rows.Group?.CodeArray[i] ?? 0].Add((new Record(exit, cause[i], w * w), enter));
        }
        return lists.Select(l =>
        {
            var items = l.ToArray();
            Array.Sort(items.Select(r => r.Record.Exit).ToArray(), items);
            var byExit = items.Select(x => x.Record).ToArray();
            if (!rows.HasEntry) return new GroupRecords(byExit, null, null);
            var entries = items.Select(x => x.Entry).ToArray();
            var order = Enumerable.Range(0, items.Length).ToArray();
            Array.Sort((double[])entries.Clone(), order);
            return new GroupRecords(byExit, order, entries);
        }).ToArray();
    }

    /// <summary>The estimates and their infinitesimal-jackknife standard errors at each step of the table.</summary>
    /// <remarks>
    /// For a row i and event time j, with δ = (dNᵢ − Yᵢ h)/n and δₖ = (dNᵢₖ − Yᵢ hₖ)/n, the derivatives of S and Fₖ
    /// with respect to wᵢ follow Iˢ(j) = Iˢ(j−1)(1 − h) − S(j−1) δ and Iᵏ(j) = Iᵏ(j−1) + Iˢ(j−1) hₖ + S(j−1) δₖ. While a
    /// row is at risk (and not dying) δ = −h/n for every row, so with P, Qₖ the solutions started at time 0 a row that
    /// entered at event j₀ has Iˢ = P − r S and Iᵏ = Qₖ − r Fₖ − sₖ (r = P(j₀−1)/S(j₀−1), sₖ = Qₖ(j₀−1) − r Fₖ(j₀−1));
    /// after it leaves at j₁, Iˢ = u S and Iᵏ = vₖ + u Fₖ (u = Iˢ(j₁)/S(j₁), vₖ = Iᵏ(j₁) − u Fₖ(j₁)). Σ w²I² is then a
    /// quadratic in (P, Qₖ, S, Fₖ) whose coefficients are running sums of w², w²r, w²r², w²sₖ, … over the rows at risk
    /// and w²u², w²u vₖ, w²vₖ² over those that left; a dying row adds its own term at its time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[][] Estimates, double[][] StdErrs, double[] Survival, double[] SurvivalStdErr) Estimate(Table table, GroupRecords records, int causes)
    {
        int m = table.Time.Length;
        var (f, se, sv, svSe) = NewColumns(causes, m);

        double s = 1, p = 0;
        var q = new double[causes];
        var cif = new double[causes];
        // Running sums over rows at risk, and over rows that have left.
        double w0 = 0, wr = 0, wrr = 0;
        var ws = new double[causes];
        var wss = new double[causes];
        var wrs = new double[causes];
        double euu = 0;
        var euv = new double[causes];
        var evv = new double[causes];
        var varK = new double[causes];
        var byExit = records.ByExit;
        var entryOrder = records.EntryOrder;   // positions in byExit, by entry
        var entryOf = records.Entry;
        // Rows that have entered, with their r and sₖ, keyed by their index in byExit order. Without delayed entry every row
        // enters at time 0 (r = sₖ = 0), and those at risk at the first event time are a suffix of byExit: no per-row state.
        var r = entryOrder is null ? null : new double[byExit.Length];
        var sk = entryOrder is null ? null : new double[byExit.Length * causes];
        var entered = entryOrder is null ? null : new bool[byExit.Length];
        int firstAtRisk = int.MaxValue;
        bool Entered(int i) => entered is null ? i >= firstAtRisk : entered[i];
        int nextEntry = 0, nextExit = 0;
        // The next event time after a step (+∞ after the last): found by a pointer that only moves forward (no array of
        // the times).
        int following = 0;
        // Rows never at risk at an event time (they leave before the first event of the group) have no influence.
        bool anyEvent = false;
        int lastEvent = -1;
        for (int j = 0; j < m; j++)
        {
            double t = table.Time[j];
            double d = table.EventsAt(j);
            // Once every row at risk has failed (S = 0) nothing can change any more: later rows (delayed entry) have no
            // influence (their derivatives start at 0 and S(t−) = 0 multiplies every increment), and the estimates are
            // constant; carry the last event time's values. "0" is |S| ≤ 1e-12: with weights d/n may miss 1 by an ulp.
            if (d > 0 && lastEvent >= 0 && Math.Abs(s) <= 1e-12) d = 0;
            if (d > 0)
            {
                double n = table.AtRisk[j];
                // (1) rows entering the risk set at this event time.
                if (entryOrder is null)
                {
                    if (!anyEvent)
                    {
                        firstAtRisk = byExit.Length;
                        for (int i = byExit.Length - 1; i >= 0 && byExit[i].Exit >= t; i--) firstAtRisk = i;
                        for (int i = firstAtRisk; i < byExit.Length; i++) w0 += byExit[i].WeightSquared;
                    }
                }
                else
                {
                    for (; nextEntry < entryOrder.Length && entryOf![entryOrder[nextEntry]] < t; nextEntry++)
                    {
                        int i = entryOrder[nextEntry];
                        if (byExit[i].Exit < t) continue; // leaves before this event time: never at risk at one
                        entered![i] = true;
                        double ri = s > 0 ? p / s : 0;
                        r![i] = ri;
                        double w2 = byExit[i].WeightSquared;
                        w0 += w2; wr += w2 * ri; wrr += w2 * ri * ri;
                        for (int k = 0; k < causes; k++)
                        {
                            double sik = q[k] - ri * cif[k];
                            sk![i * causes + k] = sik;
                            ws[k] += w2 * sik; wss[k] += w2 * sik * sik; wrs[k] += w2 * ri * sik;
                        }
                    }
                }
                anyEvent = true;
                // (2) the recursions.
                double sPrev = s;
                Recurse(ref s, ref p, q, cif, table.CauseEvents, j, d, n);
                lastEvent = j;

                // (3) Σ w²I² at this time: rows at risk, the dying rows' own terms, rows that left.
                double varS = p * p * w0 - 2 * p * s * wr + s * s * wrr + s * s * euu;
                for (int k = 0; k < causes; k++)
                    varK[k] = q[k] * q[k] * w0 + cif[k] * cif[k] * wrr + wss[k] - 2 * q[k] * cif[k] * wr - 2 * q[k] * ws[k] + 2 * cif[k] * wrs[k]
                              + evv[k] + 2 * cif[k] * euv[k] + cif[k] * cif[k] * euu;
                int scan = nextExit;
                while (scan < byExit.Length && byExit[scan].Exit < t) scan++;
                for (int i = scan; i < byExit.Length && byExit[i].Exit == t; i++)
                {
                    var rec = byExit[i];
                    if (rec.Cause == 0 || !Entered(i)) continue;
                    double ri = r is null ? 0 : r[i];
                    double aS = p - ri * s, dS = -sPrev / n;
                    varS += rec.WeightSquared * (2 * aS * dS + dS * dS);
                    for (int k = 0; k < causes; k++)
                    {
                        double ak = q[k] - ri * cif[k] - (sk is null ? 0 : sk[i * causes + k]), dk = rec.Cause == k + 1 ? sPrev / n : 0;
                        varK[k] += rec.WeightSquared * (2 * ak * dk + dk * dk);
                    }
                }
                for (int k = 0; k < causes; k++) { f[k][j] = cif[k]; se[k][j] = Math.Sqrt(Math.Max(0, varK[k])); }
                sv[j] = s;
                // Once every row at risk has failed, S = 0 and no weight can move it: its variance is 0 (the running sums
                // would leave rounding there; with weights d/n may miss 1 by an ulp, so "0" is |S| ≤ 1e-12).
                svSe[j] = Math.Abs(s) <= 1e-12 ? 0 : Math.Sqrt(Math.Max(0, varS));

                // (4) rows whose last event time at risk is this one leave the running sums.
                if (following <= j) following = j + 1;
                while (following < m && !(table.EventsAt(following) > 0)) following++;
                double next = following < m ? table.Time[following] : double.PositiveInfinity;
                for (; nextExit < byExit.Length && byExit[nextExit].Exit < next; nextExit++)
                {
                    int i = nextExit;
                    if (!Entered(i)) continue;
                    var rec = byExit[i];
                    double w2 = rec.WeightSquared, ri = r is null ? 0 : r[i];
                    bool died = rec.Cause > 0 && rec.Exit == t;
                    double iS = p - ri * s + (died ? -sPrev / n : 0);
                    double u = s > 0 ? iS / s : 0;
                    w0 -= w2; wr -= w2 * ri; wrr -= w2 * ri * ri;
                    euu += w2 * u * u;
                    for (int k = 0; k < causes; k++)
                    {
                        double sik = sk is null ? 0 : sk[i * causes + k];
                        ws[k] -= w2 * sik; wss[k] -= w2 * sik * sik; wrs[k] -= w2 * ri * sik;
                        double iK = q[k] - ri * cif[k] - sik + (died && rec.Cause == k + 1 ? sPrev / n : 0);
                        double v = iK - u * cif[k];
                        euv[k] += w2 * u * v;
                        evv[k] += w2 * v * v;
                    }
                }
            }
            else CarryLast(f, se, sv, svSe, j, lastEvent);
        }
        return (f, se, sv, svSe);
    }

    /// <summary><see cref="Estimate"/> for unweighted rows without delayed entry, from the table alone: the same
    /// recursions and sums, with each group of identical rows (those dying of one cause at t, those censored in
    /// [t, next event time)) added once, times its count.</summary>
    /// <remarks>Every row weighs 1 and enters at time 0, so r = sₖ = 0 and the running sums over rows at risk reduce to
    /// their count, the number at risk at the first event time. A row dying of cause c at t adds
    /// (2 p dS + dS²) to the variance of S and (2 q_c d + d²) to that of F_c (dS = −S(t−)/n, d = S(t−)/n); on leaving it
    /// adds u², u v_k and v_k² (u = (p + dS)/S, v_k = q_k + [k = c] d − u F_k), and a censored row the same with dS = d = 0.
    /// The sums are those of <see cref="Estimate"/> over the cells' records, grouped.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[][] Estimates, double[][] StdErrs, double[] Survival, double[] SurvivalStdErr) EstimateFromCounts(Table table, int causes)
    {
        int m = table.Time.Length;
        var atRisk = table.AtRisk;
        var causeEvents = table.CauseEvents;
        var (f, se, sv, svSe) = NewColumns(causes, m);
        double s = 1, p = 0;
        var q = new double[causes];
        var cif = new double[causes];
        // The number at risk among rows that were at risk at an event time, and Σ u², Σ u vₖ, Σ vₖ² over those that left.
        double w0 = 0, euu = 0;
        var euv = new double[causes];
        var evv = new double[causes];
        var varK = new double[causes];
        int following = 0, lastEvent = -1;
        for (int j = 0; j < m; j++)
        {
            double d = table.EventsAt(j);
            if (d > 0 && lastEvent >= 0 && Math.Abs(s) <= 1e-12) d = 0;
            if (d > 0)
            {
                double n = atRisk[j];
                if (lastEvent < 0) w0 = n;
                double sPrev = s;
                Recurse(ref s, ref p, q, cif, causeEvents, j, d, n);
                lastEvent = j;

                double dS = -sPrev / n, dk = sPrev / n;
                double varS = p * p * w0 + s * s * euu + d * (2 * p * dS + dS * dS);
                for (int k = 0; k < causes; k++)
                    varK[k] = q[k] * q[k] * w0 + evv[k] + 2 * cif[k] * euv[k] + cif[k] * cif[k] * euu
                              + causeEvents[k][j] * (2 * q[k] * dk + dk * dk);
                for (int k = 0; k < causes; k++) { f[k][j] = cif[k]; se[k][j] = Math.Sqrt(Math.Max(0, varK[k])); }
                sv[j] = s;
                svSe[j] = Math.Abs(s) <= 1e-12 ? 0 : Math.Sqrt(Math.Max(0, varS));

                // Rows leaving before the next event time: those dying at t, and the censored ones in [t, next).
                if (following <= j) following = j + 1;
                while (following < m && !(table.EventsAt(following) > 0)) following++;
                double leaving = atRisk[j] - (following < m ? atRisk[following] : 0);
                double censored = leaving - d;
                w0 -= leaving;
                double uDied = s > 0 ? (p + dS) / s : 0, uCensored = s > 0 ? p / s : 0;
                euu += d * uDied * uDied + censored * uCensored * uCensored;
                for (int k = 0; k < causes; k++)
                {
                    double vOther = q[k] - uDied * cif[k], vOwn = vOther + dk, vCensored = q[k] - uCensored * cif[k];
                    double own = causeEvents[k][j], other = d - own;
                    euv[k] += own * uDied * vOwn + other * uDied * vOther + censored * uCensored * vCensored;
                    evv[k] += own * vOwn * vOwn + other * vOther * vOther + censored * vCensored * vCensored;
                }
            }
            else CarryLast(f, se, sv, svSe, j, lastEvent);
        }
        return (f, se, sv, svSe);
    }

    /// <summary>One event time's step of the estimates (S, Fₖ) and of the solutions (P, Qₖ) the variance starts from time 0
    /// (<see cref="Estimate"/>'s remarks), with d events of n at risk, <paramref name="causeEvents"/>[k][j] of cause k.</summary>
    private static void Recurse(ref double s, ref double p, double[] q, double[] cif, double[][] causeEvents, int j, double d, double n)
    {
        double h = d / n, sPrev = s, pPrev = p;
        p = pPrev * (1 - h) + sPrev * h / n;
        for (int k = 0; k < q.Length; k++)
        {
            double hk = causeEvents[k][j] / n;
            q[k] += pPrev * hk - sPrev * hk / n;
        }
        s = sPrev * (1 - h);
        for (int k = 0; k < cif.Length; k++) cif[k] += sPrev * causeEvents[k][j] / n;
    }

    /// <summary>The estimate's columns for m steps: Fₖ and its standard error per cause, S and its standard error.</summary>
    private static (double[][] F, double[][] FStdErr, double[] S, double[] SStdErr) NewColumns(int causes, int m)
    {
        var f = new double[causes][];
        var se = new double[causes][];
        for (int k = 0; k < causes; k++) { f[k] = new double[m]; se[k] = new double[m]; }
        return (f, se, new double[m], new double[m]);
    }

    /// <summary>A step without events (or after S reached 0) keeps the last event time's values (before any: F = 0, S = 1,
    /// standard errors 0).</summary>
    private static void CarryLast(double[][] f, double[][] se, double[] sv, double[] svSe, int j, int lastEvent)
    {
        for (int k = 0; k < f.Length; k++)
        {
            f[k][j] = lastEvent < 0 ? 0 : f[k][lastEvent];
            se[k][j] = lastEvent < 0 ? 0 : se[k][lastEvent];
        }
        sv[j] = lastEvent < 0 ? 1 : sv[lastEvent];
        svSe[j] = lastEvent < 0 ? 0 : svSe[lastEvent];
    }

    private static IncidenceCurve Curve(string? group, string? cause, Table table, double[] estimate, double[] stdErr, double z,
        IReadOnlyList<double> at, bool isEventFree)
    {
        // Columns, not one object per step: the group's times and numbers at risk are shared by its curves.
        var steps = new IncidenceStepColumns(table.Time, table.Shown, estimate, stdErr, z);
        var points = new List<IncidenceStep>();
        foreach (double t in at)
        {
            // The last step at or before t, and the number at risk at the first step at or after t.
            int last = SortedSearch.CountAtOrBelow(table.Time, t) - 1;
            int first = SortedSearch.CountBelow(table.Time, t);
            double atRisk = first < table.Time.Length ? table.Shown[first] : 0;
            points.Add(last < 0
                ? new IncidenceStep(t, atRisk, isEventFree ? 1 : 0, 0, isEventFree ? 1 : null, isEventFree ? 1 : null)
                : steps[last] with { Time = t, AtRisk = atRisk });
        }
        return new IncidenceCurve(group, cause, steps, ValueList<IncidenceStep>.Of(points));
    }
}
