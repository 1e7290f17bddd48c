using System.Globalization;
using Survival.Estimation;
using Survival.Reconstruction;
using Survival.Synthesis;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Synthesis;

/// <summary>Cohorts synthesised to published numbers: what the report says is recomputed here, targets real data meet
/// are met, the search is a function of its seed, and the constraints hold in every row.</summary>
public class CohortSynthesisTests
{
    private static CohortTargets Fixture(string name) => CohortTargets.Parse(Golden.Load("synthesis", name).GetProperty("targets").GetRawText(), name);

    /// <summary>Every target of R's veteran trial (two arms, log-log limits, log-rank, Cox, follow-up) is met; the report
    /// is the library's own check of the written cohort.</summary>
    [Fact]
    public void The_veteran_trial_targets_R_computed_are_all_met()
    {
        var targets = Fixture("veteran_trt");
        var result = CohortSynthesis.Synthesize(targets, new SynthesisOptions { Seed = 1 });
        Assert.True(result.AllMet, result.ToString());
        Assert.Equal(28, result.Report.Total);
        Assert.Equal(137, result.Cohort.Count);
        Assert.Equal(targets.Evaluate(result.Cohort), result.Report);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void The_same_seed_writes_the_same_cohort_on_any_number_of_cores()
    {
        var targets = Fixture("lung_sex");
        var options = new SynthesisOptions { Seed = 7, MaxEvaluations = 12_000, Chains = 3, RoundEvaluations = 1_000 };
        var one = CohortSynthesis.Synthesize(targets, options with { MaxDegreeOfParallelism = 1 });
        var many = CohortSynthesis.Synthesize(targets, options with { MaxDegreeOfParallelism = 3 });
        var other = CohortSynthesis.Synthesize(targets, options with { Seed = 8 });
        Assert.Equal(one.Cohort.Time.ToArray(), many.Cohort.Time.ToArray());
        Assert.Equal(one.Cohort.Event.ToArray(), many.Cohort.Event.ToArray());
        Assert.Equal(one.Cohort.Group!.Codes.ToArray(), many.Cohort.Group!.Codes.ToArray());
        Assert.Equal(one.Evaluations, many.Evaluations);
        Assert.NotEqual(one.Cohort.Time.ToArray(), other.Cohort.Time.ToArray());
    }

    /// <summary>With a budget far too small, the report still tells the truth: each flag is the printed number's own
    /// test of the value the estimators give for the written cohort.</summary>
    [Fact]
    public void A_cut_short_search_reports_exactly_what_it_reached()
    {
        var targets = Fixture("lung_sex");
        var result = CohortSynthesis.Synthesize(targets, new SynthesisOptions { MaxEvaluations = 400, Chains = 2 });
        Assert.False(result.AllMet);
        var fresh = targets.Evaluate(result.Cohort);
        Assert.Equal(fresh, result.Report);
        Assert.All(result.Report.Results, r => Assert.Equal(r.Target.Printed.IsMetBy(r.Reproduced), r.Met));
        // n and events are kept by construction.
        Assert.All(result.Report.Results.Where(r => r.Target.Statistic is TargetStatistic.Patients or TargetStatistic.Events), r => Assert.True(r.Met));
        Assert.Contains("NO", result.ToString());
    }

    /// <summary>The simulated trial's administrative censoring: every time within (0, cut-off], every patient censored
    /// before the window [cut-off − accrual, cut-off] counted against the losses to follow-up allowed.</summary>
    [Fact]
    public void Administrative_censoring_and_the_longest_follow_up_hold_in_every_row()
    {
        var targets = Fixture("simulated_150");
        Assert.Equal(new SynthesisConstraints(1000, null, 540, 1000, 5), targets.Constraints);
        var result = CohortSynthesis.Synthesize(targets, new SynthesisOptions { MaxEvaluations = 20_000, Chains = 2 });
        var time = result.Cohort.Time;
        var status = result.Cohort.Event;
        int early = 0;
        for (int i = 0; i < result.Cohort.Count; i++)
        {
            Assert.InRange(time[i], 1, 1000);
            Assert.Equal(Math.Round(time[i]), time[i]);
            if (!status[i] && time[i] < 460) early++;
        }
        Assert.InRange(early, 0, 5);
    }

    /// <summary>Targets that contradict one another are named before the search, and are not reported met.</summary>
    [Fact]
    public void Targets_that_cannot_hold_together_are_named()
    {
        const string json = """
            { "groups": [ { "name": "a", "n": 40, "events": 30,
                "median": { "estimate": 200, "lower": 250, "upper": 300 },
                "survivalAt": [ { "time": 100, "estimate": 0.40 }, { "time": 300, "estimate": 0.55 } ],
                "atRisk": [ { "time": 0, "n": 38 }, { "time": 100, "n": 20 }, { "time": 200, "n": 25 } ] } ],
              "constraints": { "maxTime": 500 } }
            """;
        var targets = CohortTargets.Parse(json);
        var result = CohortSynthesis.Synthesize(targets, new SynthesisOptions { MaxEvaluations = 4_000, Chains = 1 });
        string Reasons(string target) => string.Join(" | ", result.Conflicts.Where(c => c.Targets.Contains(target)).Select(c => c.Reason));
        Assert.Contains("cannot rise", Reasons("groups[0].survivalAt[1].estimate"));
        Assert.Contains("number at risk cannot rise", Reasons("groups[0].atRisk[2]"));
        Assert.Contains("all 40 patients are at risk", Reasons("groups[0].atRisk[0]"));
        Assert.Contains("lower limit cannot be above", Reasons("groups[0].median.lower"));
        Assert.Contains("below one half before the median", Reasons("groups[0].survivalAt[0].estimate"));
        Assert.False(result.Report.Results.Single(r => r.Target.Name == "groups[0].atRisk[0]").Met);
        Assert.Contains("cannot all hold together", result.ToString());
    }

    /// <summary>A digitised curve pulls the cohort's curve towards it: measured against the known curve it was read
    /// from, with and without it as a soft target, under the same seed and budget.</summary>
    [Fact]
    public void A_digitised_curve_brings_the_cohort_closer_to_its_shape()
    {
        var lung = Golden.Load("synthesis", "lung_sex").GetProperty("input");
        var time = Golden.Numbers(lung.GetProperty("time"));
        var status = Golden.Numbers(lung.GetProperty("status"));
        var group = Golden.Strings(lung.GetProperty("group"));
        var female = Enumerable.Range(0, time.Length).Where(i => group[i] == "female").ToArray();
        var real = KaplanMeier.Fit(SurvivalData.Create(female.Select(i => time[i]).ToArray(), female.Select(i => status[i] == 1).ToArray())).Curves[0];
        var curve = DigitizedCurve.FromCurve(real, "female");
        const string json = """
            { "groups": [ { "name": "female", "n": 90, "events": 53, "median": { "estimate": 426, "decimals": 0 } } ],
              "constraints": { "maxTime": 1022 } }
            """;
        var plain = CohortTargets.Parse(json);
        var options = new SynthesisOptions { MaxEvaluations = 30_000, Chains = 1 };
        var without = CohortSynthesis.Synthesize(plain, options);
        var with = CohortSynthesis.Synthesize(plain.WithCurve(curve), options);
        double Mean(SynthesisResult r)
        {
            var fit = KaplanMeier.Fit(r.Cohort)["female"];
            return curve.Cleaned.Where(p => p.Time > 0).Average(p => Math.Abs(fit.SurvivalProbability(p.Time) - p.Survival));
        }
        Assert.True(with.AllMet, with.ToString());
        Assert.Single(with.Curves);
        Assert.True(Mean(with) < 0.5 * Mean(without), $"with the curve {Mean(with):F4}, without {Mean(without):F4}");
        Assert.True(with.Curves[0].MeanDistance < 0.02, with.ToString());
    }

    /// <summary>Property: targets computed by the library from a data set (so attainable by it) are met by a
    /// synthesised cohort; seeded simulated trials of 40 patients, landmarks to two decimals.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Targets_a_data_set_meets_are_attained(int seed)
    {
        var random = new Random(seed);
        int n = 40;
        var t = new double[n];
        var e = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double ev = Math.Ceiling(-Math.Log(1 - random.NextDouble()) * 300), cens = Math.Ceiling(random.NextDouble() * 700);
            t[i] = Math.Max(1, Math.Min(ev, cens));
            e[i] = ev <= cens;
        }
        var fit = KaplanMeier.Fit(SurvivalData.Create(t, e)).Curves[0];
        var s = fit.SurvivalAt(200);
        string F(double x) => x.ToString("F2", CultureInfo.InvariantCulture);
        string M(double? x) => x is double v ? $"{Math.Round(v, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}" : "\"NR\"";
        string json = $$"""
            { "groups": [ { "name": "all", "n": {{n}}, "events": {{fit.Events}},
                "median": { "estimate": {{M(fit.Median.Estimate)}}, "lower": {{M(fit.Median.Lower)}}, "decimals": 0 },
                "survivalAt": [ { "time": 200, "estimate": {{F(s.Survival)}}, "lower": {{F(s.Lower!.Value)}}, "upper": {{F(s.Upper!.Value)}}, "decimals": 2 } ],
                "atRisk": [ { "time": 0, "n": {{n}} }, { "time": 200, "n": {{fit.NumberAtRisk(200)}} } ] } ],
              "constraints": { "maxTime": {{t.Max()}} } }
            """;
        var targets = CohortTargets.Parse(json);
        Assert.True(targets.Evaluate(SurvivalData.Create(t, e, group: Enumerable.Repeat("all", n).ToArray())).AllMet);
        var result = CohortSynthesis.Synthesize(targets, new SynthesisOptions { Seed = seed, MaxEvaluations = 200_000, Chains = 2 });
        Assert.True(result.AllMet, result.ToString());
    }

    [Fact]
    public void Distance_is_zero_when_met_and_grows_with_the_gap()
    {
        var p = new PrintedNumber(PrintedKind.Rounded, 0.336, 3);
        Assert.Equal(0, p.Distance(0.3361));
        Assert.InRange(p.Distance(0.3366), 0.5, 0.6);
        Assert.True(p.Distance(0.34) > p.Distance(0.337));
        Assert.True(p.Distance(0.30) > p.Distance(0.33));
        Assert.Equal(3, p.Distance(null));
        Assert.Equal(0, new PrintedNumber(PrintedKind.NotReached, double.NaN, 0).Distance(null));
        Assert.Equal(3, new PrintedNumber(PrintedKind.NotReached, double.NaN, 0).Distance(12));
        var below = new PrintedNumber(PrintedKind.Below, 0.001, 3);
        Assert.Equal(0, below.Distance(0.0004));
        Assert.True(below.Distance(0.01) > below.Distance(0.002));
    }

    [Theory]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 } ], "constraints": { "accrual": 5 } }""", "constraints.accrual", "needs constraints.cutOff")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 } ], "constraints": { "cutOff": 100, "maxTime": 120 } }""", "constraints.maxTime", "after the cut-off")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 } ], "constraints": { "cutOff": 100, "accrual": 100 } }""", "constraints.accrual", "shorter than the cut-off")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10 } ], "constraints": { "minTime": 50, "maxTime": 20 } }""", "constraints.minTime", "above maxTime")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10, "curve": [ { "time": 1, "survival": 0.9 }, { "time": 2 } ] } ] }""", "groups[0].curve[1]", "either survival or incidence")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10, "curve": [ { "time": 1, "survival": 1.9 } ] } ] }""", "groups[0].curve[0]", "within")]
    [InlineData("""{ "groups": [ { "name": "a", "n": 10, "incidenceAt": [ { "time": 1, "estimate": 1.5 } ] } ] }""", "groups[0].incidenceAt[0].estimate", "between 0 and 1")]
    public void Bad_constraints_and_curves_name_their_JSON_path(string json, string path, string reason)
    {
        var e = Assert.Throws<SurvivalInputException>(() => CohortTargets.Parse(json, "t.json"));
        Assert.Equal(path, e.Column);
        Assert.Contains(reason, e.Message);
        Assert.Equal("t.json", e.File);
    }

    [Fact]
    public void Incidence_targets_are_one_minus_survival_with_the_limits_swapped()
    {
        var data = SurvivalData.Create([5, 8, 12, 20, 25, 30], [true, false, true, true, false, true]);
        var s = KaplanMeier.Fit(data).Curves[0].SurvivalAt(15);
        string json = $$"""
            { "groups": [ { "name": "all", "n": 6, "incidenceAt": [ { "time": 15,
                "estimate": {{(1 - s.Survival).ToString("F4", CultureInfo.InvariantCulture)}},
                "lower": {{(1 - s.Upper!.Value).ToString("F4", CultureInfo.InvariantCulture)}},
                "upper": {{(1 - s.Lower!.Value).ToString("F4", CultureInfo.InvariantCulture)}} } ] } ] }
            """;
        var grouped = SurvivalData.Create([5, 8, 12, 20, 25, 30], [true, false, true, true, false, true], group: Enumerable.Repeat("all", 6).ToArray());
        Assert.True(CohortTargets.Parse(json).Evaluate(grouped).AllMet);
    }
}
