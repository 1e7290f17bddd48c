using System.Text.Json;
using Survival.Digitizing;
using Survival.Reconstruction;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Digitizing.Tests;

/// <summary>Figures drawn by R's <c>plot.survfit</c> (Survival.Tests/Golden/R/reconstruction.R): read back with the
/// colours found, not given, and rebuilt with the at-risk table R prints; scored against the patients R drew and R's own
/// medians and hazard ratio. The issue's targets for an 800 × 600 PNG: medians within 3%, the hazard ratio within 5%.</summary>
public class RFigureTests
{
    [Theory]
    [InlineData("lung_sex")]
    [InlineData("veteran_trt")]
    [InlineData("lung_sex_incidence")]
    [InlineData("lung_sex_primaries")]
    [InlineData("veteran_trt_flush")]
    [InlineData("weibull_large")]
    [InlineData("weibull_small")]
    [InlineData("lung_sex_survminer")]
    public void R_figures_are_read_back_within_the_targets(string name)
    {
        var fixture = Fixture(name);
        var options = Calibration(fixture);
        var figure = FigureDigitizer.Digitize(Path.Combine(AppContext.BaseDirectory, "Figures", name + ".png"), options);
        var arms = fixture.GetProperty("arms").EnumerateArray().ToArray();
        // The colours R drew with are found exactly, in no particular order.
        Assert.Equal(arms.Select(a => a.GetProperty("color").GetString()).Order(), figure.Curves.Select(c => c.Color.ToString()).Order());
        bool incidence = fixture.GetProperty("kind").GetString() == "cumulative-incidence";
        Assert.All(figure.Curves, c => Assert.Equal(incidence, c.Rising));
        var evidence = figure.Curves.Select(c =>
        {
            var arm = arms.Single(a => a.GetProperty("color").GetString() == c.Color.ToString());
            var rows = arm.GetProperty("atRisk").EnumerateArray().ToArray();
            var curve = c.ToDigitizedCurve(options.Y);
            return new ArmEvidence(DigitizedCurve.Create(curve.Points.Select(p => p.Time).ToArray(), curve.Points.Select(p => p.Survival).ToArray(), arm.GetProperty("group").GetString()),
                AtRiskTable.Create(rows.Select(r => r.GetProperty("time").GetDouble()).ToArray(), rows.Select(r => r.GetProperty("atRisk").GetDouble()).ToArray()));
        }).ToArray();
        var result = GuyotReconstruction.Reconstruct(evidence);
        var score = ReconstructionScore.Compare(Patients(fixture), result.ToSurvivalData(), 0.03);
        Assert.True(score.MediansWithin, score.ToString());
        Assert.True(score.HazardRatioRelativeError <= 0.05, score.ToString());
        // Against R's own numbers too (R's median per arm, coxph's HR of the second arm against the first).
        foreach (var arm in arms)
        {
            double rMedian = arm.GetProperty("median").GetDouble();
            var rebuilt = result.Arms.Single(a => a.Group == arm.GetProperty("group").GetString()).Curve.Median.Estimate!.Value;
            Assert.True(Math.Abs(rebuilt - rMedian) <= 0.03 * rMedian, $"{arm.GetProperty("group")}: R's median {rMedian}, rebuilt {rebuilt}");
        }
        double rHr = fixture.GetProperty("hazardRatio").GetDouble();
        var levels = arms.Select(a => a.GetProperty("group").GetString()!).ToArray();
        var data = result.ToSurvivalData();
        var cox = Survival.Regression.CoxRegression.Fit(data, new Survival.Regression.CovariateMatrix(data.Count).AddCategorical("group", data.Group!, levels[0]));
        Assert.True(Math.Abs(cox.Coefficients[0].HazardRatio!.Value - rHr) <= 0.05 * rHr, $"R's HR {rHr}, rebuilt {cox.Coefficients[0].HazardRatio}");
    }

    internal static JsonElement Fixture(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Figures", name + ".json"))).RootElement;

    internal static DigitizeOptions Calibration(JsonElement fixture)
    {
        var c = fixture.GetProperty("calibration");
        AxisCalibration Axis(string axis)
        {
            var p = c.GetProperty(axis).EnumerateArray().ToArray();
            return AxisCalibration.Create(p[0].GetProperty("pixel").GetDouble(), p[0].GetProperty("value").GetDouble(),
                p[1].GetProperty("pixel").GetDouble(), p[1].GetProperty("value").GetDouble());
        }
        return new DigitizeOptions(Axis("x"), Axis("y"));
    }

    internal static SurvivalData Patients(JsonElement fixture)
    {
        var input = fixture.GetProperty("input");
        return SurvivalData.Create(input.GetProperty("time").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            input.GetProperty("status").EnumerateArray().Select(x => x.GetDouble() == 1).ToArray(),
            group: input.GetProperty("group").EnumerateArray().Select(x => x.GetString()!).ToArray());
    }
}
