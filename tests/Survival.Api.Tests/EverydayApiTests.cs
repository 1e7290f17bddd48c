using Survival.Comparison;
using Survival.Estimation;
using Survival.Parametric;
using Survival.Regression;
using Xunit;

namespace Survival.Api.Tests;

/// <summary>The everyday C# path: domain objects in, curves and groups by name, R's printout, one convention for options.</summary>
public class EverydayApiTests
{
    private sealed record Patient(string Arm, double Months, bool Died, double Age, string? Site);

    private static readonly Patient[] Patients =
    [
        new("A", 6, false, 61, "x"), new("A", 3, true, 70, "y"), new("A", 9, true, 55, "x"), new("A", 3, true, 66, "y"), new("A", 1, true, 72, "x"),
        new("B", 3, false, 49, "y"), new("B", 12, true, 58, "x"), new("B", 15, false, 63, "y"), new("B", 2, true, 77, "x"), new("B", 8, true, 52, "y"),
        new("B", 10, true, double.NaN, "x"), new("A", 4, false, 60, null),
    ];

    [Fact]
    public void Curves_groups_and_fits_are_found_by_name_and_a_missing_name_lists_the_ones_there_are()
    {
        var data = SurvivalData.From(Patients, p => p.Months, p => p.Died, group: p => p.Arm);
        var fit = KaplanMeier.Fit(data);
        Assert.Same(fit.Curves[1], fit["B"]);
        var ex = Assert.Throws<KeyNotFoundException>(() => fit["C"]);
        Assert.Contains("'A', 'B'", ex.Message);
        Assert.Equal(LogRankTest.Compute(data).Groups[0], LogRankTest.Compute(data)["A"]);
        Assert.Equal("B", ExponentialModel.FitByGroup(data)["B"].Group);
        Assert.Throws<KeyNotFoundException>(() => LogRankTest.Compute(data)["C"]);
        Assert.Equal(fit["A"].SurvivalAt([6.0])[0], fit["A"].SurvivalAt(6.0));
    }

    [Fact]
    public void ToString_prints_what_R_prints()
    {
        var data = SurvivalData.From(Patients, p => p.Months, p => p.Died, group: p => p.Arm);
        string km = KaplanMeier.Fit(data).ToString();
        Assert.Contains("0.95LCL", km);
        Assert.Matches(@"(?m)^A\s+6\s+4\s+6\s", km);
        string lr = LogRankTest.Compute(data).ToString();
        Assert.Contains("(O-E)^2/V", lr);
        Assert.Contains("degrees of freedom, p=", lr);
        var cox = CoxRegression.Fit(Patients, p => p.Months, p => p.Died, [Covariate.Numeric<Patient>("age", p => p.Age)]).ToString();
        Assert.Contains("exp(coef)", cox);
        Assert.Contains("(1 observation deleted due to missingness)", cox);
        Assert.Contains("Likelihood ratio test=", cox);
        Assert.Contains("rate 95% CI", ExponentialModel.FitByGroup(data).ToString());
        Assert.Contains("Log(scale)", WeibullModel.Fit(data).ToString());
        Assert.StartsWith("Chisq= ", LogRankTest.Compute(data).Test.ToString());
    }

    [Fact]
    public void Cox_from_selectors_equals_the_column_path_and_leaves_out_rows_missing_a_covariate()
    {
        var fit = CoxRegression.Fit(Patients, p => p.Months, p => p.Died,
            [Covariate.Numeric<Patient>("age", p => p.Age), Covariate.Categorical<Patient>("site", p => p.Site!, reference: "y")]);
        Assert.Equal(2, fit.Omitted.Count);
        Assert.Equal([11L, 12], fit.Omitted.Positions);
        var complete = Patients.Take(10).ToArray();
        var data = SurvivalData.Create(complete.Select(p => p.Months).ToArray(), complete.Select(p => p.Died).ToArray());
        var x = new CovariateMatrix(data.Count).AddNumeric("age", complete.Select(p => p.Age).ToArray())
            .AddCategorical("site", Factor.FromLabels(complete.Select(p => p.Site!).ToArray()), "y");
        var columns = CoxRegression.Fit(data, x);
        Assert.Equal(columns.Coefficients, fit.Coefficients);
        Assert.Equal(columns.LogLikelihood, fit.LogLikelihood);
        var error = Assert.Throws<SurvivalInputException>(() => CoxRegression.Fit(Patients, p => p.Months, p => p.Died,
            [Covariate.Numeric<Patient>("age", p => p.Age)], missing: MissingValuePolicy.Fail));
        Assert.Equal((11L, "age"), (error.Row, error.Column));
    }

    [Fact]
    public void Cox_from_selectors_with_a_cluster_is_R_cluster_id_robust_variance()
    {
        var complete = Patients.Take(10).ToArray();
        // R: coxph(Surv(months, died) ~ age + cluster(arm)) — the robust variance summed over each arm's rows.
        var fit = CoxRegression.Fit(complete, p => p.Months, p => p.Died, [Covariate.Numeric<Patient>("age", p => p.Age)], cluster: p => p.Arm);
        var data = SurvivalData.Create(complete.Select(p => p.Months).ToArray(), complete.Select(p => p.Died).ToArray(), id: complete.Select(p => p.Arm).ToArray());
        var columns = CoxRegression.Fit(data, new CovariateMatrix(data.Count).AddNumeric("age", complete.Select(p => p.Age).ToArray()),
            new CoxOptions { Robust = true });
        Assert.Equal(columns.Coefficients, fit.Coefficients);
        Assert.NotNull(fit.Coefficients[0].RobustStdErr);
        // Each row its own cluster (R robust = TRUE) gives a different variance: the clusters were used.
        var rows = CoxRegression.Fit(complete, p => p.Months, p => p.Died, [Covariate.Numeric<Patient>("age", p => p.Age)], options: new CoxOptions { Robust = true });
        Assert.NotEqual(rows.Coefficients[0].RobustStdErr, fit.Coefficients[0].RobustStdErr);
        // Robust = false refuses it even with clusters.
        Assert.Null(CoxRegression.Fit(complete, p => p.Months, p => p.Died, [Covariate.Numeric<Patient>("age", p => p.Age)],
            options: new CoxOptions { Robust = false }, cluster: p => p.Arm).Coefficients[0].RobustStdErr);
    }

    private sealed record Outcome(string Arm, double Months, string? Status);

    [Fact]
    public void Competing_risks_from_objects_equal_the_column_path_and_report_missing_rows()
    {
        Outcome[] rows =
        [
            new("A", 3, "relapse"), new("A", 5, "0"), new("B", 2, "death"), new("A", 7, "relapse"), new("B", 9, null),
            new("B", 4, "relapse"), new("A", double.NaN, "death"), new("B", 6, "0"), new("A", 8, "death"), new("B", 1, "relapse"),
        ];
        var data = Survival.CompetingRisks.CompetingRisksData.From(rows, r => r.Months, r => r.Status, group: r => r.Arm);
        Assert.Equal([5L, 7L], data.Rows.Omitted.Positions);
        var complete = rows.Where(r => r.Status is not null && !double.IsNaN(r.Months)).ToArray();
        var columns = Survival.CompetingRisks.CompetingRisksData.Create(complete.Select(r => r.Months).ToArray(), complete.Select(r => r.Status!).ToArray(),
            group: complete.Select(r => r.Arm).ToArray());
        var (a, b) = (Survival.CompetingRisks.CumulativeIncidence.Fit(data), Survival.CompetingRisks.CumulativeIncidence.Fit(columns));
        Assert.Equal(b.Causes, a.Causes);
        Assert.Equal(b.Curves.SelectMany(c => c.Steps), a.Curves.SelectMany(c => c.Steps));
        Assert.Equal(2, a.Omitted.Count);
        // Curves by cause and group, as KaplanMeierResult's by group; an unknown key lists the curves there are.
        Assert.Same(a.Curve("relapse", "B"), a["relapse", "B"]);
        Assert.Contains("'death' in 'A'", Assert.Throws<KeyNotFoundException>(() => a["relapse", "C"]).Message);
        Assert.Throws<KeyNotFoundException>(() => a["relapse"]);
        var ungrouped = Survival.CompetingRisks.CumulativeIncidence.Fit(Survival.CompetingRisks.CompetingRisksData.From(rows, r => r.Months, r => r.Status));
        Assert.Equal("relapse", ungrouped["relapse"].Cause);
        var fail = Assert.Throws<SurvivalInputException>(() => Survival.CompetingRisks.CompetingRisksData.From(rows, r => r.Months, r => r.Status,
            group: r => r.Arm, missing: MissingValuePolicy.Fail));
        Assert.Equal((5L, "status"), (fail.Row, fail.Column));
        // A rule broken after a left-out row is named by its position among all the rows.
        var bad = rows.Select((r, i) => i == 7 ? r with { Months = -1 } : r).ToArray();
        Assert.Equal(8L, Assert.Throws<SurvivalInputException>(() => Survival.CompetingRisks.CompetingRisksData.From(bad, r => r.Months, r => r.Status)).Row);
    }

    private sealed record Visit(string Id, double Start, double Stop, string? State, string Arm);

    [Fact]
    public void Multi_state_data_from_objects_equal_the_column_path_and_report_missing_rows()
    {
        Visit[] rows =
        [
            new("1", 0, 4, "ill", "a"), new("1", 4, 9, "dead", "a"), new("2", 0, 6, null, "a"), new("3", 0, 2, "ill", "b"),
            new("3", 2, 5, null, "b"), new("4", 0, double.NaN, "dead", "b"), new("5", 0, 7, "dead", "b"), new("6", 0, 3, "ill", "a"),
            new("6", 3, 8, "dead", "a"),
        ];
        var data = Survival.MultiState.MultiStateData.From(rows, v => v.Stop, v => v.State, id: v => v.Id, entry: v => v.Start, group: v => v.Arm);
        Assert.Equal([6L], data.Rows.Omitted.Positions);
        var complete = rows.Where(v => !double.IsNaN(v.Stop)).ToArray();
        var columns = Survival.MultiState.MultiStateData.Create(complete.Select(v => v.Stop).ToArray(), complete.Select(v => v.State).ToArray(),
            complete.Select(v => v.Id).ToArray(), complete.Select(v => v.Start).ToArray(), group: complete.Select(v => v.Arm).ToArray());
        var (a, b) = (Survival.MultiState.AalenJohansen.Fit(data), Survival.MultiState.AalenJohansen.Fit(columns));
        Assert.Equal(b.States, a.States);
        Assert.Equal(b.Curves.SelectMany(c => c.Steps), a.Curves.SelectMany(c => c.Steps));
        Assert.Same(a.Curve("b"), a["b"]);
        Assert.Contains("'a', 'b'", Assert.Throws<KeyNotFoundException>(() => a["c"]).Message);
        var fail = Assert.Throws<SurvivalInputException>(() => Survival.MultiState.MultiStateData.From(rows, v => v.Stop, v => v.State, id: v => v.Id,
            entry: v => v.Start, missing: MissingValuePolicy.Fail));
        Assert.Equal((6L, "time"), (fail.Row, fail.Column));
    }

    [Fact]
    public void Parametric_and_Fine_Gray_fits_from_objects_equal_the_column_paths_and_report_missing_rows()
    {
        // AFT: rows 11 and 12 miss the site (a categorical covariate); the column path fits the first ten.
        var aft = AftModel.Fit(Patients, p => p.Months, p => p.Died, AftDistribution.LogNormal,
            [Covariate.Numeric<Patient>("age", p => p.Age), Covariate.Categorical<Patient>("site", p => p.Site!, reference: "y")]);
        Assert.Equal([11L, 12], aft.Omitted.Positions);
        Assert.Contains("2 observations deleted due to missingness", aft.ToString());
        var complete = Patients.Take(10).ToArray();
        var data = SurvivalData.Create(complete.Select(p => p.Months).ToArray(), complete.Select(p => p.Died).ToArray());
        var x = new CovariateMatrix(data.Count).AddNumeric("age", complete.Select(p => p.Age).ToArray())
            .AddCategorical("site", Factor.FromLabels(complete.Select(p => p.Site!).ToArray()), "y");
        var columns = AftModel.Fit(data, AftDistribution.LogNormal, x);
        Assert.Equal(columns.Parameters, aft.Parameters);
        Assert.Equal(columns.LogLikelihood, aft.LogLikelihood);
        Assert.Equal((12L, "site"), Assert.Throws<SurvivalInputException>(() => AftModel.Fit(Patients, p => p.Months, p => p.Died, AftDistribution.Weibull,
            [Covariate.Categorical<Patient>("site", p => p.Site!)], missing: MissingValuePolicy.Fail)) is var e ? (e.Row, e.Column) : default);

        // Fine–Gray: the status says the cause; a NaN age leaves its row out.
        var outcomes = Enumerable.Range(0, 40).Select(i => (Months: 1.0 + (i * 7 % 23), Status: (i % 5) switch { 0 or 1 => "relapse", 2 => "death", _ => "0" },
            Age: i == 13 ? double.NaN : 40.0 + (i * 11 % 30))).ToArray();
        var fg = Survival.CompetingRisks.FineGray.Fit(outcomes, o => o.Months, o => o.Status, "relapse", [Covariate.Numeric<(double Months, string Status, double Age)>("age", o => o.Age)]);
        Assert.Equal([14L], fg.Omitted.Positions);
        Assert.Contains("1 observation deleted due to missingness", fg.ToString());
        var kept = outcomes.Where(o => !double.IsNaN(o.Age)).ToArray();
        var crData = Survival.CompetingRisks.CompetingRisksData.Create(kept.Select(o => o.Months).ToArray(), kept.Select(o => o.Status).ToArray());
        var byColumns = Survival.CompetingRisks.FineGray.Fit(crData, "relapse", new CovariateMatrix(kept.Length).AddNumeric("age", kept.Select(o => o.Age).ToArray()));
        Assert.Equal(byColumns.Coefficients, fg.Coefficients);
    }

    [Fact]
    public void Options_follow_one_convention_and_threads_can_be_bounded_without_changing_results()
    {
        var data = SurvivalData.From(Patients, p => p.Months, p => p.Died, group: p => p.Arm);
        var level90 = new ParametricOptions { ConfidenceLevel = 0.9 };
        Assert.Equal(0.9, ExponentialModel.Fit(data, level90).ConfidenceLevel);
        Assert.True(WeibullModel.Fit(data, level90).Converged);
        Assert.Throws<SurvivalInputException>(() => ExponentialModel.Fit(data, new ParametricOptions { ConfidenceLevel = 1 }));
        var fit = KaplanMeier.Fit(data);
        Assert.InRange(RestrictedMeanDifference.Compute(fit["A"], fit["B"], 8, new RestrictedMeanOptions { ConfidenceLevel = 0.9 }).ConfidenceLevel, 0.9, 0.9);
        Assert.Equal(fit.Curves, KaplanMeier.Fit(data, new KaplanMeierOptions { MaxDegreeOfParallelism = 1 }).Curves);
        Assert.Throws<SurvivalInputException>(() => KaplanMeier.Fit(data, new KaplanMeierOptions { MaxDegreeOfParallelism = -1 }));
    }

    [Fact]
    public void A_data_error_says_which_input_it_concerns_as_a_typed_value()
    {
        var ex = Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0, 2], [true, false], entry: [0, 3]));
        Assert.Equal(DataColumn.Entry, ex.Input);
        Assert.Equal(DataColumn.Time, Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([-1.0], [true])).Input);
        Assert.Equal(DataColumn.Weight, Assert.Throws<SurvivalInputException>(() => SurvivalData.Create([1.0], [true], weight: [-1])).Input);
    }
}
