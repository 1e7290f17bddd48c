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
