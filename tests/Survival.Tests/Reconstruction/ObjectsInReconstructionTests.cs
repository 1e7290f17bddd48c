using Survival.Estimation;
using Survival.Reconstruction;
using Xunit;

namespace Survival.Tests.Reconstruction;

/// <summary>Reconstruction from the rows an application holds (issue 36): digitised points and numbers at risk of several
/// arms held together are split by arm, give the same patients as the evidence built arm by arm, and an error names the
/// row among all the rows.</summary>
public class ObjectsInReconstructionTests
{
    private sealed record Point(string? Arm, double Months, double Survival);

    private sealed record AtRiskRow(string Arm, double Months, double N);

    [Fact]
    public void Points_and_tables_of_several_arms_held_together_give_the_arm_by_arm_reconstruction()
    {
        var fit = KaplanMeier.Fit(GuyotReconstructionTests.KmFixture("lung_sex"));
        var curves = fit.Curves.Select(c => DigitizedCurve.FromCurve(c)).ToArray();
        var tables = fit.Curves.Select(c => AtRiskTable.FromCurve(c, [0, 100, 200, 400, 600, 800])).ToArray();
        var expected = GuyotReconstruction.Reconstruct(curves.Zip(tables, (c, t) => new ArmEvidence(c, t)).ToArray());

        // As a digitiser exports them: every arm's points in one list, interleaved.
        var points = curves.SelectMany(c => c.Points.Select((p, i) => (i, new Point(c.Group, p.Time, p.Survival))))
            .OrderBy(x => x.i).Select(x => x.Item2).ToArray();
        var rows = curves.Zip(tables).SelectMany(x => x.Second.Times.Select((t, i) => new AtRiskRow(x.First.Group!, t, x.Second.Counts[i]))).ToArray();
        var byGroup = DigitizedCurve.ByGroup(points, p => p.Arm, p => p.Months, p => p.Survival);
        Assert.Equal(curves.Select(c => c.Group), byGroup.Select(c => c.Group));
        var result = GuyotReconstruction.Reconstruct(byGroup, AtRiskTable.ByGroup(rows, r => r.Arm, r => r.Months, r => r.N));

        Assert.Equal(expected.ToString(), result.ToString());
        foreach (var arm in expected.Arms)
        {
            Assert.Equal(arm.Time.ToArray(), result[arm.Group!].Time.ToArray());
            Assert.Equal(arm.Event.ToArray(), result[arm.Group!].Event.ToArray());
        }
        var missing = Assert.Throws<KeyNotFoundException>(() => result["placebo"]);
        Assert.Contains("the arms are female, male", missing.Message);

        var one = DigitizedCurve.From(points.Where(p => p.Arm == curves[0].Group), p => p.Months, p => p.Survival, group: curves[0].Group);
        Assert.Equal(curves[0].Cleaned, one.Cleaned);
        Assert.Equal(tables[0], AtRiskTable.From(rows.Where(r => r.Arm == curves[0].Group), r => r.Months, r => r.N, group: curves[0].Group));
    }

    [Fact]
    public void A_bad_point_is_named_by_its_row_among_all_rows_and_nothing_is_dropped()
    {
        Point[] points = [new("A", 0, 1), new("B", 0, 1), new("A", 5, 0.8), new("B", 5, double.NaN), new("A", 9, 0.6)];
        var e = Assert.Throws<SurvivalInputException>(() => DigitizedCurve.ByGroup(points, p => p.Arm, p => p.Months, p => p.Survival));
        Assert.Equal(4, e.Row);
        Assert.Contains("group B", e.Message);

        Point[] noArm = [new("A", 0, 1), new(null, 5, 0.8)];
        Assert.Equal(2, Assert.Throws<SurvivalInputException>(() => DigitizedCurve.ByGroup(noArm, p => p.Arm, p => p.Months, p => p.Survival)).Row);

        AtRiskRow[] table = [new("A", 0, 20), new("B", 0, 20), new("A", 5, 25)];
        var rises = Assert.Throws<SurvivalInputException>(() => AtRiskTable.ByGroup(table, r => r.Arm, r => r.Months, r => r.N));
        Assert.Equal(3, rises.Row);

        var curves = DigitizedCurve.ByGroup(points.Where(p => p.Arm == "A"), p => p.Arm, p => p.Months, p => p.Survival);
        var stray = Assert.Throws<SurvivalInputException>(() => GuyotReconstruction.Reconstruct(curves,
            AtRiskTable.ByGroup(table.Where(r => r.Arm == "B"), r => r.Arm, r => r.Months, r => r.N)));
        Assert.Equal("B", stray.Value);
        Assert.Contains("no curve", stray.Message);
    }
}
