using Survival.Parametric;
using Survival.Regression;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival parametric</c>: the JSON contract, the library's numbers (checked against R's survreg by the
/// golden tests), the comparison table, and clear errors for what is not implemented.</summary>
public class ParametricCommandTests
{
    private static readonly string Lung = Path.Combine(AppContext.BaseDirectory, "Golden", "lung.csv");

    [Fact]
    public void Json_has_the_contract_shape_and_the_library_numbers()
    {
        var json = CliHarness.Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", "weibull",
            "--covariates", "age,sex", "--at", "180,365");
        Assert.Equal("weibull", json.GetProperty("distribution").GetString());
        var data = Survival.Csv.SurvivalCsv.Read(Lung, new SurvivalColumns("time", "status"));
        var x = new CovariateMatrix(data.Count);
        var table = Survival.Csv.CsvTable.Read(Lung, ["age", "sex"]);
        x.AddNumeric("age", table.Numbers("age")).AddNumeric("sex", table.Numbers("sex"));
        var fit = AftModel.Fit(data, AftDistribution.Weibull, x);
        var parameters = json.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.Equal(["(Intercept)", "age", "sex", "Log(scale)"], parameters.Select(p => p.GetProperty("name").GetString()));
        for (int j = 0; j < parameters.Length; j++)
        {
            Assert.Equal(fit.Parameters[j].Estimate, parameters[j].GetProperty("estimate").GetDouble());
            Assert.Equal(fit.Parameters[j].StdErr, parameters[j].GetProperty("stdErr").GetDouble());
            Assert.True(parameters[j].GetProperty("lower").GetDouble() < parameters[j].GetProperty("upper").GetDouble());
        }
        Assert.Equal(fit.LogLikelihood, json.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(fit.Aic, json.GetProperty("aic").GetDouble());
        Assert.Equal(fit.Bic, json.GetProperty("bic").GetDouble());
        var at = json.GetProperty("at").EnumerateArray().ToArray();
        Assert.Equal(2, at.Length);
        Assert.InRange(at[0].GetProperty("survival").GetDouble(), at[0].GetProperty("lower").GetDouble(), at[0].GetProperty("upper").GetDouble());
        Assert.True(at[1].GetProperty("survival").GetDouble() < at[0].GetProperty("survival").GetDouble());
    }

    [Fact]
    public void Compare_ranks_the_families_by_AIC()
    {
        var json = CliHarness.Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--compare", "lognormal,weibull,exponential,gompertz");
        var aic = json.GetProperty("fits").EnumerateArray().Select(f => f.GetProperty("aic").GetDouble()).ToArray();
        Assert.Equal(4, aic.Length);
        Assert.Contains(json.GetProperty("fits").EnumerateArray(), f => f.GetProperty("distribution").GetString() == "gompertz"
            && f.GetProperty("parameters")[0].GetProperty("name").GetString() == "shape");
        Assert.Equal(aic.Order(), aic);
    }

    [Fact]
    public void Plot_draws_the_Kaplan_Meier_curve_with_each_family_and_its_AIC_and_marks_the_extrapolation()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"fits-{Guid.NewGuid():N}.svg");
        var (exit, _, stderr) = CliHarness.Run("parametric", "--input", Lung, "--time", "time", "--event", "status", "--compare", "weibull,gompertz",
            "--plot", svg, "--horizon", "2000");
        Assert.True(exit == 0, stderr);
        var text = File.ReadAllText(svg);
        Assert.Contains("weibull", text);
        Assert.Contains("AIC = ", text);
        Assert.Contains("end of data", text);
        File.Delete(svg);
    }

    [Fact]
    public void Delayed_entry_is_taken_into_account()
    {
        var csv = CliHarness.Csv("start,time,status\n0,5,1\n1,8,1\n2,3,0\n0,12,1\n4,9,1\n0,7,0\n3,15,1\n");
        var plain = CliHarness.Json("parametric", "--input", csv, "--time", "time", "--event", "status", "--dist", "weibull");
        var truncated = CliHarness.Json("parametric", "--input", csv, "--time", "time", "--event", "status", "--entry", "start", "--dist", "weibull");
        Assert.NotEqual(plain.GetProperty("logLikelihood").GetDouble(), truncated.GetProperty("logLikelihood").GetDouble());
    }

    [Fact]
    public void Gengamma_matches_the_independent_R_fit_with_flexsurv_names()
    {
        // The fixture (Golden/R/gengamma.R) fits R's lung in years; the CLI reads it in days: μ shifts by log(365.25),
        // σ and Q stay, and the log-likelihood shifts by −(events)·log(365.25).
        var r = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "gengamma", "lung.json"))).RootElement;
        var json = CliHarness.Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", "gengamma", "--covariates", "age,sex", "--at", "365");
        Assert.Equal("gengamma", json.GetProperty("distribution").GetString());
        Assert.Equal(["mu", "sigma", "Q", "age", "sex"], json.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        var plain = CliHarness.Json("parametric", "--input", Lung, "--time", "time", "--event", "status", "--dist", "gengamma");
        var p = plain.GetProperty("parameters").EnumerateArray().ToArray();
        double shift = Math.Log(365.25);
        Assert.Equal(r.GetProperty("mu").GetDouble() + shift, p[0].GetProperty("estimate").GetDouble(), 4);
        Assert.Equal(Math.Exp(r.GetProperty("logSigma").GetDouble()), p[1].GetProperty("estimate").GetDouble(), 4);
        Assert.Equal(r.GetProperty("Q").GetDouble(), p[2].GetProperty("estimate").GetDouble(), 4);
        int events = plain.GetProperty("events").GetInt32();
        Assert.Equal(r.GetProperty("logLik").GetDouble() - events * shift, plain.GetProperty("logLikelihood").GetDouble(), 5);
    }

    [Fact]
    public void A_family_without_an_interior_maximum_is_listed_not_fatal_to_a_comparison()
    {
        // Events within 0.02 of each other after the censorings: the Gompertz shape runs to +∞; the others fit.
        var csv = CliHarness.Csv("time,status\n5,1\n5.01,1\n4.99,1\n5,1\n1,0\n2,0\n");
        var (exit, stdout, stderr) = CliHarness.Run("parametric", "--input", csv, "--time", "time", "--event", "status", "--compare", "weibull,gompertz,lognormal", "--format", "json");
        Assert.True(exit == 0, stderr);
        Assert.Contains("gompertz not fitted", stderr);
        var json = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(2, json.GetProperty("fits").GetArrayLength());
        var failed = json.GetProperty("failed")[0];
        Assert.Equal("gompertz", failed.GetProperty("distribution").GetString());
        Assert.Contains("+∞", failed.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("--dist", "gamma", "must be one of")]
    public void What_is_not_there_is_a_clear_error(string option, string value, string message)
    {
        var stderr = CliHarness.Fails("parametric", "--input", Lung, "--time", "time", "--event", "status", option, value);
        Assert.Contains(message, stderr);
    }

    /// <summary>A time of 0 is valid data but not for a log-time family: the refusal names the file's line, column and
    /// value, as every input error does (a missing value's line before it is left out and counted, not renumbered).</summary>
    [Theory]
    [InlineData("weibull")]
    [InlineData("lognormal")]
    [InlineData("gengamma")]
    public void A_time_of_zero_for_a_log_time_family_names_the_file_line(string family)
    {
        string path = CliHarness.Csv("time,status\n3,1\nNA,1\n0,1\n5,0\n");
        var stderr = CliHarness.Fails("parametric", "--input", path, "--time", "time", "--event", "status", "--dist", family);
        Assert.Contains($"{Path.GetFileName(path)}:4, column 'time', value '0'", stderr);
    }
}
