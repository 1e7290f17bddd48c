using System.Globalization;
using System.Text.Json;
using Survival.Assessment;
using Survival.CompetingRisks;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Assessment;

/// <summary>The objects-in assessment entry points (issue 36): a model fitted from an application's objects is scored,
/// calibrated and its concordance computed on other objects through <see cref="RiskModel{T}"/>, and the numbers are R's
/// (riskRegression::Score, the calibration table, survival::concordance from Golden/R/assessment.R); rows with a missing
/// outcome or covariate are left out and reported as R reports them, and errors name the row among all the rows.</summary>
public class ObjectsInAssessmentTests
{
    private sealed record Patient(double Time, bool Died, double Age, double Nodes, string? Rx);

    /// <summary>An mgus2 subject of the competing-risks Score fixtures: progression ("1") against death ("2").</summary>
    internal sealed record Subject(double Time, string? Status, double Age, double Male, double Mspike);

    /// <summary>The subjects of an mgus2 Score fixture (rows and covariates), with one more whose status is missing (R's
    /// na.omit leaves it out), and the covariates age, male and mspike read from them.</summary>
    internal static (List<Subject> Subjects, IReadOnlyList<Covariate<Subject>> Covariates) Mgus2Subjects(JsonElement f)
    {
        var rows = f.GetProperty("rows");
        var cov = f.GetProperty("covariates");
        var time = Golden.Numbers(rows.GetProperty("time"));
        var status = Golden.Numbers(rows.GetProperty("status"));
        var (age, male, mspike) = (Golden.Numbers(cov.GetProperty("age")), Golden.Numbers(cov.GetProperty("male")), Golden.Numbers(cov.GetProperty("mspike")));
        var subjects = time.Select((t, i) => new Subject(t, ((int)status[i]).ToString(CultureInfo.InvariantCulture), age[i], male[i], mspike[i])).ToList();
        subjects.Add(new Subject(50, null, 70, 1, 1.2));
        return (subjects,
            [Covariate.Numeric<Subject>("age", s => s.Age), Covariate.Numeric<Subject>("male", s => s.Male), Covariate.Numeric<Subject>("mspike", s => s.Mspike)]);
    }

    private static readonly IReadOnlyList<Covariate<Patient>> ColonCovariates =
        [Covariate.Numeric<Patient>("age", p => p.Age), Covariate.Numeric<Patient>("nodes", p => p.Nodes), Covariate.Categorical<Patient>("rx", p => p.Rx!)];

    private static Patient[] Patients(JsonElement columns, JsonElement? outcome = null)
    {
        var o = outcome ?? columns;
        var time = Golden.Numbers(o.GetProperty("time"));
        var status = Golden.Numbers(o.GetProperty("status"));
        var age = Golden.Numbers(columns.GetProperty("age"));
        var nodes = Golden.Numbers(columns.GetProperty("nodes"));
        var rx = Golden.Strings(columns.GetProperty("rx"));
        return time.Select((t, i) => new Patient(t, status[i] == 1, age[i], nodes[i], rx[i])).ToArray();
    }

    /// <summary>The colon fixture's held-out half with two incomplete patients slipped in (at positions 3 and 10).</summary>
    private static (Patient[] Rows, Patient[] Complete) HeldOut(JsonElement f)
    {
        var complete = Patients(f.GetProperty("test"), f.GetProperty("rows"));
        var rows = complete.ToList();
        rows.Insert(2, new Patient(400, true, double.NaN, 3, "Obs"));
        rows.Insert(9, new Patient(800, false, 60, 2, null));
        return (rows.ToArray(), complete);
    }

    private static CoxResult ColonFit(JsonElement f) => CoxRegression.Fit(Patients(f.GetProperty("train")), p => p.Time, p => p.Died, ColonCovariates);

    [Fact]
    public void A_Cox_model_fitted_from_objects_is_scored_on_held_out_objects_as_R_Score_scores_it()
    {
        var f = Golden.Load("assessment", "score-colon-cox-test");
        var (rows, _) = HeldOut(f);
        var times = Golden.Numbers(f.GetProperty("times"));
        var r = PredictionAccuracy.Evaluate(rows, p => p.Time, p => p.Died, RiskModel.Cox(ColonFit(f), ColonCovariates), times);
        PredictionAccuracyGoldenTests.AssertMatches(f, r, "colon Cox from objects", 1e-7);
        Assert.Equal(2, r.Omitted.Count);
        Assert.Equal([3L, 10L], r.Omitted.Positions);
        Assert.EndsWith("   (2 observations deleted due to missingness)\n", r.ToString());
    }

    [Fact]
    public void The_objects_path_gives_the_column_paths_numbers()
    {
        var f = Golden.Load("assessment", "score-colon-cox-test");
        var (rows, complete) = HeldOut(f);
        var fit = ColonFit(f);
        var model = RiskModel.Cox(fit, ColonCovariates);
        double[] times = [365, 1461];
        var data = SurvivalData.Create(complete.Select(p => p.Time).ToArray(), complete.Select(p => p.Died).ToArray());
        var x = new CovariateMatrix(complete.Length).AddNumeric("age", complete.Select(p => p.Age).ToArray())
            .AddNumeric("nodes", complete.Select(p => p.Nodes).ToArray()).AddCategorical("rx", Factor.FromLabels(complete.Select(p => p.Rx!).ToArray(), name: "rx"));
        var risks = RiskPrediction.Cox(fit, x, times);

        var byObjects = model.Predict(complete, times);
        for (int k = 0; k < times.Length; k++) Assert.Equal(risks.At(k).ToArray(), byObjects.At(k).ToArray());
        Assert.Equal(RiskPrediction.LinearPredictors(fit, x), model.LinearPredictors(complete));

        var score = PredictionAccuracy.Evaluate(data, risks);
        Assert.Equal(score.ToString(), PredictionAccuracy.Evaluate(complete, p => p.Time, p => p.Died, model, times).ToString());

        var calibration = Calibration.Compute(data, risks);
        var calibrationByObjects = Calibration.Compute(rows, p => p.Time, p => p.Died, model, times);
        Assert.Equal(calibration.ToString() + "   (2 observations deleted due to missingness)\n", calibrationByObjects.ToString());

        var concordance = Concordance.Compute(data, RiskPrediction.LinearPredictors(fit, x), new ConcordanceOptions { Direction = ConcordanceDirection.LargerScoreHigherRisk });
        var concordanceByObjects = Concordance.Compute(rows, p => p.Time, p => p.Died, model);
        Assert.Equal(concordance.Estimate, concordanceByObjects.Estimate);
        Assert.Equal(concordance.Variance, concordanceByObjects.Variance);
        Assert.Equal(ConcordanceDirection.LargerScoreHigherRisk, concordanceByObjects.Options.Direction);
        Assert.Equal(2, concordanceByObjects.Omitted.Count);
    }

    [Fact]
    public void Calibration_of_a_Cox_model_from_objects_is_Rs_table()
    {
        var f = Golden.Load("assessment", "calibration-colon-test");
        var score = Golden.Load("assessment", "score-colon-cox-test");
        var (rows, _) = HeldOut(score);
        double t = Golden.Numbers(f.GetProperty("time"))[0];
        var r = Calibration.Compute(rows, p => p.Time, p => p.Died, RiskModel.Cox(ColonFit(score), ColonCovariates), [t],
            options: new CalibrationOptions { Groups = 5 }).Times[0];
        var expected = f.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, r.Groups.Count);
        for (int g = 0; g < expected.Length; g++)
        {
            Assert.Equal(expected[g].GetProperty("n").GetInt32(), r.Groups[g].N);
            Golden.Close(Golden.Numbers(expected[g].GetProperty("predicted"))[0], r.Groups[g].Predicted, 1e-8, $"group {g + 1} predicted");
            Golden.Close(Golden.Numbers(expected[g].GetProperty("observed"))[0], r.Groups[g].Observed, 1e-12, $"group {g + 1} observed");
        }
        Golden.Close(Golden.Numbers(f.GetProperty("slope").GetProperty("estimate"))[0], r.Slope!.Estimate, 1e-6, "slope");
    }

    [Fact]
    public void The_concordance_of_a_Cox_model_on_its_own_objects_is_the_fits()
    {
        var f = Golden.Load("assessment", "score-colon-cox-test");
        var train = Patients(f.GetProperty("train"));
        var fit = ColonFit(f);
        var c = Concordance.Compute(train, p => p.Time, p => p.Died, RiskModel.Cox(fit, ColonCovariates));
        Assert.Equal(fit.Concordance!.Value, c.Estimate, 12);
    }

    [Fact]
    public void A_score_read_from_objects_gives_Rs_concordance_and_printout_with_rows_left_out()
    {
        var f = Golden.Load("assessment", "concordance-lung-age");
        var columns = f.GetProperty("rows");
        var time = Golden.Numbers(columns.GetProperty("time"));
        var status = Golden.Numbers(columns.GetProperty("status"));
        var age = Golden.Numbers(columns.GetProperty("score"));   // the score is lung$age
        // As the R script: the ages of rows 5 and 100 removed.
        var rows = time.Select((t, i) => (Time: t, Died: status[i] == 1, Age: i is 4 or 99 ? double.NaN : age[i])).ToArray();
        var r = Concordance.Compute(rows, p => p.Time, p => p.Died, p => p.Age);
        var expected = File.ReadAllText(Path.Combine(Golden.Directory("assessment"), "concordance-print-missing.txt")).Replace("\r\n", "\n");
        Assert.Equal(expected, r.ToString());
        Assert.Equal([5L, 100L], r.Omitted.Positions);

        var e = Assert.Throws<SurvivalInputException>(() => Concordance.Compute(rows, p => p.Time, p => p.Died, p => p.Age, missing: MissingValuePolicy.Fail));
        Assert.Equal(5, e.Row);
        Assert.Equal("score", e.Column);
    }

    [Fact]
    public void A_Fine_Gray_model_from_objects_is_scored_as_R_Score_scores_it()
    {
        var f = Golden.Load("assessment", "score-mgus2-finegray");
        var (subjects, covariates) = Mgus2Subjects(f);
        var fit = FineGray.Fit(subjects, s => s.Time, s => s.Status, "1", covariates);
        var r = PredictionAccuracy.Evaluate(subjects, s => s.Time, s => s.Status, "1", RiskModel.FineGray(fit, covariates), Golden.Numbers(f.GetProperty("times")));
        PredictionAccuracyGoldenTests.AssertMatches(f, r, "mgus2 Fine-Gray from objects", 1e-5);
        Assert.Equal("1", r.Cause);
        Assert.Equal([(long)subjects.Count], r.Omitted.Positions);
    }

    [Fact]
    public void New_objects_need_not_hold_the_reference_level_but_an_unknown_level_is_named_by_its_row()
    {
        var f = Golden.Load("assessment", "score-colon-cox-test");
        var model = RiskModel.Cox(ColonFit(f), ColonCovariates);
        Patient[] noReference = [new(100, true, 50, 1, "Obs"), new(200, false, 60, 4, "Lev+5FU"), new(300, true, 70, 2, "Obs")];
        var risks = model.Predict(noReference, [365.0]);
        Assert.Equal(3, risks.Rows);
        Assert.True(risks[0, 0] > 0 && risks[0, 0] < 1);

        Patient[] unknown = [new(100, true, 50, 1, "Obs"), new(150, true, double.NaN, 1, "Obs"), new(200, false, 60, 4, "Placebo")];
        var e = Assert.Throws<SurvivalInputException>(() => PredictionAccuracy.Evaluate(unknown, p => p.Time, p => p.Died, model, [365.0]));
        Assert.Equal(3, e.Row);   // the third row among all three, though the second was left out
        Assert.Equal("rx", e.Column);
        Assert.Equal("Placebo", e.Value);

        var missing = Assert.Throws<SurvivalInputException>(() => model.Predict(unknown, [365.0]));
        Assert.Equal(2, missing.Row);
        Assert.Equal("age", missing.Column);
    }

    [Fact]
    public void A_stratified_Cox_model_needs_the_strata_and_an_AFT_model_points_the_other_way()
    {
        var rows = Enumerable.Range(1, 40).Select(i => (Time: (double)(i * 7 % 41 + 1), Died: i % 3 != 0, X: (double)(i % 5), Site: i % 2 == 0 ? "a" : "b")).ToArray();
        var x = Covariate.Numeric<(double Time, bool Died, double X, string Site)>("x", r => r.X);
        var fit = CoxRegression.Fit(rows, r => r.Time, r => r.Died, [x], strata: r => r.Site);
        Assert.Throws<SurvivalInputException>(() => RiskModel.Cox(fit, [x]));
        var model = RiskModel.Cox(fit, [x], strata: r => r.Site);
        var c = Concordance.Compute(rows, r => r.Time, r => r.Died, model);
        var lp = model.LinearPredictors(rows);
        var byColumns = Concordance.Compute(SurvivalData.From(rows, r => r.Time, r => r.Died, strata: r => r.Site), lp,
            new ConcordanceOptions { Direction = ConcordanceDirection.LargerScoreHigherRisk });
        Assert.Equal(byColumns.Estimate, c.Estimate, 12);   // within strata, as R's concordance(fit)

        var aft = Survival.Parametric.AftModel.Fit(rows, r => r.Time, r => r.Died, covariates: [x]);
        Assert.Equal(ConcordanceDirection.LargerScoreLongerSurvival, RiskModel.Parametric(aft, [x]).Direction);
        var gompertz = Survival.Parametric.GompertzModel.Fit(SurvivalData.From(rows, r => r.Time, r => r.Died));
        var noLp = Assert.Throws<SurvivalInputException>(() => Concordance.Compute(rows, r => r.Time, r => r.Died, RiskModel.Parametric<(double Time, bool Died, double X, string Site)>(gompertz)));
        Assert.Contains("no linear predictor", noLp.Message);
    }
}
