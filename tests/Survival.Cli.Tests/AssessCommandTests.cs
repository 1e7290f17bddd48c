using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival assess</c> through its JSON contract against R (fixtures and CSV files from
/// Golden/R/assessment.R): Harrell's and Uno's C against survival::concordance, AUC and Brier score (with the null model
/// and IBS) against riskRegression::Score, for a Cox model on its own data, a Cox model fitted on one file and assessed
/// on another, a Weibull model and a Fine–Gray model; and the one-line errors.</summary>
public class AssessCommandTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Golden", "assessment");

    private static string File(string name) => Path.Combine(Dir, name);

    private static JsonElement Fixture(string name) => JsonDocument.Parse(System.IO.File.ReadAllText(File(name + ".json"))).RootElement;

    private static double Value(JsonElement x) => x.ValueKind switch
    {
        JsonValueKind.Number => x.GetDouble(),
        JsonValueKind.Array => Value(x[0]),
        _ => double.Parse(x.GetString()!, CultureInfo.InvariantCulture),
    };

    private static void Close(double expected, JsonElement actual, double tolerance, string what)
    {
        double a = actual.GetDouble();
        Assert.True(Math.Abs(expected - a) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: R {expected:R}, got {a:R}");
    }

    /// <summary>AUC and Brier (model and null) of the JSON against a Score fixture.</summary>
    private static void SameScore(JsonElement json, JsonElement fixture, double tolerance)
    {
        var auc = fixture.GetProperty("auc").EnumerateArray().ToArray();
        Assert.Equal(auc.Length, json.GetProperty("auc").GetArrayLength());
        for (int k = 0; k < auc.Length; k++)
        {
            var mine = json.GetProperty("auc")[k];
            Close(Value(auc[k].GetProperty("time")), mine.GetProperty("time"), 0, "AUC time");
            foreach (var (r, c) in new[] { ("estimate", "estimate"), ("se", "stdErr"), ("lower", "lower"), ("upper", "upper") })
                Close(Value(auc[k].GetProperty(r)), mine.GetProperty(c), tolerance, $"AUC[{k}] {c}");
        }
        var brier = fixture.GetProperty("brier").EnumerateArray().ToArray();
        for (int k = 0; k < brier.Length; k++)
        {
            var mine = json.GetProperty("brier")[k];
            foreach (var (r, c) in new[] { ("estimate", "estimate"), ("se", "stdErr"), ("lower", "lower"), ("upper", "upper"), ("null", "null"), ("nullSe", "nullStdErr") })
                Close(Value(brier[k].GetProperty(r)), mine.GetProperty(c), tolerance, $"Brier[{k}] {c}");
        }
        Close(Value(brier[^1].GetProperty("ibs")), json.GetProperty("integratedBrier").GetProperty("estimate"), tolerance, "IBS");
        Close(Value(brier[^1].GetProperty("nullIbs")), json.GetProperty("integratedBrier").GetProperty("null"), tolerance, "null IBS");
    }

    private static JsonElement Case(JsonElement fixture, string timewt, double? ymax)
        => fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("timewt").GetString() == timewt && c.GetProperty("reverse").GetBoolean()
            && (c.GetProperty("ymax").ValueKind == JsonValueKind.Array ? Value(c.GetProperty("ymax")) : (double?)null) == ymax);

    [Fact]
    public void Cox_on_its_own_data_is_R_concordance_and_Score()
    {
        var json = CliHarness.Json("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--model", "cox",
            "--covariates", "age,sex,ph.ecog", "--at", "180,365,540", "--horizon", "365");
        Assert.Equal("train", json.GetProperty("data").GetString());
        var c = Fixture("concordance-lung-cox");
        var harrell = Case(c, "n", 365);
        var uno = Case(c, "n/G2", 365);
        var concordance = json.GetProperty("concordance");
        Close(Value(harrell.GetProperty("concordance")), concordance.GetProperty("harrell").GetProperty("estimate"), 1e-9, "Harrell C");
        Close(Math.Sqrt(Value(harrell.GetProperty("var"))), concordance.GetProperty("harrell").GetProperty("stdErr"), 1e-9, "Harrell se");
        Close(Value(uno.GetProperty("concordance")), concordance.GetProperty("uno").GetProperty("estimate"), 1e-9, "Uno C");
        Close(Math.Sqrt(Value(uno.GetProperty("var"))), concordance.GetProperty("uno").GetProperty("stdErr"), 1e-9, "Uno se");
        SameScore(json, Fixture("score-lung-cox"), 1e-8);
        var calibration = json.GetProperty("calibration");
        Assert.Equal(3, calibration.GetArrayLength());
        Assert.Equal(10, calibration[1].GetProperty("groups").GetArrayLength());
        // On its own data a Cox model's calibration slope is 1 (refitting on the linear predictor returns it).
        Close(1, calibration[1].GetProperty("slope").GetProperty("estimate"), 1e-6, "slope");
    }

    [Fact]
    public void Cox_fitted_on_one_file_is_assessed_on_another_as_R()
    {
        var json = CliHarness.Json("assess", "--train", File("colon-train.csv"), "--test", File("colon-test.csv"), "--time", "time", "--event", "status",
            "--model", "cox", "--covariates", "age,nodes,rx", "--at", "365,730,1461,2191");
        Assert.Equal("test", json.GetProperty("data").GetString());
        SameScore(json, Fixture("score-colon-cox-test"), 1e-8);
        var cal = Fixture("calibration-colon-test");
        var (exit, _, err) = CliHarness.Run("assess", "--train", File("colon-train.csv"), "--test", File("colon-test.csv"), "--time", "time", "--event", "status",
            "--model", "cox", "--covariates", "age,nodes,rx", "--at", "1461", "--groups", "5", "--format", "json");
        Assert.True(exit == 0, err);
        var groups = CliHarness.Json("assess", "--train", File("colon-train.csv"), "--test", File("colon-test.csv"), "--time", "time", "--event", "status",
            "--model", "cox", "--covariates", "age,nodes,rx", "--at", "1461", "--groups", "5").GetProperty("calibration")[0].GetProperty("groups");
        var expected = cal.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, groups.GetArrayLength());
        for (int g = 0; g < expected.Length; g++)
        {
            Close(Value(expected[g].GetProperty("observed")), groups[g].GetProperty("observed"), 1e-9, $"group {g + 1} observed");
            Close(Value(expected[g].GetProperty("predicted")), groups[g].GetProperty("predicted"), 1e-8, $"group {g + 1} predicted");
        }
    }

    [Fact]
    public void Weibull_and_Fine_Gray_models_score_as_R()
    {
        var weibull = CliHarness.Json("assess", "--train", File("pbc.csv"), "--time", "time", "--event", "status", "--model", "weibull",
            "--covariates", "age,logbili,albumin", "--at", "1000,2000,3000");
        SameScore(weibull, Fixture("score-pbc-weibull"), 1e-5);
        var fg = CliHarness.Json("assess", "--train", File("mgus2.csv"), "--time", "time", "--event", "status", "--model", "finegray", "--cause", "1",
            "--covariates", "age,male,mspike", "--at", "60,120,240");
        Assert.Equal("1", fg.GetProperty("cause").GetString());
        SameScore(fg, Fixture("score-mgus2-finegray"), 1e-5);
    }

    [Fact]
    public void The_ROC_curves_are_drawn_for_predicted_probabilities_only()
    {
        string png = Path.Combine(Path.GetTempPath(), $"roc-{Guid.NewGuid():N}.png");
        try
        {
            CliHarness.Json("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--model", "cox",
                "--covariates", "age,sex,ph.ecog", "--at", "180,365", "--roc-plot", png);
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.Equal(640, bitmap.Width);
        }
        finally { System.IO.File.Delete(png); }
        Assert.Contains("--roc-plot", CliHarness.Fails("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status",
            "--risk-score", "age", "--at", "365", "--roc-plot", png));
        Assert.Contains("--roc-plot", CliHarness.Fails("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status",
            "--model", "cox", "--covariates", "age", "--at", "365", "--roc-plot", "roc.pdf"));
    }

    [Fact]
    public void Cause_specific_Cox_models_score_as_R_Score_of_CSC()
    {
        var csc = CliHarness.Json("assess", "--train", File("mgus2.csv"), "--time", "time", "--event", "status", "--model", "csc", "--cause", "1",
            "--covariates", "age,male,mspike", "--at", "60,120,240");
        Assert.Equal("csc", csc.GetProperty("model").GetString());
        Assert.Equal("1", csc.GetProperty("cause").GetString());
        var f = Fixture("score-mgus2-csc");
        SameScore(csc, f, 1e-6);
        // Concordance ranks by the cause's own model (R: concordance(csc$models[[1]]), and its Uno form).
        var concordance = csc.GetProperty("concordance");
        Close(Value(f.GetProperty("harrell").GetProperty("estimate")), concordance.GetProperty("harrell").GetProperty("estimate"), 1e-8, "Harrell C");
        Close(Value(f.GetProperty("harrell").GetProperty("se")), concordance.GetProperty("harrell").GetProperty("stdErr"), 1e-7, "Harrell se");
        Close(Value(f.GetProperty("uno").GetProperty("estimate")), concordance.GetProperty("uno").GetProperty("estimate"), 1e-8, "Uno C");
        Close(Value(f.GetProperty("uno").GetProperty("se")), concordance.GetProperty("uno").GetProperty("stdErr"), 1e-7, "Uno se");
        Assert.Contains("--cause", CliHarness.Fails("assess", "--train", File("mgus2.csv"), "--time", "time", "--event", "status", "--model", "csc", "--covariates", "age", "--at", "60"));
        // A time after the last observation has no risk (riskRegression: NA): one line naming the time.
        var late = CliHarness.Fails("assess", "--train", File("mgus2.csv"), "--time", "time", "--event", "status", "--model", "csc", "--cause", "1",
            "--covariates", "age", "--at", "60,100000");
        Assert.Contains("100000", late);
        Assert.Contains("last observed time", late);
    }

    [Fact]
    public void A_risk_score_column_is_assessed_without_a_model()
    {
        // Not a probability: concordance and AUC (rank-based) only.
        var json = CliHarness.Json("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--risk-score", "age", "--at", "365");
        var c = Fixture("cli-risk-score-age");
        Assert.Equal(0, json.GetProperty("brier").GetArrayLength());
        Assert.Equal(0, json.GetProperty("calibration").GetArrayLength());
        var concordance = json.GetProperty("concordance");
        Close(Value(c.GetProperty("harrell").GetProperty("estimate")), concordance.GetProperty("harrell").GetProperty("estimate"), 1e-10, "Harrell C");
        Close(Value(c.GetProperty("harrell").GetProperty("se")), concordance.GetProperty("harrell").GetProperty("stdErr"), 1e-10, "Harrell se");
        Close(Value(c.GetProperty("uno").GetProperty("estimate")), concordance.GetProperty("uno").GetProperty("estimate"), 1e-10, "Uno C");
        Close(Value(c.GetProperty("uno").GetProperty("se")), concordance.GetProperty("uno").GetProperty("stdErr"), 1e-10, "Uno se");
        Close(Value(c.GetProperty("auc").GetProperty("estimate")), json.GetProperty("auc")[0].GetProperty("estimate"), 1e-10, "AUC");
        Close(Value(c.GetProperty("auc").GetProperty("se")), json.GetProperty("auc")[0].GetProperty("stdErr"), 1e-10, "AUC se");
    }

    [Fact]
    public void Event_values_read_the_event_as_R_status_in()
    {
        // pbc's status 2 (death) is the event, 0 and 1 (transplant) censorings: the same as a 0/1 column.
        var pbc = Path.Combine(AppContext.BaseDirectory, "Golden", "multistate", "pbc.csv");
        var lines = System.IO.File.ReadAllLines(pbc);
        var recoded = CliHarness.Csv(string.Join("\n", lines.Select((l, i) =>
        {
            if (i == 0) return l;
            var f = l.Split(',');
            f[2] = f[2] == "2" ? "1" : "0";
            return string.Join(",", f);
        })) + "\n");
        string[] rest = ["--time", "time", "--model", "cox", "--covariates", "age,trt", "--at", "1000,2000"];
        var viaValues = CliHarness.Json(["assess", "--train", pbc, "--event", "status", "--event-values", "2", .. rest]);
        var viaColumn = CliHarness.Json(["assess", "--train", recoded, "--event", "status", .. rest]);
        Assert.Equal("2", viaValues.GetProperty("eventValues")[0].GetString());
        foreach (var path in new[] { "harrell", "uno" })
            Assert.Equal(viaColumn.GetProperty("concordance").GetProperty(path).GetProperty("estimate").GetDouble(),
                viaValues.GetProperty("concordance").GetProperty(path).GetProperty("estimate").GetDouble());
        Assert.Equal(viaColumn.GetProperty("brier")[1].GetProperty("estimate").GetDouble(), viaValues.GetProperty("brier")[1].GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void Bad_input_is_one_line()
    {
        Assert.Contains("--model", CliHarness.Fails("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--at", "365"));
        Assert.Contains("--covariates", CliHarness.Fails("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--model", "cox", "--at", "365"));
        Assert.Contains("--cause", CliHarness.Fails("assess", "--train", File("mgus2.csv"), "--time", "time", "--event", "status", "--model", "finegray", "--covariates", "age", "--at", "60"));
        Assert.Contains("gamma", CliHarness.Fails("assess", "--train", File("lung.csv"), "--time", "time", "--event", "status", "--model", "gamma", "--covariates", "age", "--at", "60"));
        // A time of 0 for a log-time model: the training file's line.
        var zero = CliHarness.Csv("time,status,age\n5,1,60\n0,1,50\n7,0,55\n9,1,70\n");
        var refused = CliHarness.Fails("assess", "--train", zero, "--time", "time", "--event", "status", "--model", "weibull", "--covariates", "age", "--at", "5");
        Assert.Contains(":3", refused);
        Assert.Contains("times > 0", refused);
        // A level the training file does not have: the test file's line and value.
        var test = CliHarness.Csv("time,status,age,nodes,rx\n100,1,60,2,Obs\n200,0,50,1,Placebo\n");
        var error = CliHarness.Fails("assess", "--train", File("colon-train.csv"), "--test", test, "--time", "time", "--event", "status",
            "--model", "cox", "--covariates", "age,nodes,rx", "--at", "150");
        Assert.Contains(":3", error);
        Assert.Contains("'Placebo'", error);
        Assert.Contains("not fitted with", error);
    }
}
