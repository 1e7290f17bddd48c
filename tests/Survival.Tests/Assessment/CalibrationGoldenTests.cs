using Survival.Assessment;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Assessment;

/// <summary>Calibration tables against R (fixtures from Golden/R/assessment.R): groups cut at quantile(type = 7) of the
/// predicted risk, 1 − survfit's Kaplan–Meier in each with its log-scale limits, and the slope from coxph on
/// log(−log(1 − risk)), for lung (deciles, apparent) and colon (quintiles, held-out half).</summary>
public class CalibrationGoldenTests
{
    [Theory]
    [InlineData("calibration-lung-cox", 10)]
    [InlineData("calibration-colon-test", 5)]
    public void Matches_R(string name, int groups)
    {
        var f = Golden.Load("assessment", name);
        var rows = f.GetProperty("rows");
        var data = SurvivalData.Create(Golden.Numbers(rows.GetProperty("time")), Golden.Numbers(rows.GetProperty("status")).Select(s => s == 1).ToArray());
        double t = Golden.Numbers(f.GetProperty("time"))[0];
        var risks = new PredictedRisks([t], [Golden.Numbers(f.GetProperty("risk"))]);
        var r = Calibration.Compute(data, risks, new CalibrationOptions { Groups = groups }).Times[0];
        var expected = f.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, r.Groups.Count);
        for (int g = 0; g < expected.Length; g++)
        {
            var e = expected[g];
            Assert.Equal(e.GetProperty("n").GetInt32(), r.Groups[g].N);
            Golden.Close(Golden.Numbers(e.GetProperty("predicted"))[0], r.Groups[g].Predicted, 1e-12, $"{name} group {g + 1} predicted");
            Golden.Close(Golden.Numbers(e.GetProperty("observed"))[0], r.Groups[g].Observed, 1e-12, $"{name} group {g + 1} observed");
            Golden.Close(Golden.Numbers(e.GetProperty("lower"))[0], r.Groups[g].Lower, 1e-10, $"{name} group {g + 1} lower");
            Golden.Close(Golden.Numbers(e.GetProperty("upper"))[0], r.Groups[g].Upper, 1e-10, $"{name} group {g + 1} upper");
        }
        var slope = f.GetProperty("slope");
        Assert.NotNull(r.Slope);
        Golden.Close(Golden.Numbers(slope.GetProperty("estimate"))[0], r.Slope!.Estimate, 1e-6, $"{name} slope");
        Golden.Close(Golden.Numbers(slope.GetProperty("se"))[0], r.Slope.StdErr, 1e-6, $"{name} slope se");
    }

    [Fact]
    public void Competing_risks_calibration_matches_R_Aalen_Johansen_and_crr()
    {
        var f = Golden.Load("assessment", "calibration-mgus2-finegray");
        var rows = f.GetProperty("rows");
        var status = Golden.Numbers(rows.GetProperty("status")).Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var data = Survival.CompetingRisks.CompetingRisksData.Create(Golden.Numbers(rows.GetProperty("time")), status);
        double t = Golden.Numbers(f.GetProperty("time"))[0];
        var r = Calibration.Compute(data, "1", new PredictedRisks([t], [Golden.Numbers(f.GetProperty("risk"))])).Times[0];
        var expected = f.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, r.Groups.Count);
        for (int g = 0; g < expected.Length; g++)
        {
            Assert.Equal(expected[g].GetProperty("n").GetInt32(), r.Groups[g].N);
            Golden.Close(Golden.Numbers(expected[g].GetProperty("predicted"))[0], r.Groups[g].Predicted, 1e-12, $"group {g + 1} predicted");
            Golden.Close(Golden.Numbers(expected[g].GetProperty("observed"))[0], r.Groups[g].Observed, 1e-10, $"group {g + 1} observed");
        }
        Golden.Close(Golden.Numbers(f.GetProperty("slope").GetProperty("estimate"))[0], r.Slope!.Estimate, 1e-6, "slope");
        Golden.Close(Golden.Numbers(f.GetProperty("slope").GetProperty("se"))[0], r.Slope.StdErr, 1e-6, "slope se");
    }
}
