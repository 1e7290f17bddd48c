using Survival;
using Survival.Comparison;
using Survival.Estimation;

namespace Survival.Api.Tests;

/// <summary>The README's C# quick start, verbatim between the markers: ReadmeQuickStartTests checks that the README
/// shows exactly this code and runs it.</summary>
internal static class QuickStart
{
    public static void Run()
    {
        // README:start
        double[] months = [6, 3, 9, 3, 1, 3, 12, 15, 2, 8];
        bool[] progressed = [false, true, true, true, true, false, true, false, true, true];
        string[] arm = ["A", "A", "A", "A", "A", "B", "B", "B", "B", "B"];

        var data = SurvivalData.Create(months, progressed, group: arm);        // validated once, here
        var fit = KaplanMeier.Fit(data);                                        // R survfit defaults: log CI, 95%
        foreach (var curve in fit.Curves)
        {
            var at6 = curve.SurvivalAt([6.0])[0];
            Console.WriteLine($"{curve.Group}: median {curve.Median.Estimate?.ToString() ?? "NR"}, S(6) = {at6.Survival:F3} ({at6.Lower:F3}–{at6.Upper:F3})");
        }
        var test = LogRankTest.Compute(data);                                   // R survdiff
        Console.WriteLine($"log-rank χ² = {test.ChiSquare:F3} on {test.DegreesOfFreedom} df, P = {test.PValue:F4}");
        // README:end
    }
}
