using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival cox</c> for complete Cox (issue 17), checked from outside through its JSON contract against R's
/// answers (fixtures from tests/Survival.Tests/Golden/R/cox-complete.R): the fixture's rows are written to a CSV and the
/// command's output is compared with coxph, cox.zph, residuals.coxph and survfit(fit, newdata).</summary>
public class CoxCompleteCommandTests
{
    private static JsonElement Fixture(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "cox-complete", name + ".json"))).RootElement;

    private static double[] Numbers(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(Number).ToArray()
        : [Number(e)];

    private static double Number(JsonElement x) => x.ValueKind == JsonValueKind.String
        ? double.Parse(x.GetString()!, CultureInfo.InvariantCulture)
        : x.GetDouble();

    private static string[] Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToArray()
        : [e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()];

    private static void Close(double expected, JsonElement actual, double tol, string what)
    {
        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what}: R {expected}, got {actual}");
        double a = actual.GetDouble();
        Assert.True(Math.Abs(a - expected) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: R {expected:R}, got {a:R}");
    }

    [Theory]
    [InlineData("heart_efron")]
    [InlineData("bladder2_cluster")]
    [InlineData("random_counting_efron")]
    [InlineData("random_counting_weighted")]
    [InlineData("lung_robust")]
    [InlineData("veteran_celltype")]
    public void Json_contract_matches_R(string name)
    {
        var f = Fixture(name);
        var input = f.GetProperty("input");
        var path = CliHarness.FixtureCsv(input);
        var covariates = Strings(f.GetProperty("numeric")).ToList();
        var categorical = f.GetProperty("categorical");
        if (categorical.ValueKind == JsonValueKind.String || categorical.GetArrayLength() > 0) covariates.AddRange(Strings(categorical));
        var args = new List<string> { "cox", "--input", path, "--time", "stop", "--event", "event", "--covariates", string.Join(",", covariates),
            "--ties", f.GetProperty("ties").GetString()!, "--zph", "--residuals", "martingale,deviance,score,schoenfeld,scaled-schoenfeld,dfbeta,dfbetas" };
        if (input.TryGetProperty("start", out _)) args.AddRange(["--entry", "start"]);
        if (input.TryGetProperty("strata", out _)) args.AddRange(["--strata", "strata"]);
        if (input.TryGetProperty("cluster", out _)) args.AddRange(["--cluster", "cluster"]);
        if (input.TryGetProperty("weight", out _)) args.AddRange(["--weight", "weight"]);
        if (f.GetProperty("robustOption").ValueKind == JsonValueKind.True) args.Add("--robust");
        var times = Numbers(f.GetProperty("times"));
        var prediction = f.GetProperty("predictions")[0];
        var profile = string.Join(",", prediction.GetProperty("profile").EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
        args.AddRange(["--predict", profile, "--at", string.Join(",", times.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))]);
        var json = CliHarness.Json([.. args]);

        var coef = Numbers(f.GetProperty("coef"));
        var se = Numbers(f.GetProperty("se"));
        var coefficients = json.GetProperty("coefficients").EnumerateArray().ToArray();
        bool robust = f.GetProperty("robustSe").ValueKind == JsonValueKind.Array;
        var robustSe = robust ? Numbers(f.GetProperty("robustSe")) : null;
        for (int j = 0; j < coef.Length; j++)
        {
            Close(coef[j], coefficients[j].GetProperty("estimate"), 1e-6, $"{name} coef {j}");
            Close(se[j], coefficients[j].GetProperty("stdErr"), 1e-6, $"{name} stdErr {j}");
            if (robust) Close(robustSe![j], coefficients[j].GetProperty("robustStdErr"), 1e-6, $"{name} robustStdErr {j}");
            else Assert.Equal(JsonValueKind.Null, coefficients[j].GetProperty("robustStdErr").ValueKind);
        }

        var zph = f.GetProperty("zph").GetProperty("km");
        var chisq = Numbers(zph.GetProperty("chisq"));
        var terms = json.GetProperty("proportionalHazards").GetProperty("terms").EnumerateArray().ToArray();
        Assert.Equal(chisq.Length - 1, terms.Length);
        for (int i = 0; i < terms.Length; i++)
        {
            Close(chisq[i], terms[i].GetProperty("chiSquare"), 1e-6, $"{name} zph {i}");
            Assert.Equal((int)Numbers(zph.GetProperty("df"))[i], terms[i].GetProperty("df").GetInt32());
            Close(Numbers(zph.GetProperty("p"))[i], terms[i].GetProperty("pValue"), 1e-6, $"{name} zph p {i}");
        }
        Close(chisq[^1], json.GetProperty("proportionalHazards").GetProperty("global").GetProperty("chiSquare"), 1e-6, name + " zph global");

        var residuals = json.GetProperty("residuals");
        var martingale = Numbers(f.GetProperty("martingale"));
        var m = residuals.GetProperty("martingale").EnumerateArray().ToArray();
        Assert.Equal(martingale.Length, m.Length);
        for (int i = 0; i < m.Length; i++) Close(martingale[i], m[i], 1e-7, $"{name} martingale {i}");
        foreach (var (key, r) in new[] { ("schoenfeld", "schoenfeld"), ("scaled-schoenfeld", "scaledsch"), ("score", "score_resid"), ("dfbeta", "dfbeta"), ("dfbetas", "dfbetas") })
        {
            var expected = f.GetProperty(r).EnumerateArray().ToArray();
            var actual = residuals.GetProperty(key).EnumerateArray().ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                var e = Numbers(expected[i]);
                var a = actual[i].EnumerateArray().ToArray();
                for (int j = 0; j < e.Length; j++) Close(e[j], a[j], 1e-6, $"{name} {key} [{i},{j}]");
            }
        }

        var predictions = json.GetProperty("predictions").EnumerateArray().ToArray();
        var at = predictions.SelectMany(p => p.GetProperty("at").EnumerateArray()).ToArray();
        var surv = Numbers(prediction.GetProperty("surv"));
        var stdErr = Numbers(prediction.GetProperty("stdErr"));
        Assert.Equal(surv.Length, at.Length);
        for (int i = 0; i < surv.Length; i++)
        {
            Close(surv[i], at[i].GetProperty("survival"), 1e-7, $"{name} survival {i}");
            Close(stdErr[i], at[i].GetProperty("stdErr"), 1e-6, $"{name} stdErr {i}");
            Close(Numbers(prediction.GetProperty("lower"))[i], at[i].GetProperty("lower"), 1e-6, $"{name} lower {i}");
            Close(Numbers(prediction.GetProperty("upper"))[i], at[i].GetProperty("upper"), 1e-6, $"{name} upper {i}");
        }
        foreach (var p in predictions)
            foreach (var kv in prediction.GetProperty("profile").EnumerateObject())
                Assert.Equal(kv.Value.ToString(), p.GetProperty("profile").GetProperty(kv.Name).ToString());
    }

    [Fact]
    public void Table_output_prints_R_summary_with_robust_se_zph_and_predictions()
    {
        var path = CliHarness.FixtureCsv(Fixture("bladder2_cluster").GetProperty("input"));
        var (exit, stdout, stderr) = CliHarness.Run("cox", "--input", path, "--time", "stop", "--entry", "start", "--event", "event",
            "--covariates", "rx,number,size", "--cluster", "cluster", "--zph", "--predict", "rx=1,number=1,size=1", "--at", "5,10");
        Assert.True(exit == 0, stderr);
        Assert.Contains("robust se", stdout);
        Assert.Contains("Robust = ", stdout);
        Assert.Contains("GLOBAL", stdout);
        Assert.Contains("Predicted survival for rx=1, number=1, size=1", stdout);
    }

    [Theory]
    [InlineData("--zph-transform", "log", "--zph-transform")]
    [InlineData("--residuals", "cumulative", "--residuals")]
    [InlineData("--predict", "rx=1", "number")]
    [InlineData("--predict", "rx=1,number=a,size=1", "number")]
    [InlineData("--predict", "rx=1,number=1,size=1,age=3", "age")]
    [InlineData("--at", "-1", "--at")]
    public void Bad_options_are_clear_errors_without_a_stack_trace(string option, string value, string named)
    {
        var path = CliHarness.FixtureCsv(Fixture("bladder2_cluster").GetProperty("input"));
        var args = new List<string> { "cox", "--input", path, "--time", "stop", "--entry", "start", "--event", "event", "--covariates", "rx,number,size", option, value };
        if (option == "--at") args.AddRange(["--predict", "rx=1,number=1,size=1"]);
        var stderr = CliHarness.Fails([.. args]);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public void Robust_without_a_cluster_on_start_stop_data_is_an_error_as_in_R()
    {
        var path = CliHarness.FixtureCsv(Fixture("bladder2_cluster").GetProperty("input"));
        var stderr = CliHarness.Fails("cox", "--input", path, "--time", "stop", "--entry", "start", "--event", "event", "--covariates", "rx,number", "--robust");
        Assert.Contains("cluster", stderr);
    }

    [Fact]
    public void A_covariate_with_every_value_missing_is_named()
    {
        var path = CliHarness.Csv("time,status,age,wt\n1,1,50,NA\n2,0,60,NA\n3,1,70,NA\n");
        var stderr = CliHarness.Fails("cox", "--input", path, "--time", "time", "--event", "status", "--covariates", "age,wt");
        Assert.Contains("wt", stderr);
        Assert.Contains("every value", stderr);
    }

    [Fact]
    public void Constant_and_collinear_covariates_are_named_in_warnings()
    {
        var path = CliHarness.Csv("time,status,a,b,c\n1,1,1,2,5\n2,0,2,4,5\n3,1,3,6.5,5\n4,1,4,8,5\n5,0,5,10,5\n6,1,6,12.5,5\n7,1,2,3,5\n");
        var (exit, _, stderr) = CliHarness.Run("cox", "--input", path, "--time", "time", "--event", "status", "--covariates", "a,b,c,d", "--format", "json");
        Assert.Equal(2, exit); // d is not a column
        path = CliHarness.Csv("time,status,a,b,c,d\n1,1,1,2,5,3\n2,0,2,4,5,6\n3,1,3,6.5,5,9\n4,1,4,8,5,12\n5,0,5,10,5,15\n6,1,6,12.5,5,18\n7,1,2,3,5,6\n");
        var (exit2, _, stderr2) = CliHarness.Run("cox", "--input", path, "--time", "time", "--event", "status", "--covariates", "a,b,c,d", "--format", "json");
        Assert.True(exit2 == 0, stderr2);
        Assert.Contains("c is constant", stderr2);
        Assert.Contains("d is a linear combination of a", stderr2);
    }
}

public class OptionNamesInErrorsTests
{
    [Theory]
    [InlineData("km")]
    [InlineData("cox")]
    [InlineData("cuminc")]
    public void A_confidence_level_out_of_range_names_the_option_typed(string command)
    {
        var path = CliHarness.Csv("time,status,age\n1,1,50\n2,0,60\n3,1,70\n4,1,40\n");
        var args = new List<string> { command, "--input", path, "--time", "time", "--event", "status", "--conf-level", "1.5" };
        if (command == "cox") args.AddRange(["--covariates", "age"]);
        var stderr = CliHarness.Fails([.. args]);
        Assert.Contains("--conf-level", stderr);
        Assert.DoesNotContain("ConfidenceLevel", stderr);
    }
}
