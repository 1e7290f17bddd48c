using Survival.Estimation;

namespace Survival.Reconstruction;

/// <summary>Individual patient data rebuilt from a published Kaplan–Meier curve: Guyot et al.'s algorithm.</summary>
/// <remarks>
/// <para>Reference: Guyot P, Ades AE, Ouwens MJNM, Welton NJ. Enhanced secondary analysis of survival data:
/// reconstructing the data from published Kaplan–Meier survival curves. BMC Med Res Methodol 2012;12:9. The same
/// algorithm is in R's IPDfromKM (Liu, Zhou, Lee 2021) and reconstructKM, and in Stata's ipdfc.</para>
/// <para>The cleaned curve (<see cref="DigitizedCurve.Cleaned"/>) is given a point at each time of the numbers-at-risk
/// table (the curve's value there) so that each table interval [τᵢ, τᵢ₊₁) holds points. Then, interval by interval:</para>
/// <list type="number">
/// <item>the censored count is first guessed as cᵢ = round(nᵢ · S(τᵢ₊₁)/S(τᵢ) − nᵢ₊₁);</item>
/// <item>the cᵢ censoring times are spread evenly inside the interval, τᵢ + j(τᵢ₊₁ − τᵢ)/(cᵢ + 1), j = 1…cᵢ, and
/// counted between consecutive points;</item>
/// <item>at each point k the events are dₖ = round(n̂ₖ (1 − Sₖ / Ŝ_last)), where Ŝ_last is the reconstructed Kaplan–Meier
/// value at the last point with an event, Ŝₖ = Ŝ_last (1 − dₖ/n̂ₖ), and n̂ₖ₊₁ = n̂ₖ − dₖ − censoredₖ;</item>
/// <item>cᵢ is corrected by n̂(τᵢ₊₁) − nᵢ₊₁ and steps 2–3 repeat until the reconstructed number at risk at τᵢ₊₁ equals the
/// printed one (or no censoring is left and it is below it, when the printed number is lowered to it).</item>
/// </list>
/// <para>The last interval has no number at its end: its censoring is taken at the average rate of the earlier
/// intervals, cₗₐₛₜ = min(round(Σcᵢ · length of last / length of the earlier ones), n at its start). When the total
/// events are printed, the last interval's censoring is then corrected until the total matches (or, when the earlier
/// intervals already hold all the events, the last has none). Events are placed at the points' times, a censoring at the
/// midpoint between the points it falls between, and the patients left at the end are censored at the last point.</para>
/// <para>Two guards the published pseudo-code leaves implicit: an event count is kept within [0, n̂ₖ] (rounding can
/// otherwise make it negative), and each correction loop stops after 10,000 rounds (none is known to need more than a
/// few); a loop that stops there is named in <see cref="ReconstructedArm.Assumptions"/>.</para>
/// <para>When no numbers at risk are printed, the whole follow-up is one interval (Guyot's "no at-risk numbers" case):
/// no censoring is assumed before the last point, unless total events are given, when censoring is spread evenly over
/// the follow-up until they match. The number of patients is then <see cref="ArmEvidence.Patients"/>; without it, it is
/// estimated — as E / (1 − S_end) from the total events E, or else as 1 / (first drop), taking the first drop as one
/// event among all patients — and the assumption is recorded in <see cref="ReconstructedArm.Assumptions"/>.</para>
/// </remarks>
public static class GuyotReconstruction
{
    private const int MaxRounds = 10_000;

    /// <summary>Rebuilds the patients of every arm.</summary>
    /// <param name="arms">One entry per arm; groups must differ.</param>
    /// <exception cref="SurvivalInputException">No arms, two arms with one name, or an arm's evidence contradicts itself
    /// (see <see cref="Reconstruct(ArmEvidence)"/>).</exception>
    public static ReconstructionResult Reconstruct(IReadOnlyList<ArmEvidence> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        if (arms.Count == 0) throw new SurvivalInputException("there are no curves to reconstruct");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in arms)
        {
            if (arms.Count > 1 && a.Group is null) throw new SurvivalInputException("with several curves, each needs a group name", column: "group");
            if (a.Group is not null && !seen.Add(a.Group)) throw new SurvivalInputException("two curves have the same group", column: "group", value: a.Group);
        }
        return new ReconstructionResult(ValueList<ReconstructedArm>.Of(arms.Select(Reconstruct)));
    }

    /// <summary>Rebuilds the patients of every arm from curves and tables made from an application's rows
    /// (<see cref="DigitizedCurve.ByGroup{T}"/>, <see cref="AtRiskTable.ByGroup{T}"/>), matched by arm name.</summary>
    /// <param name="curves">One curve per arm, each with its group.</param>
    /// <param name="atRisk">The numbers-at-risk table of each arm that has one, by arm; null when no table was printed.</param>
    /// <param name="totalEvents">The total events of each arm the paper reports, by arm (Guyot's <c>tot.events</c>).</param>
    /// <exception cref="SurvivalInputException">As <see cref="Reconstruct(IReadOnlyList{ArmEvidence})"/>, or a table or a
    /// total names an arm that has no curve.</exception>
    /// <example><code>
    /// var curves = DigitizedCurve.ByGroup(points, p =&gt; p.Arm, p =&gt; p.Months, p =&gt; p.Survival);
    /// var tables = AtRiskTable.ByGroup(numbersAtRisk, r =&gt; r.Arm, r =&gt; r.Months, r =&gt; r.AtRisk);
    /// var patients = GuyotReconstruction.Reconstruct(curves, tables).ToSurvivalData();
    /// </code></example>
    public static ReconstructionResult Reconstruct(IReadOnlyList<DigitizedCurve> curves, IReadOnlyDictionary<string, AtRiskTable>? atRisk,
        IReadOnlyDictionary<string, int>? totalEvents = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var names = curves.Select(c => c.Group).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var arm in (atRisk?.Keys ?? []).Concat(totalEvents?.Keys ?? []))
            if (!names.Contains(arm))
                throw new SurvivalInputException($"names an arm that has no curve (the curves: {string.Join(", ", curves.Select(c => c.Group ?? "(unnamed)"))})", column: "group", value: arm);
        return Reconstruct(curves.Select(c => new ArmEvidence(c,
            c.Group is { } g && atRisk is not null && atRisk.TryGetValue(g, out var table) ? table : null,
            c.Group is { } h && totalEvents is not null && totalEvents.TryGetValue(h, out int e) ? e : null)).ToArray());
    }

    /// <summary>Rebuilds the patients of one arm (remarks).</summary>
    /// <param name="arm">The arm's curve and published numbers.</param>
    /// <exception cref="SurvivalInputException">The table's patients and <see cref="ArmEvidence.Patients"/> differ, total
    /// events exceed the patients, or the patients cannot be estimated (a flat curve with neither a table nor a count).</exception>
    public static ReconstructedArm Reconstruct(ArmEvidence arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        string where = arm.Group is null ? "" : $"group {arm.Group}: ";
        var assumptions = new List<string>();
        var cleaned = arm.Curve.Cleaned;
        int patients = Patients(arm, cleaned, where, assumptions);
        if (arm.TotalEvents is int e && (e < 0 || e > patients))
            throw new SurvivalInputException(where + $"the total events must be between 0 and the {patients} patients", column: "events", value: e.ToString(System.Globalization.CultureInfo.InvariantCulture));

        double[] tableTimes = arm.AtRisk is { } table ? table.Times.ToArray() : [0.0];
        int[] tableCounts = arm.AtRisk is { } t2 ? t2.Counts.ToArray() : [patients];
        var (time, surv, lower) = WithTablePoints(cleaned, tableTimes);
        if (arm.AtRisk is null)
            assumptions.Add(arm.TotalEvents is null
                ? "no numbers at risk: no censoring is assumed before the last point"
                : "no numbers at risk: censoring is spread evenly over the follow-up to match the total events");
        else if (tableTimes.Length == 1)
            assumptions.Add("the table has only time 0: " + (arm.TotalEvents is null
                ? "no censoring is assumed before the last point"
                : "censoring is spread evenly over the follow-up to match the total events"));
        var (d, cen) = Distribute(time, surv, lower, tableCounts, arm.TotalEvents, assumptions);

        int events = d.Sum(), censoredInside = cen.Sum();
        int remaining = patients - events - censoredInside;
        if (remaining < 0) throw new InvalidOperationException("reconstruction lost count of its patients");
        var rowTime = new double[patients];
        var rowEvent = new bool[patients];
        int r = 0;
        for (int k = 0; k < time.Length; k++)
        {
            for (int j = 0; j < d[k]; j++) { rowTime[r] = time[k]; rowEvent[r++] = true; }
            double censorAt = k + 1 < time.Length ? (time[k] + time[k + 1]) / 2 : time[k];
            for (int j = 0; j < cen[k]; j++) rowTime[r++] = censorAt;
        }
        for (int j = 0; j < remaining; j++) rowTime[r++] = time[^1];
        return ReconstructedArm.Create(arm, rowTime, rowEvent, ValueList<string>.Of(assumptions));
    }

    private static int Patients(ArmEvidence arm, ValueList<CurvePoint> cleaned, string where, List<string> assumptions)
    {
        if (arm.Patients is int given && given <= 0)
            throw new SurvivalInputException(where + "the number of patients must be ≥ 1", column: "patients", value: given.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (arm.AtRisk is { } table)
        {
            if (arm.Patients is int p && p != table.Patients)
                throw new SurvivalInputException(where + $"the number of patients ({p}) differs from the table's number at time 0 ({table.Patients})", column: "patients", value: p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return table.Patients;
        }
        if (arm.Patients is int n) return n;
        double end = cleaned[^1].Survival;
        if (arm.TotalEvents is int e && end < 1)
        {
            int estimate = Math.Max(e, (int)Math.Round(e / (1 - end), MidpointRounding.AwayFromZero));
            assumptions.Add($"no number of patients: {estimate} estimated as events / (1 − S at the last point), assuming no censoring");
            return estimate;
        }
        var firstDrop = cleaned.FirstOrDefault(p => p.Survival < 1);
        if (firstDrop == default || firstDrop.Survival >= 1)
            throw new SurvivalInputException(where + "the curve never falls, so the number of patients cannot be estimated: give the numbers at risk or the number of patients", column: "patients");
        int fromDrop = Math.Max(1, (int)Math.Round(1 / (1 - firstDrop.Survival), MidpointRounding.AwayFromZero));
        assumptions.Add($"no number of patients: {fromDrop} estimated as 1 / (first drop), taking the first drop as one event among all patients");
        return fromDrop;
    }

    /// <summary>The cleaned points with a point at each table time (the curve's value there), and the index of the point at
    /// each table time.</summary>
    private static (double[] Time, double[] Surv, int[] Lower) WithTablePoints(ValueList<CurvePoint> cleaned, double[] tableTimes)
    {
        var time = new List<double>(cleaned.Count + tableTimes.Length);
        var surv = new List<double>(cleaned.Count + tableTimes.Length);
        var lower = new int[tableTimes.Length];
        int k = 0;
        for (int i = 0; i < tableTimes.Length; i++)
        {
            double tau = tableTimes[i];
            while (k < cleaned.Count && cleaned[k].Time < tau) { time.Add(cleaned[k].Time); surv.Add(cleaned[k].Survival); k++; }
            lower[i] = time.Count;
            if (!(k < cleaned.Count && cleaned[k].Time == tau))
            {
                time.Add(tau);
                surv.Add(surv.Count > 0 ? surv[^1] : 1);
            }
        }
        for (; k < cleaned.Count; k++) { time.Add(cleaned[k].Time); surv.Add(cleaned[k].Survival); }
        return (time.ToArray(), surv.ToArray(), lower);
    }

    /// <summary>Guyot's interval loop (remarks): events and censorings at each point.</summary>
    private static (int[] Events, int[] Censored) Distribute(double[] t, double[] s, int[] lower, int[] nRisk, int? totalEvents, List<string> assumptions)
    {
        int m = t.Length, intervals = lower.Length;
        var upper = new int[intervals];
        for (int i = 0; i < intervals; i++) upper[i] = i + 1 < intervals ? lower[i + 1] - 1 : m - 1;
        var n = nRisk.ToArray();
        var d = new int[m];
        var cen = new int[m];
        var nHat = new double[m + 1];
        var km = new double[m];
        var nCensor = new int[intervals];
        int lastWithEvent = 0;
        km[0] = 1;

        // Points from..to inclusive get events and censorings, starting from n at 'from'; returns the last point with an event.
        int Walk(int from, int to, int start, int lastEvent, bool firstInterval, bool floorAtZero, bool lastPointMoves)
        {
            nHat[from] = start;
            for (int k = from; k <= to; k++)
            {
                if (firstInterval && k == from) { d[k] = 0; km[k] = 1; }
                else
                {
                    double risk = Math.Max(nHat[k], 0);
                    d[k] = km[lastEvent] > 0 && risk > 0
                        ? (int)Math.Clamp(Math.Round(risk * (1 - s[k] / km[lastEvent]), MidpointRounding.AwayFromZero), 0, risk)
                        : 0;
                    km[k] = risk > 0 ? km[lastEvent] * (1 - d[k] / risk) : km[lastEvent];
                }
                if (k < to || lastPointMoves)
                {
                    nHat[k + 1] = nHat[k] - d[k] - cen[k];
                    if (floorAtZero && nHat[k + 1] < 0) { nHat[k + 1] = 0; cen[k] = (int)Math.Max(nHat[k] - d[k], 0); }
                }
                if (d[k] != 0) lastEvent = k;
            }
            return lastEvent;
        }

        for (int i = 0; i + 1 < intervals; i++)
        {
            int lo = lower[i], next = lower[i + 1];
            nCensor[i] = s[lo] > 0 ? (int)Math.Round(n[i] * s[next] / s[lo] - n[i + 1], MidpointRounding.AwayFromZero) : 0;
            int last = lastWithEvent;
            bool done = false;
            for (int round = 0; round < MaxRounds; round++)
            {
                if (nCensor[i] <= 0) nCensor[i] = 0;
                Spread(t, cen, lo, upper[i], t[next], nCensor[i]);
                last = Walk(lo, upper[i], n[i], lastWithEvent, i == 0, floorAtZero: false, lastPointMoves: true);
                double reached = nHat[next];
                if (!(reached > n[i + 1] || (reached < n[i + 1] && nCensor[i] > 0))) { done = true; break; }
                nCensor[i] += (int)(reached - n[i + 1]);
            }
            if (!done) assumptions.Add($"the censoring of the interval from {t[lo]} did not settle in {MaxRounds} rounds");
            if (nHat[next] < n[i + 1]) n[i + 1] = (int)nHat[next];
            lastWithEvent = last;
        }

        int L = intervals - 1, lastLo = lower[L], lastUp = upper[L];
        if (intervals > 1)
        {
            double earlier = t[upper[L - 1]] - t[lower[0]];
            nCensor[L] = earlier > 0
                ? Math.Min((int)Math.Round(nCensor.Take(L).Sum() * (t[lastUp] - t[lastLo]) / earlier, MidpointRounding.AwayFromZero), n[L])
                : 0;
        }
        void LastInterval()
        {
            if (nCensor[L] <= 0) nCensor[L] = 0;
            Spread(t, cen, lastLo, lastUp - 1, t[lastUp], nCensor[L]);
        }
        LastInterval();
        int lastStart = lastWithEvent;
        Walk(lastLo, lastUp, n[L], lastStart, intervals == 1, floorAtZero: true, lastPointMoves: true);

        if (totalEvents is int total)
        {
            int before = intervals > 1 ? d.Take(upper[L - 1] + 1).Sum() : 0;
            if (intervals > 1 && before >= total)
            {
                for (int k = lastLo; k <= lastUp; k++) { d[k] = 0; if (k < lastUp) cen[k] = 0; }
                assumptions.Add("the earlier intervals already hold the total events: the last interval has none");
            }
            else
            {
                int sum = d.Sum();
                bool done = false;
                for (int round = 0; round < MaxRounds; round++)
                {
                    if (!(sum > total || (sum < total && nCensor[L] > 0))) { done = true; break; }
                    if (lastUp == lastLo)
                    {
                        assumptions.Add("the last interval is a single point, so its censoring cannot be changed to match the total events");
                        done = true;
                        break;
                    }
                    nCensor[L] += sum - total;
                    LastInterval();
                    Walk(lastLo, lastUp, n[L], lastStart, intervals == 1, floorAtZero: true, lastPointMoves: false);
                    cen[lastUp] = 0;
                    sum = d.Sum();
                }
                if (!done) assumptions.Add($"the censoring of the last interval did not settle on the total events in {MaxRounds} rounds");
            }
        }
        cen[lastUp] = 0;
        return (d, cen);
    }

    /// <summary>Spreads <paramref name="count"/> censoring times evenly over (t[from], end) and counts them between the
    /// points from..to: the one after point k and up to point k + 1 go to k (R's <c>hist</c> with right-closed bins).</summary>
    private static void Spread(double[] t, int[] cen, int from, int to, double end, int count)
    {
        for (int k = from; k <= to; k++) cen[k] = 0;
        if (to < from) return;
        double start = t[from], step = (end - start) / (count + 1);
        for (int j = 1; j <= count; j++)
        {
            double c = start + j * step;
            // The last point in from..to strictly before c (the first bin also takes c at its left end).
            int lo = from, hi = to;
            while (lo < hi)
            {
                int mid = (lo + hi + 1) >> 1;
                if (t[mid] < c) lo = mid; else hi = mid - 1;
            }
            cen[lo]++;
        }
    }
}
