namespace Survival.Regression;

/// <summary>Harrell's concordance of a Cox model's linear predictor, as R's <c>concordance</c> reports it in
/// <c>coxph</c>: within strata, over the risk sets, with case weights.</summary>
/// <remarks>
/// For each event at time t (row i) and each other row j at risk at t (entry &lt; t, and exit after t, or at t when j is
/// censored: a censored time tied with an event counts as later), the pair weighs wᵢwⱼ and is concordant when ηᵢ &gt; ηⱼ,
/// discordant when ηᵢ &lt; ηⱼ and tied in η otherwise; events tied in time are not compared. C = (concordant + tied/2) /
/// (all compared). One walk down each stratum with a Fenwick tree of weights over the ranks of η: O(n log n).
/// </remarks>
internal static class CoxConcordance
{
    /// <summary>Up to this many distinct values of η are found and ranked by a scan instead of a hash set and a binary search.</summary>
    private const int SmallDistinct = 16;

    public static double? Compute(CoxRiskSets sets, double[] eta)
    {
        int n = sets.Count;
        var ranks = DistinctSorted(eta, out int distinct);
        if (distinct <= SmallDistinct && sets.Entry is null && WholeWeights(sets.Weight) && !ranks.Take(distinct).Any(double.IsNaN))
            return ComputeFew(sets, eta, ranks, distinct);
        return ComputeTree(sets, eta, ranks, distinct);
    }

    /// <summary>The general walk, with a Fenwick tree over the ranks of η (also the oracle the tests compare
    /// <see cref="ComputeFew"/> with).</summary>
    internal static double? ComputeTree(CoxRiskSets sets, double[] eta, double[] ranks, int distinct)
    {
        int n = sets.Count;
        var tree = new double[distinct + 1];
        var inTree = sets.Entry is null ? null : new bool[n];
        double concordant = 0, discordant = 0, tied = 0;
        var stop = sets.Stop;
        var status = sets.Status;
        for (int s = 0; s + 1 < sets.StratumStart.Length; s++)
        {
            int first = sets.StratumStart[s], end = sets.StratumStart[s + 1];
            Array.Clear(tree);
            double inserted = 0;
            int e = first;
            int a = first;
            while (a < end)
            {
                int b = a;
                while (b < end && stop[b] == stop[a]) b++;
                double t = stop[a];
                for (int k = a; k < b; k++) if (!status[k]) Insert(k, +1);
                bool anyDeath = false;
                for (int k = a; k < b && !anyDeath; k++) anyDeath = status[k];
                if (anyDeath)
                {
                    if (sets.Entry is not null)
                        for (; e < end && sets.Entry[sets.EntryOrder![e]] >= t; e++)
                        {
                            int r = sets.EntryOrder[e];
                            if (inTree![r]) Insert(r, -1);
                        }
                    for (int k = a; k < b; k++)
                    {
                        if (!status[k]) continue;
                        double w = sets.WeightAt(k);
                        int r = Rank(k);
                        double below = Sum(r - 1), atOrBelow = Sum(r);
                        concordant += w * below;
                        tied += w * (atOrBelow - below);
                        discordant += w * (inserted - atOrBelow);
                    }
                }
                for (int k = a; k < b; k++) if (status[k]) Insert(k, +1);
                a = b;
            }

            void Insert(int row, int sign)
            {
                if (inTree is not null) inTree[row] = sign > 0;
                double w = sign * sets.WeightAt(row);
                inserted += w;
                for (int i = Rank(row); i < tree.Length; i += i & -i) tree[i] += w;
            }
        }
        double total = concordant + discordant + tied;
        return total > 0 ? (concordant + tied / 2) / total : null;

        // With a handful of distinct η (indicators, a factor's columns) a scan finds the rank faster than a binary search.
        int Rank(int k)
        {
            double v = eta[k];
            if (distinct <= SmallDistinct)
            {
                for (int i = 0; i < distinct; i++) if (ranks[i] == v) return i + 1;
            }
            return Array.BinarySearch(ranks, 0, distinct, v) + 1;
        }
        double Sum(int i) { double s = 0; for (; i > 0; i -= i & -i) s += tree[i]; return s; }
    }

    /// <summary>Whether every weight is a whole number and their total at most 2^52, so that any sum of them is exact.</summary>
    private static bool WholeWeights(double[]? weight)
    {
        if (weight is null) return true;
        double total = 0;
        foreach (double w in weight)
        {
            if (w != Math.Floor(w)) return false;
            total += w;
        }
        return total <= 1L << 52;
    }

    /// <summary><see cref="Compute"/> for a few distinct η (an indicator, a factor) without delayed entry and with whole
    /// weights: the weight at risk at or below each rank is kept in a short array of running sums, where the general walk
    /// uses a Fenwick tree. The sums are of whole numbers, exact in any order, so both give the same bits.</summary>
    /// <remarks>Written without branches on the data: with a 0/1 covariate the rank of each row, and whether it is an
    /// event, are coin flips that a branch would mispredict half the time, several times a row. A row adds its weight
    /// times 0 or 1 instead (w·0 = +0 changes no sum: the sums are never −0), and its rank is the number of distinct
    /// values below its η.</remarks>
    private static double? ComputeFew(CoxRiskSets sets, double[] eta, double[] ranks, int distinct)
    {
        // cumulative[r + 1]: the weight at risk at ranks ≤ r (cumulative[0] stays 0); step[r · (distinct + 1) + j] is 1
        // where j > r, so that a row at rank r adds its weight to cumulative[j] for every j > r.
        int width = distinct + 1;
        var cumulative = new double[width];
        var step = new double[distinct * width];
        for (int r = 0; r < distinct; r++)
            for (int j = r + 1; j < width; j++) step[r * width + j] = 1;
        var stop = sets.Stop;
        var status = sets.Status;
        var weight = sets.Weight;
        double concordant = 0, discordant = 0, tied = 0;
        for (int s = 0; s + 1 < sets.StratumStart.Length; s++)
        {
            int first = sets.StratumStart[s], end = sets.StratumStart[s + 1];
            Array.Clear(cumulative);
            double inserted = 0;
            int a = first;
            while (a < end)
            {
                // The block of rows tied at this time: its censored rows join first (a censored time tied with an event
                // counts as later), its events are compared with everything in, then join.
                int b = a;
                while (b < end && stop[b] == stop[a]) b++;
                for (int k = a; k < b; k++)
                {
                    double w = (weight?[k] ?? 1.0) * (1 - Event(k));
                    Insert(RankOf(eta[k]), w);
                    inserted += w;
                }
                for (int k = a; k < b; k++)
                {
                    double w = (weight?[k] ?? 1.0) * Event(k);
                    int r = RankOf(eta[k]);
                    double below = cumulative[r], atOrBelow = cumulative[r + 1];
                    concordant += w * below;
                    tied += w * (atOrBelow - below);
                    discordant += w * (inserted - atOrBelow);
                }
                for (int k = a; k < b; k++)
                {
                    double w = (weight?[k] ?? 1.0) * Event(k);
                    Insert(RankOf(eta[k]), w);
                    inserted += w;
                }
                a = b;
            }
        }
        double total = concordant + discordant + tied;
        return total > 0 ? (concordant + tied / 2) / total : null;

        double Event(int k) => System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref status[k]);

        int RankOf(double v)
        {
            int r = 0;
            for (int i = 0; i < distinct; i++) r += ranks[i] < v ? 1 : 0;
            return r;
        }

        void Insert(int r, double w)
        {
            int row = r * width;
            for (int j = 1; j < width; j++) cumulative[j] += w * step[row + j];
        }
    }

    /// <summary>The distinct values of η, ascending. Covariates of trials are mostly discrete, so η takes few values:
    /// they are collected in a hash set and only those sorted; past 65 536 distinct values a copy of η is sorted instead.</summary>
    internal static double[] DistinctSorted(double[] eta, out int distinct)
    {
        // First a scan that keeps up to SmallDistinct values in a small buffer (one or two comparisons a row for a 0/1
        // covariate, where a hash set costs a hash and a probe); more values than that go to the hash set.
        Span<double> few = stackalloc double[SmallDistinct];
        int found = 0, row = 0;
        for (; row < eta.Length; row++)
        {
            double v = eta[row];
            int j = 0;
            while (j < found && few[j] != v) j++;
            if (j < found) continue;
            if (found == SmallDistinct) break;
            few[found++] = v;
        }
        if (row == eta.Length)
        {
            var sortedFew = few[..found].ToArray();
            Array.Sort(sortedFew);
            distinct = found;
            return sortedFew;
        }
        const int Cap = 1 << 16;
        var set = new HashSet<double>();
        foreach (double v in eta)
        {
            if (set.Add(v) && set.Count > Cap) { set = null; break; }
        }
        double[] values;
        if (set is not null)
        {
            values = [.. set];
            Array.Sort(values);
            distinct = values.Length;
            return values;
        }
        values = (double[])eta.Clone();
        Array.Sort(values);
        distinct = 0;
        for (int i = 0; i < values.Length; i++) if (i == 0 || values[i] != values[distinct - 1]) values[distinct++] = values[i];
        return values;
    }
}
