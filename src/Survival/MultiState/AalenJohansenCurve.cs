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
    public static StateOccupancyCurve Fit(MultiStateData data, int[] rows, int[] position, int[] nextRow, MultiStateTimes grid,
        int[]? entryRank, double start, double horizon, double z, AalenJohansenOptions options, string? group, ScratchArrays scratch)
    {
        int s = data.States.Count, n = rows.Length, d = 2 * s, dd = d * d;
        if (s > MaxStates)
            throw new SurvivalInputException($"has {s} states; the Aalen–Johansen estimate takes at most {MaxStates}", column: "state", input: DataColumn.State);
        var weights = data.Rows.WeightArray;
        var end = data.EndStateArray;
        var from = data.FromStateArray;
        var tIndex = data.Transitions.Select(t => (data.IndexOf(t.From), data.IndexOf(t.To))).ToArray();
        var (p, wtsum, t0) = AalenJohansen.InitialShares(data, rows, grid, s);
        var initial = (double[])p.Clone();
        // The influence on p0 of a subject at risk at t0 in state c is (e_c − p0)/Σw (none when p0 is degenerate, R).
        bool spread = p.All(x => x < 1);
        var startClass = spread ? StartClasses(rows, position, nextRow, grid, t0) : null;
        var layout = Layout.Of(rows, position, nextRow, grid, entryRank, from, end, weights, startClass, scratch);
        var times = layout.Times;
        int nt = times.Length, slots = layout.Slots;
        var exits = layout.Exits;
        var exitWeight = layout.ExitWeight;
        var firstAt = layout.FirstAt;
        // Slots (the rows with a y of their own, numbered in entry order). Until a slot's row enters: D values (its
        // subject's z at the exit of the row before), the base time index of z (−2: a first row, nothing stored) and
        // the weight of the row before; one record of D + 2 values per slot, written at that exit and read when the row
        // joins (both nearly in entry order, as a row usually enters when the one before leaves).
        int stride = d + 2;
        var slotData = scratch.Rent<double>(slots * stride);
        for (int slot = 0; slot < slots; slot++) slotData[slot * stride + d] = -2;
        // From its entry to its exit: y and its base time index, one record of D + 1 values per slot numbered in the
        // order the rows exit, so the exits read them one after another. The join writes each to its place; a write
        // does not hold up the work after it as a read from a distant place would.
        int exitStride = d + 1;
        var exitRecord = scratch.RentWritten<double>(slots * exitStride);
        int slotExits = 0;

        var initialSe = new double[s];
        var zInit = new double[s * d];
        double firstTime = n == 0 ? start : times[0];
        double d0 = firstTime != start && start < horizon ? Math.Min(firstTime, horizon) - start : 0;
        if (spread)
        {
            // At risk at t0 in each state (rows, unweighted as R's p0 influence).
            var atT0 = new double[s];
            foreach (int i in rows) if ((entryRank?[i] ?? -1) < t0 && grid.StopRank[i] >= t0) atT0[from[i]]++;
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

        var products = new TransitionProducts(slots > 0 ? nt : 0, s, scratch);
        var ns = new int[s];
        var ws = new double[s];
        var nev = new int[s];
        var h = new double[s * s];
        var chaz = new double[s * s];
        var vector = new double[d];
        // The steps' columns, time-major.
        var colAtRisk = new int[nt * s];
        var colEvents = new int[nt * s];
        var colCensored = new int[nt];
        var colP = new double[nt * s];
        var colSe = new double[nt * s];
        var colHazard = new double[nt * tIndex.Length];
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

        for (int t = 0; t < nt; t++)
        {
            // (1) Rows entering before this time join their state's pool, with y = z − Âᶜ at the previous time.
            if (t == 0)
            {
                // Only subjects' first rows enter before the first time: y is their class's start vector or 0.
                var classWeight = new double[2 * s];
                for (int q = 0; q < layout.Bulk; q++)
                {
                    int r = layout.ByEntry?[q] ?? q, i = rows[r], c = from[i];
                    double w = weights?[i] ?? 1;
                    ns[c]++;
                    ws[c] += w;
                    classWeight[(startClass?[r] == true ? s : 0) + c] += w * w;
                    members[c]++;
                }
                for (int c = 0; c < s; c++)
                {
                    wc[c] += classWeight[c] + classWeight[s + c];
                    if (classWeight[s + c] > 0) AddOuter(gc, c * dd, lc, c * d, yClass, c * d, classWeight[s + c], d);
                }
            }
            else
                for (int slot = layout.JoinAt[t]; slot < layout.JoinAt[t + 1]; slot++)
                {
                    int c = layout.SlotState[slot] & StateMask;
                    double w = layout.SlotWeight?[slot] ?? 1;
                    ns[c]++;
                    ws[c] += w;
                    int pending = slot * stride;
                    if (slotData[pending + d] == -2)
                    {
                        // A delayed first row: its start vector carried to t − 1 is its class's y now.
                        ClassRow(y, yClass, d, (layout.SlotState[slot] & StartClassBit) != 0, c);
                    }
                    else
                    {
                        // A later row: its subject's z since its last exit, carried to t − 1, leaves the pool not at risk.
                        for (int b = 0; b < d; b++) y[b] = slotData[pending + b];
                        Carry(products, (int)slotData[pending + d], y, s);
                        double w0 = slotData[pending + d + 1];
                        AddOuter(g0, 0, null, 0, y, 0, -w0 * w0, d);
                    }
                    for (int b = 0; b < d; b++) y[b] -= acc[c * d + b];
                    int record = layout.ExitNumber[slot] * exitStride;
                    for (int b = 0; b < d; b++) exitRecord[record + b] = y[b];
                    exitRecord[record + d] = t - 1;
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
                int c = exits[k].State, e = exits[k].End;
                if (e < 0) censored++;
                else if (e != c)
                {
                    double w = exitWeight?[k] ?? 1;
                    nev[e]++;
                    moved += w;
                    h[c * s + e] += w;
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
            bool still = moved == 0; // H = I: only the integrals move
            Sandwich(g0, 0, h, dt, s, work, still);
            for (int c = 0; c < s; c++)
            {
                // An empty pool is exactly zero (cleared when it empties) and stays so.
                if (members[c] > 0)
                {
                    Sandwich(gc, c * dd, h, dt, s, work, still);
                    Times(lc, c * d, h, dt, s, vector, still);
                }
                if (spread) Times(yClass, c * d, h, dt, s, vector, still);
                Times(acc, c * d, h, dt, s, vector, still);
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
                    vector[a] = sum;
                }
                Array.Copy(vector, p, s);
            }
            if (slots > 0) products.Append(h, dt);

            // (4) The rows exiting now leave their state's pool for the pool not at risk, with z = y + Âᶜ (and a mover's
            // own add). First rows are summed by key; the others carry their own y.
            Array.Clear(keyWeight);
            Array.Clear(keyCount);
            bool firstRowsContinue = false;
            for (int k = lo; k < hi; k++)
            {
                var exit = exits[k];
                int c = exit.State, e = exit.End;
                int dest = e >= 0 && e != c && wsBefore[c] > 0 ? e : s;
                double w = exitWeight?[k] ?? 1, w2 = w * w;
                if (!exit.HasSlot)
                {
                    int key = ((exit.StartClass ? 1 : 0) * s + c) * (s + 1) + dest;
                    keyWeight[key] += w2;
                    keyCount[key]++;
                    firstRowsContinue |= exit.Next >= 0;
                    continue;
                }
                int record = slotExits++ * exitStride;
                for (int b = 0; b < d; b++) y[b] = exitRecord[record + b];
                Carry(products, (int)exitRecord[record + d], y, s);
                LeavePool(gc, lc, wc, members, y, c, w2, 1, d);
                ZOf(zv, y, acc, s, d, c, dest, dest == s ? 0 : pBefore[c] / wsBefore[c], dt);
                AddOuter(g0, 0, null, 0, zv, 0, w2, d);
                if (exit.Next >= 0) Store(slotData, exit.Next * stride, zv, d, w, t);
            }
            for (int key = 0; key < keys; key++)
            {
                if (keyCount[key] == 0) continue;
                int dest = key % (s + 1), c = key / (s + 1) % s;
                ClassRow(y, yClass, d, key / (s + 1) / s == 1, c);
                LeavePool(gc, lc, wc, members, y, c, keyWeight[key], keyCount[key], d);
                ZOf(zv, y, acc, s, d, c, dest, dest == s ? 0 : pBefore[c] / wsBefore[c], dt);
                AddOuter(g0, 0, null, 0, zv, 0, keyWeight[key], d);
            }
            if (firstRowsContinue)
                for (int k = lo; k < hi; k++)
                {
                    var exit = exits[k];
                    if (exit.HasSlot || exit.Next < 0) continue;
                    int c = exit.State, e = exit.End;
                    int dest = e >= 0 && e != c && wsBefore[c] > 0 ? e : s;
                    ClassRow(y, yClass, d, exit.StartClass, c);
                    ZOf(zv, y, acc, s, d, c, dest, dest == s ? 0 : pBefore[c] / wsBefore[c], dt);
                    Store(slotData, exit.Next * stride, zv, d, exitWeight?[k] ?? 1, t);
                }

            // (5) The standard errors: Σ w²u² over every subject, from the Gram matrices.
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
                colSe[t * s + b] = Math.Abs(p[b]) <= 4 * double.Epsilon || Math.Abs(p[b] - 1) <= 4 * MachinePrecision.Epsilon ? 0 : Math.Sqrt(Math.Max(0, sum));
                colP[t * s + b] = p[b];
                colAtRisk[t * s + b] = ns[b];
                colEvents[t * s + b] = nev[b];
            }
            colCensored[t] = censored;
            for (int x = 0; x < tIndex.Length; x++) colHazard[t * tIndex.Length + x] = chaz[tIndex[x].Item1 * s + tIndex[x].Item2];

            for (int k = lo; k < hi; k++)
            {
                int c = exits[k].State;
                ns[c]--;
                ws[c] -= exitWeight?[k] ?? 1;
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
        var steps = new StateOccupancyStepColumns(times, colAtRisk, colEvents, colCensored, colP, colSe, colHazard, s, tIndex.Length, z, options.Transform);
        var startStep = AalenJohansen.Step(start, new int[s], new int[s], 0, initial, initialSe, z, options.Transform, new double[tIndex.Length]);
        var at = options.At.Select(time =>
        {
            int i = SortedSearch.CountAtOrBelow(times, time) - 1;
            return (i < 0 ? startStep : steps[i]) with { Time = time };
        }).ToArray();
        return new StateOccupancyCurve(group, n, ValueList<double>.Of(initial), ValueList<double>.Of(initialSe), start,
            steps, new ValueList<StateOccupancyStep>(at), new ValueList<StateRestrictedMean>(restricted));
    }

    // The per-row steps of the sweep, static so that the sweep's locals stay locals (a closure over them would make
    // each a field of a heap object, reloaded on every use in the loops).

    // y ← the class row of a first row in state c (its start vector carried, or 0).
    private static void ClassRow(double[] y, double[] yClass, int d, bool startsWithInfluence, int c)
    {
        for (int b = 0; b < d; b++) y[b] = startsWithInfluence ? yClass[c * d + b] : 0;
    }

    // zv ← y + Âᶜ, plus the add of a move to dest (dest = s: none) with share p_c/w_c before the time and interval dt.
    private static void ZOf(double[] zv, double[] y, double[] acc, int s, int d, int c, int dest, double share, double dt)
    {
        for (int b = 0; b < d; b++) zv[b] = y[b] + acc[c * d + b];
        if (dest == s) return;
        zv[dest] += share;
        zv[c] -= share;
        zv[s + dest] += share * dt;
        zv[s + c] -= share * dt;
    }

    // count rows of total squared weight w2, each with row y at risk in c, leave c's pool (Gram gc, sums lc, weights wc).
    private static void LeavePool(double[] gc, double[] lc, double[] wc, int[] members, double[] y, int c, double w2, int count, int d)
    {
        // A zero y (a first row of a subject without influence on p0) adds nothing to the pool's sums.
        bool zero = true;
        for (int b = 0; b < d; b++) zero &= y[b] == 0;
        if (!zero) AddOuter(gc, c * d * d, lc, c * d, y, 0, -w2, d);
        wc[c] -= w2;
        if ((members[c] -= count) == 0)
        {
            // An empty pool holds exactly nothing: clear what the subtractions left of rounding.
            Array.Clear(gc, c * d * d, d * d);
            Array.Clear(lc, c * d, d);
            wc[c] = 0;
        }
    }

    // The subject's z at this exit, kept in its next row's pending record (at o) until that row enters.
    private static void Store(double[] slotData, int o, double[] zv, int d, double weight, int t)
    {
        for (int b = 0; b < d; b++) slotData[o + b] = zv[b];
        slotData[o + d] = t;
        slotData[o + d + 1] = weight;
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
        // Symmetric: each product once, written to both triangles.
        for (int a = 0; a < d; a++)
        {
            double wa = w * x[xo + a];
            if (l is not null) l[lo + a] += wa;
            g[o + a * d + a] += wa * x[xo + a];
            for (int b = a + 1; b < d; b++)
            {
                double v = wa * x[xo + b];
                g[o + a * d + b] += v;
                g[o + b * d + a] += v;
            }
        }
    }

    // G ← ĤᵀGĤ for the 2s × 2s block at o, Ĥ = [[H, Hδ], [0, I]]: with X = HᵀG_uu H and Y = HᵀG_ua, the blocks become
    // uu = X, ua = δX + Y, au = uaᵀ, aa = G_aa + δ(Y + Yᵀ) + δ²X.
    private static void Sandwich(double[] g, int o, double[] h, double dt, int s, double[] work, bool identity)
    {
        int d = 2 * s, sq = s * s;
        if (identity)
        {
            // H = I: X = G_uu and Y = G_ua, so uu stays, ua += δG_uu, aa += δ(G_ua + G_uaᵀ) + δ²G_uu.
            if (dt == 0) return;
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                    g[o + (s + a) * d + s + b] += dt * (g[o + a * d + s + b] + g[o + b * d + s + a]) + dt * dt * g[o + a * d + b];
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                {
                    double ua = g[o + a * d + s + b] + dt * g[o + a * d + b];
                    g[o + a * d + s + b] = ua;
                    g[o + (s + b) * d + a] = ua;
                }
            return;
        }
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
    private static void Times(double[] x, int o, double[] h, double dt, int s, double[] scratch, bool identity)
    {
        if (identity)
        {
            for (int b = 0; b < s; b++) x[o + s + b] += x[o + b] * dt;
            return;
        }
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

    private const int StateBits = 15;
    private const int StateMask = (1 << StateBits) - 1;
    private const int StartClassBit = 1 << 30;
    private const int HasSlotBit = 1 << 31;

    /// <summary>The most states the packed rows hold (far more than the s⁴ work per time allows in practice).</summary>
    internal const int MaxStates = StateMask - 1;

    /// <summary>A row as its exit reads it, packed in 8 bytes (it is written once per row in exit order): its state, its
    /// destination (−1 censored), for a first row entering before the first time whether its subject starts with an
    /// influence on p0 (<see cref="StartClassBit"/>), whether the row has a slot (<see cref="HasSlotBit"/>); then the
    /// slot of its subject's next row (−1: none).</summary>
    internal readonly record struct Exit(int Code, int Next)
    {
        public static Exit Of(int state, int end, bool startClass, bool hasSlot, int nextSlot)
            => new(state | ((end + 1) << StateBits) | (startClass ? StartClassBit : 0) | (hasSlot ? HasSlotBit : 0), nextSlot);

        public int State => Code & StateMask;

        public int End => ((Code >> StateBits) & StateMask) - 1;

        public bool StartClass => (Code & StartClassBit) != 0;

        /// <summary>Whether the row has a slot (false: a first row entering before the first time).</summary>
        public bool HasSlot => (Code & HasSlotBit) != 0;
    }

    /// <summary>Whether each row (by position) is a first row whose subject is at risk at t0 (its rows are contiguous, so
    /// some row is at risk at t0 when the first starts before t0 and the last stops at or after it).</summary>
    private static bool[] StartClasses(int[] rows, int[] position, int[] nextRow, MultiStateTimes grid, int t0)
    {
        int n = rows.Length;
        var pointed = new bool[n];
        foreach (int i in rows) if (nextRow[i] >= 0) pointed[position[nextRow[i]]] = true;
        var result = new bool[n];
        for (int r = 0; r < n; r++)
        {
            if (pointed[r]) continue;
            int last = rows[r];
            while (nextRow[last] >= 0) last = nextRow[last];
            result[r] = (grid.EntryRank?[rows[r]] ?? -1) < t0 && grid.StopRank[last] >= t0;
        }
        return result;
    }

    /// <summary>The group's rows laid out for the sweep over its times.</summary>
    /// <param name="Times">The distinct exit times, ascending.</param>
    /// <param name="FirstAt">The rows exiting at time t are <see cref="Exits"/>[FirstAt[t] … FirstAt[t + 1] − 1].</param>
    /// <param name="Exits">The rows in exit order, ties in row order (R's stable order).</param>
    /// <param name="ExitWeight">Their weights; null without weights.</param>
    /// <param name="Bulk">The number of rows entering before the first time (all first rows of their subjects).</param>
    /// <param name="ByEntry">The positions in entry order, ties in row order (its first <see cref="Bulk"/> are those
    /// rows); null without entry times (the identity).</param>
    /// <param name="Slots">The other rows: each has a slot, numbered in entry order.</param>
    /// <param name="JoinAt">The slots entering before time t (and after time t − 1) are JoinAt[t] … JoinAt[t + 1] − 1.</param>
    /// <param name="SlotState">Each slot's state (with <see cref="StartClassBit"/> as in <see cref="Exit"/>).</param>
    /// <param name="SlotWeight">Each slot's weight; null without weights.</param>
    /// <param name="ExitNumber">Each slot's place among the slots' exits (in exit order, as <see cref="Exits"/>).</param>
    private sealed record Layout(double[] Times, int[] FirstAt, Exit[] Exits, double[]? ExitWeight, int Bulk, int[]? ByEntry, int Slots,
        int[] JoinAt, int[] SlotState, double[]? SlotWeight, int[] ExitNumber)
    {
        /// <summary>Counting sorts of the ranks, O(rows + ranks), no comparison of times: each row is read in row order
        /// and written once to its place.</summary>
        public static Layout Of(int[] rows, int[] position, int[] nextRow, MultiStateTimes grid, int[]? entryRank, int[] from, int[] end,
            double[]? weights, bool[]? startClass, ScratchArrays scratch)
        {
            int n = rows.Length, ranks = grid.Ranks;
            var stopRank = grid.StopRank;
            // before[k]: the number of this group's exit ranks below k: a rank's time index, and the first time after it.
            var before = new int[ranks + 1];
            for (int r = 0; r < n; r++) before[stopRank[rows[r]] + 1] = 1;
            for (int k = 0; k < ranks; k++) before[k + 1] += before[k];
            int nt = before[ranks];
            var times = new double[nt];
            var firstAt = new int[nt + 1];
            for (int r = 0; r < n; r++)
            {
                int i = rows[r], t = before[stopRank[i]];
                times[t] = grid.Value[stopRank[i]];
                firstAt[t + 1]++;
            }
            for (int t = 0; t < nt; t++) firstAt[t + 1] += firstAt[t];

            // Entry order; the rows entering before the first time come first, the others get slots in that order.
            int[]? byEntry = null;
            int bulk = n;
            if (entryRank is not null)
            {
                var count = new int[ranks + 1];
                for (int r = 0; r < n; r++) count[entryRank[rows[r]] + 1]++;
                for (int k = 0; k < ranks; k++) count[k + 1] += count[k];
                byEntry = scratch.RentWritten<int>(n);
                for (int r = 0; r < n; r++) byEntry[count[entryRank[rows[r]]]++] = r;
                bulk = 0;
                while (bulk < n && before[entryRank[rows[byEntry[bulk]]] + 1] == 0) bulk++;
            }
            int slots = n - bulk;
            var slotOf = slots > 0 ? scratch.Rent<int>(n) : null;
            var slotState = scratch.RentWritten<int>(slots);
            var slotWeight = weights is null ? null : scratch.RentWritten<double>(slots);
            var exitNumber = scratch.RentWritten<int>(slots);
            var joinAt = new int[nt + 1];
            // slotExitsBefore[t]: the slots exiting before time t (a counting sort of the slots alone, in exit order).
            var slotExitsBefore = new int[nt + 1];
            for (int q = bulk; q < n; q++)
            {
                int r = byEntry![q], i = rows[r], slot = q - bulk;
                slotOf![r] = slot;
                slotState[slot] = from[i] | (startClass?[r] == true ? StartClassBit : 0);
                if (slotWeight is not null) slotWeight[slot] = weights![i];
                joinAt[before[entryRank![i] + 1] + 1]++;
                slotExitsBefore[before[stopRank[i]] + 1]++;
            }
            for (int t = 0; t < nt; t++)
            {
                joinAt[t + 1] += joinAt[t];
                slotExitsBefore[t + 1] += slotExitsBefore[t];
            }

            // Exit order.
            var exits = scratch.RentWritten<Exit>(n);
            var exitWeight = weights is null ? null : scratch.RentWritten<double>(n);
            var cursor = (int[])firstAt.Clone();
            for (int r = 0; r < n; r++)
            {
                int i = rows[r], t = before[stopRank[i]], k = cursor[t]++;
                int slot = slotOf is null || before[entryRank![i] + 1] == 0 ? -1 : slotOf[r];
                int next = nextRow[i] < 0 ? -1 : slotOf![position[nextRow[i]]];
                exits[k] = Exit.Of(from[i], end[i], slot < 0 && startClass?[r] == true, slot >= 0, next);
                if (slot >= 0) exitNumber[slot] = slotExitsBefore[t]++; // rows in row order: ties as in Exits
                if (exitWeight is not null) exitWeight[k] = weights![i];
            }
            return new Layout(times, firstAt, exits, exitWeight, bulk, byEntry, slots, joinAt, slotState, slotWeight, exitNumber);
        }
    }
}
