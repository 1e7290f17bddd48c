using Survival;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Regression;

namespace Survival.Api.Tests;

/// <summary>The README's C# quick start, verbatim between the markers: ReadmeQuickStartTests checks that the README
/// shows exactly this code and runs it.</summary>
internal static class QuickStart
{
    /// <summary>What an application holds: its own record type.</summary>
    private sealed record Patient(string Id, string Arm, double Months, bool Progressed);

    /// <summary>Rows with several per patient (the README's Cox example clusters them).</summary>
    private sealed record Visit(string PatientId, string Arm, double Age, double Months, bool Event);

    /// <summary>The README's Cox example, verbatim between the markers.</summary>
    public static void RunCox()
    {
        Visit[] visits =
        [
            new("P1", "control", 61, 5, true), new("P1", "control", 61, 9, false), new("P2", "control", 55, 3, true), new("P3", "control", 70, 12, true),
            new("P3", "control", 70, 14, false), new("P4", "new", 58, 8, true), new("P5", "new", 66, 15, false), new("P5", "new", 66, 4, true),
            new("P6", "new", 49, 11, true), new("P7", "new", 63, 20, false), new("P8", "control", 72, 2, true), new("P9", "new", 52, 17, true),
        ];
        // README:cox-start
        var cox = CoxRegression.Fit(visits, v => v.Months, v => v.Event,
            [Covariate.Numeric<Visit>("age", v => v.Age), Covariate.Categorical<Visit>("arm", v => v.Arm, reference: "control")],
            cluster: v => v.PatientId);                        // R: coxph(Surv(months, event) ~ age + arm + cluster(id))
        Console.Write(cox);                                    // R's print(coxph): coef, exp(coef), se, robust se, z, p
        // README:cox-end
    }

    public static void Run()
    {
        // README:start
        Patient[] patients =
        [
            new("P1", "A", 6, false), new("P2", "A", 3, true), new("P3", "A", 9, true), new("P4", "A", 3, true), new("P5", "A", 1, true),
            new("P6", "B", 3, false), new("P7", "B", 12, true), new("P8", "B", 15, false), new("P9", "B", 2, true), new("P10", "B", 8, true),
        ];
        var data = SurvivalData.From(patients, p => p.Months, p => p.Progressed, group: p => p.Arm);   // validated once, here
        var fit = KaplanMeier.Fit(data);                       // R survfit defaults: log CI, 95%
        Console.Write(fit);                                    // R's print(survfit): n, events, median, limits
        var armB = fit["B"];
        var at6 = armB.SurvivalAt(6.0);                        // R summary(fit, times = 6)
        Console.WriteLine($"B: median {armB.Median.Estimate?.ToString() ?? "NR"}, S(6) = {at6.Survival:F3} ({at6.Lower:F3}–{at6.Upper:F3})");
        var test = LogRankTest.Compute(data);                  // R survdiff
        Console.Write(test);                                   // R's print(survdiff)
        Console.WriteLine($"log-rank χ² = {test.ChiSquare:F3} on {test.DegreesOfFreedom} df, P = {test.PValue:F4}");
        // README:end
    }
}
