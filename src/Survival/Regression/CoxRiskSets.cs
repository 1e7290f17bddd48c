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

    public double[]? Weight { get; }

    /// <summary>Stratum codes in the sorted order (null: one stratum).</summary>
    public int[]? Strata { get; }

    /// <summary>Start of each stratum in the sorted order, with the end appended.</summary>
    public int[] StratumStart { get; }

    /// <summary>All covariate columns, centred on <see cref="Means"/>, in the sorted order.</summary>
    public double[][] X { get; }

    /// <summary>The column means the covariates were centred on (R's <c>fit$means</c>; see the constructor).</summary>
    public double[] Means { get; }

    public int Count => Stop.Length;

    public double WeightAt(int i) => Weight?[i] ?? 1.0;

    public CoxRiskSets(SurvivalData data, CovariateMatrix covariates, bool timeFix)
    {
        int n = data.Count, p = covariates.Count;
        var rawTime = data.TimeArray;
        int[]? rawStrata = data.Strata?.CodeArray;
        int strataCount = data.Strata?.Levels.Count ?? 1;
        // Sort once by stratum, then time descending. The sort keys are the negated times, sorted with the row numbers in
        // place (12 bytes a row: Array.Sort of primitive keys, no scratch); with strata a counting pass first lays the
        // rows out by stratum.
        var time = new double[n];
        var order = new int[n];
        var start = new int[strataCount + 1];
        if (rawStrata is null)
        {
            for (int i = 0; i < n; i++) { time[i] = -rawTime[i]; order[i] = i; }
            Array.Sort(time, order);
            start[1] = n;
        }
        else
        {
            foreach (int k in rawStrata) start[k + 1]++;
            for (int k = 0; k < strataCount; k++) start[k + 1] += start[k];
            var next = start[..strataCount];
            for (int i = 0; i < n; i++) { int o = next[rawStrata[i]]++; time[o] = -rawTime[i]; order[o] = i; }
            for (int k = 0; k < strataCount; k++) Array.Sort(time, order, start[k], start[k + 1] - start[k]);
        }
        for (int i = 0; i < n; i++) time[i] = -time[i];
        var status = new bool[n];
        double[]? weight = data.WeightArray is null ? null : new double[n];
        int[]? strata = rawStrata is null ? null : new int[n];
        double[]? entry = data.EntryArray is null ? null : new double[n];
        var rawStatus = data.EventArray;
        for (int i = 0; i < n; i++)
        {
            int r = order[i];
            status[i] = rawStatus[r];
            if (weight is not null) weight[i] = data.WeightAt(r);
            if (strata is not null) strata[i] = rawStrata![r];
            if (entry is not null) entry[i] = data.EntryArray![r];
        }
        // R's near-tie rule maps times monotonically, so the order stays valid and tied rows stay adjacent; with entry
        // times it runs over entry and exit times together (R's aeqSurv on the whole Surv object).
        if (timeFix) ApplyTimeFix(time, entry, strata is null, order);

        int[]? entryOrder = null;
        if (entry is not null)
        {
            entryOrder = new int[n];
            var keys = new double[n];
            for (int i = 0; i < n; i++) { keys[i] = -entry[i]; entryOrder[i] = i; }
            for (int k = 0; k < strataCount; k++) Array.Sort(keys, entryOrder, start[k], start[k + 1] - start[k]);
        }

        // R's centring (coxph's nocenter = c(-1, 0, 1)): a column whose values all lie in {−1, 0, 1} (indicators, the
        // columns of a factor) is not centred; the others are centred on their means, weighted for right-censored data
        // (coxfit6) and unweighted for (start, stop] data (agreg.fit's colMeans). The fit does not depend on it; the
        // linear predictors and the centred baseline hazard (R's fit$means) do.
        var means = new double[p];
        double total = 0;
        for (int i = 0; i < n; i++) total += weight?[i] ?? 1.0;
        var x = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var col = covariates.Column(j);
            bool indicator = true;
            foreach (double v in col) if (v != 0 && v != 1 && v != -1) { indicator = false; break; }
            double mean = 0;
            if (!indicator)
            {
                if (weight is null || entry is not null) { for (int i = 0; i < n; i++) mean += col[i]; mean /= n; }
                else { for (int i = 0; i < n; i++) mean += col[order[i]] * weight[i]; mean = total > 0 ? mean / total : 0; }
            }
            means[j] = mean;
            var column = x[j] = new double[n];
            for (int i = 0; i < n; i++) column[i] = col[order[i]] - mean;
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
    }

    private static void ApplyTimeFix(double[] time, double[]? entry, bool oneStratum, int[] order)
    {
        double[] distinct;
        if (oneStratum && entry is null)
        {
            // The whole array is descending: the distinct times come from one backward scan with no sort.
            int count = 0;
            for (int i = 0; i < time.Length; i++) if (i == 0 || time[i] != time[i - 1]) count++;
            distinct = new double[count];
            for (int i = time.Length - 1, k = 0; i >= 0; i--) if (i == time.Length - 1 || time[i] != time[i + 1]) distinct[k++] = time[i];
        }
        else distinct = TimeFix.SortedDistinct(entry is null ? (double[])time.Clone() : [.. time, .. entry]);
        var cuts = TimeFix.Cuts(distinct);
        if (cuts is null) return;
        for (int i = 0; i < time.Length; i++) time[i] = TimeFix.Map(cuts, time[i]);
        if (entry is null) return;
        for (int i = 0; i < entry.Length; i++)
        {
            double e = TimeFix.Map(cuts, entry[i]);
            if (!(e < time[i]))
                throw new SurvivalInputException(
                    $"the interval ({SurvivalData.Format(entry[i])}, {SurvivalData.Format(time[i])}] has length zero after R's near-tie rule (timefix); pass TimeFix = false to keep it",
                    column: "entry", value: SurvivalData.Format(entry[i]), row: order[i] + 1, input: DataColumn.Entry);
            entry[i] = e;
        }
    }

    /// <summary>Linear predictors η = xᵀβ (centred covariates) of the given columns, in the sorted order.</summary>
    public double[] LinearPredictors(int[] columns, double[] beta)
    {
        int n = Count;
        var eta = new double[n];
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
    /// over its risk set for covariate columns <paramref name="columns"/> and risk weights w·e^η (<paramref name="eta"/>
    /// in the sorted order).</summary>
    public void Sweep(int[] columns, double[] eta, bool second, Action<RiskSums> visit)
    {
        int q = columns.Length, n = Count;
        var xs = new double[q][];
        for (int k = 0; k < q; k++) xs[k] = X[columns[k]];
        var sums = new RiskSums(q, second);
        var xi = new double[q];
        bool[]? added = Entry is null ? null : new bool[n];
        for (int s = 0; s + 1 < StratumStart.Length; s++)
        {
            int a = StratumStart[s], b = StratumStart[s + 1];
            Reset(sums, q, second);
            int p = a, e = a;
            while (p < b)
            {
                int k = p;
                while (k < b && !Status[k]) k++;
                if (k == b) break;
                double t = Stop[k];
                if (Entry is not null)
                {
                    for (; e < b && Entry[EntryOrder![e]] >= t; e++)
                    {
                        int r = EntryOrder[e];
                        if (!added![r]) continue;
                        added[r] = false;
                        Accumulate(sums.S1, sums.S2, ref sums.S0, r, -1);
                        sums.AtRisk--;
                        sums.AtRiskWeight -= WeightAt(r);
                    }
                    if (sums.AtRisk == 0) Reset(sums, q, second);
                }
                int deathStart = -1;
                for (; p < b && Stop[p] >= t; p++)
                {
                    if (deathStart < 0 && Stop[p] == t) deathStart = p;
                    if (Entry is not null && !(Entry[p] < t)) continue;
                    if (added is not null) added[p] = true;
                    Accumulate(sums.S1, sums.S2, ref sums.S0, p, +1);
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
                    if (!Status[d]) continue;
                    sums.Deaths++;
                    sums.DeadWeight += WeightAt(d);
                    Accumulate(sums.E1, sums.E2, ref sums.E0, d, +1);
                }
                sums.Time = t;
                sums.Stratum = s;
                sums.DeathStart = deathStart;
                sums.DeathEnd = p;
                visit(sums);
            }
        }

        void Accumulate(double[] s1, double[,]? s2, ref double s0, int row, int sign)
        {
            double risk = sign * WeightAt(row) * Math.Exp(eta[row]);
            s0 += risk;
            for (int k = 0; k < q; k++)
            {
                xi[k] = xs[k][row];
                s1[k] += risk * xi[k];
            }
            if (s2 is null) return;
            for (int k = 0; k < q; k++)
            {
                double rx = risk * xi[k];
                for (int l = 0; l <= k; l++) s2[k, l] += rx * xi[l];
            }
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
