using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival.CompetingRisks;
using Survival.Estimation;
using Survival.Plotting;

/// <summary>
/// An addition to what the paper published: PFS split into its two kinds of event, progression and death without
/// progression, as cumulative incidence curves after transplant by cytogenetic risk with Gray's test (figure S3), beside
/// 1 − Kaplan–Meier of progression alone (the usual overstatement).
/// </summary>
internal static class CompetingRisksSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The competing-risks rows of the cohort: PFS time, and its event as "progression", "death" (without
    /// documented progression) or "0" (censored), grouped by cytogenetic risk.</summary>
    public static CompetingRisksData Data(IReadOnlyList<TrialPatient> patients)
    {
        var time = patients.Select(p => p.Endpoints.ProgressionFreeSurvival.Months).ToArray();
        var status = patients.Select(p => !p.Endpoints.ProgressionFreeSurvival.Event ? "0" : p.Progressed ? "progression" : "death").ToArray();
        var risk = patients.Select(p => FileCodes.Code(p.Risk)).ToArray();
        return CompetingRisksData.Create(time, status, group: risk);
    }

    /// <summary>Appends the section and draws figure S3 (figureS3-cuminc-by-risk.png/.svg) into <paramref name="outDir"/>.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<TrialPatient> patients, string outDir)
    {
        var data = Data(patients);
        double[] at = [TrialAnalysis.ThreeYears, TrialAnalysis.FiveYears];
        var fit = CumulativeIncidence.Fit(data, new CumulativeIncidenceOptions { At = at });
        sb.AppendLine("## Progression and death without progression (an addition to the paper)");
        sb.AppendLine();
        sb.AppendLine("**Not in the paper.** PFS ends at progression or at death, whichever comes first; the cumulative incidence of each");
        sb.AppendLine("(Aalen–Johansen, infinitesimal-jackknife 95% limits on the log scale, as R's `survfit`) after transplant, by cytogenetic");
        sb.AppendLine("risk, computed from the same **synthetic** cohort, with Gray's test (as R's `cmprsk::cuminc`). The curves and the");
        sb.AppendLine("probability of being alive without progression add to one.");
        sb.AppendLine();
        sb.AppendLine("| cytogenetic risk | event | n | events | 3 years (95% CI) | 5 years (95% CI) | 1 − KM at 5 years |");
        sb.AppendLine("|---|---|---:|---:|---|---|---:|");
        foreach (var curve in fit.Curves)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.Rows.Group![i] == curve.Group).ToArray();
            int events = rows.Count(i => data.Causes[Math.Max(0, data.Cause[i] - 1)] == curve.Cause && data.Cause[i] > 0);
            // 1 − KM treating the other event as censoring: what the curve is often mistaken for.
            var naive = Survival.SurvivalData.Create(rows.Select(i => data.Rows.Time[i]).ToArray(),
                rows.Select(i => data.Cause[i] > 0 && data.Causes[data.Cause[i] - 1] == curve.Cause).ToArray());
            double km = KaplanMeier.Fit(naive).Curves[0].SurvivalAt(TrialAnalysis.FiveYears).Survival;
            sb.AppendLine($"| {curve.Group} | {curve.Cause} | {rows.Length} | {events} | {Cell(curve.At[0])} | {Cell(curve.At[1])} | {P(1 - km)} |");
        }
        sb.AppendLine();
        foreach (var test in fit.GrayTests)
            sb.AppendLine($"Gray's test, {test.Cause}, high vs standard risk: χ² = {test.Test.ChiSquare.ToString("F2", Inv)} on {test.Test.DegreesOfFreedom} df, P = {PValue(test.Test.PValue)}.");
        sb.AppendLine();
        var options = new CumulativeIncidencePlotOptions
        {
            Title = "S3. Progression and death without progression by cytogenetic risk (an addition; synthetic cohort)",
            XLabel = "Months after transplant",
            TickStep = 12,
            CauseNames = new Dictionary<string, string> { ["progression"] = "progression", ["death"] = "death without progression" },
        };
        foreach (var ext in new[] { ".png", ".svg" })
            CumulativeIncidencePlot.Save(fit, Path.Combine(outDir, "figureS3-cuminc-by-risk" + ext), options);
        sb.AppendLine("![S3. Cumulative incidence of progression and of death without progression by cytogenetic risk (an addition)](figureS3-cuminc-by-risk.png)");
        sb.AppendLine();
    }

    private static string Cell(IncidenceStep s) => $"{P(s.Estimate)} ({P(s.Lower)}–{P(s.Upper)})";

    private static string P(double? v) => v is double d ? (100 * d).ToString("F1", Inv) + "%" : "NA";

    private static string PValue(double p) => p < 0.001 ? "< 0.001" : p.ToString("F3", Inv);
}
