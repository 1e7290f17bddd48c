using System.Text.Json;
using Survival.CompetingRisks;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>Cumulative incidence, Gray's test and Fine–Gray against R (fixtures from Golden/R/competing-risks.R: survfit
/// with a factor status, cmprsk::cuminc, cmprsk::crr on mgus2 and random data with ties, groups, strata, delayed entry
/// and weights).</summary>
public class CompetingRisksGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("competing-risks");

    internal static (CompetingRisksData Data, JsonElement Fixture) Load(string name)
    {
        var f = Golden.Load("competing-risks", name);
        var input = f.GetProperty("input");
        var data = CompetingRisksData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Strings(input.GetProperty("status")),
            entry: input.TryGetProperty("entry", out var e) ? Golden.Numbers(e) : null,
            weight: input.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null,
            group: input.TryGetProperty("group", out var g) ? Golden.Strings(g) : null,
            strata: input.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null);
        return (data, f);
    }

    private static double?[] Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : (double?)null).ToArray()
        : [e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cumulative_incidence_matches_R_survfit(string name)
    {
        var (data, f) = Load(name);
        var times = Golden.Numbers(f.GetProperty("times"));
        var fit = CumulativeIncidence.Fit(data, new CumulativeIncidenceOptions { At = times });
        foreach (var expected in f.GetProperty("curves").EnumerateArray())
        {
            string group = expected.GetProperty("group").GetString()!;
            string cause = expected.GetProperty("cause").GetString()!;
            var curve = fit.Curve(cause, data.Rows.Group is null ? null : group);
            string what = $"{name} {group}/{cause}";
            var time = Golden.Numbers(expected.GetProperty("time"));
            Assert.Equal(time, curve.Steps.Select(s => s.Time).ToArray());
            var atRisk = Golden.Numbers(expected.GetProperty("atRisk"));
            var estimate = Golden.Numbers(expected.GetProperty("estimate"));
            var stdErr = Golden.Numbers(expected.GetProperty("stdErr"));
            var lower = Nullable(expected.GetProperty("lower"));
            var upper = Nullable(expected.GetProperty("upper"));
            var eventFree = fit.EventFree.Single(c => c.Group == curve.Group);
            var freeEstimate = Golden.Numbers(expected.GetProperty("eventFree").GetProperty("estimate"));
            var freeStdErr = Golden.Numbers(expected.GetProperty("eventFree").GetProperty("stdErr"));
            for (int j = 0; j < time.Length; j++)
            {
                Golden.Close(atRisk[j], curve.Steps[j].AtRisk, 1e-12, $"{what} atRisk[{j}]");
                Golden.Close(estimate[j], curve.Steps[j].Estimate, 1e-10, $"{what} estimate[{j}]");
                Golden.Close(stdErr[j], curve.Steps[j].StdErr, 1e-8, $"{what} stdErr[{j}]");
                Golden.Close(lower[j], curve.Steps[j].Lower, 1e-8, $"{what} lower[{j}]");
                Golden.Close(upper[j], curve.Steps[j].Upper, 1e-8, $"{what} upper[{j}]");
                Golden.Close(freeEstimate[j], eventFree.Steps[j].Estimate, 1e-10, $"{what} event-free[{j}]");
                Golden.Close(freeStdErr[j], eventFree.Steps[j].StdErr, 1e-8, $"{what} event-free stdErr[{j}]");
            }
            var at = expected.GetProperty("at");
            var atEstimate = Golden.Numbers(at.GetProperty("estimate"));
            var atStdErr = Golden.Numbers(at.GetProperty("stdErr"));
            for (int j = 0; j < atEstimate.Length; j++)
            {
                Golden.Close(atEstimate[j], curve.At[j].Estimate, 1e-10, $"{what} at estimate[{j}]");
                Golden.Close(atStdErr[j], curve.At[j].StdErr, 1e-8, $"{what} at stdErr[{j}]");
            }
        }
    }

    /// <summary>ToString() is R's print of the survfit object (n, nevent and the restricted mean time in each state),
    /// character for character, with groups, strata, delayed entry and weights.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_as_R_prints_the_fit(string name)
    {
        var (data, f) = Load(name);
        Assert.Equal(f.GetProperty("print").GetString()!.Replace("\r\n", "\n") + "\n", CumulativeIncidence.Fit(data).ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gray_test_matches_R_cmprsk_cuminc(string name)
    {
        var (data, f) = Load(name);
        if (!f.TryGetProperty("gray", out var gray)) return;
        var causes = Golden.Strings(gray.GetProperty("cause"));
        var stat = Golden.Numbers(gray.GetProperty("stat"));
        var df = Golden.Numbers(gray.GetProperty("df"));
        var fit = CumulativeIncidence.Fit(data);
        Assert.Equal(causes.Length, fit.GrayTests.Count);
        for (int i = 0; i < causes.Length; i++)
        {
            var test = fit.GrayTests.Single(t => t.Cause == causes[i]);
            Golden.Close(stat[i], test.Test.ChiSquare, 1e-8, $"{name} Gray {causes[i]}");
            Assert.Equal((int)df[i], test.Test.DegreesOfFreedom);
        }
    }
}

public class FineGrayGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("competing-risks");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fine_Gray_matches_R_cmprsk_crr(string name)
    {
        var (data, f) = CompetingRisksGoldenTests.Load(name);
        if (!f.TryGetProperty("crr", out var crr)) return;
        var input = f.GetProperty("input");
        var names = Golden.Strings(crr.GetProperty("covariates"));
        var x = new Survival.Regression.CovariateMatrix(data.Count);
        foreach (var v in names) x.AddNumeric(v, Golden.Numbers(input.GetProperty(v)));
        var fit = FineGray.Fit(data, crr.GetProperty("cause").GetString()!, x);
        var coef = Golden.Numbers(crr.GetProperty("coef"));
        var se = Golden.Numbers(crr.GetProperty("se"));
        var lower = Golden.Numbers(crr.GetProperty("lower"));
        var upper = Golden.Numbers(crr.GetProperty("upper"));
        var p = Golden.Numbers(crr.GetProperty("p"));
        Assert.Equal(crr.GetProperty("converged").GetBoolean(), fit.Converged);
        for (int j = 0; j < coef.Length; j++)
        {
            Golden.Close(coef[j], fit.Coefficients[j].Estimate, 1e-9, $"{name} coef[{j}]");
            Golden.Close(se[j], fit.Coefficients[j].StdErr, 1e-8, $"{name} se[{j}]");
            Golden.Close(lower[j], fit.Coefficients[j].Lower, 1e-8, $"{name} lower[{j}]");
            Golden.Close(upper[j], fit.Coefficients[j].Upper, 1e-8, $"{name} upper[{j}]");
            Golden.Close(p[j], fit.Coefficients[j].PValue, 1e-8, $"{name} p[{j}]");
        }
        Golden.Close(crr.GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-10, name + " loglik");
        Golden.Close(crr.GetProperty("loglikNull").GetDouble(), fit.LogLikelihoodNull, 1e-10, name + " loglik null");
    }
}

public class FineGrayRowsGoldenTests
{
    [Fact]
    public void Weighted_rows_match_R_finegray_and_a_weighted_Cox_fit_on_them_matches_R_coxph()
    {
        var f = Golden.Load("finegray", "mgus2_finegray");
        var input = f.GetProperty("input");
        var data = CompetingRisksData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Strings(input.GetProperty("status")));
        var rows = FineGray.WeightedRows(data, "pcm");
        var expected = f.GetProperty("rows");
        Assert.Equal(Golden.Numbers(expected.GetProperty("start")), rows.Data.Entry.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("stop")), rows.Data.Time.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("status")).Select(s => s == 1), rows.Data.Event.ToArray());
        var weight = Golden.Numbers(expected.GetProperty("weight"));
        for (int i = 0; i < weight.Length; i++) Golden.Close(weight[i], rows.Data.Weight[i], 1e-12, $"weight[{i}]");
        var age = Golden.Numbers(input.GetProperty("age"));
        var male = Golden.Numbers(input.GetProperty("male"));
        var x = new Survival.Regression.CovariateMatrix(rows.SourceRow.Count)
            .AddNumeric("age", rows.SourceRow.Select(r => age[r]).ToArray())
            .AddNumeric("male", rows.SourceRow.Select(r => male[r]).ToArray());
        var fit = Survival.Regression.CoxRegression.Fit(rows.Data, x);
        var coef = Golden.Numbers(f.GetProperty("coef"));
        var se = Golden.Numbers(f.GetProperty("se"));
        var robust = Golden.Numbers(f.GetProperty("robustSe"));
        for (int j = 0; j < 2; j++)
        {
            Golden.Close(coef[j], fit.Coefficients[j].Estimate, 1e-6, $"coef {j}");
            Golden.Close(se[j], fit.Coefficients[j].StdErr, 1e-6, $"se {j}");
            Golden.Close(robust[j], fit.Coefficients[j].RobustStdErr, 1e-6, $"robust se {j}");
        }
        // In one call, with male as a categorical covariate (its level "1" against "0"): the same model.
        var direct = FineGray.FitWeighted(data, "pcm", new Survival.Regression.CovariateMatrix(age.Length).AddNumeric("age", age)
            .AddCategorical("male", Factor.FromLabels(male.Select(m => m == 1 ? "1" : "0").ToArray(), ["0", "1"], "male")));
        Assert.Equal("male=1", direct.Coefficients[1].Name);
        for (int j = 0; j < 2; j++)
        {
            Golden.Close(coef[j], direct.Coefficients[j].Estimate, 1e-6, $"one call: coef {j}");
            Golden.Close(robust[j], direct.Coefficients[j].RobustStdErr, 1e-6, $"one call: robust se {j}");
        }
    }

    public static TheoryData<string> DelayedEntryCases() => ["delayed_single_rows", "delayed_weighted", "delayed_split_subjects", "split_no_delay"];

    /// <summary>finegray() on (start, stop] rows (fixtures from Golden/R/finegray-delayed.R): late entries weighted by
    /// Ĝ(t)Ĥ(t), subjects in contiguous rows tied by an id, strata and case weights; and a weighted Cox fit on the rows.</summary>
    [Theory]
    [MemberData(nameof(DelayedEntryCases))]
    public void Delayed_entry_rows_match_R_finegray_and_coxph(string name)
    {
        var f = Golden.Load("finegray", name);
        var input = f.GetProperty("input");
        var labels = Golden.Strings(input.GetProperty("status"));
        string[] causes = ["a", "b"];
        var codes = labels.Select(l => l == "0" ? 0 : Array.IndexOf(causes, l) + 1).ToArray();
        var rows = SurvivalData.Create(Golden.Numbers(input.GetProperty("stop")), codes.Select(c => c != 0).ToArray(),
            entry: Golden.Numbers(input.GetProperty("start")),
            weight: input.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null,
            strata: input.TryGetProperty("strata", out var st) ? Golden.Strings(st) : null,
            id: Golden.Strings(input.GetProperty("id")));
        var data = CompetingRisksData.FromCodes(rows, codes, causes);
        var made = FineGray.WeightedRows(data, f.GetProperty("cause").GetString()!);

        // R writes the rows stratum by stratum; compare them in input-row order, each row's pieces by start.
        var expected = f.GetProperty("rows");
        var r = Golden.Numbers(expected.GetProperty("row"));
        var (start, stop, status, weight) = (Golden.Numbers(expected.GetProperty("start")), Golden.Numbers(expected.GetProperty("stop")),
            Golden.Numbers(expected.GetProperty("status")), Golden.Numbers(expected.GetProperty("weight")));
        var rOrder = Enumerable.Range(0, r.Length).OrderBy(k => r[k]).ThenBy(k => start[k]).ToArray();
        var mine = Enumerable.Range(0, made.SourceRow.Count).OrderBy(k => made.SourceRow[k]).ThenBy(k => made.Data.Entry[k]).ToArray();
        Assert.Equal(r.Length, mine.Length);
        for (int k = 0; k < mine.Length; k++)
        {
            int a = rOrder[k], b = mine[k];
            string at = $"{name} piece {k} (row {r[a]})";
            Assert.Equal(r[a] - 1, made.SourceRow[b]);
            Assert.True(start[a] == made.Data.Entry[b] && stop[a] == made.Data.Time[b], $"{at}: R ({start[a]}, {stop[a]}], got ({made.Data.Entry[b]}, {made.Data.Time[b]}]");
            Assert.Equal(status[a] == 1, made.Data.Event[b]);
            Golden.Close(weight[a], made.Data.Weight[b], 1e-12, at + " weight");
        }

        var x = Golden.Numbers(input.GetProperty("x"));
        var fit = Survival.Regression.CoxRegression.Fit(made.Data,
            new Survival.Regression.CovariateMatrix(made.SourceRow.Count).AddNumeric("x", made.SourceRow.Select(i => x[i]).ToArray()));
        Golden.Close(Golden.Numbers(f.GetProperty("coef"))[0], fit.Coefficients[0].Estimate, 1e-6, name + " coef");
        Golden.Close(Golden.Numbers(f.GetProperty("se"))[0], fit.Coefficients[0].StdErr, 1e-6, name + " se");
        Golden.Close(Golden.Numbers(f.GetProperty("robustSe"))[0], fit.Coefficients[0].RobustStdErr, 1e-6, name + " robust se");
        // The one-call route gives the same fit.
        var direct = FineGray.FitWeighted(data, f.GetProperty("cause").GetString()!, new Survival.Regression.CovariateMatrix(x.Length).AddNumeric("x", x));
        Assert.Equal(fit.Coefficients[0].Estimate, direct.Coefficients[0].Estimate);
        Assert.Equal(fit.Coefficients[0].RobustStdErr, direct.Coefficients[0].RobustStdErr);
    }

    [Fact]
    public void A_subject_with_a_gap_or_an_early_failure_is_named_as_R_does()
    {
        string[] causes = ["a", "b"];
        var gap = SurvivalData.Create([2.0, 5, 4], [false, true, true], entry: [0.0, 3, 1], id: ["s1", "s1", "s2"]);
        var e = Assert.Throws<SurvivalInputException>(() => FineGray.WeightedRows(CompetingRisksData.FromCodes(gap, [0, 1, 2], causes), "a"));
        Assert.Contains("gaps in time", e.Message);
        Assert.Equal(2, e.Row);
        var early = SurvivalData.Create([2.0, 5, 4], [true, true, true], entry: [0.0, 2, 1], id: ["s1", "s1", "s2"]);
        var f = Assert.Throws<SurvivalInputException>(() => FineGray.WeightedRows(CompetingRisksData.FromCodes(early, [2, 1, 2], causes), "a"));
        Assert.Contains("transition before their last time point", f.Message);
        Assert.Equal(1, f.Row);
    }
}
