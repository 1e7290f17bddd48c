using Survival.Estimation;
using Survival.Reconstruction;
using Survival.Tests.Shared;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Reconstruction;

/// <summary>Guyot's reconstruction: cases worked by hand, the cleaning rule, input errors, and the accuracy the issue
/// asks for, measured on patients the test knows.</summary>
public class GuyotReconstructionTests
{
    private static DigitizedCurve Curve(params (double T, double S)[] points)
        => DigitizedCurve.Create(points.Select(p => p.T).ToArray(), points.Select(p => p.S).ToArray());

    /// <summary>Five patients, no table beyond time 0, so no censoring before the end. By hand: at t = 1,
    /// d = round(5(1 − 0.8/1)) = 1 (Ŝ = 0.8, 4 left); t = 2, d = round(4(1 − 0.6/0.8)) = 1 (Ŝ = 0.6, 3 left); t = 3,
    /// d = round(3(1 − 0.2/0.6)) = 2 (Ŝ = 0.2, 1 left, censored at the last point, 3).</summary>
    [Fact]
    public void Without_censoring_events_come_from_the_drops()
    {
        var curve = Curve((0, 1), (1, 1), (1, 0.8), (2, 0.8), (2, 0.6), (3, 0.6), (3, 0.2));
        var arm = GuyotReconstruction.Reconstruct(new ArmEvidence(curve, AtRiskTable.Create([0], [5])));
        Assert.Equal([1.0, 2, 3, 3, 3], arm.Time.Order());
        Assert.Equal(4, arm.Events);
        Assert.Equal([true, true, true, true, false], arm.Time.Zip(arm.Event).OrderBy(x => x.First).ThenBy(x => !x.Second).Select(x => x.Second));
        Assert.Equal(0, arm.MaxAbsDifference, 12);
        Assert.Single(arm.Assumptions);
    }

    /// <summary>Ten patients, table (0: 10, 2: 7). Worked by hand in the order of the algorithm:
    /// interval [0, 2): c = round(10 · 0.9/1 − 7) = 2 censorings at 2/3 and 4/3, counted after points 0 (t = 0) and 2
    /// (t = 1); the event at t = 1 is round(9 · 0.1) = 1; at risk at 2: 10 − 1 − 1 − 1 = 7, as printed.
    /// Last interval [2, 4]: c = min(round(2 · (4 − 2)/(1 − 0)), 7) = 4 at 2.4, 2.8, 3.2, 3.6, counted after the points
    /// at 2 (two) and the second at 3 (two); at t = 3, d = round(5 (1 − 0.75/0.8889)) = 1; two left, censored at 4.
    /// Censorings sit at the midpoints of their points: 0.5, 1.5, 2.5 (two), 3.5 (two).</summary>
    [Fact]
    public void Censoring_is_spread_evenly_inside_each_interval_of_the_table()
    {
        var curve = Curve((0, 1), (1, 1), (1, 0.9), (3, 0.9), (3, 0.75), (4, 0.75));
        var arm = GuyotReconstruction.Reconstruct(new ArmEvidence(curve, AtRiskTable.Create([0, 2], [10, 7])));
        var rows = arm.Time.Zip(arm.Event).OrderBy(r => r.First).ToArray();
        Assert.Equal([0.5, 1, 1.5, 2.5, 2.5, 3, 3.5, 3.5, 4, 4], rows.Select(r => r.First));
        Assert.Equal([false, true, false, false, false, true, false, false, false, false], rows.Select(r => r.Second));
        Assert.Equal([new AtRiskComparison(0, 10, 10), new AtRiskComparison(2, 7, 7)], arm.AtRisk);
        Assert.Empty(arm.Assumptions);
    }

    [Fact]
    public void Cleaning_sorts_pools_rises_converts_scales_and_starts_at_one()
    {
        var c = DigitizedCurve.Create([3, 1, 2, 2], [80, 90, 92, 91], "A", CurveScale.Percent);
        // Sorted: (1, .90), (2, .92), (2, .91), (3, .80); pooled: the rise .90 → .92, .91 becomes their mean .91.
        Assert.Equal([new CurvePoint(0, 1), new CurvePoint(1, 0.91), new CurvePoint(2, 0.91), new CurvePoint(2, 0.91), new CurvePoint(3, 0.8)],
            c.Cleaned.Select(p => new CurvePoint(p.Time, Math.Round(p.Survival, 12))));
        Assert.Equal(2, c.PointsAdjusted);
        var incidence = DigitizedCurve.Create([0, 5, 9], [-0.01, 0.3, 0.5], kind: CurveKind.CumulativeIncidence);
        Assert.Equal([1.0, 0.7, 0.5], incidence.Cleaned.Select(p => Math.Round(p.Survival, 12)));
        Assert.Equal(1, incidence.PointsAdjusted);
    }

    [Theory]
    [InlineData(new double[] { 0, 2, 1 }, new double[] { 10, 8, 5 }, "times must increase", "row 3")]
    [InlineData(new double[] { 0, 2, 4 }, new double[] { 10, 8, 9 }, "the number at risk rises", "row 3")]
    [InlineData(new double[] { 1, 2 }, new double[] { 10, 8 }, "must start at time 0", "row 1")]
    [InlineData(new double[] { 0, 2 }, new double[] { 10, 7.5 }, "whole number", "7.5")]
    public void A_bad_table_is_named_by_row_and_value(double[] times, double[] counts, string reason, string where)
    {
        var e = Assert.Throws<SurvivalInputException>(() => AtRiskTable.Create(times, counts, "A"));
        Assert.Contains(reason, e.Message);
        Assert.Contains(where, e.Message);
        Assert.Contains("group A", e.Message);
    }

    [Fact]
    public void Bad_points_are_named_by_row_and_value()
    {
        Assert.Contains("no points", Assert.Throws<SurvivalInputException>(() => DigitizedCurve.Create([], [])).Message);
        var e = Assert.Throws<SurvivalInputException>(() => DigitizedCurve.Create([0, 1], [1, 85]));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("85", e.Message);
        Assert.Contains("percent", e.Message);
        Assert.Contains("≥ 0", Assert.Throws<SurvivalInputException>(() => DigitizedCurve.Create([0, -1], [1, 0.9])).Message);
    }

    [Fact]
    public void Contradicting_evidence_is_refused()
    {
        var curve = Curve((0, 1), (2, 0.5));
        Assert.Contains("differs from the table",
            Assert.Throws<SurvivalInputException>(() => GuyotReconstruction.Reconstruct(new ArmEvidence(curve, AtRiskTable.Create([0], [10]), Patients: 12))).Message);
        Assert.Contains("between 0 and the 10 patients",
            Assert.Throws<SurvivalInputException>(() => GuyotReconstruction.Reconstruct(new ArmEvidence(curve, AtRiskTable.Create([0], [10]), TotalEvents: 11))).Message);
        var flat = Curve((0, 1), (5, 1));
        Assert.Contains("never falls", Assert.Throws<SurvivalInputException>(() => GuyotReconstruction.Reconstruct(new ArmEvidence(flat))).Message);
        Assert.Contains("same group", Assert.Throws<SurvivalInputException>(() => GuyotReconstruction.Reconstruct(
            [new ArmEvidence(DigitizedCurve.Create([0, 1], [1, 0.5], "A")), new ArmEvidence(DigitizedCurve.Create([0, 1], [1, 0.5], "A"))])).Message);
    }

    /// <summary>Without a table, the stated assumptions replace it, and say so.</summary>
    [Fact]
    public void Without_numbers_at_risk_the_assumptions_are_stated()
    {
        var curve = Curve((0, 1), (1, 1), (1, 0.9), (2, 0.9), (2, 0.8), (4, 0.8));
        var fromDrop = GuyotReconstruction.Reconstruct(new ArmEvidence(curve));
        Assert.Equal(10, fromDrop.N);
        Assert.Equal(2, fromDrop.Events);
        Assert.Contains(fromDrop.Assumptions, a => a.Contains("1 / (first drop)"));
        var fromEvents = GuyotReconstruction.Reconstruct(new ArmEvidence(curve, TotalEvents: 4));
        Assert.Equal(20, fromEvents.N);
        Assert.Equal(4, fromEvents.Events);
        Assert.Contains(fromEvents.Assumptions, a => a.Contains("events / (1 − S"));
        var given = GuyotReconstruction.Reconstruct(new ArmEvidence(curve, Patients: 40, TotalEvents: 6));
        Assert.Equal(40, given.N);
        Assert.Equal(6, given.Events);
        Assert.Contains(given.Assumptions, a => a.Contains("censoring is spread evenly over the follow-up"));
    }

    /// <summary>The exact corners of a Kaplan–Meier curve with the number at risk at every distinct time give the curve
    /// back: the same survival at every event time, the same events and patients.</summary>
    [Theory]
    [InlineData("lung_sex")]
    [InlineData("veteran_celltype")]
    public void Exact_corners_with_a_full_table_give_the_curve_back(string fixture)
    {
        var data = KmFixture(fixture);
        var fit = KaplanMeier.Fit(data);
        var arms = fit.Curves.Select(c => new ArmEvidence(DigitizedCurve.FromCurve(c),
            AtRiskTable.FromCurve(c, [0, .. c.Steps.Select(s => s.Time).Where(t => t > 0)]))).ToArray();
        var result = GuyotReconstruction.Reconstruct(arms);
        foreach (var (original, rebuilt) in fit.Curves.Zip(result.Arms))
        {
            Assert.Equal(original.N, rebuilt.N);
            Assert.Equal(original.Events, rebuilt.Events);
            foreach (var step in original.Steps.Where(s => s.Events > 0))
                Assert.Equal(step.Survival, rebuilt.Curve.SurvivalProbability(step.Time), 12);
            Assert.All(rebuilt.AtRisk, a => Assert.Equal(a.Published, a.Reconstructed));
            Assert.Equal(0, rebuilt.MaxAbsDifference, 12);
        }
    }

    /// <summary>The accuracy targets from exact coordinates with a table every tenth of follow-up: medians within 1%
    /// (or on the step), the hazard ratio within 2%, events within 2%, on R's lung and veteran data and two simulated
    /// pairs of arms (heavy censoring, crossing curves). Without the total events, as most papers print none.</summary>
    [Theory]
    [InlineData("lung_sex", 0)]
    [InlineData("veteran_trt", 0)]
    [InlineData("heavy-censoring", 11)]
    [InlineData("crossing", 12)]
    public void Exact_coordinates_with_a_table_every_tenth_meet_the_accuracy_targets(string source, int seed)
    {
        var data = source.Contains('_') ? Figure(source) : ReconstructionScore.Simulated(source, seed);
        var rebuilt = ReconstructionScore.FromExactCurves(data, withEvents: false);
        var score = ReconstructionScore.Compare(data, rebuilt.ToSurvivalData(), 0.01);
        Assert.True(score.MediansWithin, score.ToString());
        Assert.True(score.HazardRatioRelativeError <= 0.02, score.ToString());
        Assert.True(score.EventsRelativeError <= 0.02, score.ToString());
    }

    [Fact]
    public void Printed_total_events_are_matched()
    {
        var data = ReconstructionScore.Simulated("heavy-censoring", 3);
        var rebuilt = ReconstructionScore.FromExactCurves(data, withEvents: true);
        foreach (var (arm, curve) in rebuilt.Arms.Zip(KaplanMeier.Fit(data).Curves))
            Assert.Equal(curve.Events, arm.Events);
    }

    [Fact]
    public void The_patients_are_ordinary_input_and_the_report_prints()
    {
        var data = KmFixture("lung_sex");
        var rebuilt = ReconstructionScore.FromExactCurves(data, withEvents: false);
        var rows = rebuilt.ToSurvivalData();
        Assert.Equal(data.Count, rows.Count);
        Assert.Equal(["female", "male"], rows.Group!.Levels);
        string text = rebuilt.ToString();
        Assert.Contains("Guyot", text);
        Assert.Contains("group=female: n=90", text);
        Assert.Contains("at risk (time: published/reconstructed)", text);
    }

    /// <summary>The patients behind one of the R-drawn figures (Golden/R/reconstruction.R).</summary>
    internal static SurvivalData Figure(string name)
    {
        var input = Golden.Load("reconstruction", name).GetProperty("input");
        return SurvivalData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            group: Golden.Strings(input.GetProperty("group")));
    }

    internal static SurvivalData KmFixture(string name)
    {
        var input = Golden.Load("km", name).GetProperty("input");
        return SurvivalData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            group: Golden.Strings(input.GetProperty("group")));
    }
}
