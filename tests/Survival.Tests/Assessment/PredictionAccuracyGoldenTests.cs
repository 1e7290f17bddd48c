using System.Text.Json;
using Survival.Assessment;
using Survival.CompetingRisks;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Assessment;

/// <summary>Time-dependent AUC and Brier scores against riskRegression::Score with Kaplan–Meier censoring weights and
/// influence-function standard errors (fixtures from Golden/R/assessment.R: lung Cox, colon Cox on a held-out half, pbc
/// Weibull, seeded ties with censoring and events at the evaluation times, mgus2 Fine–Gray under competing risks):
/// estimates, standard errors, limits, the null model and IBS, to 1e-10.</summary>
public class PredictionAccuracyGoldenTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Cases("assessment")) if (name.StartsWith("score-", StringComparison.Ordinal)) data.Add(name);
        return data;
    }

    internal static PredictedRisks Risks(JsonElement f)
        => new(Golden.Numbers(f.GetProperty("times")), f.GetProperty("risk").EnumerateArray().Select(Golden.Numbers).ToArray());

    internal static PredictionAccuracyResult Evaluate(JsonElement f, PredictedRisks risks)
    {
        var rows = f.GetProperty("rows");
        var time = Golden.Numbers(rows.GetProperty("time"));
        var status = Golden.Numbers(rows.GetProperty("status"));
        if (f.TryGetProperty("cause", out var cause) && cause.ValueKind is JsonValueKind.Array or JsonValueKind.Number)
        {
            var data = CompetingRisksData.Create(time, status.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            return PredictionAccuracy.Evaluate(data, "1", risks);
        }
        return PredictionAccuracy.Evaluate(SurvivalData.Create(time, status.Select(s => s == 1).ToArray()), risks);
    }

    internal static void AssertMatches(JsonElement f, PredictionAccuracyResult r, string name, double tolerance)
    {
        static void Same(JsonElement e, TimedEstimate x, string at, double tol, string est = "estimate", string se = "se", string lo = "lower", string up = "upper")
        {
            Golden.Close(Golden.Numbers(e.GetProperty(est))[0], x.Estimate, tol, at + " " + est);
            Golden.Close(Golden.Numbers(e.GetProperty(se))[0], x.StdErr, tol, at + " " + se);
            Golden.Close(Golden.Numbers(e.GetProperty(lo))[0], x.Lower, tol, at + " " + lo);
            Golden.Close(Golden.Numbers(e.GetProperty(up))[0], x.Upper, tol, at + " " + up);
        }
        var auc = f.GetProperty("auc").EnumerateArray().ToArray();
        Assert.Equal(auc.Length, r.Auc.Count);
        for (int k = 0; k < auc.Length; k++) Same(auc[k], r.Auc[k], $"{name} AUC[{k}]", tolerance);
        var brier = f.GetProperty("brier").EnumerateArray().ToArray();
        for (int k = 0; k < brier.Length; k++)
        {
            Same(brier[k], r.Brier[k], $"{name} Brier[{k}]", tolerance);
            Same(brier[k], r.NullBrier[k], $"{name} null Brier[{k}]", tolerance, "null", "nullSe", "nullLower", "nullUpper");
            Golden.Close(Golden.Numbers(brier[k].GetProperty("ibs"))[0], r.IntegratedBrierTo[k].Estimate, tolerance, $"{name} IBS[{k}]");
            Golden.Close(Golden.Numbers(brier[k].GetProperty("nullIbs"))[0], r.NullIntegratedBrierTo[k].Estimate, tolerance, $"{name} null IBS[{k}]");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_R_Score(string name)
    {
        var f = Golden.Load("assessment", name);
        AssertMatches(f, Evaluate(f, Risks(f)), name, 1e-10);
    }

    [Theory]
    [InlineData("roc-lung-cox")]
    [InlineData("roc-mgus2-finegray")]
    public void Roc_curves_are_Scores_plot_frame(string name)
    {
        // Evaluate reads the fixture's rows (with its cause under competing risks) and risks; the ROC option adds the curves.
        var f = Golden.Load("assessment", name);
        var rows = f.GetProperty("rows");
        var time = Golden.Numbers(rows.GetProperty("time"));
        var status = Golden.Numbers(rows.GetProperty("status"));
        var options = new PredictionAccuracyOptions { Roc = true };
        var risks = Risks(f);
        var r = f.TryGetProperty("cause", out var cause) && cause.ValueKind is JsonValueKind.Array or JsonValueKind.Number
            ? PredictionAccuracy.Evaluate(CompetingRisksData.Create(time, status.Select(v => ((int)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()), "1", risks, options)
            : PredictionAccuracy.Evaluate(SurvivalData.Create(time, status.Select(v => v == 1).ToArray()), risks, options);
        var curves = f.GetProperty("roc").EnumerateArray().ToArray();
        Assert.Equal(curves.Length, r.Roc.Count);
        for (int k = 0; k < curves.Length; k++)
        {
            var (risk, tpr, fpr) = (Golden.Numbers(curves[k].GetProperty("risk")), Golden.Numbers(curves[k].GetProperty("tpr")), Golden.Numbers(curves[k].GetProperty("fpr")));
            var points = r.Roc[k].Points;
            Assert.Equal(Golden.Numbers(curves[k].GetProperty("time"))[0], r.Roc[k].Time);
            Assert.Equal(risk.Length, points.Count);
            for (int j = 0; j < risk.Length; j++)
            {
                Assert.Equal(risk[j], points[j].Risk);
                Golden.Close(tpr[j], points[j].TruePositiveRate, 1e-12, $"{name} time {r.Roc[k].Time} TPR[{j}]");
                Golden.Close(fpr[j], points[j].FalsePositiveRate, 1e-12, $"{name} time {r.Roc[k].Time} FPR[{j}]");
            }
            // The trapezoids under the points are the AUC.
            double area = 0, x = 0, y = 0;
            foreach (var p in points) { area += (p.FalsePositiveRate - x) * (p.TruePositiveRate + y) / 2; (x, y) = (p.FalsePositiveRate, p.TruePositiveRate); }
            Assert.Equal(r.Auc[k].Estimate, area, 1e-12);
        }
        Assert.Empty(PredictionAccuracy.Evaluate(SurvivalData.Create(time, status.Select(v => v != 0).ToArray()), risks).Roc);
    }

    [Fact]
    public void A_time_without_cases_has_an_undefined_ROC_curve_as_its_AUC()
    {
        // No event by τ = 0.5: every rate over the cases is 0/0 (Score's cumsum/sum), as the AUC is NaN.
        var data = SurvivalData.Create([1.0, 2, 3, 4, 5, 6], [true, false, true, true, false, true]);
        var risks = new PredictedRisks([0.5, 3.5], [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.9, 0.2, 0.8, 0.4, 0.3, 0.1]]);
        var r = PredictionAccuracy.Evaluate(data, risks, new PredictionAccuracyOptions { Roc = true });
        Assert.True(double.IsNaN(r.Auc[0].Estimate));
        Assert.All(r.Roc[0].Points, p => Assert.True(double.IsNaN(p.TruePositiveRate)));
        Assert.Equal(6, r.Roc[0].Points.Count);
        // At 3.5: cases are the events at 1 and 3, controls the rows still at risk; the last point is (1, 1).
        var last = r.Roc[1].Points[^1];
        Assert.Equal((0.1, 1.0, 1.0), (last.Risk, last.TruePositiveRate, last.FalsePositiveRate));
        Assert.Equal(0.9, r.Roc[1].Points[0].Risk);
    }
}
