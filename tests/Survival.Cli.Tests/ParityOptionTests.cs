using System.Text.Json;
using Survival.Estimation;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>The options that bring the CLI to R's defaults where R users meet them: the variance of weighted curves
/// (<c>--variance</c>, <c>--id</c>), ρ without weights, a stratum with one group.</summary>
public class ParityOptionTests
{
    private const string Weighted = "time,status,w,pid\n1,1,0.5,a\n2,1,1.2,b\n2,0,2,c\n3,1,0.37,d\n4,1,1,a\n5,0,2.9,e\n5,1,1,f\n6,1,0.7,g\n";

    private static JsonElement Json(params string[] args) => CliHarness.Json(args);

    [Fact]
    public void Fractional_weights_give_the_robust_variance_by_default_as_R_and_greenwood_on_request()
    {
        var csv = CliHarness.Csv(Weighted);
        var data = Survival.Csv.SurvivalCsv.Read(csv, new SurvivalColumns("time", "status", Weight: "w"));
        var robust = KaplanMeier.Fit(data);
        var greenwood = KaplanMeier.Fit(data, new KaplanMeierOptions { Variance = KaplanMeierVariance.Greenwood });
        var byDefault = Json("km", "--input", csv, "--time", "time", "--event", "status", "--weight", "w");
        Assert.Equal("robust", byDefault.GetProperty("variance").GetString());
        var steps = byDefault.GetProperty("curves")[0].GetProperty("steps").EnumerateArray().ToArray();
        for (int i = 0; i < steps.Length; i++)
            Assert.Equal(robust.Curves[0].Steps[i].StdErr, steps[i].GetProperty("stdErr").GetDouble());
        var asked = Json("km", "--input", csv, "--time", "time", "--event", "status", "--weight", "w", "--variance", "greenwood");
        Assert.Equal("greenwood", asked.GetProperty("variance").GetString());
        Assert.Equal(greenwood.Curves[0].Steps[0].StdErr, asked.GetProperty("curves")[0].GetProperty("steps")[0].GetProperty("stdErr").GetDouble());
    }

    [Fact]
    public void An_id_with_several_events_makes_the_variance_robust_and_clusters_its_rows()
    {
        var csv = CliHarness.Csv(Weighted.Replace(",0.5,", ",1,").Replace(",1.2,", ",1,").Replace(",0.37,", ",1,").Replace(",2.9,", ",1,").Replace(",0.7,", ",1,"));
        var noId = Json("km", "--input", csv, "--time", "time", "--event", "status");
        Assert.Equal("greenwood", noId.GetProperty("variance").GetString());
        var withId = Json("km", "--input", csv, "--time", "time", "--event", "status", "--id", "pid");
        Assert.Equal("robust", withId.GetProperty("variance").GetString());
        var data = Survival.Csv.SurvivalCsv.Read(csv, new SurvivalColumns("time", "status", Id: "pid"));
        var fit = KaplanMeier.Fit(data);
        Assert.Equal(fit.Curves[0].Steps[^1].StdErr ?? -1, withId.GetProperty("curves")[0].GetProperty("steps").EnumerateArray().Last().GetProperty("stdErr").GetDouble());
    }

    [Fact]
    public void Unknown_variance_and_robust_on_parquet_counts_are_clear_errors()
    {
        var csv = CliHarness.Csv(Weighted);
        var stderr = CliHarness.Fails("km", "--input", csv, "--time", "time", "--event", "status", "--variance", "jackknife");
        Assert.Contains("--variance", stderr);
    }

    [Fact]
    public void Rho_with_another_weighting_is_an_error_and_a_stratum_with_one_group_is_accepted()
    {
        var aml = CliHarness.Csv(CliHarness.Aml);
        var stderr = CliHarness.Fails("logrank", "--input", aml, "--time", "time", "--event", "status", "--group", "x", "--weights", "peto", "--rho", "1");
        Assert.Contains("Fleming–Harrington", stderr);
        var strata = CliHarness.Csv("time,status,arm,site\n1,1,a,s\n2,1,b,s\n3,0,a,s\n4,1,b,s\n5,1,a,t\n6,0,a,t\n");
        var lr = Json("logrank", "--input", strata, "--time", "time", "--event", "status", "--group", "arm", "--strata", "site");
        Assert.Equal(1, lr.GetProperty("df").GetInt32());
        var none = CliHarness.Csv("time,status,arm,site\n1,1,a,s\n2,1,a,s\n3,0,b,t\n4,1,b,t\n");
        stderr = CliHarness.Fails("logrank", "--input", none, "--time", "time", "--event", "status", "--group", "arm", "--strata", "site");
        Assert.Contains("no stratum holds two groups", stderr);
    }
}
