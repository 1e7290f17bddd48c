using FsCheck.Xunit;
using Survival.Assessment;
using Survival.CompetingRisks;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>Cause-specific Cox models beyond the R fixtures: without covariate effects the absolute risk is the
/// Aalen–Johansen cumulative incidence (riskRegression's own check against prodlim), with delayed entry too (where
/// riskRegression warns that its predictions were not designed for it); the public prediction refuses what R
/// returns as NA or warns about; the printout is R's <c>print(CSC(...))</c> up to each cause's model.</summary>
public class CauseSpecificCoxTests
{
    [Property(MaxTest = 100)]
    public bool With_no_covariate_effect_the_absolute_risk_is_the_Aalen_Johansen_incidence(int[] raw, bool delayed)
    {
        if (raw is null || raw.Length < 3) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 13) / 2.0).ToArray();
        var status = raw.Select(x => (Math.Abs(x / 13) % 4) switch { 0 => "0", 1 => "1", 2 => "2", _ => "1" }).ToArray();
        if (!status.Contains("1") || !status.Contains("2")) return true;
        // Delayed entry on the same half-unit grid (entries equal to other rows' event times), below each exit.
        var entry = delayed ? raw.Select((x, i) => Math.Max(0, time[i] - (1 + Math.Abs(x / 7 % 4)) / 2.0)).ToArray() : null;
        var data = CompetingRisksData.Create(time, status, entry: entry);
        // A covariate with one value: R reports its coefficient as NA and the linear predictor is 0.
        var x = new CovariateMatrix(time.Length).AddNumeric("z", Enumerable.Repeat(1.0, time.Length).ToArray());
        var fit = CauseSpecificCox.Fit(data, x, new CoxOptions { Ties = CoxTies.Breslow });
        var aj = CumulativeIncidence.Fit(data);
        double[] times = [0.5, 1, 2.25, 3, 4.5, time.Max()];
        var newX = new CovariateMatrix(1).AddNumeric("z", [1.0]);
        foreach (var cause in new[] { "1", "2" })
        {
            var risk = RiskPrediction.CauseSpecificCox(fit, cause, newX, times);
            for (int k = 0; k < times.Length; k++)
                if (Math.Abs(risk[0, k] - aj[cause].EstimateAt(times[k])) > 1e-12) return false;
        }
        return true;
    }

    private static (CauseSpecificCoxResult Fit, CovariateMatrix X) Small()
    {
        var data = CompetingRisksData.Create([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], ["1", "2", "0", "1", "2", "1", "0", "2", "1", "0"]);
        var x = new CovariateMatrix(10).AddNumeric("age", [50.0, 61, 47, 70, 66, 58, 52, 73, 64, 55]);
        return (CauseSpecificCox.Fit(data, x), x);
    }

    [Fact]
    public void The_public_prediction_gives_the_same_risks_and_refuses_a_time_after_the_last_observation()
    {
        var (fit, x) = Small();
        double[] times = [0.5, 2, 5.5, 10];
        var risks = RiskPrediction.CauseSpecificCox(fit, "1", x, times);
        var raw = RiskPrediction.CauseSpecificRisks(fit, "1", x, times, null, EventFreeSurvival.ProductLimit, out _, out _);
        for (int k = 0; k < times.Length; k++)
            for (int i = 0; i < 10; i++) Assert.Equal(raw[k][i], risks[i, k]);
        Assert.Equal(0, risks[0, 0]);
        var e = Assert.Throws<SurvivalInputException>(() => RiskPrediction.CauseSpecificCox(fit, "1", x, [5.0, 10.5]));
        Assert.Equal("10.5", e.Value);
        Assert.Contains("last observed time 10", e.Message);
        Assert.Contains("NA", e.Message);
    }

    [Fact]
    public void An_unknown_cause_or_stratum_is_named()
    {
        var (fit, x) = Small();
        var e = Assert.Throws<SurvivalInputException>(() => RiskPrediction.CauseSpecificCox(fit, "3", x, [2.0]));
        Assert.Equal("3", e.Value);
        Assert.Contains("(1, 2)", e.Message);
        Assert.Throws<SurvivalInputException>(() => fit["3"]);
        var s = Assert.Throws<SurvivalInputException>(() => RiskPrediction.CauseSpecificCox(fit, "1", x, [2.0], strata: Enumerable.Repeat("a", 10).ToArray()));
        Assert.Contains("no strata", s.Message);
        Assert.Same(fit.Models[1], fit["2"]);
    }

    [Fact]
    public void A_risk_above_one_from_the_exponential_form_is_refused_with_Rs_warning()
    {
        // Every row fails by cause 1 or 2 at tied times: the hazards at the last time are large, and exp(−Λ) overshoots.
        var data = CompetingRisksData.Create([1.0, 1, 2, 2, 3, 3], ["1", "2", "1", "2", "1", "2"]);
        var x = new CovariateMatrix(6).AddNumeric("z", [0.0, 1, 0, 1, 0, 1]);
        var fit = CauseSpecificCox.Fit(data, x);
        var raw = RiskPrediction.CauseSpecificRisks(fit, "1", x, [3.0], null, EventFreeSurvival.Exponential, out _, out _);
        int over = Array.FindIndex(raw[0], r => r > 1 || r < 0);
        Assert.True(over >= 0, "the exponential form stays inside [0, 1] here: " + string.Join(", ", raw[0]));
        var e = Assert.Throws<SurvivalInputException>(() => RiskPrediction.CauseSpecificCox(fit, "1", x, [3.0], survival: EventFreeSurvival.Exponential));
        Assert.Contains("Estimated risk outside the range [0,1]", e.Message);
        Assert.Equal(over + 1, e.Row);
        var pl = RiskPrediction.CauseSpecificCox(fit, "1", x, [3.0]);
        Assert.InRange(pl[0, 0], 0, 1);
    }

    [Theory]
    [InlineData("csc-mgus2-print.txt", false)]
    [InlineData("csc-mgus2-labels-print.txt", true)]
    public void Prints_Rs_response_summary_and_a_header_per_cause(string file, bool words)
    {
        var f = Golden.Load("assessment", "csc-mgus2");
        var rows = f.GetProperty("rows");
        var status = Golden.Strings(rows.GetProperty("event"));
        if (words) status = status.Select(s => s switch { "1" => "progression", "2" => "death", _ => s }).ToArray();
        var data = CompetingRisksData.Create(Golden.Numbers(rows.GetProperty("time")), status);
        var sex = Golden.Strings(rows.GetProperty("sex"));
        var x = new CovariateMatrix(data.Count).AddNumeric("age", Golden.Numbers(rows.GetProperty("age"))).AddCategorical("sex", Factor.FromLabels(sex, ["F", "M"], "sex"));
        var printed = CauseSpecificCox.Fit(data, x).ToString();
        var r = File.ReadAllText(Path.Combine(Golden.Directory("assessment"), file)).Replace("\r\n", "\n");
        // R's print: its call (one or more lines), the response summary, then per cause "----------> Cause:  k" and
        // print(summary(coxph)), which starts with the model's call. The library prints no calls; everything from the
        // response to the first model's call is compared character for character.
        int start = r.IndexOf("\nRight-censored", StringComparison.Ordinal), call = r.IndexOf("Call:", StringComparison.Ordinal);
        Assert.True(start >= 0 && call > start, "R's printout has its response summary and a model");
        Assert.StartsWith(r[start..call], printed);
        string second = words ? "progression" : "2";
        Assert.Contains($"\n\n----------> Cause:  {second} \n\n", printed);
        Assert.Contains($"\n\n----------> Cause:  {second} \n\n", r);
        Assert.Contains("  n= 1384, number of events= 115", printed);
    }
}
