using System.Runtime.Intrinsics;

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
        if (distinct <= SmallDistinct && sets.Entry is null && WholeWeights(sets.Weight, n) && !ranks.Take(distinct).Any(double.IsNaN))
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

    /// <summary>Whether every weight is a whole number and the square of their total at most 2^53: then every count of
    /// weighted pairs, and every partial sum of such counts, is a whole number below 2^53, exact in any order.</summary>
    private static bool WholeWeights(double[]? weight, int n)
    {
        double total = 0;
        if (weight is null) total = n;
        else
            foreach (double w in weight)
            {
                if (w != Math.Floor(w)) return false;
                total += w;
            }
        return total * total <= 1L << 53;
    }

    /// <summary><see cref="Compute"/> for a few distinct η (an indicator, a factor) without delayed entry and with whole
    /// weights (<see cref="WholeWeights"/>): each block of rows tied in time is tallied by rank (events and censorings
    /// apart), and the block's pairs are counted rank by rank, where the general walk visits each event and queries a
    /// Fenwick tree. Every count is a whole number below 2^53, exact in any order, so both give the same bits.</summary>
    /// <remarks>Written without branches on the data: with a 0/1 covariate the rank of each row, and whether it is an
    /// event, are coin flips that a branch would mispredict half the time. A row's rank is the number of distinct values
    /// below its η, and its status enters as a 0/1 factor (w·0 = +0 changes no sum).</remarks>
    private static double? ComputeFew(CoxRiskSets sets, double[] eta, double[] ranks, int distinct)
    {
        var atRank = new double[distinct];      // weight at risk per rank
        var blockEvents = new double[distinct]; // the block's events per rank
        var blockCensored = new double[distinct];
        var stop = sets.Stop;
        var status = sets.Status;
        var weight = sets.Weight;
        double concordant = 0, discordant = 0, tied = 0;
        for (int s = 0; s + 1 < sets.StratumStart.Length; s++)
        {
            int first = sets.StratumStart[s], end = sets.StratumStart[s + 1];
            Array.Clear(atRank);
            double inserted = 0;
            int a = first;
            while (a < end)
            {
                int b = a;
                for (; b < end && stop[b] == stop[a]; b++)
                {
                    double w = weight?[b] ?? 1.0, e = System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref status[b]);
                    int r = RankOf(eta[b]);
                    blockEvents[r] += w * e;
                    blockCensored[r] += w * (1 - e);
                }
                // The block's censored rows join first (a censored time tied with an event counts as later); its events are
                // compared with everything in (not with each other), then join.
                for (int r = 0; r < distinct; r++)
                {
                    atRank[r] += blockCensored[r];
                    inserted += blockCensored[r];
                    blockCensored[r] = 0;
                }
                double below = 0;
                for (int r = 0; r < distinct; r++)
                {
                    double events = blockEvents[r], at = atRank[r];
                    concordant += events * below;
                    tied += events * at;
                    discordant += events * (inserted - below - at);
                    below += at;
                }
                for (int r = 0; r < distinct; r++)
                {
                    atRank[r] += blockEvents[r];
                    inserted += blockEvents[r];
                    blockEvents[r] = 0;
                }
                a = b;
            }
        }
        double total = concordant + discordant + tied;
        return total > 0 ? (concordant + tied / 2) / total : null;

        int RankOf(double v)
        {
            int r = 0;
            for (int i = 0; i < distinct; i++) r += ranks[i] < v ? 1 : 0;
            return r;
        }
    }

    private static (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>) Blocks(ReadOnlySpan<double> few)
        => (Vector256.Create(few[..4]), Vector256.Create(few[4..8]), Vector256.Create(few[8..12]), Vector256.Create(few[12..16]));

    /// <summary>The distinct values of η, ascending. Covariates of trials are mostly discrete, so η takes few values:
    /// they are collected in a hash set and only those sorted; past 65 536 distinct values a copy of η is sorted instead.</summary>
    internal static double[] DistinctSorted(double[] eta, out int distinct)
    {
        // First a scan that keeps up to SmallDistinct values in a small buffer (one or two comparisons a row for a 0/1
        // covariate, where a hash set costs a hash and a probe); more values than that go to the hash set.
        Span<double> few = stackalloc double[SmallDistinct];
        int found = 0, row = 0;
        if (Vector256.IsHardwareAccelerated && SmallDistinct == 16)
        {
            // The values found so far in four vectors (the rest NaN, equal to nothing): a row is one broadcast and four
            // compares with a branch that almost always goes the same way, where a scan of the values branches on the data.
            few.Fill(double.NaN);
            var (a, b, c, d) = Blocks(few);
            for (; row < eta.Length; row++)
            {
                var v = Vector256.Create(eta[row]);
                if (Vector256.EqualsAny(v, a) | Vector256.EqualsAny(v, b) | Vector256.EqualsAny(v, c) | Vector256.EqualsAny(v, d)) continue;
                if (found == SmallDistinct) break;
                few[found++] = eta[row];
                (a, b, c, d) = Blocks(few);
            }
        }
        else
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
