using System.Text.Json;
using Survival.Assessment;
using Survival.CompetingRisks;
using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Assessment;

/// <summary>Predictions on data, and on new data, against R (fixtures from Golden/R/assessment.R): the library fits the
/// model itself, predicts the absolute risk R's predictRisk / predict.crr gave, and the AUC and Brier score of its own
/// predictions equal riskRegression::Score's.</summary>
public class RiskPredictionGoldenTests
{
    private static CovariateMatrix Numeric(JsonElement columns, params string[] names)
    {
        CovariateMatrix? x = null;
        foreach (var name in names)
        {
            var v = Golden.Numbers(columns.GetProperty(name));
            x ??= new CovariateMatrix(v.Length);
            x.AddNumeric(name, v);
        }
        return x!;
    }

    private static void Same(PredictedRisks expected, PredictedRisks actual, double tolerance, string what)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        for (int k = 0; k < expected.Times.Count; k++)
            for (int i = 0; i < expected.Rows; i++)
                Golden.Close(expected[i, k], actual[i, k], tolerance, $"{what} row {i + 1} time {expected.Times[k]}");
    }

    /// <summary>The library's own predictions at the fixture's times equal R's, and their AUC and Brier score equal Score's.</summary>
    private static void OwnPredictionsMatch(JsonElement f, Func<IReadOnlyList<double>, PredictedRisks> predict, string what, double tolerance, double scoreTolerance)
    {
        var expected = PredictionAccuracyGoldenTests.Risks(f);
        var mine = predict(expected.Times);
        Same(expected, mine, tolerance, what);
        PredictionAccuracyGoldenTests.AssertMatches(f, PredictionAccuracyGoldenTests.Evaluate(f, mine), what + " (own predictions)", scoreTolerance);
    }

    private static SurvivalData Rows(JsonElement f)
    {
        var rows = f.GetProperty("rows");
        return SurvivalData.Create(Golden.Numbers(rows.GetProperty("time")), Golden.Numbers(rows.GetProperty("status")).Select(s => s == 1).ToArray());
    }

    [Fact]
    public void Cox_risks_on_the_training_data_are_Rs_and_so_is_their_Score()
    {
        var f = Golden.Load("assessment", "score-lung-cox");
        var x = Numeric(f.GetProperty("covariates"), "age", "sex", "ph.ecog");
        var fit = CoxRegression.Fit(Rows(f), x);
        OwnPredictionsMatch(f, times => RiskPrediction.Cox(fit, x, times), "lung Cox", 1e-8, 1e-7);
    }

    [Fact]
    public void Cox_fitted_on_one_half_predicts_the_other_with_a_categorical_covariate()
    {
        var f = Golden.Load("assessment", "score-colon-cox-test");
        var train = f.GetProperty("train");
        var data = SurvivalData.Create(Golden.Numbers(train.GetProperty("time")), Golden.Numbers(train.GetProperty("status")).Select(s => s == 1).ToArray());
        string[] levels = ["Lev", "Lev+5FU", "Obs"];   // R's factor() order of the labels
        var x = Numeric(train, "age", "nodes").AddCategorical("rx", Factor.FromLabels(Golden.Strings(train.GetProperty("rx")), levels, "rx"));
        var fit = CoxRegression.Fit(data, x);
        var test = f.GetProperty("test");
        // The new data's own level order (reversed here) must not matter: levels are matched by label.
        var newX = Numeric(test, "age", "nodes").AddCategorical("rx", Factor.FromLabels(Golden.Strings(test.GetProperty("rx")), levels.Reverse().ToArray(), "rx"), reference: "Obs");
        OwnPredictionsMatch(f, times => RiskPrediction.Cox(fit, newX, times), "colon Cox on new data", 1e-8, 1e-7);
    }

    [Fact]
    public void A_level_the_model_was_not_fitted_with_is_named()
    {
        var data = SurvivalData.Create([1, 2, 3, 4, 5, 6], [true, false, true, true, false, true]);
        var x = new CovariateMatrix(6).AddCategorical("arm", Factor.FromLabels(["a", "b", "a", "b", "a", "b"], name: "arm"));
        var fit = CoxRegression.Fit(data, x);
        var newX = new CovariateMatrix(2).AddCategorical("arm", Factor.FromLabels(["a", "c"], name: "arm"));
        var e = Assert.Throws<SurvivalInputException>(() => RiskPrediction.Cox(fit, newX, [2.0]));
        Assert.Contains("not fitted with (a, b)", e.Message);
        Assert.Contains("'c'", e.Message);
        Assert.Equal(2, e.Row);
        var missing = new CovariateMatrix(2).AddNumeric("age", [50.0, 60]);
        Assert.Throws<SurvivalInputException>(() => RiskPrediction.Cox(fit, missing, [2.0]));
    }

    [Fact]
    public void Weibull_risks_are_Rs_survreg_and_so_is_their_Score()
    {
        var f = Golden.Load("assessment", "score-pbc-weibull");
        var x = Numeric(f.GetProperty("covariates"), "age", "logbili", "albumin");
        var fit = AftModel.Fit(Rows(f), AftDistribution.Weibull, x);
        OwnPredictionsMatch(f, times => RiskPrediction.Parametric(fit, x, times), "pbc Weibull", 1e-6, 1e-5);
    }

    [Fact]
    public void Fine_Gray_cumulative_incidence_is_predict_crr_and_so_is_its_Score()
    {
        var f = Golden.Load("assessment", "score-mgus2-finegray");
        var rows = f.GetProperty("rows");
        var status = Golden.Numbers(rows.GetProperty("status")).Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var data = CompetingRisksData.Create(Golden.Numbers(rows.GetProperty("time")), status);
        var x = Numeric(f.GetProperty("covariates"), "age", "male", "mspike");
        var fit = FineGray.Fit(data, "1", x);
        OwnPredictionsMatch(f, times => RiskPrediction.FineGray(fit, x, times), "mgus2 Fine-Gray", 1e-6, 1e-5);
    }

    [Fact]
    public void A_model_without_covariates_predicts_one_risk_for_every_row()
    {
        var data = SurvivalData.Create([2, 3, 5, 7, 11, 13], [true, false, true, true, false, true]);
        var fit = ParametricModels.Fit(data, ParametricFamily.Exponential);
        var risks = RiskPrediction.Parametric(fit, null, [4.0, 8.0], rows: 3);
        double rate = 4 / 41.0;   // events / exposure
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1 - Math.Exp(-rate * 4), risks[i, 0], 7);
            Assert.Equal(1 - Math.Exp(-rate * 8), risks[i, 1], 7);
        }
        Assert.Throws<SurvivalInputException>(() => RiskPrediction.Parametric(fit, new CovariateMatrix(3).AddNumeric("age", [1.0, 2, 3]), [4.0]));
    }
}
