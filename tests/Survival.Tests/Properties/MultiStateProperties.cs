using FsCheck.Xunit;
using Survival.CompetingRisks;
using Survival.Estimation;
using Survival.MultiState;

namespace Survival.Tests.Properties;

/// <summary>Properties of the Aalen–Johansen estimate on arbitrary data: the probabilities add to one; with one
/// absorbing state the start state's probability is the Kaplan–Meier estimate; with competing absorbing states their
/// probabilities and standard errors are the cumulative incidences the library already computes; restricted means add
/// to the horizon.</summary>
public class MultiStateProperties
{
    private static (double[] Time, string[] State, string[] Group) Rows(int[] raw, int causes)
    {
        var time = raw.Select(x => 1 + Math.Abs(x % 41) / 2.0).ToArray();
        var state = raw.Select((x, i) => (Math.Abs(x / 41) % (causes + 1)) switch { 0 => "censor", var k => "cause" + k }).ToArray();
        if (state.All(s => s == "censor")) state[0] = "cause1";
        var group = raw.Select(x => (x & 1) == 0 ? "a" : "b").ToArray();
        return (time, state, group);
    }

    [Property(MaxTest = 80)]
    public bool One_absorbing_state_is_one_minus_Kaplan_Meier_and_probabilities_add_to_one(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, state, _) = Rows(raw, 1);
        var fit = AalenJohansen.Fit(MultiStateData.Create(time, state));
        var km = KaplanMeier.Fit(SurvivalData.Create(time, state.Select(s => s != "censor").ToArray())).Curves[0];
        foreach (var step in fit.Curves[0].Steps)
        {
            if (Math.Abs(step.Probability.Sum() - 1) > 1e-12) return false;
            if (Math.Abs(step.Probability[0] - km.SurvivalAt(step.Time).Survival) > 1e-12) return false;
        }
        return Math.Abs(fit.Curves[0].RestrictedMean.Sum(r => r.Estimate) - fit.Horizon) < 1e-9;
    }

    [Property(MaxTest = 80)]
    public bool Competing_absorbing_states_are_the_cumulative_incidences(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, state, group) = Rows(raw, 2);
        var fit = AalenJohansen.Fit(MultiStateData.Create(time, state, group: group));
        var cif = CumulativeIncidence.Fit(CompetingRisksData.Create(time, state, censored: "censor", group: group));
        foreach (var curve in fit.Curves)
            for (int k = 1; k < fit.States.Count; k++)
            {
                var inc = cif.Curve(fit.States[k], curve.Group);
                foreach (var step in curve.Steps)
                {
                    var match = inc.Steps.LastOrDefault(s => s.Time <= step.Time);
                    double p = match?.Estimate ?? 0, se = match?.StdErr ?? 0;
                    if (Math.Abs(step.Probability[k] - p) > 1e-12 || Math.Abs(step.StdErr[k] - se) > 1e-10) return false;
                }
            }
        return true;
    }
}

/// <summary>The fast infinitesimal-jackknife form (per-state accumulators, Gram matrices, range products of the
/// transition matrices) equals R's direct loop, kept as <c>AalenJohansen.FitReference</c>, on illness–death data with
/// recoveries, subjects with several rows, late first entries, subjects starting ill (istate), case weights, groups and a
/// restricted-mean horizon.</summary>
public class MultiStateFastInfluenceProperties
{
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Fast_standard_errors_equal_the_direct_loop(FsCheck.PositiveInt size, int seed, bool weighted, bool grouped, bool rounded, bool staggered)
    {
        var rng = new Random(seed);
        int subjects = 2 + size.Get % 60;
        var time = new List<double>();
        var entry = new List<double>();
        var state = new List<string>();
        var id = new List<string>();
        var weight = new List<double>();
        var group = new List<string>();
        var initial = new List<string>();
        if (staggered)
        {
            // A censoring before any transition, and a subject entering after it but before the first transition: a late
            // first row whose subject is at risk at t0 (it carries an influence on the start distribution).
            time.Add(0.25); entry.Add(0); state.Add("censor"); id.Add("early"); weight.Add(1); group.Add("a"); initial.Add("healthy");
            time.Add(0.75 + rng.Next(4)); entry.Add(0.5); state.Add(rng.Next(2) == 0 ? "dead" : "censor"); id.Add("late"); weight.Add(1); group.Add("a");
            initial.Add(rng.Next(2) == 0 ? "ill" : "healthy");
        }
        for (int j = 0; j < subjects; j++)
        {
            // Staggered: some subjects enter late, and some start ill (the start distribution then has an influence).
            double t = staggered && rng.Next(3) == 0 ? (rounded ? 1 + rng.Next(6) : 0.5 + rng.NextDouble() * 6) : 0;
            double w = weighted ? 0.5 + rng.Next(4) * 0.5 : 1;
            string g = grouped && rng.Next(2) == 0 ? "b" : "a";
            string current = staggered && rng.Next(4) == 0 ? "ill" : "healthy";
            // Up to four rows: healthy ⇄ ill, then dead or censored.
            for (int k = 0; k < 4; k++)
            {
                double gap = rounded ? 1 + rng.Next(8) : 0.1 + rng.NextDouble() * 8;
                double stop = t + gap;
                string next = rng.Next(10) switch
                {
                    < 3 => "censor",
                    < 5 => "dead",
                    _ => current == "healthy" ? "ill" : "healthy",
                };
                if (k == 3 && next != "dead") next = "censor";
                time.Add(stop); entry.Add(t); state.Add(next); id.Add("s" + j); weight.Add(w); group.Add(g); initial.Add(current);
                if (next is "censor" or "dead") break;
                current = next;
                t = stop;
            }
        }
        if (!state.Any(x => x is "ill" or "dead")) return true;
        var data = MultiStateData.Create(time.ToArray(), state, id, entry.ToArray(), initialState: staggered ? initial : null,
            weight: weighted ? weight.ToArray() : null,
            group: grouped ? group : null, states: ["healthy", "ill", "dead"]);
        var options = new AalenJohansenOptions { RestrictedMeanHorizon = 6 + rng.Next(10) };
        var fast = AalenJohansen.Fit(data, options);
        var direct = AalenJohansen.FitReference(data, options);
        for (int g = 0; g < direct.Curves.Count; g++)
        {
            var (a, b) = (fast.Curves[g], direct.Curves[g]);
            if (a.Steps.Count != b.Steps.Count) return false;
            for (int i = 0; i < a.Steps.Count; i++)
                for (int k = 0; k < 3; k++)
                {
                    if (a.Steps[i].Probability[k] != b.Steps[i].Probability[k]) return false;
                    if (Math.Abs(a.Steps[i].StdErr[k] - b.Steps[i].StdErr[k]) > 1e-9) return false;
                }
            for (int k = 0; k < 3; k++)
                if (a.RestrictedMean[k].Estimate != b.RestrictedMean[k].Estimate
                    || Math.Abs(a.RestrictedMean[k].StdErr - b.RestrictedMean[k].StdErr) > 1e-9 * Math.Max(1, b.RestrictedMean[k].StdErr))
                    return false;
        }
        return true;
    }
}

/// <summary>The two ways of ranking the multi-state rows' times (a hash of the distinct values, or a radix sort of every
/// value) give the same ranks, and the ranks are the definition: the value of a row's rank is R's near-tie
/// representative of its time (<see cref="TimeFix.Map"/> over the cuts of all exits and entries), and ranks order as
/// those values do. Ties, near-ties within the tolerance, negative times and −0 are drawn on purpose.</summary>
public class MultiStateTimesProperties
{
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool Hashing_and_sorting_rank_alike_and_as_defined(FsCheck.PositiveInt size, int seed, bool withEntry, bool timeFix)
    {
        var rng = new Random(seed);
        int n = 1 + size.Get % 300;
        double[] pool = [-0.0, 0.0, 1, 1 + 1e-12, 2.5, 2.5 * (1 + 1e-9), 7, 7.000001, -3, 10, 0.1 + 0.2, 0.3];
        double Draw() => rng.Next(3) == 0 ? pool[rng.Next(pool.Length)] : Math.Round(rng.NextDouble() * 20 - 5, rng.Next(4));
        var stop = new double[n];
        var entry = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = Draw(), b = Draw();
            if (a == b) b = a + 1;
            (entry[i], stop[i]) = a < b ? (a, b) : (b, a);
        }
        var state = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "dead" : "censor").ToArray();
        var ids = Enumerable.Range(0, n).Select(i => "s" + i).ToArray();
        MultiStateData data;
        try
        {
            data = MultiStateData.Create(stop, state, ids, withEntry ? entry : null);
        }
        catch (SurvivalInputException) { return true; }
        MultiStateTimes hashed, sorted;
        using var scratch = new ScratchArrays();
        try
        {
            hashed = MultiStateTimes.Of(data.Rows, timeFix, scratch, hashing: true);
            sorted = MultiStateTimes.Of(data.Rows, timeFix, scratch, hashing: false);
        }
        catch (SurvivalInputException)
        {
            // A collapsed interval: both must refuse it.
            try { MultiStateTimes.Of(data.Rows, timeFix, scratch, hashing: false); return false; }
            catch (SurvivalInputException) { return true; }
        }
        var all = withEntry ? stop.Concat(entry).ToArray() : stop.ToArray();
        var cuts = timeFix ? TimeFix.Cuts(TimeFix.SortedDistinct(all)) : null;
        double Representative(double x) => cuts is null ? x + 0.0 : TimeFix.Map(cuts, x);
        if (!hashed.Value.SequenceEqual(sorted.Value) || hashed.Start != sorted.Start) return false;
        for (int i = 0; i < n; i++)
        {
            if (hashed.StopRank[i] != sorted.StopRank[i]) return false;
            if (hashed.StopValue(i) != Representative(stop[i])) return false;
            if (withEntry && (hashed.EntryRank![i] != sorted.EntryRank![i] || hashed.EntryValue(i) != Representative(entry[i]))) return false;
        }
        for (int v = 1; v < hashed.Value.Length; v++) if (!(hashed.Value[v - 1] < hashed.Value[v])) return false;
        return true;
    }
}
