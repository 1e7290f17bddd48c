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
/// <para>R's loop carries every subject's influence through every event time (O(s²·n) per time; kept as
/// <c>FitReference</c> for the tests). The fit computes the same sums without it
/// (<c>AalenJohansenCurve</c>): O(rows + times·s³), 10⁶ illness–death rows in about 0.2 s.</para>
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
        int n = rows.Count;
        // Every exit and entry as its near-tie representative (R timefix), ranked: the checks of collapsed intervals and the
        // orders below work on the ranks.
        // The per-row working arrays are rented (nothing in the result keeps them) and returned when the fit ends.
        using var scratch = new ScratchArrays();
        var grid = MultiStateTimes.Of(rows, options.TimeFix, scratch);
        var entryRank = grid.EntryRank;
        var (keep, nextRow) = MergeContinuedCensorings(data, entryRank, scratch);
        // The start: the smaller of 0 and the first exit; the horizon: the last exit.
        double start = grid.Start;
        double horizon = options.RestrictedMeanHorizon ?? grid.Value[^1];
        if (horizon < start)
            throw new SurvivalInputException($"the restricted-mean horizon is before the start of the curves ({SurvivalData.Format(start)})",
                column: "RestrictedMeanHorizon", value: SurvivalData.Format(horizon));

        int groups = rows.Group?.Levels.Count ?? 1;
        var members = Members(keep, rows.Group?.CodeArray, groups);
        var position = scratch.RentWritten<int>(n);
        Array.Fill(position, -1);
        foreach (var list in members)
            for (int r = 0; r < list.Length; r++) position[list[r]] = r;
        var z = ConfidenceLimits.Z(options.ConfidenceLevel);
        var curves = new StateOccupancyCurve[groups];
        for (int g = 0; g < groups; g++)
            curves[g] = reference
                ? CurveReference(data, members[g], grid, start, horizon, z, options, rows.Group?.Levels[g])
                : AalenJohansenCurve.Fit(data, members[g], position, nextRow, grid, entryRank, start, horizon, z, options, rows.Group?.Levels[g], scratch);
        return new StateOccupancyResult(ValueList<string>.Of(data.States), ValueList<MultiStateTransition>.Of(data.Transitions),
            new ValueList<StateOccupancyCurve>(curves), options, horizon, rows.Omitted);
    }

    // Each group's rows, in row order.
    private static int[][] Members(int[] keep, int[]? code, int groups)
    {
        if (code is null) return [keep];
        var count = new int[groups];
        foreach (int i in keep) count[code[i]]++;
        var members = new int[groups][];
        for (int g = 0; g < groups; g++) members[g] = new int[count[g]];
        Array.Clear(count);
        foreach (int i in keep) members[code[i]][count[code[i]]++] = i;
        return members;
    }

    // R survfitCI: a censored row that is neither its subject's first nor its last (no gaps exist after validation) is
    // joined to the next row of the subject, which takes its start. Returns the rows kept, in row order, and for each kept
    // row the next kept row of its subject in the same group (−1: none); the entry times and their ranks are updated in
    // place. One walk over the subjects' rows in time order, which the validation found.
    private static (int[] Keep, int[] Next) MergeContinuedCensorings(MultiStateData data, int[]? entryRank, ScratchArrays scratch)
    {
        int n = data.Count;
        var subject = data.SubjectIndex;
        var end = data.EndStateArray;
        var order = data.SubjectOrder;
        var code = data.Rows.Group?.CodeArray;
        int groups = data.Rows.Group?.Levels.Count ?? 1;
        var dropped = scratch.Rent<bool>(n);
        var next = scratch.RentWritten<int>(n);
        Array.Fill(next, -1, 0, n);
        // Per group, the subject and row last seen.
        var lastSubject = new int[groups];
        var lastRow = new int[groups];
        Array.Fill(lastSubject, -1);
        int kept = n;
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            if (k > 0 && k + 1 < n && end[i] < 0 && subject[order[k - 1]] == subject[i] && subject[order[k + 1]] == subject[i])
            {
                dropped[i] = true;
                kept--;
                if (entryRank is not null) entryRank[order[k + 1]] = entryRank[i];
                continue;
            }
            int g = code?[i] ?? 0;
            if (lastSubject[g] == subject[i]) next[lastRow[g]] = i;
            lastSubject[g] = subject[i];
            lastRow[g] = i;
        }
        var keep = new int[kept];
        for (int i = 0, k = 0; i < n; i++) if (!dropped[i]) keep[k++] = i;
        return (keep, next);
    }

    /// <summary>p0 (R docurve2): the weighted state shares among the rows at risk at the group's first transition (its
    /// last time when it has none), with the total weight and that time. Shared by <see cref="AalenJohansenCurve.Fit"/> and
    /// <see cref="CurveReference"/>: it prepares the input, and is checked against R's p0 on its own.</summary>
    /// <remarks>Works on the ranks of the times (<see cref="MultiStateTimes"/>): a row is at risk at t0 when its entry's
    /// rank is below t0's and its exit's is not; the time returned is t0's rank.</remarks>
    internal static (double[] Shares, double Weight, int Time) InitialShares(MultiStateData data, int[] rows, MultiStateTimes grid, int s)
    {
        var end = data.EndStateArray;
        var from = data.FromStateArray;
        var stopRank = grid.StopRank;
        var entryRank = grid.EntryRank;
        int t0 = int.MaxValue, tMax = -1;
        foreach (int i in rows)
        {
            tMax = Math.Max(tMax, stopRank[i]);
            if (end[i] >= 0) t0 = Math.Min(t0, stopRank[i]);
        }
        if (t0 == int.MaxValue) t0 = tMax;
        var p = new double[s];
        double wtsum = 0;
        foreach (int i in rows)
            if ((entryRank?[i] ?? -1) < t0 && stopRank[i] >= t0) { double w = data.Rows.WeightAt(i); p[from[i]] += w; wtsum += w; }
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

    /// <summary>The direct form of <see cref="AalenJohansenCurve.Fit"/>: every subject's influence row updated at every event time (R's
    /// survfitCI loop, O(subjects · states² · times)). Kept as the reference the fast form is tested against.</summary>
    internal static StateOccupancyCurve CurveReference(MultiStateData data, int[] rows, MultiStateTimes grid, double start, double horizon,
        double z, AalenJohansenOptions options, string? group)
    {
        var stop = new double[data.Count];
        var entry = new double[data.Count];
        foreach (int i in rows) { stop[i] = grid.StopValue(i); entry[i] = grid.EntryValue(i); }
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

        var (p, wtsum, t0Rank) = InitialShares(data, rows, grid, s);
        double t0 = grid.Value[t0Rank];
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

    internal static StateOccupancyStep Step(double time, int[] atRisk, int[] events, int censored, double[] p, double[] se, double z,
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
