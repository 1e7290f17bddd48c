using System.Globalization;
using Survival;
using Survival.Csv;
using Survival.Digitizing;
using Survival.Estimation;
using Survival.Parametric;
using Survival.Plotting;
using Survival.Reconstruction;
using Survival.Regression;

// The whole assessment path on one published figure: image → points → patients → Kaplan–Meier, hazard ratio, and
// Weibull / log-normal extrapolation with restricted mean survival.
//
// The figure is samples/data/figures/lung-sex.png: R's plot.survfit of the NCCTG lung cancer data (R survival's `lung`,
// public) by sex, drawn by tests/Survival.Tests/Golden/R/reconstruction.R. Because those patients are public, the
// rebuilt cohort can be set beside the real one (samples/data/figures/lung-sex.csv) — which a reader of a paper cannot do.
//
//   dotnet run --project samples/FigureReconstruction [-- --out DIR]
var inv = CultureInfo.InvariantCulture;
string outDir = args.Length == 2 && args[0] == "--out" ? args[1] : Path.Combine("out", "figure-reconstruction");
if (args.Length is not (0 or 2) || (args.Length == 2 && args[0] != "--out"))
{
    Console.Error.WriteLine("usage: dotnet run --project samples/FigureReconstruction [-- --out DIR]");
    return 2;
}
try
{
    string data = Locate();
    Directory.CreateDirectory(outDir);

    // 1. Image → points. The calibration a digitiser asks for, read off the axes: x = 0 at pixel 85.4 and 800 at 600.5;
    //    y = 0 at pixel 509.2 and 1 at 76.4 (pixels from the top-left). Colours and names as in the figure's legend.
    var options = new DigitizeOptions(AxisCalibration.Parse("85.4=0,600.5=800", "x"), AxisCalibration.Parse("509.2=0,76.4=1", "y"),
        [RgbColor.Parse("#d62728"), RgbColor.Parse("#1f77b4")], ["male", "female"]);
    var figure = FigureDigitizer.Digitize(Path.Combine(data, "lung-sex.png"), options);
    string points = Path.Combine(outDir, "points.csv");
    ReconstructionCsv.WritePoints(points, figure.Curves.SelectMany(c => c.Points.Select(p => (c.Group, p.Time, p.Value))));
    Console.WriteLine($"1. Traced {string.Join(" and ", figure.Curves.Select(c => $"{c.Group} ({c.Points.Count} points)"))} → {points}");

    // 2. Points → patients, with the numbers at risk printed under the figure (R's summary(fit, times = 0:5 * 200)).
    var atRisk = ReconstructionCsv.ReadAtRisk(Path.Combine(data, "lung-sex-at-risk.csv"));
    var rebuilt = GuyotReconstruction.Reconstruct(figure.Curves.Select(c => new ArmEvidence(c.ToDigitizedCurve(options.Y), atRisk[c.Group])).ToArray());
    string patients = Path.Combine(outDir, "patients.csv");
    ReconstructionCsv.WritePatients(patients, rebuilt);
    ReconstructionPlot.Save(rebuilt, Path.Combine(outDir, "check.png"), "Days");
    Console.WriteLine($"2. {rebuilt}   → {patients}, check figure {Path.Combine(outDir, "check.png")}");

    // 3. Patients → the analyses a reader runs next, beside the same analyses of the real patients.
    var table = CsvTable.Read(Path.Combine(data, "lung-sex.csv"), ["time", "status", "group"]);
    var real = SurvivalCsv.ToData(table, new SurvivalColumns("time", "status", Group: "group"));
    var rows = rebuilt.ToSurvivalData();
    Console.WriteLine();
    Console.WriteLine("3. The rebuilt cohort beside the real one (R's lung data):");
    Console.WriteLine($"   {"",-44} {"real",10} {"rebuilt",10}");
    void Line(string what, double? a, double? b, string format = "0.0") =>
        Console.WriteLine($"   {what,-44} {a?.ToString(format, inv) ?? "NR",10} {b?.ToString(format, inv) ?? "NR",10}");
    var kmReal = KaplanMeier.Fit(real);
    var kmRebuilt = KaplanMeier.Fit(rows);
    foreach (string arm in new[] { "male", "female" })
    {
        Line($"{arm}: events", kmReal[arm].Events, kmRebuilt[arm].Events, "0");
        Line($"{arm}: median survival, days (KM)", kmReal[arm].Median.Estimate, kmRebuilt[arm].Median.Estimate);
        Line($"{arm}: 1-year survival (KM)", kmReal[arm].SurvivalProbability(365), kmRebuilt[arm].SurvivalProbability(365), "0.000");
        Line($"{arm}: RMST to 800 days (KM)", kmReal[arm].RestrictedMean(800).Estimate, kmRebuilt[arm].RestrictedMean(800).Estimate);
        foreach (var family in new[] { AftDistribution.Weibull, AftDistribution.LogNormal })
        {
            var a = AftModel.Fit(Arm(real, arm), family);
            var b = AftModel.Fit(Arm(rows, arm), family);
            Line($"{arm}: {family} median, days", a.Quantile(0.5).Estimate, b.Quantile(0.5).Estimate);
            Line($"{arm}: {family} RMST to 2000 days (extrapolated)", a.RestrictedMean(2000).Estimate, b.RestrictedMean(2000).Estimate);
        }
    }
    double Hr(SurvivalData d) => CoxRegression.Fit(d, new CovariateMatrix(d.Count).AddCategorical("sex", d.Group!, "male")).Coefficients[0].HazardRatio!.Value;
    Line("hazard ratio, female vs male (Cox)", Hr(real), Hr(rows), "0.000");
    Line("log-rank P", Survival.Comparison.LogRankTest.Compute(real).PValue, Survival.Comparison.LogRankTest.Compute(rows).PValue, "0.0000");
    return 0;
}
catch (SurvivalInputException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static SurvivalData Arm(SurvivalData data, string arm)
{
    var group = data.Group!;
    var time = new List<double>();
    var status = new List<bool>();
    for (int i = 0; i < data.Count; i++)
    {
        if (group.Levels[group.Codes[i]] != arm) continue;
        time.Add(data.Time[i]);
        status.Add(data.Event[i]);
    }
    return SurvivalData.Create(time.ToArray(), status.ToArray());
}

static string Locate()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "samples", "data", "figures");
        if (Directory.Exists(candidate)) return candidate;
    }
    throw new SurvivalInputException("samples/data/figures was not found above the program's folder: run from a clone of the repository");
}
