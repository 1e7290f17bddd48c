using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>
/// Missing values as R users write them: R's own export of <c>lung</c> (<c>write.csv</c>: <c>NA</c> for missing, status
/// coded 1/2) analysed through the CLI and compared with what R computes from the same file under its default
/// <c>na.omit</c> (Golden/missing-values.R wrote both): same n, same rows omitted (by file line), same estimates.
/// </summary>
public class MissingValueTests
{
    private static readonly string Lung = Path.Combine(AppContext.BaseDirectory, "Golden", "lung.csv");

    private static readonly JsonElement R =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "lung-missing.json"))).RootElement;

    private static JsonElement Json(params string[] args) => CliHarness.Json(args);

    private static void SameOmitted(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.GetProperty("count").GetInt32(), actual.GetProperty("count").GetInt32());
        Assert.Equal(expected.GetProperty("lines").EnumerateArray().Select(l => l.GetInt64()), actual.GetProperty("lines").EnumerateArray().Select(l => l.GetInt64()));
    }

    private static void Close(double? expected, double? actual, double tolerance = 1e-9)
    {
        if (expected is null || actual is null) Assert.Equal(expected, actual);
        else Assert.True(Math.Abs(expected.Value - actual.Value) <= tolerance * Math.Max(1, Math.Abs(expected.Value)), $"R {expected}, CLI {actual}");
    }

    private static double? Num(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    [Fact]
    public void Km_by_a_column_with_NA_leaves_the_row_out_as_R_and_draws_no_NA_curve()
    {
        var km = Json("km", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog");
        var r = R.GetProperty("km");
        SameOmitted(r.GetProperty("omitted"), km.GetProperty("omitted"));
        var curves = km.GetProperty("curves").EnumerateArray().ToArray();
        var groups = r.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).ToArray();
        Assert.Equal(groups.Length, curves.Length);
        for (int i = 0; i < curves.Length; i++)
        {
            Assert.Equal(groups[i], curves[i].GetProperty("group").GetString());
            Assert.Equal(r.GetProperty("n")[i].GetInt32(), curves[i].GetProperty("n").GetInt32());
            Close(r.GetProperty("events")[i].GetDouble(), curves[i].GetProperty("events").GetDouble());
            var median = curves[i].GetProperty("median");
            Close(Num(r.GetProperty("median")[i]), Num(median.GetProperty("estimate")));
            Close(Num(r.GetProperty("lower")[i]), Num(median.GetProperty("lower")));
            Close(Num(r.GetProperty("upper")[i]), Num(median.GetProperty("upper")));
        }
    }

    [Fact]
    public void A_row_missing_only_in_a_column_not_used_is_kept()
    {
        var km = Json("km", "--input", Lung, "--time", "time", "--event", "status");
        var r = R.GetProperty("km_all");
        SameOmitted(r.GetProperty("omitted"), km.GetProperty("omitted"));
        Assert.Equal(r.GetProperty("n").GetInt32(), km.GetProperty("curves")[0].GetProperty("n").GetInt32());
        Close(r.GetProperty("median").GetDouble(), km.GetProperty("curves")[0].GetProperty("median").GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void Logrank_by_a_column_with_NA_matches_survdiff()
    {
        var lr = Json("logrank", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog");
        var r = R.GetProperty("logrank");
        SameOmitted(r.GetProperty("omitted"), lr.GetProperty("omitted"));
        Close(r.GetProperty("chisq").GetDouble(), lr.GetProperty("chiSquare").GetDouble());
        Assert.Equal(r.GetProperty("df").GetInt32(), lr.GetProperty("df").GetInt32());
        Close(r.GetProperty("p").GetDouble(), lr.GetProperty("pValue").GetDouble());
        var groups = lr.GetProperty("groups").EnumerateArray().ToArray();
        for (int i = 0; i < groups.Length; i++)
        {
            Assert.Equal(r.GetProperty("n")[i].GetInt32(), groups[i].GetProperty("n").GetInt32());
            Close(r.GetProperty("expected")[i].GetDouble(), groups[i].GetProperty("expected").GetDouble());
        }
    }

    [Fact]
    public void Cox_keeps_covariates_with_NA_numeric_and_fits_the_complete_rows_as_coxph()
    {
        var cox = Json("cox", "--input", Lung, "--time", "time", "--event", "status", "--covariates", "age,sex,ph.ecog,meal.cal,wt.loss");
        var r = R.GetProperty("cox");
        SameOmitted(r.GetProperty("omitted"), cox.GetProperty("omitted"));
        Assert.Equal(r.GetProperty("n").GetInt32(), cox.GetProperty("n").GetInt32());
        Close(r.GetProperty("events").GetDouble(), cox.GetProperty("events").GetDouble());
        var coefficients = cox.GetProperty("coefficients").EnumerateArray().ToArray();
        Assert.Equal(r.GetProperty("names").EnumerateArray().Select(n => n.GetString()), coefficients.Select(c => c.GetProperty("name").GetString()));
        for (int i = 0; i < coefficients.Length; i++)
        {
            Close(r.GetProperty("coef")[i].GetDouble(), coefficients[i].GetProperty("estimate").GetDouble(), 1e-6);
            Close(r.GetProperty("se")[i].GetDouble(), coefficients[i].GetProperty("stdErr").GetDouble(), 1e-6);
        }
        Close(r.GetProperty("loglik")[1].GetDouble(), cox.GetProperty("logLikelihood").GetDouble(), 1e-9);
    }

    [Fact]
    public void Exponential_by_a_column_with_NA_matches_survreg_per_group()
    {
        var ex = Json("exponential", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog");
        var r = R.GetProperty("exponential");
        SameOmitted(r.GetProperty("omitted"), ex.GetProperty("omitted"));
        var fits = ex.GetProperty("groups").EnumerateArray().ToArray();
        var expected = r.GetProperty("fits").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, fits.Length);
        for (int i = 0; i < fits.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("group").GetString(), fits[i].GetProperty("group").GetString());
            Assert.Equal(expected[i].GetProperty("n").GetInt32(), fits[i].GetProperty("n").GetInt32());
            Close(expected[i].GetProperty("rate").GetDouble(), fits[i].GetProperty("rate").GetProperty("estimate").GetDouble(), 1e-6);
            Close(expected[i].GetProperty("loglik").GetDouble(), fits[i].GetProperty("logLikelihood").GetDouble(), 1e-6);
        }
    }

    [Fact]
    public void Table_output_says_how_many_rows_were_deleted_as_R_prints_it()
    {
        var (exit, stdout, _) = CliHarness.Run("km", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog");
        Assert.Equal(0, exit);
        Assert.Contains("1 observation deleted due to missingness", stdout);
        (exit, stdout, _) = CliHarness.Run("cox", "--input", Lung, "--time", "time", "--event", "status", "--covariates", "age,meal.cal");
        Assert.Equal(0, exit);
        Assert.Contains("(47 observations deleted due to missingness)", stdout);
        (exit, stdout, _) = CliHarness.Run("logrank", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog");
        Assert.Equal(0, exit);
        Assert.Contains("n= 227, 1 observation deleted due to missingness.", stdout);
    }

    [Fact]
    public void Missing_fail_turns_the_first_missing_value_into_an_error_naming_file_line_column_and_value()
    {
        var stderr = CliHarness.Fails("km", "--input", Lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--missing", "fail");
        Assert.Contains("lung.csv:15", stderr);
        Assert.Contains("column 'ph.ecog'", stderr);
        Assert.Contains("value 'NA'", stderr);
    }

    [Theory]
    [InlineData("NA", "NA,")]
    [InlineData("", "NA,")]
    [InlineData(".", "NA,,.")]
    [InlineData("NaN", "NA,,.,NaN")]
    [InlineData("-99", "-99")]
    public void Every_marker_makes_a_value_missing_in_time_event_and_group(string marker, string na)
    {
        foreach (int column in new[] { 0, 1, 2 })
        {
            var fields = new[] { "5", "1", "a" };
            fields[column] = marker;
            var csv = CliHarness.Csv($"time,status,arm\n1,1,a\n2,0,b\n{string.Join(',', fields)}\n3,1,b\n4,1,a\n");
            var km = Json("km", "--input", csv, "--time", "time", "--event", "status", "--group", "arm", "--na", na);
            Assert.Equal(1, km.GetProperty("omitted").GetProperty("count").GetInt32());
            Assert.Equal(4, km.GetProperty("omitted").GetProperty("lines")[0].GetInt64());
            Assert.Equal(4, km.GetProperty("curves").EnumerateArray().Sum(c => c.GetProperty("n").GetInt32()));
            Assert.DoesNotContain(km.GetProperty("curves").EnumerateArray(), c => c.GetProperty("group").GetString()!.Contains(marker == "" ? "=," : "=" + marker));
        }
    }

    [Fact]
    public void A_text_that_is_not_a_marker_is_still_an_error()
    {
        var csv = CliHarness.Csv("time,status\n1,1\n.,0\n3,1\n");
        var stderr = CliHarness.Fails("km", "--input", csv, "--time", "time", "--event", "status");
        Assert.Contains(":3", stderr);
        Assert.Contains("value '.'", stderr);
    }

    [Fact]
    public void Status_coded_1_2_is_read_as_R_reads_it_and_a_0_among_them_is_an_error()
    {
        var csv = CliHarness.Csv("time,status\n1,2\n2,1\n3,2\n");
        var km = Json("km", "--input", csv, "--time", "time", "--event", "status");
        Assert.Equal(2, km.GetProperty("curves")[0].GetProperty("events").GetDouble());
        var bad = CliHarness.Csv("time,status\n1,2\n2,0\n3,1\n");
        var stderr = CliHarness.Fails("km", "--input", bad, "--time", "time", "--event", "status");
        Assert.Contains("1/2", stderr);
    }
}
