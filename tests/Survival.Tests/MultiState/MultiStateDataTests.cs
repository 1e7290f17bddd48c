using Survival.MultiState;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.MultiState;

/// <summary>R's survcheck rules at the boundary, the state order and the chaining of states, and the rows R refuses
/// (fixture refused.json: R stops with "one or more flags are >0 in survcheck" and flags the overlap or the gap).</summary>
public class MultiStateDataTests
{
    [Theory]
    [InlineData("overlap", "overlapping intervals: rows 1 (0, 5] and 2 (4, 9]")]
    [InlineData("gap", "a gap between rows 1 (0, 5] and 2 (6, 9]")]
    public void Rows_R_refuses_are_errors_naming_the_subject_and_both_rows(string name, string expected)
    {
        var c = Golden.Load("multistate", "refused").GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        Assert.Equal(1, c.GetProperty("flag").GetProperty(name).GetInt32());
        Assert.Equal("one or more flags are >0 in survcheck", c.GetProperty("message").GetString());
        var rows = c.GetProperty("rows");
        var e = Assert.Throws<SurvivalInputException>(() => MultiStateData.Create(Values(rows.GetProperty("tstop")), Golden.Strings(rows.GetProperty("state")),
            id: Golden.Strings(rows.GetProperty("id")), entry: Values(rows.GetProperty("tstart"))));
        Assert.Contains("subject 1 has " + expected, e.Message, StringComparison.Ordinal);
        Assert.Contains($"R survcheck: {name}", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void Start_times_need_ids()
    {
        var e = Assert.Throws<SurvivalInputException>(() => MultiStateData.Create([5.0], ["ill"], entry: [0.0]));
        Assert.Contains("id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_initial_state_that_disagrees_with_the_chain_is_Rs_teleport()
    {
        var e = Assert.Throws<SurvivalInputException>(() => MultiStateData.Create([5.0, 9.0], ["ill", "dead"], id: ["a", "a"],
            entry: [0.0, 5.0], initialState: ["healthy", "healthy"]));
        Assert.Contains("teleport", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Row);
    }

    [Fact]
    public void States_follow_Rs_order_and_each_row_is_in_the_last_state_entered()
    {
        // Rows out of order on purpose; "censor", "0" and blank mean no transition.
        var data = MultiStateData.Create([9.0, 5.0, 7.0, 3.0, 8.0], ["dead", "pcm", "0", "censor", ""], id: ["a", "a", "b", "c", "c"],
            entry: [5.0, 0.0, 0.0, 0.0, 3.0], states: ["pcm", "dead"]);
        Assert.Equal(["(s0)", "pcm", "dead"], data.States);
        Assert.Equal([1, 0, 0, 0, 0], data.FromState.ToArray());
        Assert.Equal([2, 1, -1, -1, -1], data.EndState.ToArray());
        Assert.Equal(["(s0)->pcm: 1", "pcm->dead: 1"], data.Transitions.Select(t => t.ToString()));
        Assert.Equal(3, data.SubjectCount);
        // Without an order, entered states sort as R's factor() sorts them (R 4.2 on Debian: sort(c("PCM", "death")) is
        // "death" "PCM"; sort(c("b","A","a","B","cr","Cr","CR")) is "a" "A" "b" "B" "cr" "Cr" "CR"); a state outside a
        // given order is an error.
        Assert.Equal(["(s0)", "death", "PCM"], MultiStateData.Create([5.0, 9.0], ["PCM", "death"], id: ["a", "a"], entry: [0.0, 5.0]).States);
        Assert.Equal(["(s0)", "a", "A", "b", "B", "cr", "Cr", "CR"], MultiStateData.Create([1.0, 2, 3, 4, 5, 6, 7], ["b", "A", "a", "B", "CR", "cr", "Cr"]).States);
        var e = Assert.Throws<SurvivalInputException>(() => MultiStateData.Create([5.0], ["relapse"], states: ["pcm", "dead"]));
        Assert.Equal("relapse", e.Value);
    }

    /// <summary>Hand-computed: three subjects from state A; at t=1 one of 3 moves to B (p = 2/3, 1/3); at t=2 the one
    /// in B dies (B → C: 1/1), at t=3 one of the two in A moves to C (p_A = 1/3). The IJ variance of p_A at t=1 is
    /// Σ U² with U = (−1/3·2/3... ) = the binomial 2/27 (Kaplan–Meier's Greenwood value (2/3)²·1/(3·2) = 2/27 too).</summary>
    [Fact]
    public void A_hand_computed_example()
    {
        var data = MultiStateData.Create([1.0, 2.0, 3.0, 4.0], ["B", "C", "C", "censor"], id: ["1", "1", "2", "3"],
            entry: [0.0, 1.0, 0.0, 0.0], initialState: ["A", "B", "A", "A"], states: ["B", "C"]);
        var fit = AalenJohansen.Fit(data, new AalenJohansenOptions { RestrictedMeanHorizon = 4 });
        var steps = fit.Curves[0].Steps;
        Assert.Equal([1.0, 2.0, 3.0, 4.0], steps.Select(s => s.Time));
        Assert.Equal([2 / 3.0, 1 / 3.0, 0], steps[0].Probability.ToArray(), new Tolerance(1e-15));
        Assert.Equal([2 / 3.0, 0, 1 / 3.0], steps[1].Probability.ToArray(), new Tolerance(1e-15));
        Assert.Equal([1 / 3.0, 0, 2 / 3.0], steps[2].Probability.ToArray(), new Tolerance(1e-15));
        Assert.Equal(Math.Sqrt(2 / 27.0), steps[0].StdErr[0], 1e-15);
        Assert.Equal([3, 0, 0], steps[0].AtRisk);
        Assert.Equal([2, 1, 0], steps[1].AtRisk);
        Assert.Equal(1, steps[3].Censored);
        // A→B, B→C, A→C in R's order (by state entered): A->B, A->C, B->C.
        Assert.Equal(["A->B", "A->C", "B->C"], fit.Transitions.Select(t => t.Label));
        Assert.Equal([1 / 3.0, 0.5, 1], steps[2].CumulativeHazard.ToArray(), new Tolerance(1e-15));
        // Time in A up to 4: 1 + 2/3 + 2/3 + 1/3.
        Assert.Equal(1 + 2 / 3.0 + 2 / 3.0 + 1 / 3.0, fit.Curves[0].RestrictedMean[0].Estimate, 1e-14);
        Assert.Equal(4, fit.Curves[0].RestrictedMean.Sum(r => r.Estimate), 1e-14);
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}
