namespace Survival;

/// <summary>
/// The reductions behind <see cref="SurvivalCounts.FromData(SurvivalData)"/>: rows to (stratum, time, group) cells without a
/// comparison sort of the rows.
/// </summary>
/// <remarks>
/// <see cref="ByHashing"/> when the distinct cells are few next to the rows (times recorded to a day: the usual case),
/// <see cref="ByRadixSort"/> otherwise. Both sum weights in row order within a cell, so they agree bit for bit; the
/// tests compare them with the plain comparison-sort reduction (<see cref="SurvivalCounts.FromDataReference"/>).
/// </remarks>
internal static class RowReduction
{
    /// <summary>The hash-table reduction; null when the cells would exceed <paramref name="limit"/>.</summary>
    /// <param name="data">Validated rows.</param>
    /// <param name="limit">The most cells a table may hold.</param>
    /// <param name="parts">Threads to split the rows among; by default all cores for 2^21 rows or more without
    /// weights, else one. Unweighted counts are whole numbers, which add exactly in any order, so the split changes no
    /// bit of the result; weighted rows are always summed in row order, on one thread.</param>
    /// <param name="maxParts">A caller's bound on the threads (0: none).</param>
    public static SurvivalCounts? ByHashing(SurvivalData data, int limit, int parts = 0, int maxParts = 0)
    {
        int n = data.Count;
        int groups = Math.Max(1, data.Group?.Levels.Count ?? 1);
        if (MostlyDistinct(data, groups)) return null;
        if (data.WeightArray is not null) parts = 1;
        else if (parts <= 0) parts = n >= 1 << 21 ? Math.Min(Environment.ProcessorCount, 8) : 1;
        if (maxParts > 0) parts = Math.Min(parts, maxParts);
        parts = Math.Clamp(parts, 1, Math.Max(1, n));
        var tables = new CellTable?[parts];
        Parallel.For(0, parts, part => tables[part] = Fill(data, (int)((long)n * part / parts), (int)((long)n * (part + 1) / parts), limit, groups));
        if (tables.Any(t => t is null)) return null;
        var table = tables[0]!;
        for (int k = 1; k < parts; k++)
            foreach (var c in tables[k]!.Cells())
                if (!table.Add(c.Key, c.Code, c.Events, c.Censored, c.Entered, c.Subjects)) return null;
        var cells = table.Cells().ToArray();
        Array.Sort(cells, (x, y) =>
        {
            int c = (x.Code / groups).CompareTo(y.Code / groups);
            if (c != 0) return c;
            c = x.Key.CompareTo(y.Key);
            return c != 0 ? c : x.Code.CompareTo(y.Code);
        });
        var result = new Cells(cells.Length, strata: data.Strata is not null, entries: data.HasEntry, subjects: data.WeightArray is not null);
        for (int j = 0; j < cells.Length; j++)
        {
            var c = cells[j];
            result.Time[j] = RadixSort.Value(c.Key);
            if (result.Stratum is not null) result.Stratum[j] = c.Code / groups;
            result.Group[j] = c.Code % groups;
            result.Events[j] = c.Events;
            result.Censored[j] = c.Censored;
            if (result.Entered is not null) result.Entered[j] = c.Entered;
            if (result.Subjects is not null) result.Subjects[j] = c.Subjects;
        }
        return result.ToCounts(data);
    }

    /// <summary>Whether a sample of 4096 rows spread evenly over 2^20 rows or more holds no two alike (time and cell):
    /// then the distinct cells are far too many for a table (the chance of no repeat among 4096 draws from fewer than a
    /// million equally likely cells is below 10^-3), and the table is not tried at all.</summary>
    /// <remarks>Only a choice of path: both paths give the same counts, bit for bit.</remarks>
    private static bool MostlyDistinct(SurvivalData data, int groups)
    {
        const int Sample = 4096;
        int n = data.Count;
        if (n < 1 << 20) return false;
        var (time, entry, _, _, group, strata) = RowColumns.Of(data);
        var seen = new HashSet<(ulong, int)>(2 * Sample);
        for (int k = 0; k < Sample; k++)
        {
            int i = (int)((long)n * k / Sample);
            int code = (strata?[i] ?? 0) * groups + (group?[i] ?? 0);
            if (!seen.Add((RadixSort.Key(time[i]), code))) return false;
            if (entry is not null && !seen.Add((RadixSort.Key(entry[i]), code))) return false;
        }
        return true;
    }

    /// <summary>Adds rows [<paramref name="start"/>, <paramref name="end"/>) to a new table; null when it outgrows
    /// <paramref name="limit"/>, or when the first 2^18 or 2^20 rows are mostly distinct (a table of ties stays far smaller).</summary>
    private static CellTable? Fill(SurvivalData data, int start, int end, int limit, int groups)
    {
        var (time, entry, status, weight, group, strata) = RowColumns.Of(data);
        var table = new CellTable(limit);
        for (int i = start; i < end; i++)
        {
            int code = (strata?[i] ?? 0) * groups + (group?[i] ?? 0);
            double w = weight?[i] ?? 1.0;
            if (!table.Add(RadixSort.Key(time[i]), code, status[i] ? 0 : 1, w)) return null;
            if (entry is not null && !table.Add(RadixSort.Key(entry[i]), code, 2, w)) return null;
            // Mostly distinct rows (continuous times) give up early, before the table has grown: at 2^18 rows when three
            // in four made a cell of their own, at 2^20 when half did (times recorded to a day stay far below both).
            if (i - start == (1 << 18) - 1 && table.Count > 3 * (1 << 18) / 4) return null;
            if (i - start == (1 << 20) - 1 && table.Count > (i - start + 1) / 2) return null;
        }
        return table;
    }

    /// <summary>The radix-sort reduction (any number of distinct times); with <paramref name="timeFix"/> and one stratum, R's
    /// near-tie rule is applied to the sorted keys as the cells are formed (<see cref="FillNearTies"/>).</summary>
    /// <param name="data">Validated rows.</param>
    /// <param name="timeFix">Whether to apply R's near-tie rule.</param>
    /// <param name="maxThreads">A bound on the sort's threads (0: the library's choice); the result does not depend on it.</param>
    public static SurvivalCounts ByRadixSort(SurvivalData data, bool timeFix = false, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entry = data.EntryArray;
        int groups = Math.Max(1, data.Group?.Levels.Count ?? 1);
        int strataCount = Math.Max(1, data.Strata?.Levels.Count ?? 1);
        int m = (entry is null ? 1 : 2) * data.Count;

        var (keys, payload, weights, stratumStart) = Items(data, groups, strataCount, maxThreads);
        // Every item is written before it is read (the scratch by the sort's passes): no need to zero 10^7 of them first.
        var keyScratch = GC.AllocateUninitializedArray<ulong>(m);
        var payloadScratch = GC.AllocateUninitializedArray<int>(m);
        var weightScratch = weights is null ? null : GC.AllocateUninitializedArray<double>(m);
        for (int s = 0; s < strataCount; s++)
            RadixSort.Sort(keys, payload, weights, stratumStart[s], stratumStart[s + 1] - stratumStart[s], keyScratch, payloadScratch, weightScratch, maxThreads);

        // With one stratum the near-tie rule runs here; when nothing is tied the plain cells are already the fixed ones.
        bool fixedHere = timeFix && strataCount == 1;
        if (fixedHere && FillNearTies(data, keys, payload, weights, groups, maxThreads) is { } fixedCounts) return fixedCounts;

        // Count the cells, then fill them: a cell per (stratum, time, group) run.
        int cells = 0;
        for (int s = 0; s < strataCount; s++)
            for (int j = stratumStart[s]; j < stratumStart[s + 1]; j++)
                if (j == stratumStart[s] || keys[j] != keys[j - 1] || payload[j] / 3 != payload[j - 1] / 3) cells++;
        var result = new Cells(cells, strata: data.Strata is not null, entries: entry is not null, subjects: weights is not null);
        int k = -1;
        for (int s = 0; s < strataCount; s++)
        {
            for (int j = stratumStart[s]; j < stratumStart[s + 1]; j++)
            {
                int p = payload[j], g = p / 3;
                if (j == stratumStart[s] || keys[j] != keys[j - 1] || g != result.Group[k])
                {
                    k++;
                    result.Time[k] = RadixSort.Value(keys[j]);
                    result.Group[k] = g;
                    if (result.Stratum is not null) result.Stratum[k] = s;
                }
                double w = weights is null ? 1.0 : weights[j];
                switch (p - 3 * g)
                {
                    case 0: result.Events[k] += w; if (result.Subjects is not null) result.Subjects[k] += 1; break;
                    case 1: result.Censored[k] += w; if (result.Subjects is not null) result.Subjects[k] += 1; break;
                    default: result.Entered[k] += w; break;
                }
            }
        }
        return result.ToCounts(data, timeFixed: fixedHere);
    }

    /// <summary>The items to sort, laid out by (stratum, group) block in row order: key = the time's sortable bits,
    /// payload = 3·group + kind (0 event, 1 censoring, 2 entry), the weight beside; with the start of each stratum.</summary>
    private static (ulong[] Keys, int[] Payload, double[]? Weights, int[] StratumStart) Items(SurvivalData data, int groups, int strataCount, int maxThreads)
    {
        int n = data.Count;
        var (time, entry, status, weight, group, strata) = RowColumns.Of(data);
        int copies = entry is null ? 1 : 2;
        int m = copies * n;
        // Counting pass: each chunk of rows counts its items per (stratum, group) block; a chunk's items of a block go after
        // the block's items of the chunks before it, so the layout is the one a single pass in row order makes.
        int blocks = strataCount * groups;
        int parts = RadixSort.Threads(n, maxThreads);
        var counts = new int[parts][];
        RadixSort.Run(parts, t =>
        {
            var count = counts[t] = new int[blocks];
            int from = (int)((long)n * t / parts), to = (int)((long)n * (t + 1) / parts);
            for (int i = from; i < to; i++) count[(strata?[i] ?? 0) * groups + (group?[i] ?? 0)] += copies;
        });
        var stratumStart = new int[strataCount + 1];
        var next = new int[parts][];
        for (int t = 0; t < parts; t++) next[t] = new int[blocks];
        for (int c = 0, sum = 0; c < blocks; c++)
        {
            for (int t = 0; t < parts; t++)
            {
                next[t][c] = sum;
                sum += counts[t][c];
            }
            stratumStart[c / groups + 1] = sum;
        }

        var keys = GC.AllocateUninitializedArray<ulong>(m);
        var payload = GC.AllocateUninitializedArray<int>(m);
        var weights = weight is null ? null : GC.AllocateUninitializedArray<double>(m);
        RadixSort.Run(parts, t =>
        {
            var position = next[t];
            int from = (int)((long)n * t / parts), to = (int)((long)n * (t + 1) / parts);
            for (int i = from; i < to; i++)
            {
                int g = group?[i] ?? 0;
                int o = position[(strata?[i] ?? 0) * groups + g]++;
                keys[o] = RadixSort.Key(time[i]);
                payload[o] = 3 * g + (status[i] ? 0 : 1);
                if (weights is not null) weights[o] = weight![i];
                if (entry is not null)
                {
                    o = position[(strata?[i] ?? 0) * groups + g]++;
                    keys[o] = RadixSort.Key(entry[i]);
                    payload[o] = 3 * g + 2;
                    if (weights is not null) weights[o] = weight![i];
                }
            }
        });
        return (keys, payload, weights, stratumStart);
    }

    /// <summary>
    /// R's near-tie rule on one stratum's sorted items, in the pass that forms the cells: the distinct times (entries and
    /// exits) are walked in order, a time within the tolerance of the previous distinct time joins its cluster (the
    /// rule of <see cref="TimeFix.Cuts"/>, with the same mean of |time| summed in the same order), and each cluster's
    /// items are summed per group, in group order, under the cluster's first time. Returns counts marked as fixed, or null
    /// when nothing is tied (then the plain cells are the fixed ones).
    /// </summary>
    /// <remarks>Bit for bit the same as reducing and then applying <see cref="TimeFix.Apply"/>: within a group the items are
    /// added in the same order (time, then row), and a cell that starts at 0 adds nothing to a sum.</remarks>
    private static SurvivalCounts? FillNearTies(SurvivalData data, ulong[] keys, int[] payload, double[]? weights, int groups, int maxThreads)
    {
        int m = keys.Length;
        int distinct = 0;
        double meanAbs = 0, previous = 0;
        for (int j = 0; j < m; j++)
        {
            double v = RadixSort.Value(keys[j]);
            if (j > 0 && v == previous) continue;
            distinct++;
            meanAbs += Math.Abs(v);
            previous = v;
        }
        if (distinct < 2) return null;
        meanAbs /= distinct;
        double tol = TimeFix.Tolerance;
        bool Tied(double dy) => dy <= tol || dy / meanAbs <= tol;

        bool anyTied = false;
        previous = RadixSort.Value(keys[0]);
        for (int j = 1; j < m && !anyTied; j++)
        {
            double v = RadixSort.Value(keys[j]);
            if (v == previous) continue;
            anyTied = Tied(v - previous);
            previous = v;
        }
        if (!anyTied) return null;
        return FormClusters(keys, payload, weights, groups, meanAbs, maxThreads, data.HasEntry).ToCounts(data, timeFixed: true);
    }

    /// <summary>The cells of <see cref="FillNearTies"/>, once some times are tied.</summary>
    private static Cells FormClusters(ulong[] keys, int[] payload, double[]? weights, int groups, double meanAbs, int maxThreads, bool entries)
    {
        int m = keys.Length;
        double tol = TimeFix.Tolerance;
        bool Tied(double dy) => dy <= tol || dy / meanAbs <= tol;

        // A distinct time starts a cluster unless it is tied with the distinct time before it: a local decision, so the
        // items split into chunks at cluster starts and each chunk forms its cells on its own thread, first counting them,
        // then writing them from the chunk's first cell. The same cells, in the same order, on any number of threads.
        bool StartsCluster(int j)
        {
            if (j == 0) return true;
            double v = RadixSort.Value(keys[j]), u = RadixSort.Value(keys[j - 1]);
            return v != u && !Tied(v - u);
        }
        int parts = RadixSort.Threads(m, maxThreads);
        var bounds = new int[parts + 1];
        bounds[parts] = m;
        for (int t = 1; t < parts; t++)
        {
            int j = Math.Max(bounds[t - 1], (int)((long)m * t / parts));
            while (j < m && !StartsCluster(j)) j++;
            bounds[t] = j;
        }

        var clusterStart = new bool[m]; // set by the counting pass where a cluster starts (after each part's first)

        // Cells [from, to) of the items, written from cell firstCell of result (counted only when result is null).
        int FormCells(int from, int to, Cells? result, int firstCell)
        {
            var stamp = new int[groups];
            var cellOf = new int[groups];
            var touched = new List<int>();
            Array.Fill(stamp, -1);
            int cells = firstCell, cluster = 0, j = from;
            while (j < to)
            {
                // The cluster [a, j): its first time is the representative; later distinct times join while tied.
                int a = j;
                double rep = RadixSort.Value(keys[j]), last = rep;
                if (result is null)
                {
                    for (j++; j < to; j++)
                    {
                        double v = RadixSort.Value(keys[j]);
                        if (v == last) continue;
                        if (!Tied(v - last)) break;
                        last = v;
                    }
                    if (j < to) clusterStart[j] = true;
                }
                else
                    // The counting pass marked where each cluster starts: the filling pass only looks the marks up.
                    for (j++; j < to && !clusterStart[j]; j++) { }
                if (j == a + 1)
                {
                    // One item (the usual cluster with continuous times): one cell, no bookkeeping of groups.
                    if (result is not null)
                    {
                        int p = payload[a], g = p / 3, kind = p - 3 * g;
                        double w = weights is null ? 1.0 : weights[a];
                        result.Time[cells] = rep;
                        result.Group[cells] = g;
                        result.Events[cells] += w * IsEvent[kind];
                        result.Censored[cells] += w * IsCensoring[kind];
                        if (entries) result.Entered[cells] += w * IsEntry[kind];
                        if (weights is not null) result.Subjects[cells] += IsExit[kind];
                    }
                    cells++;
                    cluster++;
                    continue;
                }
                touched.Clear();
                for (int i = a; i < j; i++)
                {
                    int g = payload[i] / 3;
                    if (stamp[g] != cluster) { stamp[g] = cluster; touched.Add(g); }
                }
                if (result is not null)
                {
                    if (touched.Count > 1) touched.Sort();
                    foreach (int g in touched)
                    {
                        cellOf[g] = cells;
                        result.Time[cells] = rep;
                        result.Group[cells] = g;
                        cells++;
                    }
                    for (int i = a; i < j; i++)
                    {
                        int p = payload[i], g = p / 3, k = cellOf[g], kind = p - 3 * g;
                        double w = weights is null ? 1.0 : weights[i];
                        // By table rather than by a branch on the kind (events and censorings alternate at random with
                        // continuous times): the other columns add w·0 = +0, which changes no sum (weights are finite
                        // and ≥ 0, and a column never holds −0).
                        result.Events[k] += w * IsEvent[kind];
                        result.Censored[k] += w * IsCensoring[kind];
                        if (entries) result.Entered[k] += w * IsEntry[kind];
                        if (weights is not null) result.Subjects[k] += IsExit[kind];
                    }
                }
                else cells += touched.Count;
                cluster++;
            }
            return cells - firstCell;
        }

        var cellStart = new int[parts + 1];
        RadixSort.Run(parts, t => cellStart[t + 1] = FormCells(bounds[t], bounds[t + 1], null, 0));
        for (int t = 0; t < parts; t++) cellStart[t + 1] += cellStart[t];
        var fixedCells = new Cells(cellStart[parts], strata: false, entries: entries, subjects: weights is not null);
        RadixSort.Run(parts, t => FormCells(bounds[t], bounds[t + 1], fixedCells, cellStart[t]));
        return fixedCells;
    }

    // Indicators of an item's kind (0 event, 1 censoring, 2 entry) as factors, for sums without branches.
    private static readonly double[] IsEvent = [1, 0, 0];
    private static readonly double[] IsCensoring = [0, 1, 0];
    private static readonly double[] IsEntry = [0, 0, 1];
    private static readonly double[] IsExit = [1, 1, 0];

    /// <summary>The row columns the reductions read: the arrays behind <see cref="SurvivalData"/>, null where it has none.</summary>
    private readonly record struct RowColumns(double[] Time, double[]? Entry, bool[] Status, double[]? Weight, int[]? Group, int[]? Strata)
    {
        public static RowColumns Of(SurvivalData data)
            => new(data.TimeArray, data.EntryArray, data.EventArray, data.WeightArray, data.Group?.CodeArray, data.Strata?.CodeArray);
    }

    /// <summary>The columns of the result, filled by a reduction and handed to <see cref="SurvivalCounts"/> as they are.</summary>
    /// <remarks>Without strata or entries those columns are not allocated (all zero), nor the subjects without weights
    /// (then each cell's events plus censorings); they must then not be written.</remarks>
    private sealed class Cells(int count, bool strata = true, bool entries = true, bool subjects = true)
    {
        public double[] Time { get; } = GC.AllocateUninitializedArray<double>(count); // every cell's time and group are written
        public int[] Group { get; } = GC.AllocateUninitializedArray<int>(count);
        public int[] Stratum { get; } = strata ? new int[count] : null!;
        public double[] Events { get; } = new double[count];
        public double[] Censored { get; } = new double[count];
        public double[] Entered { get; } = entries ? new double[count] : null!;
        public double[] Subjects { get; } = subjects ? new double[count] : null!;

        public SurvivalCounts ToCounts(SurvivalData data, bool timeFixed = false) => new(Time, Group, Stratum, Events, Censored, Entered, Subjects,
            data.Group?.Levels ?? SurvivalCounts.NoLevels, data.Strata?.Levels ?? SurvivalCounts.NoLevels, data.HasEntry, timeFixed: timeFixed);
    }
}
