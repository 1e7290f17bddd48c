using MaintenanceTrial;
using Survival.Comparison;
using Survival.Estimation;
using Xunit;

namespace Survival.Reproduction.Tests;

/// <summary>docs/paper-reproduction.md shows this code (between the markers, verbatim): it compiles here, runs on the
/// synthetic cohort and gives the numbers the paper printed under Figure 2B.</summary>
public class WorkedExampleTests
{
    [Fact]
    public void The_worked_example_in_the_docs_runs_and_gives_figure_2B()
    {
        var patients = CohortFile.Read(CohortFile.Locate()).Select(r => r.ToPatient()).ToArray();
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        SurvivalCurve high;
        LogRankResult logRank;
        try
        {
            // docs:start
            var pfsByRisk = SurvivalData.From(patients, p => p.Endpoints.ProgressionFreeSurvival.Months,
                p => p.Endpoints.ProgressionFreeSurvival.Event, group: p => p.Risk.ToString());
            var fit = KaplanMeier.Fit(pfsByRisk);                  // R: survfit(Surv(pfs, event) ~ risk)
            Console.Write(fit);                                    // n, events, median and limits per risk group
            var fiveYears = fit["High"].SurvivalAt(60);            // R: summary(fit, times = 60)
            var test = LogRankTest.Compute(pfsByRisk);             // R: survdiff(...), the P printed under Figure 2B
            // docs:end
            high = fit["High"];
            logRank = test;
            Assert.Equal(0.34, Math.Round(fiveYears.Survival, 2));   // Figure 2B: 5-year PFS 34% in high risk
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.Contains("0.95LCL", output.ToString());
        Assert.Equal(25.41, Math.Round(high.Median.Estimate!.Value, 2)); // the published high-risk median
        Assert.Equal("0.0068", logRank.PValue.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));

        var source = File.ReadAllLines(Path.Combine(Root(), "tests", "Survival.Reproduction.Tests", "WorkedExampleTests.cs"));
        int start = Array.FindIndex(source, l => l.Contains("// docs:start")), end = Array.FindIndex(source, l => l.Contains("// docs:end"));
        var code = source[(start + 1)..end].Select(l => l.Trim()).ToArray();
        var page = File.ReadAllLines(Path.Combine(Root(), "docs", "paper-reproduction.md"));
        int open = Array.FindIndex(page, l => l.Trim() == "```csharp"), close = Array.FindIndex(page, open + 1, l => l.Trim() == "```");
        Assert.Equal(code, page[(open + 1)..close].Select(l => l.Trim()).ToArray());
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
