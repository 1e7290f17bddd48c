namespace Survival.MultiState;

/// <summary>
/// The multi-state rows' times on one grid: every exit and entry replaced by its representative under R's near-tie rule
/// (<see cref="TimeFix"/>, when asked) and numbered by the rank of that representative among all the distinct
/// representatives, so that the estimator orders and compares rows by integers.
/// </summary>
/// <remarks>
/// Registry-sized data record times to a day or to 0.01 of a unit: the distinct values are few next to the rows. They are
/// then found with a hash table (<see cref="ByHashing"/>): one probe per value, and only the distinct values are sorted.
/// When most values are distinct (a sample of the rows shows no repeat) they are sorted with the rows' values instead
/// and each value is ranked by binary search. Both give the same ranks. The cuts are those of
/// <see cref="TimeFix.CutsOf(SurvivalData)"/>: the sorted distinct exits and entries of all groups.
/// </remarks>
internal sealed class MultiStateTimes
{
    private MultiStateTimes(double[] value, int[] stopRank, int[]? entryRank, double start)
    {
        Value = value;
        StopRank = stopRank;
        EntryRank = entryRank;
        Start = start;
        Early = start - 1;
    }

    /// <summary>The start of the curves: the smaller of 0 and the first exit (R <c>survfit0</c>).</summary>
    public double Start { get; }

    /// <summary>The distinct representatives, ascending: the time of each rank.</summary>
    public double[] Value { get; }

    /// <summary>Without entry times, the entry of every row: min(0, first exit) − 1 (R: every row at risk from before the
    /// first time).</summary>
    public double Early { get; }

    /// <summary>The rank of each row's exit representative among the distinct representatives (0 the smallest).</summary>
    public int[] StopRank { get; }

    /// <summary>The rank of each row's entry representative, on the same scale as <see cref="StopRank"/>; null without
    /// entry times (every row then enters before every exit).</summary>
    public int[]? EntryRank { get; }

    /// <summary>The number of distinct representatives.</summary>
    public int Ranks => Value.Length;

    /// <summary>Row <paramref name="i"/>'s exit time, as its representative.</summary>
    public double StopValue(int i) => Value[StopRank[i]];

    /// <summary>Row <paramref name="i"/>'s entry time, as its representative (<see cref="Early"/> without entry times).</summary>
    public double EntryValue(int i) => EntryRank is null ? Early : Value[EntryRank[i]];

    /// <summary>Maps and ranks the rows' times.</summary>
    /// <param name="rows">Validated rows.</param>
    /// <param name="timeFix">Whether near-equal times are merged (R <c>timefix = TRUE</c>).</param>
    /// <exception cref="SurvivalInputException">An interval that the near-tie rule collapses to length zero (R's
    /// "aeqSurv exception"), naming the first such row.</exception>
    /// <param name="scratch">Where the ranks are rented (they live as long as it).</param>
    /// <param name="hashing">Null to choose the path as described; true or false to force it (the tests compare them).</param>
    public static MultiStateTimes Of(SurvivalData rows, bool timeFix, ScratchArrays scratch, bool? hashing = null)
    {
        int n = rows.Count;
        var time = rows.TimeArray;
        var entry = rows.EntryArray;
        var stopId = scratch.RentWritten<int>(n);
        var entryId = entry is null ? null : scratch.RentWritten<int>(n);
        bool tryHashing = hashing ?? !MostlyDistinct(time);
        var distinct = (tryHashing ? ByHashing(time, entry, stopId, entryId, hashing == true ? int.MaxValue : 0) : null)
            ?? BySorting(time, entry, stopId, entryId, scratch);

        // The representatives of the sorted distinct values, and the rank of each among the distinct representatives.
        var cuts = timeFix ? TimeFix.Cuts(distinct.Sorted) : null;
        int k = distinct.Sorted.Length;
        var representative = new double[k];
        var rankOf = new int[k];
        int ranks = 0;
        // The largest cut ≤ each value (TimeFix.Map), by one walk: the values and the cuts are both ascending.
        int cut = 0;
        for (int v = 0; v < k; v++)
        {
            double x = distinct.Sorted[v];
            if (cuts is not null)
                while (cut + 1 < cuts.Length && cuts[cut + 1] <= x) cut++;
            representative[v] = cuts is null || cuts[cut] > x ? x : cuts[cut];
            if (v > 0 && representative[v] != representative[v - 1]) ranks++;
            rankOf[v] = ranks;
        }
        ranks = k == 0 ? 0 : ranks + 1;
        // The rank of each value the ids name (the ids are positions in the sorted values, or insertion numbers).
        var idRank = new int[k];
        var value = new double[ranks];
        for (int v = 0; v < k; v++)
        {
            idRank[distinct.IdOfSorted[v]] = rankOf[v];
            value[rankOf[v]] = representative[v];
        }
        int lowest = int.MaxValue;
        for (int i = 0; i < n; i++)
        {
            int rank = idRank[stopId[i]];
            stopId[i] = rank;
            lowest = Math.Min(lowest, rank);
        }
        if (entryId is not null)
        {
            for (int i = 0; i < n; i++) entryId[i] = idRank[entryId[i]];
            if (cuts is not null)
                for (int i = 0; i < n; i++)
                    if (entryId[i] == stopId[i])
                        throw new SurvivalInputException(
                            $"the interval ({SurvivalData.Format(entry![i])}, {SurvivalData.Format(time[i])}] has length zero after R's near-tie rule (timefix); pass TimeFix = false to keep it",
                            column: "entry", value: SurvivalData.Format(entry[i]), row: i + 1, input: DataColumn.Entry);
        }
        return new MultiStateTimes(value, stopId, entryId, Math.Min(0, n == 0 ? 0 : value[lowest]));
    }

    /// <summary>The distinct values in increasing order, and for each the id the rows were given.</summary>
    private sealed record Distinct(double[] Sorted, int[] IdOfSorted);

    /// <summary>Whether a sample of 4096 exits spread evenly over 2^16 rows or more holds no repeat: then the distinct
    /// values are too many for a table worth its probes, and the sort is used at once. Only a choice of path.</summary>
    private static bool MostlyDistinct(double[] time)
    {
        const int Sample = 4096;
        int n = time.Length;
        if (n < 1 << 16) return false;
        var seen = new HashSet<double>(2 * Sample);
        for (int k = 0; k < Sample; k++)
            if (!seen.Add(time[(int)((long)n * k / Sample)] + 0.0)) return false;
        return true;
    }

    /// <summary>Numbers the distinct values in order of first sight through an open-addressing table (linear probing, a
    /// Fibonacci hash of the sortable key, kept at most half full) and sorts only them; null when they pass a quarter of
    /// the values (the sort is then cheaper). Written by hand: <see cref="Dictionary{TKey, TValue}"/> costs several times
    /// this probe per row, and this is the one pass over every row.</summary>
    private static Distinct? ByHashing(double[] time, double[]? entry, int[] stopId, int[]? entryId, int limit)
    {
        int n = time.Length;
        if (limit == 0) limit = Math.Max(1024, (entry is null ? n : 2 * n) / 4);
        int shift = 64 - 12;
        var keys = new ulong[1 << 12];
        var ids = new int[1 << 12];
        Array.Fill(ids, -1);
        var values = new List<double>();
        int Id(double x)
        {
            ulong key = RadixSort.Key(x);
            int mask = keys.Length - 1;
            for (int slot = (int)((key * 0x9E3779B97F4A7C15UL) >> shift); ; slot = (slot + 1) & mask)
            {
                int id = ids[slot];
                if (id < 0)
                {
                    if (values.Count >= limit) return -1;
                    ids[slot] = values.Count;
                    keys[slot] = key;
                    values.Add(x == 0 ? 0.0 : x);
                    if (2 * values.Count > keys.Length) Grow();
                    return values.Count - 1;
                }
                if (keys[slot] == key) return id;
            }
        }
        void Grow()
        {
            var (oldKeys, oldIds) = (keys, ids);
            keys = new ulong[2 * oldKeys.Length];
            ids = new int[2 * oldIds.Length];
            Array.Fill(ids, -1);
            shift--;
            int mask = keys.Length - 1;
            for (int o = 0; o < oldKeys.Length; o++)
            {
                if (oldIds[o] < 0) continue;
                int slot = (int)((oldKeys[o] * 0x9E3779B97F4A7C15UL) >> shift);
                while (ids[slot] >= 0) slot = (slot + 1) & mask;
                keys[slot] = oldKeys[o];
                ids[slot] = oldIds[o];
            }
        }
        // A value equal to the one before (entries are often all 0, or runs of one value) skips the probe.
        double previous = double.NaN;
        int previousId = -1;
        for (int i = 0; i < n; i++)
        {
            double x = time[i];
            if (x != previous) { previous = x; if ((previousId = Id(x)) < 0) return null; }
            stopId[i] = previousId;
        }
        if (entry is not null)
        {
            previous = double.NaN;
            for (int i = 0; i < n; i++)
            {
                double x = entry[i];
                if (x != previous) { previous = x; if ((previousId = Id(x)) < 0) return null; }
                entryId![i] = previousId;
            }
        }
        var sorted = values.ToArray();
        var idOfSorted = new int[sorted.Length];
        for (int v = 0; v < idOfSorted.Length; v++) idOfSorted[v] = v;
        Array.Sort(sorted, idOfSorted);
        return new Distinct(sorted, idOfSorted);
    }

    /// <summary>Sorts every value with its row (the stable radix sort of the sortable keys, on all cores from 2^20
    /// values), keeps the distinct ones and gives each row the position of its value: no comparison sort and no search
    /// per row.</summary>
    private static Distinct BySorting(double[] time, double[]? entry, int[] stopId, int[]? entryId, ScratchArrays scratch)
    {
        int n = time.Length, total = entry is null ? n : 2 * n;
        var keys = scratch.RentWritten<ulong>(total);
        var item = scratch.RentWritten<int>(total);
        for (int i = 0; i < n; i++) { keys[i] = RadixSort.Key(time[i]); item[i] = i; }
        if (entry is not null)
            for (int i = 0; i < n; i++) { keys[n + i] = RadixSort.Key(entry[i]); item[n + i] = n + i; }
        RadixSort.Sort(keys, item, null, 0, total, scratch.RentWritten<ulong>(total), scratch.RentWritten<int>(total), null);
        var sorted = new List<double>();
        for (int j = 0; j < total; j++)
        {
            if (j == 0 || keys[j] != keys[j - 1]) sorted.Add(RadixSort.Value(keys[j]));
            int position = sorted.Count - 1, at = item[j];
            if (at < n) stopId[at] = position; else entryId![at - n] = position;
        }
        var values = sorted.ToArray();
        var idOfSorted = new int[values.Length];
        for (int v = 0; v < idOfSorted.Length; v++) idOfSorted[v] = v;
        return new Distinct(values, idOfSorted);
    }
}
