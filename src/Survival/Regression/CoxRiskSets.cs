namespace Survival.Regression;

/// <summary>
/// The rows of a Cox model laid out once for every pass over its risk sets: sorted by stratum and descending exit time
/// (with R's near-tie rule applied), the entry order of counting-process rows beside it, and the covariates centred on
/// their weighted means (as R's <c>fit$means</c>). The likelihood, the residuals, the proportional-hazards test and the
/// predicted curves all walk the same sorted rows, so none of them sorts again.
/// </summary>
/// <remarks>
/// The walk (<see cref="Sweep"/>) visits each distinct event time t of a stratum in descending order with the sums over
/// the risk set R(t) = {entry &lt; t ≤ exit}: rows join as t passes their exit time and leave as it passes their entry time,
/// the order of R survival's <c>agfit4</c>. A row whose interval holds no event time is never added, so a huge risk score
/// on such a row cannot cancel digits out of the sums; when a risk set empties the sums restart from exact zero.
/// </remarks>
internal sealed class CoxRiskSets
{
    /// <summary>Sorted position → input row.</summary>
    public int[] Order { get; }

    /// <summary>Exit times (time-fixed), sorted by stratum then descending.</summary>
    public double[] Stop { get; }

    /// <summary>Entry times in the sorted order, or null (right-censored data: every row enters at −∞).</summary>
    public double[]? Entry { get; }

    /// <summary>Sorted positions ordered by stratum then descending entry time (null without entry).</summary>
    public int[]? EntryOrder { get; }

    public bool[] Status { get; }

    /// <summary>The sorted positions of the rows with an event, in order (made on first use).</summary>
    public ReadOnlySpan<int> EventRows => (_eventRows ??= Positions(Status)).AsSpan(0, _eventRows.Length - 1);

    private int[]? _eventRows;

    /// <summary>The positions where <paramref name="flags"/> is set, in order, gathered without a test per row, and one
    /// spare slot at the end.</summary>
    private static int[] Positions(bool[] flags)
    {
        var set = System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(flags.AsSpan());
        int count = 0;
        foreach (byte f in set) count += f;
        var positions = new int[count + 1]; // a spare slot: every row is written, the next one overwrites it unless kept
        int k = 0;
        for (int i = 0; i < set.Length; i++)
        {
            positions[k] = i;
            k += set[i];
        }
        return positions;
    }

    public double[]? Weight { get; }

    /// <summary>Stratum codes in the sorted order (null: one stratum).</summary>
    public int[]? Strata { get; }

    /// <summary>Start of each stratum in the sorted order, with the end appended.</summary>
    public int[] StratumStart { get; }

    /// <summary>All covariate columns, centred on <see cref="Centres"/>, in the sorted order.</summary>
    public double[][] X { get; }

    /// <summary>The column means R reports (<c>fit$means</c>: 0 for indicator columns; see the constructor).</summary>
    public double[] Means { get; }

    /// <summary>The centres <see cref="X"/> is taken about: every column's mean (equal to <see cref="Means"/> except for
    /// indicator columns).</summary>
    public double[] Centres { get; }

    public int Count => Stop.Length;

    public double WeightAt(int i) => Weight?[i] ?? 1.0;

    public CoxRiskSets(SurvivalData data, CovariateMatrix covariates, bool timeFix)
    {
        int n = data.Count, p = covariates.Count;
        var rawTime = data.TimeArray;
        int[]? rawStrata = data.Strata?.CodeArray;
        int strataCount = data.Strata?.Levels.Count ?? 1;
        // Sort once by stratum, then time descending: a stable LSD radix sort (RadixSort) of the complemented
        // order-preserving keys, with the row numbers moving along; with strata a counting pass first lays the rows out by
        // stratum. Stable, so tied rows keep their input order. Each row's status rides in the sign bit of its row number,
        // and a single covariate column rides along as well: both arrive in sorted order without a gather from rows all
        // over the input (the costliest step here, memory-bound). n < 2^31, so the sign bit is free.
        var keys = new ulong[n];
        var order = new int[n];
        var start = new int[strataCount + 1];
        var rawStatus = data.EventArray;
        var firstColumn = p > 0 ? covariates.ColumnArray(0) : null;
        // A single 0/1 covariate (a treatment arm; exactly +0.0 or 1.0) rides in bit 30 of the row number instead, a third
        // of the bytes the sort would move for it as a double column.
        bool binary = p == 1 && n < 1 << 30 && IsZeroOne(firstColumn!);
        double[]? carried = p == 1 && !binary ? new double[n] : null;
        if (rawStrata is null) start[1] = n;
        else
        {
            foreach (int k in rawStrata) start[k + 1]++;
            for (int k = 0; k < strataCount; k++) start[k + 1] += start[k];
        }
        if (rawStrata is null)
            InChunks(n, (from, to) =>
            {
                for (int i = from; i < to; i++)
                {
                    keys[i] = ~RadixSort.Key(rawTime[i]);
                    order[i] = (rawStatus[i] ? i | int.MinValue : i) | (binary && firstColumn![i] == 1 ? 1 << 30 : 0);
                    if (carried is not null) carried[i] = firstColumn![i];
                }
            });
        else
        {
            var next = start[..strataCount];
            for (int i = 0; i < n; i++)
            {
                int o = next[rawStrata[i]]++;
                keys[o] = ~RadixSort.Key(rawTime[i]);
                order[o] = (rawStatus[i] ? i | int.MinValue : i) | (binary && firstColumn![i] == 1 ? 1 << 30 : 0);
                if (carried is not null) carried[o] = firstColumn![i];
            }
        }
        var keyScratch = new ulong[n];
        var rowScratch = new int[n];
        var time = new double[n]; // the carried column's scratch first
        for (int k = 0; k < strataCount; k++)
            RadixSort.Sort(keys, order, carried, start[k], start[k + 1] - start[k], keyScratch, rowScratch, carried is null ? null : time);
        var status = new bool[n];
        double[]? weight = data.WeightArray is null ? null : new double[n];
        int[]? strata = rawStrata is null ? null : new int[n];
        double[]? entry = data.EntryArray is null ? null : new double[n];
        var rawWeight = data.WeightArray;
        var rawEntry = data.EntryArray;
        // The other columns in the sorted order: gathers, split among the cores (each position is written once, from its
        // own row: the same values on any number of threads).
        double[]? zeroOne = binary ? new double[n] : null;
        int rowBits = binary ? (1 << 30) - 1 : int.MaxValue;
        InChunks(n, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                int item = order[i], r = item & rowBits;
                order[i] = r;
                status[i] = item < 0;
                if (zeroOne is not null) zeroOne[i] = (item >> 30) & 1;
                time[i] = RadixSort.Value(~keys[i]);
                if (weight is not null) weight[i] = rawWeight![r];
                if (strata is not null) strata[i] = rawStrata![r];
                if (entry is not null) entry[i] = rawEntry![r];
            }
        });
        // The entry order (sorted positions by stratum, then descending entry), by the same sort on the same scratch
        // (the exit keys are no longer needed). R's near-tie rule maps times monotonically, so both orders stay valid
        // after it and tied rows stay adjacent.
        var x = new double[p][];
        var sorted = carried ?? zeroOne; // the single column, already in sorted order
        for (int j = 0; j < p; j++) x[j] = sorted ?? new double[n];
        int[]? entryOrder = null;
        if (entry is not null)
        {
            entryOrder = new int[n];
            for (int i = 0; i < n; i++) { keyScratch[i] = ~RadixSort.Key(entry[i]); entryOrder[i] = i; }
            for (int k = 0; k < strataCount; k++)
                RadixSort.Sort(keyScratch, entryOrder, null, start[k], start[k + 1] - start[k], keys, rowScratch, null);
        }
        // keyScratch now holds the entry keys in entry order: the near-tie rule reads the sorted entries from it.
        if (timeFix) ApplyTimeFix(time, entry, entryOrder, entry is null ? null : keyScratch, start, order);

        // Every column is centred on its mean, weighted for right-censored data (coxfit6) and unweighted for (start, stop]
        // data (agreg.fit's colMeans), as R's C code centres every column: the risk sets' sums of x and x² then carry no
        // cancellation (a 0/1 column under weights from 1e-12 to 1e12 lost four digits uncentred). The reported means
        // follow coxph's nocenter = c(-1, 0, 1): a column whose values all lie in {−1, 0, 1} (indicators, the columns of
        // a factor) reports 0, and the linear predictors are given relative to the reported means (LinearPredictors adds
        // β·(centre − mean)), so the fit's outputs are R's whichever centre the sums use.
        var means = new double[p];
        var centres = new double[p];
        double total = 0;
        if (weight is null) total = n; // n ones add up to n exactly
        else for (int i = 0; i < n; i++) total += weight[i];
        for (int j = 0; j < p; j++)
        {
            var col = covariates.ColumnArray(j);
            bool indicator = true;
            foreach (double v in col) if (v != 0 && v != 1 && v != -1) { indicator = false; break; }
            double mean = 0;
            if (weight is null || entry is not null) { for (int i = 0; i < n; i++) mean += col[i]; mean /= n; }
            else if (sorted is not null) { for (int i = 0; i < n; i++) mean += sorted[i] * weight[i]; mean = total > 0 ? mean / total : 0; }
            else { for (int i = 0; i < n; i++) mean += col[order[i]] * weight[i]; mean = total > 0 ? mean / total : 0; }
            means[j] = indicator ? 0 : mean;
            centres[j] = mean;
            var column = x[j];
            if (sorted is not null)
                InChunks(n, (from, to) =>
                {
                    for (int i = from; i < to; i++) column[i] -= mean;
                });
            else
                InChunks(n, (from, to) =>
                {
                    for (int i = from; i < to; i++) column[i] = col[order[i]] - mean;
                });
        }

        Order = order;
        Stop = time;
        Entry = entry;
        EntryOrder = entryOrder;
        Status = status;
        Weight = weight;
        Strata = strata;
        StratumStart = start;
        X = x;
        Means = means;
        Centres = centres;
    }

    /// <summary>Whether every value is exactly +0.0 or 1.0 (bits, so that −0.0 is not taken for +0.0).</summary>
    private static bool IsZeroOne(double[] column)
    {
        foreach (double v in column)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(v);
            if (bits != 0 && bits != 0x3FF0_0000_0000_0000UL) return false;
        }
        return true;
    }

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="n"/>) in contiguous chunks: one a core (at most 8)
    /// from <see cref="RadixSort.ParallelThreshold"/> rows up, else one on the calling thread.</summary>
    private static void InChunks(int n, Action<int, int> body)
    {
        int parts = RadixSort.Threads(n);
        RadixSort.Run(parts, t => body((int)((long)n * t / parts), (int)((long)n * (t + 1) / parts)));
    }

    /// <summary>R's near-tie rule (aeqSurv) over exit and entry times together. The distinct values come from the two
    /// sorted orders by a merge when there is one stratum (no sort), else by sorting a copy.</summary>
    private static void ApplyTimeFix(double[] time, double[]? entry, int[]? entryOrder, ulong[]? sortedEntryKeys, int[] start, int[] order)
    {
        int n = time.Length;
        if (start.Length == 2 && entry is null)
        {
            FixNearTiesInPlace(time);
            return;
        }
        double[] distinct;
        if (start.Length == 2)
        {
            // Exit times descending along the array, entry times descending in their sorted keys: walk both from the end.
            var merged = new List<double>();
            int i = n - 1, e = n - 1;
            double last = double.NaN;
            while (i >= 0 || (entry is not null && e >= 0))
            {
                double v;
                if (entry is null || e < 0) v = time[i--];
                else if (i < 0) v = RadixSort.Value(~sortedEntryKeys![e--]);
                else
                {
                    double a = time[i], b = RadixSort.Value(~sortedEntryKeys![e]);
                    if (a <= b) { v = a; i--; } else { v = b; e--; }
                }
                if (merged.Count == 0 || v != last) { merged.Add(v); last = v; }
            }
            distinct = merged.ToArray();
        }
        else distinct = TimeFix.SortedDistinct(entry is null ? (double[])time.Clone() : [.. time, .. entry]);
        var cuts = TimeFix.Cuts(distinct);
        if (cuts is null) return;
        // Both orders are descending within each stratum, so the representative (the largest cut ≤ x) moves one way:
        // a walk down the cuts from a binary search at each stratum's start, not a search per value.
        int strata = start.Length - 1;
        for (int s = 0; s < strata; s++)
        {
            int k = -1;
            for (int i = start[s]; i < start[s + 1]; i++) time[i] = Representative(cuts, time[i], ref k);
        }
        if (entry is null) return;
        for (int s = 0; s < strata; s++)
        {
            int k = -1;
            for (int e = start[s]; e < start[s + 1]; e++)
            {
                int i = entryOrder![e];
                double v = Representative(cuts, entry[i], ref k);
                if (!(v < time[i]))
                    throw new SurvivalInputException(
                        $"the interval ({SurvivalData.Format(entry[i])}, {SurvivalData.Format(time[i])}] has length zero after R's near-tie rule (timefix); pass TimeFix = false to keep it",
                        column: "entry", value: SurvivalData.Format(entry[i]), row: order[i] + 1, input: DataColumn.Entry);
                entry[i] = v;
            }
        }
    }

    /// <summary>
    /// R's near-tie rule on one stratum's exit times, sorted descending, in place and without allocating: the distinct
    /// times are walked upwards (from the array's end), their mean |time| summed in that order as <see cref="TimeFix.Cuts"/>
    /// does, and each time within the tolerance of the previous distinct time takes its cluster's first (smallest) time,
    /// the representative <see cref="TimeFix.Map"/> gives. Continuous data need no list of distinct times (issue 20).
    /// </summary>
    private static void FixNearTiesInPlace(double[] time)
    {
        int n = time.Length;
        int distinct = 0;
        double meanAbs = 0, previous = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            double v = time[i];
            if (distinct > 0 && v == previous) continue;
            distinct++;
            meanAbs += Math.Abs(v);
            previous = v;
        }
        if (distinct < 2) return;
        meanAbs /= distinct;
        double tol = TimeFix.Tolerance;
        bool anyTied = false;
        previous = time[n - 1];
        for (int i = n - 2; i >= 0 && !anyTied; i--)
        {
            double v = time[i];
            if (v == previous) continue;
            double dy = v - previous;
            anyTied = dy <= tol || dy / meanAbs <= tol;
            previous = v;
        }
        if (!anyTied) return;
        double rep = time[n - 1];
        previous = rep;
        for (int i = n - 1; i >= 0; i--)
        {
            double v = time[i];
            if (v != previous)
            {
                double dy = v - previous;
                if (!(dy <= tol || dy / meanAbs <= tol)) rep = v;
                previous = v;
            }
            time[i] = rep;
        }
    }

    /// <summary>The largest cut ≤ x (x itself below the first cut), for x non-increasing between calls with the same
    /// <paramref name="k"/> (−1 to start with a binary search).</summary>
    private static double Representative(double[] cuts, double x, ref int k)
    {
        if (k < 0)
        {
            int i = Array.BinarySearch(cuts, x);
            k = i >= 0 ? i : ~i - 1;
            if (k < 0) { k = 0; return cuts[0] <= x ? cuts[0] : x; }
        }
        while (k > 0 && cuts[k] > x) k--;
        return cuts[k] <= x ? cuts[k] : x;
    }

    /// <summary>Linear predictors η = (x − mean)ᵀβ (centred on the reported <see cref="Means"/>) of the given columns, in the sorted order, into
    /// <paramref name="into"/> when given (else a new array).</summary>
    public double[] LinearPredictors(int[] columns, double[] beta, double[]? into = null)
    {
        int n = Count;
        var eta = into ?? new double[n];
        // Relative to the reported means: X is centred on Centres, so each column adds β·(centre − mean) (0 unless the
        // column is an indicator).
        double shift = 0;
        for (int k = 0; k < columns.Length; k++) shift += beta[k] * (Centres[columns[k]] - Means[columns[k]]);
        Array.Fill(eta, shift);
        for (int k = 0; k < columns.Length; k++)
        {
            var col = X[columns[k]];
            double b = beta[k];
            if (b == 0) continue;
            for (int i = 0; i < n; i++) eta[i] += col[i] * b;
        }
        return eta;
    }

    /// <summary>The sums over one risk set, handed to a visitor of <see cref="Sweep"/>. Arrays are reused between visits.</summary>
    public sealed class RiskSums(int q, bool second)
    {
        /// <summary>The event time and its stratum.</summary>
        public double Time;
        public int Stratum;
        /// <summary>Sorted rows [DeathStart, DeathEnd) exit at <see cref="Time"/>; those with an event are the deaths.</summary>
        public int DeathStart, DeathEnd;
        /// <summary>Σ w e^η, Σ w e^η x, Σ w e^η x xᵀ (lower triangle) over the risk set.</summary>
        public double S0;
        public readonly double[] S1 = new double[q];
        public readonly double[,]? S2 = second ? new double[q, q] : null;
        /// <summary>The same sums over the deaths only.</summary>
        public double E0;
        public readonly double[] E1 = new double[q];
        public readonly double[,]? E2 = second ? new double[q, q] : null;
        /// <summary>Number of deaths (unweighted, Efron's m), their total weight, and Σ w over the risk set.</summary>
        public int Deaths;
        public double DeadWeight, AtRiskWeight;
        /// <summary>Rows at risk (unweighted).</summary>
        public int AtRisk;
    }

    /// <summary>Walks every event time, stratum by stratum, latest first, calling <paramref name="visit"/> with the sums
    /// over its risk set for covariate columns <paramref name="columns"/>, at linear predictors <paramref name="eta"/>
    /// (sorted order).</summary>
    public void Sweep(int[] columns, double[] eta, bool second, Action<RiskSums> visit)
    {
        var risk = new double[Count];
        for (int i = 0; i < risk.Length; i++) risk[i] = WeightAt(i) * Math.Exp(eta[i]);
        SweepRisk(columns, risk, second, visit);
    }

    /// <summary>As <see cref="Sweep"/>, with the risk weights w·e^η given (sorted order).</summary>
    public void SweepRisk(int[] columns, double[] risk, bool second, Action<RiskSums> visit)
    {
        if (columns.Length == 1 && Entry is null)
        {
            SweepRiskOne(X[columns[0]], risk, second, visit);
            return;
        }
        SweepRiskAny(columns, risk, second, visit);
    }

    /// <summary><see cref="SweepRisk"/> for any columns and delayed entry (also the oracle the tests compare
    /// <see cref="SweepRiskOne"/> with).</summary>
    internal void SweepRiskAny(int[] columns, double[] risk, bool second, Action<RiskSums> visit)
    {
        int q = columns.Length, n = Count;
        var xs = new double[q][];
        for (int k = 0; k < q; k++) xs[k] = X[columns[k]];
        var sums = new RiskSums(q, second);
        var xi = new double[q];
        var stop = Stop;
        var status = Status;
        var entry = Entry;
        var entryOrder = EntryOrder;
        bool[]? added = entry is null ? null : new bool[n];
        for (int s = 0; s + 1 < StratumStart.Length; s++)
        {
            int a = StratumStart[s], b = StratumStart[s + 1];
            Reset(sums, q, second);
            int p = a, e = a;
            while (p < b)
            {
                int k = p;
                while (k < b && !status[k]) k++;
                if (k == b) break;
                double t = stop[k];
                if (entry is not null)
                {
                    for (; e < b && entry[entryOrder![e]] >= t; e++)
                    {
                        int r = entryOrder[e];
                        if (!added![r]) continue;
                        added[r] = false;
                        Accumulate(-risk[r], xs, r, xi, sums.S1, sums.S2, ref sums.S0);
                        sums.AtRisk--;
                        sums.AtRiskWeight -= WeightAt(r);
                    }
                    if (sums.AtRisk == 0) Reset(sums, q, second);
                }
                int deathStart = -1;
                for (; p < b && stop[p] >= t; p++)
                {
                    if (deathStart < 0 && stop[p] == t) deathStart = p;
                    if (entry is not null)
                    {
                        if (!(entry[p] < t)) continue;
                        added![p] = true;
                    }
                    Accumulate(risk[p], xs, p, xi, sums.S1, sums.S2, ref sums.S0);
                    sums.AtRisk++;
                    sums.AtRiskWeight += WeightAt(p);
                }
                sums.E0 = 0;
                Array.Clear(sums.E1);
                if (second) Array.Clear(sums.E2!);
                sums.Deaths = 0;
                sums.DeadWeight = 0;
                for (int d = deathStart; d < p; d++)
                {
                    if (!status[d]) continue;
                    sums.Deaths++;
                    sums.DeadWeight += WeightAt(d);
                    Accumulate(risk[d], xs, d, xi, sums.E1, sums.E2, ref sums.E0);
                }
                sums.Time = t;
                sums.Stratum = s;
                sums.DeathStart = deathStart;
                sums.DeathEnd = p;
                visit(sums);
            }
        }
    }

    /// <summary>The sums over one risk set for a single covariate (<see cref="SweepOne"/>), as <see cref="RiskSums"/> holds
    /// them for any number.</summary>
    public struct OneSums
    {
        public double Time;
        public int Stratum, DeathStart, DeathEnd, Deaths, AtRisk;
        public double S0, S1, S2, E0, E1, E2, DeadWeight, AtRiskWeight;
    }

    /// <summary>What <see cref="SweepOne"/> calls at each event time; a struct, so that the call is specialised and inlined
    /// (millions of event times with continuous data).</summary>
    public interface IOneVisitor
    {
        void Visit(in OneSums sums);
    }

    /// <summary>Hands <see cref="SweepOne"/>'s sums to a <see cref="SweepRisk"/> visitor.</summary>
    private struct ToRiskSums(RiskSums sums, bool second, Action<RiskSums> visit) : IOneVisitor
    {
        public readonly void Visit(in OneSums one)
        {
            sums.S0 = one.S0;
            sums.S1[0] = one.S1;
            sums.E0 = one.E0;
            sums.E1[0] = one.E1;
            if (second)
            {
                sums.S2![0, 0] = one.S2;
                sums.E2![0, 0] = one.E2;
            }
            sums.AtRisk = one.AtRisk;
            sums.AtRiskWeight = one.AtRiskWeight;
            sums.Deaths = one.Deaths;
            sums.DeadWeight = one.DeadWeight;
            sums.Time = one.Time;
            sums.Stratum = one.Stratum;
            sums.DeathStart = one.DeathStart;
            sums.DeathEnd = one.DeathEnd;
            visit(sums);
        }
    }

    private void SweepRiskOne(double[] x, double[] risk, bool second, Action<RiskSums> visit)
    {
        var adapter = new ToRiskSums(new RiskSums(1, second), second, visit);
        SweepOne(x, risk, second, ref adapter);
    }

    /// <summary><see cref="SweepRisk"/> for one covariate without delayed entry (the commonest model): the same sums, added
    /// in the same order, held in locals rather than in arrays (which the JIT must store to and reload on every row).</summary>
    public void SweepOne<TVisitor>(double[] x, double[] risk, bool second, ref TVisitor visitor) where TVisitor : struct, IOneVisitor
    {
        var stop = Stop;
        var status = Status;
        var weight = Weight;
        var sums = new OneSums();
        for (int s = 0; s + 1 < StratumStart.Length; s++)
        {
            int a = StratumStart[s], b = StratumStart[s + 1];
            double s0 = 0, s1 = 0, s2 = 0, atRiskWeight = 0;
            int atRisk = 0;
            int p = a;
            while (p < b)
            {
                int k = p;
                while (k < b && !status[k]) k++;
                if (k == b) break;
                double t = stop[k];
                int deathStart = -1;
                for (; p < b && stop[p] >= t; p++)
                {
                    if (deathStart < 0 && stop[p] == t) deathStart = p;
                    double r = risk[p], rx = r * x[p];
                    s0 += r;
                    s1 += rx;
                    if (second) s2 += rx * x[p];
                    atRisk++;
                    atRiskWeight += weight?[p] ?? 1.0;
                }
                double e0 = 0, e1 = 0, e2 = 0, deadWeight = 0;
                int deaths = 0;
                for (int d = deathStart; d < p; d++)
                {
                    if (!status[d]) continue;
                    deaths++;
                    deadWeight += weight?[d] ?? 1.0;
                    double r = risk[d], rx = r * x[d];
                    e0 += r;
                    e1 += rx;
                    if (second) e2 += rx * x[d];
                }
                sums.S0 = s0;
                sums.S1 = s1;
                sums.S2 = s2;
                sums.E0 = e0;
                sums.E1 = e1;
                sums.E2 = e2;
                sums.AtRisk = atRisk;
                sums.AtRiskWeight = atRiskWeight;
                sums.Deaths = deaths;
                sums.DeadWeight = deadWeight;
                sums.Time = t;
                sums.Stratum = s;
                sums.DeathStart = deathStart;
                sums.DeathEnd = p;
                visitor.Visit(in sums);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(double risk, double[][] xs, int row, double[] xi, double[] s1, double[,]? s2, ref double s0)
    {
        s0 += risk;
        int q = xs.Length;
        for (int k = 0; k < q; k++)
        {
            double v = xs[k][row];
            xi[k] = v;
            s1[k] += risk * v;
        }
        if (s2 is null) return;
        for (int k = 0; k < q; k++)
        {
            double rx = risk * xi[k];
            for (int l = 0; l <= k; l++) s2[k, l] += rx * xi[l];
        }
    }

    private static void Reset(RiskSums sums, int q, bool second)
    {
        sums.S0 = 0;
        Array.Clear(sums.S1);
        if (second) Array.Clear(sums.S2!);
        sums.AtRisk = 0;
        sums.AtRiskWeight = 0;
    }
}
