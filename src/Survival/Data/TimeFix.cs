namespace Survival;

/// <summary>
/// R's near-tie rule (<c>timefix = TRUE</c>, function <c>aeqSurv</c>): distinct times closer than a tolerance are
/// treated as one, so that 0.1 + 0.2 and 0.3 are a tie as a person would read them.
/// </summary>
/// <remarks>
/// Take the sorted distinct times y (entry and exit together, all groups and strata). Neighbours are tied when
/// Δy ≤ tol or Δy / mean|y| ≤ tol, with tol = √ε (ε the double machine epsilon, R's default). Runs of tied
/// neighbours form one cluster, and every time is replaced by the first (smallest) time of its cluster. A
/// delayed-entry interval whose ends fall into one cluster has length zero after the fix: R stops with
/// "aeqSurv exception"; this library throws <see cref="SurvivalInputException"/>. Reference: R survival
/// <c>aeqSurv</c>; Therneau, "Roundoff error and tied times" (survival package vignette). Public so that readers
/// which reduce rows elsewhere (the DuckDB push-down) can apply the same rule to the rows before they are lost.
/// </remarks>
public static class TimeFix
{
    /// <summary>R's default tolerance, √ε.</summary>
    public static readonly double Tolerance = MachinePrecision.SqrtEpsilon;

    /// <summary>The cluster representatives ("cuts") for sorted distinct times, or null when nothing is tied.</summary>
    /// <param name="sortedDistinct">Every distinct time of the data (entries and exits, all groups and strata), ascending.</param>
    public static double[]? Cuts(double[] sortedDistinct)
    {
        ArgumentNullException.ThrowIfNull(sortedDistinct);
        int k = sortedDistinct.Length;
        if (k < 2) return null;
        double meanAbs = 0;
        for (int i = 0; i < k; i++) meanAbs += Math.Abs(sortedDistinct[i]);
        meanAbs /= k;
        // One pass into an array of the largest possible size (no list growth at 10^7 distinct times), trimmed once.
        var cuts = new double[k];
        cuts[0] = sortedDistinct[0];
        int m = 1;
        for (int i = 1; i < k; i++)
        {
            double dy = sortedDistinct[i] - sortedDistinct[i - 1];
            bool tied = dy <= Tolerance || dy / meanAbs <= Tolerance;
            if (!tied) cuts[m++] = sortedDistinct[i];
        }
        return m < k ? cuts[..m] : null;
    }

    /// <summary>The representative of <paramref name="x"/>: the largest cut ≤ x (R's <c>findInterval</c>).</summary>
    /// <param name="cuts">The cuts from <see cref="Cuts"/>.</param>
    /// <param name="x">A time of the data.</param>
    public static double Map(double[] cuts, double x)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        int i = Array.BinarySearch(cuts, x);
        if (i >= 0) return cuts[i];
        i = ~i - 1;
        return i < 0 ? x : cuts[i];
    }

    /// <summary>Applies the rule to counts; returns the same instance when nothing is tied.</summary>
    /// <remarks>Linear in the cells when there is one stratum (its cells are already in time order); with several
    /// strata the distinct times are sorted once. The map to representatives is a forward walk within each stratum.</remarks>
    internal static SurvivalCounts Apply(SurvivalCounts counts)
        => CutsOf(counts) is { } cuts ? counts.WithTimes(cuts) : counts;

    /// <summary>The cuts of counts' times (null when nothing is tied or the rule was applied already): linear with one
    /// stratum, whose cells are in time order.</summary>
    internal static double[]? CutsOf(SurvivalCounts counts)
    {
        if (counts.TimeFixed) return null;
        var time = counts.Time;
        double[] distinct;
        if (counts.StratumCount == 1)
        {
            int k = 0;
            for (int i = 0; i < time.Length; i++) if (i == 0 || time[i] != time[i - 1]) k++;
            distinct = new double[k];
            for (int i = 0, j = 0; i < time.Length; i++) if (i == 0 || time[i] != time[i - 1]) distinct[j++] = time[i];
        }
        else distinct = SortedDistinct(time.ToArray());
        return Cuts(distinct);
    }

    /// <summary>The mean |y| over the distinct times of counts with one stratum (cells in time order), in the order
    /// <see cref="Cuts"/> sums it: what <see cref="Walk"/> needs to apply the rule without the cuts.</summary>
    internal static double MeanAbsDistinct(SurvivalCounts counts)
    {
        var time = counts.Time;
        double sum = 0;
        int k = 0;
        for (int i = 0; i < time.Length; i++)
            if (i == 0 || time[i] != time[i - 1]) { sum += Math.Abs(time[i]); k++; }
        return sum / k;
    }

    /// <summary>The rule applied to a non-decreasing sequence of times as it is read: a time tied to the distinct time
    /// before it (Δy ≤ tol or Δy/mean|y| ≤ tol) takes that time's representative, any other is its own. The same map as
    /// <see cref="Cuts"/> and <see cref="Map"/>, with no array of cuts (at 10⁷ continuous times they were 150 MB).</summary>
    /// <param name="meanAbs">The mean |y| over the distinct times (<see cref="MeanAbsDistinct"/>).</param>
    internal struct Walk(double meanAbs)
    {
        private double _previous = double.NaN, _representative = double.NaN;

        /// <summary>The representative of <paramref name="x"/>, no smaller than the time read before.</summary>
        public double Map(double x)
        {
            if (x == _previous) return _representative;
            double dy = x - _previous;
            // The first time (NaN before it) is its own representative; so is a time not tied to its predecessor.
            if (double.IsNaN(dy) || !(dy <= Tolerance || dy / meanAbs <= Tolerance)) _representative = x;
            _previous = x;
            return _representative;
        }
    }

    /// <summary>The cuts of a data set's times: every exit and entry, all groups and strata (null when nothing is tied).</summary>
    internal static double[]? CutsOf(SurvivalData data)
    {
        var all = new double[(data.HasEntry ? 2 : 1) * data.Count];
        data.Time.CopyTo(all);
        if (data.HasEntry) data.Entry.CopyTo(all.AsSpan(data.Count));
        return Cuts(SortedDistinct(all));
    }

    /// <summary>The distinct values of <paramref name="values"/> in increasing order (sorts and reuses the array): the one
    /// home of this idiom.</summary>
    internal static double[] SortedDistinct(double[] values)
    {
        Array.Sort(values);
        int k = 0;
        for (int i = 0; i < values.Length; i++)
            if (k == 0 || values[i] != values[k - 1]) values[k++] = values[i];
        return values[..k];
    }

    /// <summary>Checks that no delayed-entry interval collapses under the rule (R's "aeqSurv exception").</summary>
    internal static void CheckIntervals(SurvivalData data) => CheckIntervals(data, data.HasEntry ? CutsOf(data) : null);

    /// <summary><see cref="CheckIntervals(SurvivalData)"/> with the cuts already found (<see cref="CutsOf(SurvivalData)"/>).</summary>
    internal static void CheckIntervals(SurvivalData data, double[]? cuts)
    {
        if (!data.HasEntry) return;
        if (cuts is null) return;
        var entry = data.Entry;
        var time = data.Time;
        for (int i = 0; i < data.Count; i++)
        {
            if (Map(cuts, entry[i]) == Map(cuts, time[i]))
                throw new SurvivalInputException(
                    $"the interval ({SurvivalData.Format(entry[i])}, {SurvivalData.Format(time[i])}] has length zero after R's near-tie rule (timefix); pass TimeFix = false to keep it",
                    column: "entry", value: SurvivalData.Format(entry[i]), row: i + 1, input: DataColumn.Entry);
        }
    }
}
