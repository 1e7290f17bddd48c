using System.Text.Json;
using Survival.Assessment;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Assessment;

/// <summary>Concordance against R survival's concordancefit (fixtures from Golden/R/assessment.R: lung with age and with
/// a Cox linear predictor, colon deaths with a heavily tied score and strata, seeded data with tied times, case weights,
/// clusters and strata; and from Golden/R/concordance-counting.R, (start, stop] data: the Stanford heart data with age
/// and a Cox linear predictor, seeded data with tied entries and exits and with twelve strata): every timewt R allows,
/// both directions, a horizon and ymin; C, the jackknife variance, the Cox variance and the five pair counts, to 1e-10.</summary>
public class ConcordanceGoldenTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Cases("assessment")) if (name.StartsWith("concordance-", StringComparison.Ordinal)) data.Add(name);
        return data;
    }

    internal static SurvivalData Rows(JsonElement rows)
    {
        string[]? Optional(string p) => rows.TryGetProperty(p, out var v) ? Golden.Strings(v) : null;
        return SurvivalData.Create(Golden.Numbers(rows.GetProperty("time")), Golden.Numbers(rows.GetProperty("status")).Select(s => s == 1).ToArray(),
            entry: rows.TryGetProperty("entry", out var e) ? Golden.Numbers(e) : null,
            weight: rows.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null, strata: Optional("strata"), id: Optional("cluster"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Matches_R_concordance(string name)
    {
        var f = Golden.Load("assessment", name);
        var rows = f.GetProperty("rows");
        var data = Rows(rows);
        var score = Golden.Numbers(rows.GetProperty("score"));
        foreach (var c in f.GetProperty("cases").EnumerateArray())
        {
            var options = new ConcordanceOptions
            {
                TimeWeight = c.GetProperty("timewt").GetString() switch
                {
                    "n" => ConcordanceTimeWeight.N, "S" => ConcordanceTimeWeight.S, "S/G" => ConcordanceTimeWeight.SOverG,
                    "n/G2" => ConcordanceTimeWeight.NOverG2, "I" => ConcordanceTimeWeight.I, var s => throw new InvalidOperationException(s),
                },
                Direction = c.GetProperty("reverse").GetBoolean() ? ConcordanceDirection.LargerScoreHigherRisk : ConcordanceDirection.LargerScoreLongerSurvival,
                Horizon = c.TryGetProperty("ymax", out var y) && y.ValueKind == JsonValueKind.Array ? Golden.Numbers(y)[0] : null,
                Ymin = c.TryGetProperty("ymin", out var y0) && y0.ValueKind == JsonValueKind.Array ? Golden.Numbers(y0)[0] : null,
            };
            var r = Concordance.Compute(data, score, options);
            string at = $"{name} {options.TimeWeight} {options.Direction} ymax={options.Horizon} ymin={options.Ymin}";
            Golden.Close(Golden.Numbers(c.GetProperty("concordance"))[0], r.Estimate, 1e-10, at + " C");
            Golden.Close(Golden.Numbers(c.GetProperty("var"))[0], r.Variance, 1e-10, at + " var");
            Golden.Close(Golden.Numbers(c.GetProperty("cvar"))[0], r.CoxVariance, 1e-10, at + " cvar");
            var count = Golden.Numbers(c.GetProperty("count"));
            double[] mine = [r.Concordant, r.Discordant, r.TiedX, r.TiedY, r.TiedXY];
            for (int k = 0; k < 5; k++) Golden.Close(count[k], mine[k], 1e-10, at + $" count[{k}]");
        }
    }

    [Fact]
    public void Prints_as_R()
    {
        var f = Golden.Load("assessment", "concordance-lung-age");
        var rows = f.GetProperty("rows");
        var r = Concordance.Compute(Rows(rows), Golden.Numbers(rows.GetProperty("score")));
        var expected = File.ReadAllText(Path.Combine(Golden.Directory("assessment"), "concordance-print.txt")).Replace("\r\n", "\n");
        Assert.Equal(expected, r.ToString());
    }
    [Theory]
    [InlineData(ConcordanceTimeWeight.SOverG, "S/G")]
    [InlineData(ConcordanceTimeWeight.NOverG2, "n/G2")]
    public void Delayed_entry_refuses_the_weights_that_need_the_censoring_distribution_as_R(ConcordanceTimeWeight weight, string rName)
    {
        var data = SurvivalData.Create([3.0, 5, 6, 8], [true, false, true, true], entry: [0.0, 1, 2, 0]);
        var e = Assert.Throws<SurvivalInputException>(() => Concordance.Compute(data, [1.0, 2, 3, 4], new ConcordanceOptions { TimeWeight = weight }));
        Assert.Contains($"\"{rName} timewt option not supported for (time1, time2) data\"", e.Message);
        Assert.Equal("timewt", e.Column);
    }

    [Fact]
    public void An_interval_that_collapses_under_the_near_tie_rule_is_named()
    {
        var data = SurvivalData.Create([3.0, 5, 1 + 1e-12], [true, false, true], entry: [0.0, 1, 1]);
        var e = Assert.Throws<SurvivalInputException>(() => Concordance.Compute(data, [1.0, 2, 3]));
        Assert.Equal(3, e.Row);
        Assert.Contains("length zero", e.Message);
        // Without the rule the short interval is valid.
        Assert.Equal(3, Concordance.Compute(data, [1.0, 2, 3], new ConcordanceOptions { TimeFix = false }).N);
    }

    /// <summary>R's concordance(fit) of a Cox model: the fit made here from the fixture's covariates, its concordance
    /// against R's concordancefit of coxph's linear predictor with reverse = TRUE (every time weight and horizon R
    /// computed): lung (age, sex, ph.ecog) and the Stanford heart data on (start, stop] rows with cluster(id).</summary>
    [Theory]
    [InlineData("concordance-lung-cox", "score-lung-cox", new[] { "age", "sex", "ph.ecog" })]
    [InlineData("concordance-cp-heart-cox", null, new[] { "age", "transplant", "surgery" })]
    public void Concordance_of_a_Cox_fit_is_Rs_concordance_of_the_fit(string name, string? covariateFixture, string[] covariates)
    {
        var f = Golden.Load("assessment", name);
        var rows = f.GetProperty("rows");
        var data = Rows(rows);
        var source = covariateFixture is null ? rows : Golden.Load("assessment", covariateFixture).GetProperty("covariates");
        var x = new Survival.Regression.CovariateMatrix(data.Count);
        foreach (var c in covariates) x.AddNumeric(c, Golden.Numbers(source.GetProperty(c)));
        var fit = Survival.Regression.CoxRegression.Fit(data, x);
        int compared = 0;
        foreach (var c in f.GetProperty("cases").EnumerateArray())
        {
            if (!c.GetProperty("reverse").GetBoolean()) continue;
            var options = new ConcordanceOptions
            {
                TimeWeight = c.GetProperty("timewt").GetString() switch
                {
                    "n" => ConcordanceTimeWeight.N, "S" => ConcordanceTimeWeight.S, "S/G" => ConcordanceTimeWeight.SOverG,
                    "n/G2" => ConcordanceTimeWeight.NOverG2, "I" => ConcordanceTimeWeight.I, var s => throw new InvalidOperationException(s),
                },
                Horizon = c.TryGetProperty("ymax", out var y) && y.ValueKind == JsonValueKind.Array ? Golden.Numbers(y)[0] : null,
                Ymin = c.TryGetProperty("ymin", out var y0) && y0.ValueKind == JsonValueKind.Array ? Golden.Numbers(y0)[0] : null,
            };
            var r = Concordance.Compute(fit, options);
            string at = $"{name} {options.TimeWeight} ymax={options.Horizon} ymin={options.Ymin}";
            Golden.Close(Golden.Numbers(c.GetProperty("concordance"))[0], r.Estimate, 1e-8, at + " C");
            Golden.Close(Golden.Numbers(c.GetProperty("var"))[0], r.Variance, 1e-7, at + " var");
            compared++;
        }
        Assert.True(compared >= 3);
        Assert.Equal(fit.Concordance!.Value, Concordance.Compute(fit).Estimate, 1e-12);
    }
}
