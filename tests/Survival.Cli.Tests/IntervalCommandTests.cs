using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Interval-censored input through the CLI contract (<c>--left --right</c>): <c>km</c> (Turnbull), <c>logrank</c>
/// (generalised log-rank) and <c>parametric</c> (interval-censored survreg) against R's fixtures, and the one-line errors.</summary>
public class IntervalCommandTests
{
    private static JsonElement Fixture(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "interval", name + ".json"))).RootElement;

    private static double Value(JsonElement x) => x.GetString() switch
    {
        "NA" => double.NaN,
        "Inf" => double.PositiveInfinity,
        var s => double.Parse(s!, CultureInfo.InvariantCulture),
    };

    private static double[] Values(JsonElement e) => e.EnumerateArray().Select(Value).ToArray();

    [Fact]
    public void Km_with_left_and_right_prints_R_survfits_Turnbull_curves_and_intervals()
    {
        var c = Fixture("turnbull_visits_two_groups");
        string csv = CliHarness.FixtureCsv(c.GetProperty("input"));
        var json = CliHarness.Json("km", "--input", csv, "--left", "left", "--right", "right", "--group", "g", "--at", "3,6,12,24");
        Assert.Equal("turnbull", json.GetProperty("method").GetString());
        var curves = c.GetProperty("curves");
        var strata = curves.GetProperty("strata").EnumerateArray().Select(s => s.GetString()!).ToArray();
        var surv = Values(curves.GetProperty("surv"));
        // The library does R's arithmetic (see TurnbullGoldenTests), so R's iterates and R's answer.
        const double tol = 1e-9;
        foreach (var curve in json.GetProperty("curves").EnumerateArray())
        {
            string group = curve.GetProperty("group").GetString()!;
            Assert.Equal("turnbull", curve.GetProperty("method").GetString());
            var rows = Enumerable.Range(0, strata.Length).Where(i => strata[i] == group).ToArray();
            var steps = curve.GetProperty("steps").EnumerateArray().ToArray();
            Assert.Equal(rows.Length, steps.Length);
            for (int k = 0; k < rows.Length; k++)
                Assert.True(Math.Abs(surv[rows[k]] - steps[k].GetProperty("survival").GetDouble()) <= tol, $"{group} step {k}");
            var intervals = curve.GetProperty("intervals").EnumerateArray().ToArray();
            Assert.NotEmpty(intervals);
            double total = intervals.Sum(i => i.GetProperty("probability").GetDouble());
            double last = steps[^1].GetProperty("survival").GetDouble();
            Assert.Equal(1 - last, total, 9);
            Assert.All(intervals, i => Assert.True(i.GetProperty("lower").GetDouble() <= i.GetProperty("upper").GetDouble()));
            Assert.Equal(4, curve.GetProperty("at").GetArrayLength());
            Assert.True(curve.GetProperty("converged").GetBoolean());
        }
    }

    [Fact]
    public void Logrank_with_left_and_right_is_the_generalised_log_rank_test()
    {
        string csv = CliHarness.FixtureCsv(Fixture("turnbull_visits_two_groups").GetProperty("input"));
        var json = CliHarness.Json("logrank", "--input", csv, "--left", "left", "--right", "right", "--group", "g");
        Assert.Equal("generalized-logrank", json.GetProperty("method").GetString());
        Assert.Equal(1, json.GetProperty("df").GetInt32());
        double chi = json.GetProperty("chiSquare").GetDouble(), p = json.GetProperty("pValue").GetDouble();
        Assert.Equal(MathNet.Numerics.Distributions.ChiSquared.CDF(1, chi), 1 - p, 9);
        var finkelstein = CliHarness.Json("logrank", "--input", csv, "--left", "left", "--right", "right", "--group", "g", "--scores", "finkelstein");
        Assert.Equal("finkelstein", finkelstein.GetProperty("scores").GetString());
        Assert.NotEqual(chi, finkelstein.GetProperty("chiSquare").GetDouble());
    }

    [Fact]
    public void Parametric_with_left_and_right_matches_R_survreg()
    {
        var c = Fixture("survreg_weibull_covariates");
        string csv = CliHarness.FixtureCsv(c.GetProperty("input"));
        var json = CliHarness.Json("parametric", "--input", csv, "--left", "left", "--right", "right", "--dist", "weibull", "--covariates", "x,trt");
        var coef = c.GetProperty("coef").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var parameters = json.GetProperty("parameters").EnumerateArray().ToArray();
        for (int j = 0; j < coef.Length; j++) Assert.Equal(coef[j], parameters[j].GetProperty("estimate").GetDouble(), 6);
        Assert.Equal(c.GetProperty("logLik").GetDouble(), json.GetProperty("logLikelihood").GetDouble(), 7);
    }

    [Fact]
    public void Bad_interval_input_is_one_line_naming_the_place()
    {
        string csv = CliHarness.Csv("left,right,arm\n1,2,a\n5,4,a\n0,Inf,b\nNA,3,b\n");
        string error = CliHarness.Fails("km", "--input", csv, "--left", "left", "--right", "right", "--group", "arm");
        Assert.Contains(":3,", error); // file:line
        Assert.Contains("right", error);
        Assert.Contains("'4'", error);
        Assert.Contains("not both", CliHarness.Fails("km", "--input", csv, "--left", "left", "--right", "right", "--time", "left"));
        Assert.Contains("--right", CliHarness.Fails("km", "--input", csv, "--left", "left"));
        Assert.Contains("--time is required", CliHarness.Fails("km", "--input", csv, "--group", "arm"));
        Assert.Contains("not a number", CliHarness.Fails("km", "--input", CliHarness.Csv("left,right\n1,abc\n"), "--left", "left", "--right", "right"));
        Assert.Contains("interval-censored", CliHarness.Fails("parametric", "--input", CliHarness.Csv("left,right\n1,2\n2,3\n"), "--left", "left", "--right", "right", "--dist", "gompertz"));
    }

    [Fact]
    public void A_row_missing_both_ends_is_left_out_and_reported_as_a_missing_value()
    {
        string csv = CliHarness.Csv("left,right\n1,2\nNA,NA\n2,Inf\nNA,3\n3,3\n");
        var json = CliHarness.Json("km", "--input", csv, "--left", "left", "--right", "right");
        Assert.Equal(1, json.GetProperty("omitted").GetProperty("count").GetInt32());
        Assert.Equal(3, json.GetProperty("omitted").GetProperty("lines")[0].GetInt32());
        Assert.Equal(4, json.GetProperty("curves")[0].GetProperty("n").GetInt32());
        Assert.Contains("missing", CliHarness.Fails("km", "--input", csv, "--left", "left", "--right", "right", "--missing", "fail"));
    }
}
