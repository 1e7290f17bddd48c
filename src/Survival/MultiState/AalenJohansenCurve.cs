using System.Runtime.CompilerServices;

namespace Survival.MultiState;

/// <summary>
/// One group's Aalen–Johansen curve with its infinitesimal-jackknife standard errors and restricted means: the fast form
/// of R's <c>survfitCI</c> loop (<see cref="AalenJohansen.CurveReference"/>), equal to it to rounding.
/// </summary>
/// <remarks>
/// <para>Each subject carries an augmented influence row z = (u, a): u its influence on the state probabilities and a
/// the integral of u up to now (the influence on the restricted means). At an event time with transition matrix H and
/// interval δ after it, every row is carried by Ĥ = [[H, Hδ], [0, I]], and a subject at risk in state c also gains
/// α_c = (p_c/w_c)(e_c − H[c, ·]) with its integral α_cδ, plus (p_c/w_c)(e_d − e_c) when it moves to d (R's
/// loop). The standard errors are the square roots of Σ w²u², and of Σ w²a² at the end for the restricted means.</para>
/// <para>R's loop updates every subject at every time: O(subjects · s² · times). Here no subject is updated while
/// nothing happens to it. The add α_c is the same for every subject at risk in c, so a per-state accumulator
/// Âᶜ ← ÂᶜĤ + (α_c, α_cδ) carries it, and a subject at risk in c is z = y + Âᶜ with y carried by Ĥ alone. The sums of
/// squares are kept as Gram matrices carried by Ĥ (Σ w²yᵀy, Σ w²y and Σ w² per state, Σ w²zᵀz for those not at risk),
/// so each time costs O(s³) and a row only adds or removes its outer product when it enters or leaves.</para>
/// <para>Most rows need no row of their own: a subject's first row entering before the first time starts from the
/// influence on the start distribution, which depends only on its start state, so its y is one of s vectors carried
/// per time (zero when everyone starts alike), and the rows leaving at a time are summed by (start class, state,
/// destination) before their outer products are formed. Only rows that enter later (delayed entry, or a subject's row
/// after a transition) keep their own y, which is carried to their exit by <see cref="TransitionProducts"/> in O(s²).
/// In all O(rows + times · s³), with the rows read in time order from arrays gathered once.</para>
/// </remarks>
internal static class AalenJohansenCurve
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StateOccupancyCurve Fit(MultiStateData data, int[] rows, int[] position, MultiStateTimes grid, int[]? entryRank,
        double start, double horizon, double z, AalenJohansenOptions options, string? group)
    {
        int s = data.States.Count, n = rows.Length, d = 2 * s, dd = d * d;
        var stop = grid.Stop;
        var entry = grid.Entry;
        var weights = data.Rows.WeightArray;
        var end = data.EndStateArray;
        var from = data.FromStateArray;
        var tIndex = data.Transitions.Select(t => (data.IndexOf(t.From), data.IndexOf(t.To))).ToArray();

        var (times, stopIndex, joinIndex, byStop, byEntry) = Orders(rows, grid, entryRank);
        int nt = times.Length;
        var (p, wtsum, t0) = AalenJohansen.InitialShares(data, rows, stop, entry, s);
        var initial = (double[])p.Clone();
        // The influence on p0 of a subject at risk at t0 in state c is (e_c − p0)/Σw (none when p0 is degenerate, R).
        bool spread = p.All(x => x < 1);

        // The rows in exit order: state, destination, weight, entry time index; the rows exiting at t are
        // firstAt[t] … firstAt[t + 1] − 1.
        var cS = new int[n];
        var eS = new int[n];
        var wS = new double[n];
        var jS = new int[n];
        var stopPos = new int[n];
        var firstAt = new int[nt + 1];
        for (int k = 0; k < n; k++)
        {
            int r = byStop[k], i = rows[r];
            cS[k] = from[i];
            eS[k] = end[i];
            wS[k] = weights?[i] ?? 1;
            jS[k] = joinIndex[r];
            stopPos[r] = k;
            firstAt[stopIndex[r] + 1]++;
        }
        for (int t = 0; t < nt; t++) firstAt[t + 1] += firstAt[t];

        // Each subject's rows of this group in time order (the validation's order): the next row of the subject (its exit
        // position, −1 for the last), whether a row is its subject's first, and whether the subject starts with an
        // influence on p0 (one of its rows at risk at t0).
        var next = new int[n];
        Array.Fill(next, -1);
        var first = new bool[n];
        var startClass = new bool[n];
        {
            int previous = -1, previousSubject = -1, firstOfSubject = -1;
            foreach (int i in data.SubjectOrder)
            {
                int r = position[i];
                if (r < 0 || r >= n || rows[r] != i) continue;
                int k = stopPos[r], subject = data.SubjectIndex[i];
                if (subject == previousSubject) next[previous] = k;
                else { first[k] = true; firstOfSubject = k; }
                if (spread && entry[i] < t0 && stop[i] >= t0) startClass[firstOfSubject] = true;
                previous = k;
                previousSubject = subject;
            }
        }
        // Rows with a y of their own: all but a subject's first row entering before the first time. Slots numbered in
        // exit order: D values (y, or z between a row's exit and its subject's next entry), its base time index and the
        // weight of the row before it.
        var slotOf = new int[n];
        int slots = 0;
        for (int k = 0; k < n; k++) slotOf[k] = first[k] && jS[k] == 0 ? -1 : slots++;
        var slotRow = new double[slots * d];
        var slotBase = new int[slots];
        var slotWeight = new double[slots];

        var initialSe = new double[s];
        var zInit = new double[s * d];
        double firstTime = n == 0 ? start : times[0];
        double d0 = firstTime != start && start < horizon ? Math.Min(firstTime, horizon) - start : 0;
        if (spread)
        {
            // At risk at t0 in each state (rows, unweighted as R's p0 influence).
            var atT0 = new double[s];
            foreach (int i in rows) if (entry[i] < t0 && stop[i] >= t0) atT0[from[i]]++;
            for (int c = 0; c < s; c++)
                for (int k = 0; k < s; k++)
                {
                    double u = ((c == k ? 1 : 0) - p[k]) / wtsum;
                    zInit[c * d + k] = u;
                    zInit[c * d + s + k] = u * d0;
                    initialSe[k] += atT0[c] * u * u;
                }
            for (int k = 0; k < s; k++) initialSe[k] = Math.Sqrt(initialSe[k]);
        }
        var mean = new double[s];
        if (d0 > 0) for (int k = 0; k < s; k++) mean[k] += initial[k] * d0;

        var delta = new double[nt];
        for (int t = 0; t < nt; t++)
        {
            double after = t + 1 < nt ? times[t + 1] : double.PositiveInfinity;
            delta[t] = times[t] < horizon ? Math.Min(after, horizon) - times[t] : 0;
        }

        var products = new TransitionProducts(slots > 0 ? nt : 0, s);
        var ns = new int[s];
        var ws = new double[s];
        var nev = new int[s];
        var h = new double[s * s];
        var chaz = new double[s * s];
        var scratch = new double[d];
        var steps = new StateOccupancyStep[nt];
        // The pools: g0 (Σ w²zᵀz, not at risk); per state c: Σ w²yᵀy, Σ w²y, Σ w², the members, the accumulator Âᶜ; the
        // start-class rows' y per state (zInit carried).
        var g0 = new double[dd];
        var gc = new double[s * dd];
        var lc = new double[s * d];
        var wc = new double[s];
        var members = new int[s];
        var acc = new double[s * d];
        var yClass = (double[])zInit.Clone();
        var pBefore = new double[s];
        var wsBefore = new double[s];
        var y = new double[d];
        var zv = new double[d];
        var work = new double[3 * s * s];
        // Per time, the first-row exits summed by (class, state, destination or s for none).
        int keys = 2 * s * (s + 1);
        var keyWeight = new double[keys];
        var keyCount = new int[keys];

        int eptr = 0;
        for (int t = 0; t < nt; t++)
        {
            // (1) Rows entering before this time join their state's pool, with y = z − Âᶜ at the previous time.
            if (t == 0)
            {
                // Only subjects' first rows enter before the first time: y is their class's start vector or 0.
                var classWeight = new double[2 * s];
                for (; eptr < n && joinIndex[byEntry[eptr]] == 0; eptr++)
                {
                    int k = stopPos[byEntry[eptr]], c = cS[k];
                    double w = wS[k];
                    ns[c]++;
                    ws[c] += w;
                    classWeight[(startClass[k] ? s : 0) + c] += w * w;
                    members[c]++;
                }
                for (int c = 0; c < s; c++)
                {
                    wc[c] += classWeight[c] + classWeight[s + c];
                    if (classWeight[s + c] > 0) AddOuter(gc, c * dd, lc, c * d, yClass, c * d, classWeight[s + c], d);
                }
            }
            else
                for (; eptr < n && joinIndex[byEntry[eptr]] <= t; eptr++)
                {
                    int k = stopPos[byEntry[eptr]], c = cS[k], slot = slotOf[k];
                    double w = wS[k];
                    ns[c]++;
                    ws[c] += w;
                    var row = slotRow.AsSpan(slot * d, d);
                    if (first[k])
                    {
                        // A delayed first row: its start vector carried to t − 1 is its class's y now.
                        for (int b = 0; b < d; b++) y[b] = startClass[k] ? yClass[c * d + b] : 0;
                    }
                    else
                    {
                        // A later row: its subject's z since its last exit, carried to t − 1, leaves the pool not at risk.
                        row.CopyTo(y);
                        Carry(products, slotBase[slot], y, s);
                        double w0 = slotWeight[slot];
                        AddOuter(g0, 0, null, 0, y, 0, -w0 * w0, d);
                    }
                    for (int b = 0; b < d; b++) y[b] -= acc[c * d + b];
                    y.CopyTo(row);
                    slotBase[slot] = t - 1;
                    AddOuter(gc, c * dd, lc, c * d, y, 0, w * w, d);
                    wc[c] += w * w;
                    members[c]++;
                }

            // (2) The transitions at this time.
            Array.Clear(h);
            Array.Clear(nev);
            int censored = 0;
            double moved = 0;
            int lo = firstAt[t], hi = firstAt[t + 1];
            for (int k = lo; k < hi; k++)
            {
                int c = cS[k], e = eS[k];
                if (e < 0) censored++;
                else if (e != c)
                {
                    nev[e]++;
                    moved += wS[k];
                    h[c * s + e] += wS[k];
                }
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
            }
            else
            {
                Array.Clear(h);
                for (int a = 0; a < s; a++) h[a * s + a] = 1;
            }
            double dt = delta[t];

            // (3) Everything carried by Ĥ: the Gram matrices, the sums, the class vectors and the accumulators with their adds.
            Sandwich(g0, 0, h, dt, s, work);
            for (int c = 0; c < s; c++)
            {
                Sandwich(gc, c * dd, h, dt, s, work);
                Times(lc, c * d, h, dt, s, scratch);
                Times(yClass, c * d, h, dt, s, scratch);
                Times(acc, c * d, h, dt, s, scratch);
                if (moved > 0 && ws[c] > 0)
                {
                    double share = pBefore[c] / ws[c];
                    for (int b = 0; b < s; b++)
                    {
                        double add = ((b == c ? 1 : 0) - h[c * s + b]) * share;
                        acc[c * d + b] += add;
                        acc[c * d + s + b] += add * dt;
                    }
                }
            }
            if (moved > 0)
            {
                for (int a = 0; a < s; a++)
                {
                    for (int b = 0; b < s; b++) chaz[a * s + b] += h[a * s + b];
                    chaz[a * s + a] -= 1;
                    double sum = 0;
                    for (int b = 0; b < s; b++) sum += p[b] * h[b * s + a];
                    scratch[a] = sum;
                }
                Array.Copy(scratch, p, s);
            }
            if (slots > 0) products.Append(h, dt);

            // (4) The rows exiting now leave their state's pool for the pool not at risk, with z = y + Âᶜ (and a mover's
            // own add). First rows are summed by key; the others carry their own y.
            Array.Clear(keyWeight);
            Array.Clear(keyCount);
            bool firstRowsContinue = false;
            for (int k = lo; k < hi; k++)
            {
                int c = cS[k], e = eS[k], slot = slotOf[k];
                int dest = e >= 0 && e != c && wsBefore[c] > 0 ? e : s;
                double w2 = wS[k] * wS[k];
                if (slot < 0)
                {
                    int key = ((startClass[k] ? 1 : 0) * s + c) * (s + 1) + dest;
                    keyWeight[key] += w2;
                    keyCount[key]++;
                    firstRowsContinue |= next[k] >= 0;
                    continue;
                }
                var row = slotRow.AsSpan(slot * d, d);
                row.CopyTo(y);
                Carry(products, slotBase[slot], y, s);
                Leave(c, dest, w2, 1, t);
                if (next[k] >= 0) Store(next[k], wS[k], t);
            }
            for (int key = 0; key < keys; key++)
            {
                if (keyCount[key] == 0) continue;
                int dest = key % (s + 1), c = key / (s + 1) % s;
                ClassRow(key / (s + 1) / s == 1, c);
                Leave(c, dest, keyWeight[key], keyCount[key], t);
            }
            if (firstRowsContinue)
                for (int k = lo; k < hi; k++)
                {
                    if (slotOf[k] >= 0 || next[k] < 0) continue;
                    int c = cS[k], e = eS[k];
                    ClassRow(startClass[k], c);
                    ZOf(c, e >= 0 && e != c && wsBefore[c] > 0 ? e : s, t);
                    Store(next[k], wS[k], t);
                }

            // (5) The standard errors: Σ w²u² over every subject, from the Gram matrices.
            var se = new double[s];
            for (int b = 0; b < s; b++)
            {
                double sum = g0[b * d + b];
                for (int c = 0; c < s; c++)
                {
                    double a = acc[c * d + b];
                    sum += gc[c * dd + b * d + b] + 2 * lc[c * d + b] * a + wc[c] * a * a;
                }
                // A probability of 0 or 1 (a state nobody is in, or everyone's absorbing state; "1" to the rounding of the
                // products, a few ulps) does not move with any weight: its variance is 0, which the sums would leave as
                // rounding of order 1e-18, 1e-9 after the square root (R's loop gives about 1e-17 there).
                se[b] = Math.Abs(p[b]) <= 4 * double.Epsilon || Math.Abs(p[b] - 1) <= 4 * MachinePrecision.Epsilon ? 0 : Math.Sqrt(Math.Max(0, sum));
            }
            var cumhaz = new double[tIndex.Length];
            for (int x = 0; x < cumhaz.Length; x++) cumhaz[x] = chaz[tIndex[x].Item1 * s + tIndex[x].Item2];
            steps[t] = AalenJohansen.Step(times[t], (int[])ns.Clone(), (int[])nev.Clone(), censored, (double[])p.Clone(), se, z, options.Transform, cumhaz);

            for (int k = lo; k < hi; k++)
            {
                ns[cS[k]]--;
                ws[cS[k]] -= wS[k];
            }
            for (int k = 0; k < s; k++) mean[k] += p[k] * dt;
        }

        // R survmean2: the restricted mean's error is Σ w²a² at the end, when every row has left (the pools are empty).
        var restricted = new StateRestrictedMean[s];
        for (int k = 0; k < s; k++)
        {
            int b = s + k;
            double sum = g0[b * d + b];
            for (int c = 0; c < s; c++)
            {
                double a = acc[c * d + b];
                sum += gc[c * dd + b * d + b] + 2 * lc[c * d + b] * a + wc[c] * a * a;
            }
            restricted[k] = new StateRestrictedMean(data.States[k], mean[k], Math.Sqrt(Math.Max(0, sum)), horizon);
        }
        var startStep = AalenJohansen.Step(start, new int[s], new int[s], 0, initial, initialSe, z, options.Transform, new double[tIndex.Length]);
        var at = options.At.Select(time =>
        {
            int i = UpperBound(times, time) - 1;
            return (i < 0 ? startStep : steps[i]) with { Time = time };
        }).ToArray();
        return new StateOccupancyCurve(group, n, ValueList<double>.Of(initial), ValueList<double>.Of(initialSe), start,
            new ValueList<StateOccupancyStep>(steps), new ValueList<StateOccupancyStep>(at), new ValueList<StateRestrictedMean>(restricted));

        // y ← the class row of a first row in state c (its start vector carried, or 0).
        void ClassRow(bool startsWithInfluence, int c)
        {
            for (int b = 0; b < d; b++) y[b] = startsWithInfluence ? yClass[c * d + b] : 0;
        }

        // zv ← y + Âᶜ, plus the add of a move to dest (dest = s: none).
        void ZOf(int c, int dest, int t)
        {
            for (int b = 0; b < d; b++) zv[b] = y[b] + acc[c * d + b];
            if (dest == s) return;
            double share = pBefore[c] / wsBefore[c];
            zv[dest] += share;
            zv[c] -= share;
            zv[s + dest] += share * delta[t];
            zv[s + c] -= share * delta[t];
        }

        // count rows of total squared weight w2, each with row y at risk in c, leave c's pool for the pool not at risk.
        void Leave(int c, int dest, double w2, int count, int t)
        {
            AddOuter(gc, c * dd, lc, c * d, y, 0, -w2, d);
            wc[c] -= w2;
            if ((members[c] -= count) == 0)
            {
                // An empty pool holds exactly nothing: clear what the subtractions left of rounding.
                Array.Clear(gc, c * dd, dd);
                Array.Clear(lc, c * d, d);
                wc[c] = 0;
            }
            ZOf(c, dest, t);
            AddOuter(g0, 0, null, 0, zv, 0, w2, d);
        }

        // The subject's z at this exit (in zv), kept in its next row's slot until that row enters.
        void Store(int nextRow, double weight, int t)
        {
            int slot = slotOf[nextRow];
            zv.AsSpan().CopyTo(slotRow.AsSpan(slot * d, d));
            slotBase[slot] = t;
            slotWeight[slot] = weight;
        }
    }

    // x (augmented, length 2s) ← x carried from after its base time to the latest time appended.
    private static void Carry(TransitionProducts products, int baseTime, double[] x, int s)
    {
        bool zero = true;
        for (int b = 0; b < s; b++) zero &= x[b] == 0;
        if (zero) return;
        products.Apply(baseTime + 1, x);
    }

    // G += w·xxᵀ (and L += w·x when L is given) for the d × d block at o.
    private static void AddOuter(double[] g, int o, double[]? l, int lo, double[] x, int xo, double w, int d)
    {
        if (w == 0) return;
        for (int a = 0; a < d; a++)
        {
            double wa = w * x[xo + a];
            if (l is not null) l[lo + a] += wa;
            for (int b = 0; b < d; b++) g[o + a * d + b] += wa * x[xo + b];
        }
    }

    // G ← ĤᵀGĤ for the 2s × 2s block at o, Ĥ = [[H, Hδ], [0, I]]: with X = HᵀG_uu H and Y = HᵀG_ua, the blocks become
    // uu = X, ua = δX + Y, au = uaᵀ, aa = G_aa + δ(Y + Yᵀ) + δ²X.
    private static void Sandwich(double[] g, int o, double[] h, double dt, int s, double[] work)
    {
        int d = 2 * s, sq = s * s;
        // work: K = G_uu H (s²), X (s²), Y (s²).
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                double sum = 0;
                for (int c = 0; c < s; c++) sum += g[o + a * d + c] * h[c * s + b];
                work[a * s + b] = sum;
            }
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                double x = 0, yv = 0;
                for (int c = 0; c < s; c++)
                {
                    x += h[c * s + a] * work[c * s + b];
                    yv += h[c * s + a] * g[o + c * d + s + b];
                }
                work[sq + a * s + b] = x;
                work[2 * sq + a * s + b] = yv;
            }
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                double x = work[sq + a * s + b];
                g[o + a * d + b] = x;
                double ua = dt * x + work[2 * sq + a * s + b];
                g[o + a * d + s + b] = ua;
                g[o + (s + b) * d + a] = ua;
            }
        if (dt != 0)
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                    g[o + (s + a) * d + s + b] += dt * (work[2 * sq + a * s + b] + work[2 * sq + b * s + a]) + dt * dt * work[sq + a * s + b];
    }

    // x ← xĤ for the augmented row at o: (u, a) → (uH, a + uHδ).
    private static void Times(double[] x, int o, double[] h, double dt, int s, double[] scratch)
    {
        for (int b = 0; b < s; b++)
        {
            double sum = 0;
            for (int a = 0; a < s; a++) sum += x[o + a] * h[a * s + b];
            scratch[b] = sum;
        }
        for (int b = 0; b < s; b++)
        {
            x[o + b] = scratch[b];
            x[o + s + b] += scratch[b] * dt;
        }
    }

    // The number of sorted times ≤ x.
    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The group's distinct exit times in order; for each of its rows (positions 0…n−1 of
    /// <paramref name="rows"/>) the index of its exit time and of the first time after its entry (the time from which it
    /// is at risk: 0 without entry times); and the positions in exit and in entry order, ties in position order (R's
    /// stable order). Counting sorts of the ranks, O(rows + ranks), no comparison of times.</summary>
    internal static (double[] Times, int[] StopIndex, int[] JoinIndex, int[] ByStop, int[] ByEntry) Orders(int[] rows, MultiStateTimes grid, int[]? entryRank)
    {
        int n = rows.Length, ranks = grid.Ranks;
        var stopRank = grid.StopRank;
        // before[k]: the number of this group's exit ranks below k, so a rank's time index and the first time after a rank.
        var before = new int[ranks + 1];
        for (int r = 0; r < n; r++) before[stopRank[rows[r]] + 1] = 1;
        for (int k = 0; k < ranks; k++) before[k + 1] += before[k];
        int nt = before[ranks];
        var times = new double[nt];
        var stopIndex = new int[n];
        var joinIndex = new int[n];
        var count = new int[Math.Max(nt, ranks) + 1];
        for (int r = 0; r < n; r++)
        {
            int i = rows[r], t = before[stopRank[i]];
            stopIndex[r] = t;
            times[t] = grid.Stop[i];
            if (entryRank is not null) joinIndex[r] = before[entryRank[i] + 1];
            count[t + 1]++;
        }
        var byStop = new int[n];
        for (int t = 0; t < nt; t++) count[t + 1] += count[t];
        for (int r = 0; r < n; r++) byStop[count[stopIndex[r]]++] = r;
        var byEntry = new int[n];
        if (entryRank is null)
            for (int r = 0; r < n; r++) byEntry[r] = r;
        else
        {
            Array.Clear(count);
            for (int r = 0; r < n; r++) count[entryRank[rows[r]] + 1]++;
            for (int k = 0; k < ranks; k++) count[k + 1] += count[k];
            for (int r = 0; r < n; r++) byEntry[count[entryRank[rows[r]]]++] = r;
        }
        return (times, stopIndex, joinIndex, byStop, byEntry);
    }
}
