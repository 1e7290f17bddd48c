using System.Globalization;
using System.Text.Json;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary><c>survival digitize</c> and <c>survival reconstruct</c> as called from outside: the options, files and JSON
/// fields of the issue's contract, on a figure R drew of the lung data (Survival.Tests/Golden/R/reconstruction.R).</summary>
public sealed class ReconstructionCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-reconstruct");

    public void Dispose() => _folder.Dispose();

    private static string Figure(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", "reconstruction", name);

    private static (string X, string Y, JsonElement Fixture) Calibration(string name)
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(Figure(name + ".json"))).RootElement;
        string Pair(string axis)
        {
            var p = fixture.GetProperty("calibration").GetProperty(axis).EnumerateArray().ToArray();
            return string.Join(",", p.Select(q => $"{q.GetProperty("pixel").GetDouble().ToString("R", CultureInfo.InvariantCulture)}={q.GetProperty("value").GetDouble().ToString("R", CultureInfo.InvariantCulture)}"));
        }
        return (Pair("x"), Pair("y"), fixture);
    }

    private string AtRiskFile(JsonElement fixture)
    {
        string path = _folder.File("risk.csv");
        File.WriteAllText(path, "time,atRisk,group\n" + string.Concat(fixture.GetProperty("arms").EnumerateArray().SelectMany(a =>
            a.GetProperty("atRisk").EnumerateArray().Select(r => $"{r.GetProperty("time").GetDouble()},{r.GetProperty("atRisk").GetDouble()},{a.GetProperty("group").GetString()}\n"))));
        return path;
    }

    [Fact]
    public void Image_to_points_to_patients_reproduces_the_published_numbers()
    {
        var (x, y, fixture) = Calibration("lung_sex");
        string points = _folder.File("points.csv");
        var digitized = CliHarness.Json("digitize", "--image", Figure("lung_sex.png"), "--x-calibration", x, "--y-calibration", y,
            "--colors", "#d62728,#1f77b4", "--names", "male,female", "--out", points);
        var curves = digitized.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(["male", "female"], curves.Select(c => c.GetProperty("group").GetString()));
        Assert.Equal(["#d62728", "#1f77b4"], curves.Select(c => c.GetProperty("color").GetString()));
        Assert.All(curves, c => Assert.True(c.GetProperty("points").GetArrayLength() > 50));
        Assert.StartsWith("group,time,survival\n", File.ReadAllText(points).Replace("\r", ""));

        string patients = _folder.File("ipd.csv");
        string figure = _folder.File("check.png");
        var rebuilt = CliHarness.Json("reconstruct", "--curve", points, "--at-risk", AtRiskFile(fixture), "--out", patients, "--plot", figure);
        var groups = rebuilt.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(["male", "female"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var g in groups)
        {
            var arm = fixture.GetProperty("arms").EnumerateArray().Single(a => a.GetProperty("group").GetString() == g.GetProperty("group").GetString());
            int n = arm.GetProperty("atRisk")[0].GetProperty("atRisk").GetInt32();
            Assert.Equal(n, g.GetProperty("n").GetInt32());
            Assert.Equal(n, g.GetProperty("events").GetInt32() + g.GetProperty("censored").GetInt32());
            Assert.True(Math.Abs(g.GetProperty("events").GetInt32() - arm.GetProperty("events").GetDouble()) <= 0.03 * arm.GetProperty("events").GetDouble());
            Assert.True(g.GetProperty("maxAbsDifference").GetDouble() < 0.03);
            Assert.True(g.GetProperty("meanAbsDifference").GetDouble() <= g.GetProperty("maxAbsDifference").GetDouble());
            Assert.All(g.GetProperty("atRisk").EnumerateArray(), r => Assert.Equal(r.GetProperty("published").GetInt32(), r.GetProperty("reconstructed").GetInt32()));
        }
        var lines = File.ReadAllLines(patients);
        Assert.Equal("group,time,event", lines[0]);
        Assert.Equal(228, lines.Length - 1);
        Assert.True(new FileInfo(figure).Length > 10_000);
        // The patients are ordinary input: the km command reads the file.
        var km = CliHarness.Json("km", "--input", patients, "--time", "time", "--event", "event", "--group", "group");
        Assert.Equal(2, km.GetProperty("curves").GetArrayLength());
    }

    [Fact]
    public void Colours_are_found_when_not_given_and_named_by_colour()
    {
        var (x, y, _) = Calibration("veteran_trt");
        var json = CliHarness.Json("digitize", "--image", Figure("veteran_trt.png"), "--x-calibration", x, "--y-calibration", y, "--out", _folder.File("p.csv"));
        Assert.Equal(["#2ca02c", "#9467bd"], json.GetProperty("curves").EnumerateArray().Select(c => c.GetProperty("group").GetString()).Order());
    }

    [Fact]
    public void A_cumulative_incidence_figure_reconstructs_with_the_flag()
    {
        var (x, y, fixture) = Calibration("lung_sex_incidence");
        string points = _folder.File("points.csv");
        CliHarness.Json("digitize", "--image", Figure("lung_sex_incidence.png"), "--x-calibration", x, "--y-calibration", y,
            "--colors", "#ff7f0e,#1f77b4", "--names", "male,female", "--out", points);
        var json = CliHarness.Json("reconstruct", "--curve", points, "--at-risk", AtRiskFile(fixture), "--cumulative-incidence", "--out", _folder.File("ipd.csv"));
        Assert.All(json.GetProperty("groups").EnumerateArray(), g => Assert.True(g.GetProperty("events").GetInt32() > 40));
    }

    [Fact]
    public void Percent_scale_events_and_a_single_curve()
    {
        string curve = CliHarness.Csv("time,survival\n0,100\n1,100\n1,90\n3,90\n3,75\n4,75\n");
        string risk = CliHarness.Csv("time,atRisk\n0,10\n2,7\n");
        var json = CliHarness.Json("reconstruct", "--curve", curve, "--at-risk", risk, "--scale", "percent", "--out", _folder.File("o.csv"));
        var g = json.GetProperty("groups")[0];
        Assert.Equal(JsonValueKind.Null, g.GetProperty("group").ValueKind);
        // The hand-worked case of GuyotReconstructionTests: 10 patients, events at 1 and 3.
        Assert.Equal(10, g.GetProperty("n").GetInt32());
        Assert.Equal(2, g.GetProperty("events").GetInt32());
        var withEvents = CliHarness.Json("reconstruct", "--curve", curve, "--patients", "40", "--events", "6", "--scale", "percent", "--out", _folder.File("o2.csv"));
        Assert.Equal(6, withEvents.GetProperty("groups")[0].GetProperty("events").GetInt32());
        Assert.NotEmpty(withEvents.GetProperty("groups")[0].GetProperty("assumptions").EnumerateArray());
    }

    [Fact]
    public void Bad_input_is_one_line_naming_the_file_line_and_value()
    {
        var (x, y, _) = Calibration("lung_sex");
        string png = Figure("lung_sex.png");
        string o = _folder.File("o.csv");
        Assert.Contains("coincide", CliHarness.Fails("digitize", "--image", png, "--x-calibration", "85=0,85=800", "--y-calibration", y, "--out", o));
        var missing = CliHarness.Fails("digitize", "--image", png, "--x-calibration", x, "--y-calibration", y, "--colors", "#00ff00", "--out", o);
        Assert.Contains("#00ff00", missing);
        Assert.Contains("not found", missing);
        Assert.Contains("not an image", CliHarness.Fails("digitize", "--image", CliHarness.Csv("a,b\n"), "--x-calibration", x, "--y-calibration", y, "--out", o));
        Assert.Contains("PIXEL=VALUE", CliHarness.Fails("digitize", "--image", png, "--x-calibration", "85", "--y-calibration", y, "--out", o));
        Assert.Contains("one name per colour", CliHarness.Fails("digitize", "--image", png, "--x-calibration", x, "--y-calibration", y, "--names", "a,b", "--out", o));

        string curve = CliHarness.Csv("time,survival\n0,1\n2,0.8\n4,0.5\n");
        string rises = CliHarness.Csv("time,atRisk\n0,10\n5,12\n");
        var rising = CliHarness.Fails("reconstruct", "--curve", curve, "--at-risk", rises, "--out", o);
        Assert.Contains(Path.GetFileName(rises) + ":3", rising);
        Assert.Contains("'12'", rising);
        var backwards = CliHarness.Fails("reconstruct", "--curve", curve, "--at-risk", CliHarness.Csv("time,atRisk\n0,10\n5,8\n3,6\n"), "--out", o);
        Assert.Contains(":4", backwards);
        Assert.Contains("times must increase", backwards);
        Assert.Contains("no data rows", CliHarness.Fails("reconstruct", "--curve", CliHarness.Csv("time,survival\n"), "--out", o));
        var outside = CliHarness.Fails("reconstruct", "--curve", CliHarness.Csv("time,survival\n0,1\n2,85\n"), "--out", o);
        Assert.Contains(":3", outside);
        Assert.Contains("'85'", outside);
        Assert.Contains("proportion", CliHarness.Fails("reconstruct", "--curve", curve, "--scale", "percent", "--out", o));
        Assert.Contains("no curve has this group", CliHarness.Fails("reconstruct", "--curve", curve, "--events", "A=3", "--out", o));
        Assert.False(File.Exists(o));
    }
}
