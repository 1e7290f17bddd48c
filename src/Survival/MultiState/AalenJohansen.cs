using Survival.Estimation;

namespace Survival.MultiState;

/// <summary>
/// The Aalen–Johansen estimate of the probability of being in each state over time, with infinitesimal-jackknife
/// standard errors: R <c>survfit(Surv(tstart, tstop, state) ~ group, id = id, istate = istate)</c>.
/// </summary>
/// <remarks>
/// <para>At each event time t, with wⱼ(t) the weighted number at risk in state j and dₖⱼ the weighted transitions
/// k → j, the transition matrix H(t) has off-diagonal entries dₖⱼ/wₖ and rows adding to one; the state probabilities are
/// p(t) = p(t−)·H(t), starting from p0, the weighted shares of the states among those at risk at the first transition.
/// The cumulative hazard of k → j is Σ dₖⱼ/wₖ (Nelson–Aalen).</para>
/// <para>The influence of subject i on p follows Uᵢ(t) = Uᵢ(t−)·H(t) + 1{i at risk in k}·pₖ(t−)/wₖ·(e_{dest(i)} − Hₖ·),
/// from Uᵢ(0) = (1{i starts in j} − p0ⱼ)/Σw when the subjects start in different states; the standard error is
/// √Σᵢ wᵢ²Uᵢⱼ(t)² (Therneau, "The survfit function", survival vignette; R <c>survfitci.c</c>). The restricted mean
/// time in state j up to h is ∫₀ʰ pⱼ and its standard error √Σᵢ (wᵢ∫₀ʰ Uᵢⱼ)².</para>
/// <para>R's bookkeeping is kept: a subject is at risk once however its rows are split; a censored row that both
/// continues and is continued by rows of its subject is merged with the next (R <c>survfitCI</c>), so it is not
/// counted as censored; a "transition" into the state the subject is already in is neither an event nor a censoring.
/// With one absorbing state the probability of the start state is the Kaplan–Meier estimate, and with competing
/// absorbing states the absorbing states' probabilities are the cumulative incidences.</para>
/// <para>The work is O(s²·n) per event time for n subjects and s states, as R's; it is meant for trial-sized data.</para>
/// </remarks>
public static class AalenJohansen
{
    /// <summary>Estimates the state probabilities.</summary>
    /// <param name="data">Validated multi-state rows.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">A restricted-mean horizon before the start, or an option out of range.</exception>
    public static StateOccupancyResult Fit(MultiStateData data, AalenJohansenOptions? options = null) => Estimate(data, options, reference: false);

    /// <summary><see cref="Fit"/> with the direct (quadratic) form of the standard errors, R's loop: the reference the
    /// fast form is tested against.</summary>
    internal static StateOccupancyResult FitReference(MultiStateData data, AalenJohansenOptions? options = null) => Estimate(data, options, reference: true);

    private static StateOccupancyResult Estimate(MultiStateData data, AalenJohansenOptions? options, bool reference)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= AalenJohansenOptions.Default;
        options.Validate();
        var rows = data.Rows;
        var cuts = options.TimeFix ? TimeFix.CutsOf(rows) : null;
        if (options.TimeFix) TimeFix.CheckIntervals(rows, cuts);
        int n = rows.Count;
        var stop = new double[n];
        var entry = new double[n];
        double minTime = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            stop[i] = cuts is null ? rows.Time[i] : TimeFix.Map(cuts, rows.Time[i]);
            minTime = Math.Min(minTime, stop[i]);
        }
        // Without start times every row is at risk from before the first time (R: entry = min(0, time) − 1).
        double early = Math.Min(0, minTime) - 1;
        for (int i = 0; i < n; i++)
            entry[i] = rows.HasEntry ? (cuts is null ? rows.Entry[i] : TimeFix.Map(cuts, rows.Entry[i])) : early;

        var keep = MergeContinuedCensorings(data, stop, entry);
        double start = Math.Min(0, minTime);
        double horizon = options.RestrictedMeanHorizon ?? stop.Max();
        if (horizon < start)
            throw new SurvivalInputException($"the restricted-mean horizon is before the start of the curves ({SurvivalData.Format(start)})",
                column: "RestrictedMeanHorizon", value: SurvivalData.Format(horizon));

        int groups = rows.Group?.Levels.Count ?? 1;
        var members = new List<int>[groups];
        for (int g = 0; g < groups; g++) members[g] = [];
        foreach (int i in keep) members[rows.Group?.CodeArray[i] ?? 0].Add(i);
        var z = ConfidenceLimits.Z(options.ConfidenceLevel);
        var curves = new StateOccupancyCurve[groups];
        for (int g = 0; g < groups; g++)
            curves[g] = reference
                ? CurveReference(data, members[g].ToArray(), stop, entry, start, horizon, z, options, rows.Group?.Levels[g])
                : Curve(data, members[g].ToArray(), stop, entry, start, horizon, z, options, rows.Group?.Levels[g]);
        return new StateOccupancyResult(ValueList<string>.Of(data.States), ValueList<MultiStateTransition>.Of(data.Transitions),
            new ValueList<StateOccupancyCurve>(curves), options, horizon, rows.Omitted);
    }

    // R survfitCI: a censored row that is neither its subject's first nor its last (no gaps exist after validation) is
    // joined to the next row of the subject, which takes its start. Returns the rows kept; entry is updated in place.
    private static List<int> MergeContinuedCensorings(MultiStateData data, double[] stop, double[] entry)
    {
        int n = stop.Length;
        var subject = data.SubjectIndex;
        var end = data.EndStateArray;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = subject[a].CompareTo(subject[b]);
            if (c != 0) return c;
            c = stop[a].CompareTo(stop[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var dropped = new bool[n];
        for (int k = 1; k + 1 < n; k++)
        {
            int i = order[k];
            if (end[i] >= 0 || subject[order[k - 1]] != subject[i] || subject[order[k + 1]] != subject[i]) continue;
            dropped[i] = true;
            entry[order[k + 1]] = entry[i];
        }
        var keep = new List<int>(n);
        for (int i = 0; i < n; i++) if (!dropped[i]) keep.Add(i);
        return keep;
    }

    /// <summary>One group's curve: the Aalen–Johansen probabilities, their infinitesimal-jackknife standard errors and
    /// the restricted means with theirs, equal to R's survfitCI.</summary>
    /// <remarks>
    /// <para>R (and <see cref="CurveReference"/>) carries each subject's influence row uⱼ through every event time:
    /// uⱼ ← uⱼH, and for a subject at risk in state c also uⱼ ← uⱼ + (p_c/w_c)(e_d − H[c, ·]) (d its state after the time),
    /// then sums Σ wⱼ²uⱼ² at every time: O(subjects · s² · times), minutes at 10⁵ rows. Here the rows are evaluated
    /// only when they change hands. The add is the same for every subject at risk in c that does not move, so a per-state
    /// accumulator Aᶜ ← AᶜH + (p_c/w_c)(e_c − H[c, ·]) carries it, and a subject at risk in c is uⱼ = yⱼ + Aᶜ with yⱼ
    /// carried by H alone (a mover adds (p_c/w_c)(e_d − e_c) once). The sums of squares are kept as Gram matrices
    /// (Σ w²yᵀy ← HᵀGH, with Σ w²y and Σ w² per state, and one for the subjects not at risk), so each time costs
    /// O(s⁴), and a subject's own row is computed only when it enters, moves or leaves, from range products of the H
    /// (<see cref="TransitionProducts"/>, which also carry the integrals the restricted means' influences need).
    /// O((subjects + times) · s³ · log times) in all.</para>
    /// </remarks>
    private static StateOccupancyCurve Curve(MultiStateData data, int[] rows, double[] stop, double[] entry, double start, double horizon,
        double z, AalenJohansenOptions options, string? group)
    {
        int s = data.States.Count, n = rows.Length, sq = s * s;
        var weight = data.Rows;
        var transitions = data.Transitions;
        var tIndex = transitions.Select(t => (data.IndexOf(t.From), data.IndexOf(t.To))).ToArray();
        var end = data.EndStateArray;
        var from = data.FromStateArray;

        // Subjects of this group, numbered 0…m−1 in order of their first entry; each starts in the state of its
        // earliest-starting row. The rows in entry and in stop order (ties in row order, as R's stable order).
        var byEntry = StableOrder(rows, entry);
        var byStop = StableOrder(rows, stop);
        var local = new int[data.SubjectCount];
        Array.Fill(local, -1);
        int m = 0;
        foreach (int r in byEntry)
            if (local[data.SubjectIndex[rows[r]]] < 0) local[data.SubjectIndex[rows[r]]] = m++;
        var subjectOf = new int[n];
        for (int r = 0; r < n; r++) subjectOf[r] = local[data.SubjectIndex[rows[r]]];
        var cstate = new int[m];
        var seen = new bool[m];
        foreach (int r in byEntry)
        {
            int j = subjectOf[r];
            if (!seen[j]) { seen[j] = true; cstate[j] = from[rows[r]]; }
        }
        double W(int r) => weight.WeightAt(rows[r]);

        var (p, wtsum, t0) = InitialShares(data, rows, stop, entry, s);
        var initial = (double[])p.Clone();
        // Each subject's row: its base vector (the influence while not at risk, or y = u − Aᶜ while at risk in c), the time
        // index the base is at (−1: before the first time), the area integrated up to and including that time, and (at
        // risk) the state's area accumulator Bᶜ when the base was set.
        var baseRow = new double[m * s];
        var areaRow = new double[m * s];
        var bAt = new double[m * s];
        var baseTime = new int[m];
        var mode = new int[m];
        Array.Fill(baseTime, -1);
        Array.Fill(mode, -1);
        var initialSe = InitialInfluence(data, rows, stop, entry, s, subjectOf, m, p, wtsum, t0, baseRow);

        // The distinct times and the interval after each (within the horizon) that the areas integrate.
        var times = new List<double>();
        foreach (int r in byStop)
            if (times.Count == 0 || stop[rows[r]] != times[^1]) times.Add(stop[rows[r]]);
        int nt = times.Count;
        var delta = new double[nt];
        for (int t = 0; t < nt; t++)
        {
            double next = t + 1 < nt ? times[t + 1] : double.PositiveInfinity;
            delta[t] = times[t] < horizon ? Math.Min(next, horizon) - times[t] : 0;
        }
        var mean = new double[s];
        // The first piece of each restricted mean: from the start to the first time, in the start distribution.
        double firstTime = n == 0 ? start : times[0];
        if (firstTime != start && start < horizon)
        {
            double d0 = Math.Min(firstTime, horizon) - start;
            for (int k = 0; k < s; k++) mean[k] += initial[k] * d0;
            for (int x = 0; x < m * s; x++) areaRow[x] = baseRow[x] * d0;
        }

        var products = new TransitionProducts(nt, s);
        var memo = new Dictionary<int, double[]>();
        int memoTime = int.MinValue;
        var ns = new int[s];
        var ws = new double[s];
        var nev = new int[s];
        var wtp = new double[m];
        var h = new double[sq];
        var hMatrix = new double[sq];
        var chaz = new double[sq];
        var scratch = new double[s];
        var steps = new List<StateOccupancyStep>(nt);
        // The Gram matrices: g0 for the subjects not at risk (Σ w²uᵀu), and per state c Σ w²yᵀy, Σ w²y, Σ w², with the
        // accumulators Aᶜ and Bᶜ (Bᶜ integrates Aᶜ over the intervals).
        var g0 = new double[sq];
        var gc = new double[s * sq];
        var lc = new double[s * s];
        var wc = new double[s];
        var members = new int[s];
        var acc = new double[s * s];
        var bcc = new double[s * s];
        var qm = new double[sq];
        var qn = new double[sq];
        var qm2 = new double[sq];
        var qn2 = new double[sq];
        var v = new double[s];
        var area = new double[s];
        var pBefore = new double[s];
        var wsBefore = new double[s];

        int eptr = 0, q = 0;
        for (int t = 0; t < nt; t++)
        {
            double ctime = times[t];
            // (1) Rows entering before this time: their subject's row at the previous time leaves the pool of those not at
            // risk and joins its state's.
            for (; eptr < n && entry[rows[byEntry[eptr]]] < ctime; eptr++)
            {
                int r = byEntry[eptr], j = subjectOf[r];
                Evaluate(j, t - 1, v, area);
                AddOuter(g0, v, -wtp[j] * wtp[j]);
                int c = cstate[j];
                ns[c]++;
                ws[c] += W(r);
                wtp[j] = W(r);
                for (int k = 0; k < s; k++)
                {
                    baseRow[j * s + k] = v[k] - acc[c * s + k];
                    areaRow[j * s + k] = area[k];
                    bAt[j * s + k] = bcc[c * s + k];
                }
                baseTime[j] = t - 1;
                mode[j] = c;
                double w2 = wtp[j] * wtp[j];
                AddOuterAt(gc, c * sq, baseRow, j * s, w2);
                for (int k = 0; k < s; k++) lc[c * s + k] += w2 * baseRow[j * s + k];
                wc[c] += w2;
                members[c]++;
            }
            // (2) The transitions at this time.
            Array.Clear(h);
            Array.Clear(nev);
            int censored = 0;
            double moved = 0;
            for (int k = q; k < n && stop[rows[byStop[k]]] == ctime; k++)
            {
                int r = byStop[k], i = rows[r], j = subjectOf[r];
                if (end[i] >= 0)
                {
                    if (end[i] != cstate[j])
                    {
                        nev[end[i]]++;
                        moved += W(r);
                        h[cstate[j] * s + end[i]] += W(r);
                    }
                }
                else censored++;
            }
            Array.Copy(p, pBefore, s);
            Array.Copy(ws, wsBefore, s);
            if (moved > 0)
            {
                for (int a = 0; a < s; a++)
                {
                    if (ns[a] > 0)
                    {
                        double total = 0;
                        for (int b = 0; b < s; b++) { total += h[a * s + b]; h[a * s + b] /= ws[a]; }
                        h[a * s + a] = 1 - total / ws[a];
                    }
                    else h[a * s + a] = 1;
                }
                // (3) Everything carried by H: the Gram matrices, the sums, the accumulators (with their adds).
                Sandwich(g0, 0, h);
                for (int c = 0; c < s; c++)
                {
                    Sandwich(gc, c * sq, h);
                    RowTimes(lc, c * s, h);
                    RowTimes(acc, c * s, h);
                    if (ws[c] > 0)
                    {
                        double share = pBefore[c] / ws[c];
                        for (int b = 0; b < s; b++) acc[c * s + b] -= share * h[c * s + b];
                        acc[c * s + c] += share;
                    }
                }
                for (int a = 0; a < s; a++)
                {
                    for (int b = 0; b < s; b++) chaz[a * s + b] += h[a * s + b];
                    chaz[a * s + a] -= 1;
                    double sum = 0;
                    for (int b = 0; b < s; b++) sum += p[b] * h[b * s + a];
                    scratch[a] = sum;
                }
                Array.Copy(scratch, p, s);
                Array.Copy(h, hMatrix, sq);
            }
            else
            {
                Array.Clear(hMatrix);
                for (int a = 0; a < s; a++) hMatrix[a * s + a] = 1;
            }
            products.Set(t, hMatrix, delta[t]);
            for (int x = 0; x < s * s; x++) bcc[x] += acc[x] * delta[t];

            // (4) The rows stopping now: each subject's row at this time (a mover with its own add) leaves its state's
            // pool for the pool of those not at risk.
            for (int k = q; k < n && stop[rows[byStop[k]]] == ctime; k++)
            {
                int r = byStop[k], i = rows[r], j = subjectOf[r];
                int c = mode[j];
                Evaluate(j, t, v, area, includeAccumulator: false);
                double w2 = wtp[j] * wtp[j];
                AddOuterAt(gc, c * sq, v, 0, -w2);
                for (int b = 0; b < s; b++) lc[c * s + b] -= w2 * v[b];
                wc[c] -= w2;
                if (--members[c] == 0)
                {
                    // An empty pool holds exactly nothing: clear what the subtractions left of rounding.
                    Array.Clear(gc, c * sq, sq);
                    Array.Clear(lc, c * s, s);
                    wc[c] = 0;
                }
                for (int b = 0; b < s; b++)
                {
                    v[b] += acc[c * s + b];
                    area[b] += bcc[c * s + b] - bAt[j * s + b];
                }
                if (end[i] >= 0 && end[i] != c && wsBefore[c] > 0)
                {
                    double share = pBefore[c] / wsBefore[c];
                    v[end[i]] += share;
                    v[c] -= share;
                    area[end[i]] += share * delta[t];
                    area[c] -= share * delta[t];
                }
                for (int b = 0; b < s; b++)
                {
                    baseRow[j * s + b] = v[b];
                    areaRow[j * s + b] = area[b];
                }
                baseTime[j] = t;
                mode[j] = -1;
                AddOuter(g0, v, w2);
            }

            // (5) The standard errors: Σ w²u² over every subject, from the Gram matrices.
            var se = new double[s];
            for (int b = 0; b < s; b++)
            {
                double sum = g0[b * s + b];
                for (int c = 0; c < s; c++)
                {
                    double a = acc[c * s + b];
                    sum += gc[c * sq + b * s + b] + 2 * lc[c * s + b] * a + wc[c] * a * a;
                }
                // A probability of 0 or 1 (a state nobody is in, or everyone's absorbing state; "1" to the rounding of the
                // products, a few ulps) does not move with any weight: its variance is 0, which the sums would leave as
                // rounding of order 1e-18, 1e-9 after the square root (R's loop gives about 1e-17 there).
                se[b] = Math.Abs(p[b]) <= 4 * double.Epsilon || Math.Abs(p[b] - 1) <= 4 * MachinePrecision.Epsilon ? 0 : Math.Sqrt(Math.Max(0, sum));
            }
            steps.Add(Step(ctime, (int[])ns.Clone(), (int[])nev.Clone(), censored, (double[])p.Clone(), se, z, options.Transform,
                tIndex.Select(x => chaz[x.Item1 * s + x.Item2]).ToArray()));

            for (; q < n && stop[rows[byStop[q]]] == ctime; q++)
            {
                int r = byStop[q], i = rows[r], j = subjectOf[r];
                ns[cstate[j]]--;
                ws[cstate[j]] -= W(r);
                if (end[i] >= 0) cstate[j] = end[i];
            }
            for (int k = 0; k < s; k++) mean[k] += p[k] * delta[t];
        }

        // R survmean2: the last piece runs to the horizon, whatever the curve's last time.
        var restrictedVariance = new double[s];
        for (int j = 0; j < m; j++)
        {
            Evaluate(j, nt - 1, v, area);
            for (int k = 0; k < s; k++) { double x = wtp[j] * area[k]; restrictedVariance[k] += x * x; }
        }
        var restricted = new StateRestrictedMean[s];
        for (int k = 0; k < s; k++) restricted[k] = new StateRestrictedMean(data.States[k], mean[k], Math.Sqrt(restrictedVariance[k]), horizon);
        var startStep = Step(start, new int[s], new int[s], 0, initial, initialSe, z, options.Transform, new double[tIndex.Length]);
        var at = options.At.Select(t =>
        {
            var step = startStep;
            foreach (var x in steps) { if (x.Time > t) break; step = x; }
            return step with { Time = t };
        }).ToArray();
        return new StateOccupancyCurve(group, n, ValueList<double>.Of(initial), ValueList<double>.Of(initialSe), start,
            new ValueList<StateOccupancyStep>(steps.ToArray()), new ValueList<StateOccupancyStep>(at), new ValueList<StateRestrictedMean>(restricted));

        // Subject j's row at time index t (its base carried by the H since the base's time; plus Aᶜ when at risk in c, unless
        // not asked) and its area up to and including t.
        void Evaluate(int j, int t, double[] row, double[] integral, bool includeAccumulator = true)
        {
            // Subjects whose bases are at the same time share the range product: at a time, or at the end, it is made once
            // per base time (all first rows share one), not once per subject.
            if (t != memoTime) { memo.Clear(); memoTime = t; }
            if (!memo.TryGetValue(baseTime[j], out var mn))
            {
                products.Query(baseTime[j] + 1, t, qm, qn, qm2, qn2);
                mn = new double[2 * sq];
                Array.Copy(qm, mn, sq);
                Array.Copy(qn, 0, mn, sq, sq);
                memo[baseTime[j]] = mn;
            }
            Array.Copy(mn, qm, sq);
            Array.Copy(mn, sq, qn, 0, sq);
            for (int b = 0; b < s; b++)
            {
                double x = 0, y = 0;
                for (int a = 0; a < s; a++)
                {
                    double u = baseRow[j * s + a];
                    x += u * qm[a * s + b];
                    y += u * qn[a * s + b];
                }
                row[b] = x;
                integral[b] = areaRow[j * s + b] + y;
            }
            int c = mode[j];
            if (c < 0 || !includeAccumulator) return;
            for (int b = 0; b < s; b++)
            {
                row[b] += acc[c * s + b];
                integral[b] += bcc[c * s + b] - bAt[j * s + b];
            }
        }

        void AddOuter(double[] g, double[] x, double w) => AddOuterAt(g, 0, x, 0, w);

        void AddOuterAt(double[] g, int o, double[] x, int xo, double w)
        {
            if (w == 0) return;
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++) g[o + a * s + b] += w * x[xo + a] * x[xo + b];
        }

        // G ← HᵀGH for the s × s block at o.
        void Sandwich(double[] g, int o, double[] hm)
        {
            var t1 = new double[sq];
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                {
                    double sum = 0;
                    for (int c = 0; c < s; c++) sum += g[o + a * s + c] * hm[c * s + b];
                    t1[a * s + b] = sum;
                }
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                {
                    double sum = 0;
                    for (int c = 0; c < s; c++) sum += hm[c * s + a] * t1[c * s + b];
                    g[o + a * s + b] = sum;
                }
        }

        // x ← xH for the row vector at o.
        void RowTimes(double[] x, int o, double[] hm)
        {
            for (int b = 0; b < s; b++)
            {
                double sum = 0;
                for (int a = 0; a < s; a++) sum += x[o + a] * hm[a * s + b];
                scratch[b] = sum;
            }
            Array.Copy(scratch, 0, x, o, s);
        }
    }

    /// <summary>The positions 0…n−1 of <paramref name="rows"/> ordered by <paramref name="key"/> of the row, ties in
    /// position order: a sort of the keys with the positions (no comparison delegate), then each run of equal keys put
    /// back in position order.</summary>
    private static int[] StableOrder(int[] rows, double[] key)
    {
        int n = rows.Length;
        var keys = new double[n];
        var order = new int[n];
        for (int r = 0; r < n; r++) { keys[r] = key[rows[r]]; order[r] = r; }
        Array.Sort(keys, order);
        for (int lo = 0; lo < n;)
        {
            int hi = lo + 1;
            while (hi < n && keys[hi] == keys[lo]) hi++;
            if (hi - lo > 1) Array.Sort(order, lo, hi - lo);
            lo = hi;
        }
        return order;
    }

    /// <summary>p0 (R docurve2): the weighted state shares among the rows at risk at the group's first transition (its
    /// last time when it has none), with the total weight and that time. Shared by <see cref="Curve"/> and
    /// <see cref="CurveReference"/>: it prepares the input, and is checked against R's p0 on its own.</summary>
    private static (double[] Shares, double Weight, double Time) InitialShares(MultiStateData data, int[] rows, double[] stop, double[] entry, int s)
    {
        var end = data.EndStateArray;
        var from = data.FromStateArray;
        double t0 = double.PositiveInfinity, tMax = double.NegativeInfinity;
        foreach (int i in rows)
        {
            tMax = Math.Max(tMax, stop[i]);
            if (end[i] >= 0) t0 = Math.Min(t0, stop[i]);
        }
        if (double.IsPositiveInfinity(t0)) t0 = tMax;
        var p = new double[s];
        double wtsum = 0;
        foreach (int i in rows)
            if (entry[i] < t0 && stop[i] >= t0) { double w = data.Rows.WeightAt(i); p[from[i]] += w; wtsum += w; }
        for (int k = 0; k < s; k++) p[k] /= wtsum;
        return (p, wtsum, t0);
    }

    /// <summary>Each subject's influence on p0 (written into <paramref name="influence"/>, subject-major, none when p0 is
    /// degenerate) and the standard errors of p0 it gives: the start of both forms' influence rows.</summary>
    private static double[] InitialInfluence(MultiStateData data, int[] rows, double[] stop, double[] entry, int s, int[] subjectOf, int m,
        double[] p, double wtsum, double t0, double[] influence)
    {
        var from = data.FromStateArray;
        if (p.All(x => x < 1))
            for (int r = 0; r < rows.Length; r++)
            {
                int i = rows[r];
                if (!(entry[i] < t0 && stop[i] >= t0)) continue;
                for (int k = 0; k < s; k++) influence[subjectOf[r] * s + k] = ((from[i] == k ? 1 : 0) - p[k]) / wtsum;
            }
        var se = new double[s];
        for (int k = 0; k < s; k++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++) sum += influence[j * s + k] * influence[j * s + k];
            se[k] = Math.Sqrt(sum);
        }
        return se;
    }

    /// <summary>The direct form of <see cref="Curve"/>: every subject's influence row updated at every event time (R's
    /// survfitCI loop, O(subjects · states² · times)). Kept as the reference the fast form is tested against.</summary>
    internal static StateOccupancyCurve CurveReference(MultiStateData data, int[] rows, double[] stop, double[] entry, double start, double horizon,
        double z, AalenJohansenOptions options, string? group)
    {
        int s = data.States.Count, n = rows.Length;
        var weight = data.Rows;
        var transitions = data.Transitions;
        var tIndex = transitions.Select(t => (data.IndexOf(t.From), data.IndexOf(t.To))).ToArray();
        var end = data.EndStateArray;
        var from = data.FromStateArray;

        // Subjects of this group, numbered 0…m−1; each starts in the state of its earliest-starting row.
        var local = new Dictionary<int, int>();
        var subjectOf = new int[n];
        foreach (int i in rows.OrderBy(i => entry[i]))
            if (!local.ContainsKey(data.SubjectIndex[i])) local[data.SubjectIndex[i]] = local.Count;
        int m = local.Count;
        var cstate = new int[m];
        var seen = new bool[m];
        foreach (int i in rows.OrderBy(i => entry[i]))
        {
            int j = local[data.SubjectIndex[i]];
            if (!seen[j]) { seen[j] = true; cstate[j] = from[i]; }
        }
        for (int r = 0; r < n; r++) subjectOf[r] = local[data.SubjectIndex[rows[r]]];
        double W(int r) => weight.WeightAt(rows[r]);

        var (p, wtsum, t0) = InitialShares(data, rows, stop, entry, s);
        var initial = (double[])p.Clone();
        var u = new double[m * s];
        var initialSe = InitialInfluence(data, rows, stop, entry, s, subjectOf, m, p, wtsum, t0, u);

        var byEntry = Enumerable.Range(0, n).OrderBy(r => entry[rows[r]]).ToArray();
        var byStop = Enumerable.Range(0, n).OrderBy(r => stop[rows[r]]).ToArray();
        var ns = new int[s];
        var ws = new double[s];
        var nev = new int[s];
        var wtp = new double[m];
        var atRisk = new bool[m];
        var dstate = (int[])cstate.Clone();
        var h = new double[s, s];
        var chaz = new double[s, s];
        var scratch = new double[s];
        var area = new double[m * s];
        var mean = new double[s];
        var steps = new List<StateOccupancyStep>();

        // The first piece of each restricted mean: from the start to the first time, in the start distribution.
        double firstTime = n == 0 ? start : stop[rows[byStop[0]]];
        if (firstTime != start) Accumulate(start, firstTime, initial, u);

        int eptr = 0;
        for (int q = 0; q < n;)
        {
            double ctime = stop[rows[byStop[q]]];
            for (; eptr < n && entry[rows[byEntry[eptr]]] < ctime; eptr++)
            {
                int r = byEntry[eptr], j = subjectOf[r];
                ns[cstate[j]]++;
                ws[cstate[j]] += W(r);
                wtp[j] = W(r);
                atRisk[j] = true;
            }
            Array.Clear(h);
            Array.Clear(nev);
            int censored = 0;
            double moved = 0;
            for (int k = q; k < n && stop[rows[byStop[k]]] == ctime; k++)
            {
                int r = byStop[k], i = rows[r], j = subjectOf[r];
                if (end[i] >= 0)
                {
                    if (end[i] != cstate[j])
                    {
                        dstate[j] = end[i];
                        nev[end[i]]++;
                        moved += W(r);
                        h[cstate[j], end[i]] += W(r);
                    }
                }
                else censored++;
            }
            if (moved > 0)
            {
                for (int a = 0; a < s; a++)
                {
                    if (ns[a] > 0)
                    {
                        double total = 0;
                        for (int b = 0; b < s; b++) { total += h[a, b]; h[a, b] /= ws[a]; }
                        h[a, a] = 1 - total / ws[a];
                    }
                    else h[a, a] = 1;
                }
                for (int j = 0; j < m; j++)
                {
                    int o = j * s;
                    for (int b = 0; b < s; b++)
                    {
                        double sum = 0;
                        for (int a = 0; a < s; a++) sum += u[o + a] * h[a, b];
                        scratch[b] = sum;
                    }
                    for (int b = 0; b < s; b++) u[o + b] = scratch[b];
                    if (!atRisk[j]) continue;
                    int old = cstate[j];
                    double share = p[old] / ws[old];
                    for (int b = 0; b < s; b++) u[o + b] -= h[old, b] * share;
                    u[o + dstate[j]] += share;
                }
                for (int a = 0; a < s; a++)
                {
                    for (int b = 0; b < s; b++) chaz[a, b] += h[a, b];
                    chaz[a, a] -= 1;
                    double sum = 0;
                    for (int b = 0; b < s; b++) sum += p[b] * h[b, a];
                    scratch[a] = sum;
                }
                Array.Copy(scratch, p, s);
            }
            var se = new double[s];
            for (int b = 0; b < s; b++)
            {
                double sum = 0;
                for (int j = 0; j < m; j++) { double v = wtp[j] * u[j * s + b]; sum += v * v; }
                se[b] = Math.Sqrt(sum);
            }
            steps.Add(Step(ctime, (int[])ns.Clone(), (int[])nev.Clone(), censored, (double[])p.Clone(), se, z, options.Transform,
                tIndex.Select(t => chaz[t.Item1, t.Item2]).ToArray()));

            for (; q < n && stop[rows[byStop[q]]] == ctime; q++)
            {
                int r = byStop[q], i = rows[r], j = subjectOf[r];
                ns[cstate[j]]--;
                ws[cstate[j]] -= W(r);
                if (end[i] >= 0) cstate[j] = end[i];
                atRisk[j] = false;
            }
            double next = q < n ? stop[rows[byStop[q]]] : double.PositiveInfinity;
            Accumulate(ctime, next, p, u);
        }

        // R survmean2: the last piece runs to the horizon, whatever the curve's last time.
        var restricted = new StateRestrictedMean[s];
        for (int k = 0; k < s; k++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++) { double v = wtp[j] * area[j * s + k]; sum += v * v; }
            restricted[k] = new StateRestrictedMean(data.States[k], mean[k], Math.Sqrt(sum), horizon);
        }
        var startStep = Step(start, new int[s], new int[s], 0, initial, initialSe, z, options.Transform, new double[tIndex.Length]);
        var at = options.At.Select(t =>
        {
            var step = startStep;
            foreach (var x in steps) { if (x.Time > t) break; step = x; }
            return step with { Time = t };
        }).ToArray();
        return new StateOccupancyCurve(group, n, ValueList<double>.Of(initial), ValueList<double>.Of(initialSe), start,
            new ValueList<StateOccupancyStep>(steps.ToArray()), new ValueList<StateOccupancyStep>(at), new ValueList<StateRestrictedMean>(restricted));

        // Adds the piece [from, to) ∩ [start, horizon) of each area, in the current probabilities and influences. The
        // influences are weighted at the end (R weights each subject's influence by its last row's weight).
        void Accumulate(double a, double b, double[] prob, double[] influence)
        {
            if (a >= horizon) return;
            double delta = Math.Min(b, horizon) - a;
            for (int k = 0; k < s; k++) mean[k] += prob[k] * delta;
            for (int x = 0; x < area.Length; x++) area[x] += influence[x] * delta;
        }
    }

    private static StateOccupancyStep Step(double time, int[] atRisk, int[] events, int censored, double[] p, double[] se, double z,
        ConfidenceIntervalTransform transform, double[] cumhaz)
    {
        int s = p.Length;
        var lower = new double?[s];
        var upper = new double?[s];
        for (int k = 0; k < s; k++)
        {
            // R survfit_confint with logse = FALSE: the standard error of log p is se/p (0 when se is 0).
            double logSe = se[k] == 0 ? 0 : se[k] / p[k];
            var limits = ConfidenceLimits.For(p[k], logSe, z, transform);
            lower[k] = limits.Lower;
            upper[k] = limits.Upper;
        }
        return new StateOccupancyStep(time, new ValueList<int>(atRisk), new ValueList<int>(events), censored, new ValueList<double>(p),
            new ValueList<double>(se), new ValueList<double?>(lower), new ValueList<double?>(upper), new ValueList<double>(cumhaz));
    }
}
