using System.Text.Json;
using Survival.Assessment;
using Survival.CompetingRisks;
using Survival.Regression;
using Survival.Tests.Assessment;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>Cause-specific Cox models and their absolute risks against riskRegression's CSC and predictRisk (fixtures
/// from Golden/R/cause-specific-cox.R: mgus2 with Efron and Breslow ties and with strata, seeded data with three causes,
/// tied times and a factor): each cause's coefficients and standard errors, and every cause's absolute risk for chosen
/// rows at times before the first event, between events and after the last observation (NA), by product limit and by
/// exp(−cumulative hazard).</summary>
public class CauseSpecificCoxGoldenTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Cases("assessment")) if (name.StartsWith("csc-", StringComparison.Ordinal)) data.Add(name);
        return data;
    }

    private static (CompetingRisksData Data, CovariateMatrix X, string[]? Strata) Load(JsonElement f, int[]? only = null)
    {
        var rows = f.GetProperty("rows");
        var time = Golden.Numbers(rows.GetProperty("time"));
        var status = Golden.Strings(rows.GetProperty("event"));
        var strata = rows.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null;
        var entry = rows.TryGetProperty("entry", out var e) ? Golden.Numbers(e) : null;
        var data = CompetingRisksData.Create(time, status, entry: entry, strata: strata);
        var pick = only ?? Enumerable.Range(0, time.Length).ToArray();
        var x = new CovariateMatrix(pick.Length);
        foreach (var name in f.GetProperty("covariates").EnumerateArray().Select(v => v.GetString()!))
        {
            var column = Golden.Strings(rows.GetProperty(name));
            if (column.All(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))
            {
                var values = Golden.Numbers(rows.GetProperty(name));
                x.AddNumeric(name, pick.Select(i => values[i]).ToArray());
            }
            else
                // R's factor(): levels in sorted order, the first the reference.
                x.AddCategorical(name, Factor.FromLabels(pick.Select(i => column[i]).ToArray(), column.Distinct().Order(StringComparer.Ordinal).ToArray(), name));
        }
        return (data, x, strata is null ? null : pick.Select(i => strata[i]).ToArray());
    }

    /// <summary>A fixture and the library's fit of its rows, with the fixture's ties.</summary>
    private static (JsonElement Fixture, CauseSpecificCoxResult Fit) Fitted(string name)
    {
        var f = Golden.Load("assessment", name);
        var (data, x, _) = Load(f);
        return (f, CauseSpecificCox.Fit(data, x, new CoxOptions { Ties = f.GetProperty("ties").GetString() == "breslow" ? CoxTies.Breslow : CoxTies.Efron }));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_causes_model_is_Rs_coxph(string name)
    {
        var (f, fit) = Fitted(name);
        Assert.Equal(Golden.Strings(f.GetProperty("causes")), fit.Causes);
        int k = 0;
        foreach (var model in f.GetProperty("models").EnumerateArray())
        {
            var coef = Golden.Numbers(model.GetProperty("coef"));
            var se = Golden.Numbers(model.GetProperty("se"));
            var mine = fit.Models[k];
            Assert.True(mine.Converged);
            for (int j = 0; j < coef.Length; j++)
            {
                Golden.Close(coef[j], mine.Coefficients[j].Estimate, 1e-6, $"{name} cause {fit.Causes[k]} coef {j}");
                Golden.Close(se[j], mine.Coefficients[j].StdErr, 1e-6, $"{name} cause {fit.Causes[k]} se {j}");
            }
            k++;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Absolute_risks_are_Rs_predictRisk(string name)
    {
        var (f, fit) = Fitted(name);
        var newRows = f.GetProperty("newrows").EnumerateArray().Select(v => v.GetInt32() - 1).ToArray();
        var (_, newX, newStrata) = Load(f, newRows);
        var times = Golden.Numbers(f.GetProperty("times"));
        int compared = 0;
        foreach (var c in f.GetProperty("cases").EnumerateArray())
        {
            string cause = c.GetProperty("cause").GetString()!;
            var survival = c.GetProperty("productLimit").GetBoolean() ? EventFreeSurvival.ProductLimit : EventFreeSurvival.Exponential;
            var risk = RiskPrediction.CauseSpecificRisks(fit, cause, newX, times, newStrata, survival, out _, out _);
            int k = 0;
            foreach (var column in c.GetProperty("risk").EnumerateArray())
            {
                var expected = Golden.Strings(column);
                for (int i = 0; i < newRows.Length; i++)
                {
                    string at = $"{name} cause {cause} {survival} row {newRows[i] + 1} time {times[k]}";
                    if (expected[i] == "NA") Assert.True(double.IsNaN(risk[k][i]), at + ": R gives NA");
                    else
                    {
                        Golden.Close(double.Parse(expected[i], System.Globalization.CultureInfo.InvariantCulture), risk[k][i], 1e-9, at);
                        compared++;
                    }
                }
                k++;
            }
        }
        Assert.True(compared > 50, $"{name}: only {compared} values compared");
    }

    [Fact]
    public void Its_own_risks_are_predictRisks_and_Score_scores_them_as_R_from_objects_too()
    {
        // mgus2 (complete cases), progression (1) against death (2): CSC(Hist(time, status) ~ age + male + mspike),
        // predictRisk at 60, 120 and 240 months, and Score's AUC and Brier score of those risks (assessment.R).
        var f = Golden.Load("assessment", "score-mgus2-csc");
        var rows = f.GetProperty("rows");
        var cov = f.GetProperty("covariates");
        var time = Golden.Numbers(rows.GetProperty("time"));
        var status = Golden.Numbers(rows.GetProperty("status")).Select(v => ((int)v).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (age, male, mspike) = (Golden.Numbers(cov.GetProperty("age")), Golden.Numbers(cov.GetProperty("male")), Golden.Numbers(cov.GetProperty("mspike")));
        var data = CompetingRisksData.Create(time, status);
        var x = new CovariateMatrix(time.Length).AddNumeric("age", age).AddNumeric("male", male).AddNumeric("mspike", mspike);
        var fit = CauseSpecificCox.Fit(data, x);
        var expected = PredictionAccuracyGoldenTests.Risks(f);
        var mine = RiskPrediction.CauseSpecificCox(fit, "1", x, expected.Times);
        for (int k = 0; k < expected.Times.Count; k++)
            for (int i = 0; i < expected.Rows; i++)
                Golden.Close(expected[i, k], mine[i, k], 1e-9, $"row {i + 1} time {expected.Times[k]}");
        PredictionAccuracyGoldenTests.AssertMatches(f, PredictionAccuracy.Evaluate(data, "1", mine), "mgus2 CSC", 1e-7);

        // The same from objects, with one subject missing its status left out as R's na.omit.
        var (subjects, covariates) = ObjectsInAssessmentTests.Mgus2Subjects(f);
        var model = RiskModel.CauseSpecificCox(fit, "1", covariates);
        var r = PredictionAccuracy.Evaluate(subjects, s => s.Time, s => s.Status, "1", model, expected.Times);
        PredictionAccuracyGoldenTests.AssertMatches(f, r, "mgus2 CSC from objects", 1e-7);
        Assert.Equal([(long)subjects.Count], r.Omitted.Positions);
        var e = Assert.Throws<SurvivalInputException>(() => model.LinearPredictors(subjects.Take(3)));
        Assert.Contains("one linear predictor per cause", e.Message);
        Assert.Throws<SurvivalInputException>(() => RiskModel.CauseSpecificCox(fit, "3", covariates));
    }

    private sealed record Patient(double Months, string? Outcome, double Age, string? Sex);

    [Fact]
    public void Fitted_from_objects_the_models_are_Rs_and_the_incomplete_rows_are_named()
    {
        var f = Golden.Load("assessment", "csc-mgus2");
        var rows = f.GetProperty("rows");
        var (time, status, age, sex) = (Golden.Numbers(rows.GetProperty("time")), Golden.Strings(rows.GetProperty("event")),
            Golden.Numbers(rows.GetProperty("age")), Golden.Strings(rows.GetProperty("sex")));
        var patients = time.Select((t, i) => new Patient(t, status[i], age[i], sex[i])).ToList();
        patients.Insert(10, new Patient(40, null, 70, "F"));
        patients.Add(new Patient(12, "1", 65, null));
        IReadOnlyList<Covariate<Patient>> covariates = [Covariate.Numeric<Patient>("age", p => p.Age), Covariate.Categorical<Patient>("sex", p => p.Sex!)];
        var fit = CauseSpecificCox.Fit(patients, p => p.Months, p => p.Outcome, covariates);
        Assert.Equal([11L, (long)patients.Count], fit.Omitted.Positions);
        Assert.All(fit.Models, m => Assert.Equal(fit.Omitted, m.Omitted));
        Assert.Equal(1384, fit.N);
        int k = 0;
        foreach (var model in f.GetProperty("models").EnumerateArray())
        {
            var coef = Golden.Numbers(model.GetProperty("coef"));
            for (int j = 0; j < coef.Length; j++) Golden.Close(coef[j], fit.Models[k].Coefficients[j].Estimate, 1e-6, $"cause {fit.Causes[k]} coef {j}");
            k++;
        }
        Assert.Contains("(2 observations deleted due to missingness)", fit.ToString());
        var e = Assert.Throws<SurvivalInputException>(() => CauseSpecificCox.Fit(patients, p => p.Months, p => p.Outcome, covariates, missing: MissingValuePolicy.Fail));
        Assert.Equal(11, e.Row);
    }
}
