using System.Globalization;
using System.Text;
using PaperAnalysis;
using Survival;
using Survival.Comparison;
using Survival.Endpoints;
using Survival.Estimation;
using Survival.Plotting;

/// <summary>Runs the reproduction: derives endpoints, draws the figures, writes the report.</summary>
internal static class PaperReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Stages = ["I", "II", "III"];

    public static int Run(string cohortPath, string outDir, TextWriter console)
    {
        var rows = CohortFile.Read(cohortPath);
        var patients = rows.Select(r => r.ToPatient()).ToArray();
        Directory.CreateDirectory(outDir);

        WriteEndpoints(Path.Combine(outDir, "endpoints.csv"), patients);
        var figures = DrawFigures(patients, outDir);
        var checks = Reproduction.Check(patients);
        WriteTargets(Path.Combine(outDir, "targets.csv"), checks);
        var report = Report(cohortPath, rows, patients, checks, figures);
        File.WriteAllText(Path.Combine(outDir, "report.md"), report, new UTF8Encoding(false));

        console.WriteLine("SYNTHETIC patients built to reproduce the published statistics (the trial's data are not public).");
        console.WriteLine($"{"target",-28} {"paper",10} {"reproduced",12}  met");
        foreach (var c in checks)
            console.WriteLine($"{c.Target.Id,-28} {c.Target.Reported,10} {c.ReproducedText,12}  {c.Verdict}");
        int met = checks.Count(c => c.Met), failed = checks.Count(c => c.Failed), unattainable = checks.Count(c => !c.Met && !c.Failed);
        console.WriteLine($"{met} of {checks.Count} targets met, {failed} missed, {unattainable} unattainable from whole-day dates; outputs in {Path.GetFullPath(outDir)}");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>One row per patient: the endpoints in months and every characteristic a target counts, so that R can
    /// re-analyse this file alone (samples/data/check-targets.R). DoR and the months to an improved response are blank
    /// where they do not exist.</summary>
    private static void WriteEndpoints(string path, IReadOnlyList<TrialPatient> patients)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("id,pfs_months,pfs_event,os_months,os_event,dor_months,dor_event,cytogenetic_risk,iss_stage,r_iss_stage,baseline_response,best_response,"
            + "age_group,sex,isotype,progressed,months_to_improvement");
        foreach (var p in patients)
        {
            var e = p.Endpoints;
            string dorMonths = e.DurationOfResponse is { } d ? d.Months.ToString("R", Inv) : "";
            string dorEvent = e.DurationOfResponse is { } d2 ? (d2.Event ? "1" : "0") : "";
            string improvement = p.MonthsToImprovement is { } m ? m.ToString("R", Inv) : "";
            w.WriteLine(string.Join(",", p.Id, e.ProgressionFreeSurvival.Months.ToString("R", Inv), e.ProgressionFreeSurvival.Event ? 1 : 0,
                e.OverallSurvival.Months.ToString("R", Inv), e.OverallSurvival.Event ? 1 : 0, dorMonths, dorEvent, p.Risk, p.Iss, p.RIss,
                p.BaselineResponse, p.BestResponse, p.AgeGroup, p.Sex, p.Isotype, p.Progressed ? 1 : 0, improvement));
        }
    }

    /// <summary>The comparison table in machine-readable form: each target, how it is met, whether whole-day dates can
    /// meet it, the library's value (blank = not reached) and the verdict. R's check reads it.</summary>
    private static void WriteTargets(string path, IReadOnlyList<TargetCheck> checks)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("id,kind,reported,decimals,attainable,reproduced,met");
        foreach (var c in checks)
            w.WriteLine(string.Join(",", c.Target.Id, c.Target.Kind, c.Target.Value.ToString("R", Inv), c.Target.Decimals,
                c.Target.AttainableFromDates ? "true" : "false", c.Reproduced is double r ? r.ToString("R", Inv) : "", c.Met ? "true" : "false"));
    }

    private sealed record Figure(string Name, string Title, string File);

    private static List<Figure> DrawFigures(IReadOnlyList<TrialPatient> patients, string outDir)
    {
        var figures = new List<Figure>();
        var responders = patients.Where(p => p.Endpoints.DurationOfResponse is not null).ToArray();
        Func<TrialPatient, EventTime> pfs = p => p.Endpoints.ProgressionFreeSurvival;
        Func<TrialPatient, EventTime> os = p => p.Endpoints.OverallSurvival;
        Func<TrialPatient, EventTime> dor = p => p.Endpoints.DurationOfResponse!.Value;
        void Draw(string name, string title, IReadOnlyList<TrialPatient> who, Func<TrialPatient, EventTime> endpoint, Func<TrialPatient, string>? group, string yLabel)
        {
            var data = Reproduction.Data(who, endpoint, group);
            var fit = KaplanMeier.Fit(data);
            double? p = group is null ? null : LogRankTest.Compute(data).PValue;
            var options = new KaplanMeierPlotOptions { Title = title, YLabel = yLabel, PValue = p, XMax = 90, TickStep = 12 };
            foreach (var ext in new[] { ".png", ".svg" }) KaplanMeierPlot.Save(fit, Path.Combine(outDir, name + ext), options);
            figures.Add(new Figure(name, title, name + ".png"));
        }
        Draw("figure2a-pfs", "A. Progression-free survival, all patients", patients, pfs, null, "Progression-free survival");
        Draw("figure2b-pfs-by-risk", "B. PFS by cytogenetic risk", patients, pfs, p => p.Risk, "Progression-free survival");
        Draw("figure2c-os", "C. Overall survival, all patients", patients, os, null, "Overall survival");
        Draw("figure2d-dor", "D. Duration of response, all responders", responders, dor, null, "Duration of response");
        Draw("figure2e-dor-by-risk", "E. Duration of response by cytogenetic risk", responders, dor, p => p.Risk, "Duration of response");
        Draw("figure2f-dor-by-iss", "F. Duration of response by ISS stage", responders.Where(p => Stages.Contains(p.Iss)).ToArray(), dor, p => "ISS " + p.Iss, "Duration of response");
        Draw("figureS1a-pfs-by-iss", "S1. PFS by ISS stage", patients.Where(p => Stages.Contains(p.Iss)).ToArray(), pfs, p => "ISS " + p.Iss, "Progression-free survival");
        Draw("figureS1b-pfs-by-riss", "S1. PFS by R-ISS stage", patients.Where(p => Stages.Contains(p.RIss)).ToArray(), pfs, p => "R-ISS " + p.RIss, "Progression-free survival");
        return figures;
    }

    private static string Report(string cohortPath, IReadOnlyList<CohortFile.Row> rows, IReadOnlyList<TrialPatient> patients, IReadOnlyList<TargetCheck> checks, List<Figure> figures)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Reproduction of Patel et al. (NCT01718743): PFS, OS and duration of response");
        sb.AppendLine();
        sb.AppendLine("> **The patients are synthetic.** The trial's patient data are not public. The cohort in");
        sb.AppendLine($"> `{Path.GetFileName(cohortPath)}` was built by `samples/CohortSynthesis` to reproduce the published statistics;");
        sb.AppendLine("> it says nothing about any real patient. Every number below was computed by this library from that file.");
        sb.AppendLine();
        int met = checks.Count(c => c.Met), failed = checks.Count(c => c.Failed), unattainable = checks.Count(c => !c.Met && !c.Failed);
        sb.AppendLine($"**{met} of {checks.Count} reported numbers reproduced**; {failed} missed; {unattainable} unattainable from whole-day dates.");
        sb.AppendLine();
        sb.AppendLine("Methods as in the paper: Kaplan–Meier with Greenwood variance and 95% limits symmetric on the log scale (R `survfit` defaults), medians and");
        sb.AppendLine("their limits by R's `quantile.survfit` rule, survival at 36 and 60 months as `summary(fit, times =)`, log-rank tests as `survdiff` (ISS and R-ISS");
        string month = CohortFile.DaysPerMonth.ToString("R", Inv);
        sb.AppendLine($"over the known stages), median follow-up by reverse Kaplan–Meier. Months = days / {month}. A reported 73.3 is met by any value that rounds");
        sb.AppendLine("(half up) to it. *Unattainable* marks a time that no cohort of whole-day dates can produce: one patient's time is a whole number");
        sb.AppendLine($"of days over {month}, a median or its limit a whole or half number, and none of those rounds to the reported value; the reproduced");
        sb.AppendLine("value is shown beside it. No usual month length makes every target attainable (samples/data/README.md).");
        sb.AppendLine();
        sb.AppendLine("| target | where | what | paper | reproduced | met |");
        sb.AppendLine("|---|---|---|---:|---:|---|");
        foreach (var c in checks)
            sb.AppendLine($"| `{c.Target.Id}` | {c.Target.Figure} | {c.Target.Description} | {c.Target.Reported} | {c.ReproducedText} | {c.Verdict} |");
        sb.AppendLine();
        sb.AppendLine("To check these with R's survival package: `Rscript samples/data/check-targets.R DIR`, where DIR is this report's folder;");
        sb.AppendLine("it recomputes every target from `endpoints.csv` and compares it with the paper and with `targets.csv`.");
        sb.AppendLine();

        sb.AppendLine("## Response rates (exact Clopper–Pearson 95% CIs)");
        sb.AppendLine();
        sb.AppendLine("| response | n / N | rate | 95% CI |");
        sb.AppendLine("|---|---:|---:|---|");
        void Rate(string name, int x)
        {
            var r = BinomialProportion.Compute(x, patients.Count);
            sb.AppendLine($"| {name} | {x} / {patients.Count} | {100 * r.Estimate:F1}% | {100 * r.Lower:F1}% – {100 * r.Upper:F1}% |");
        }
        Rate("≥ VGPR at maintenance start", patients.Count(p => TrialPatient.Rank(p.BaselineResponse) <= 1));
        Rate("CR at maintenance start", patients.Count(p => p.BaselineResponse == "CR"));
        Rate("≥ VGPR after maintenance", patients.Count(p => TrialPatient.Rank(p.BestResponse) <= 1));
        Rate("sCR/CR after maintenance", patients.Count(p => p.BestResponse == "CR"));
        Rate("overall response (≥ PR) after maintenance", patients.Count(p => p.Responder));
        Rate("response improved during maintenance", patients.Count(p => p.Improved));
        sb.AppendLine();
        sb.AppendLine("The paper's baseline CR rate is 4.6%; 3 of 64 patients is 4.69%, which rounds to 4.7%: the paper truncates. Table 1's");
        sb.AppendLine("baseline tally (CR 3, VGPR 39, PR 18, SD 2, PD 1, unknown 1) is used; the text's (PR 19, SD 2, unknown 1, no PD) disagrees with it.");
        sb.AppendLine();

        var osData = Reproduction.Data(patients, p => p.Endpoints.OverallSurvival);
        var followUp = FollowUp.Compute(osData);
        sb.AppendLine("## Follow-up");
        sb.AppendLine();
        sb.AppendLine($"Median follow-up (reverse Kaplan–Meier): {F(followUp.Median.Estimate)} months (95% CI {F(followUp.Median.Lower)}–{F(followUp.Median.Upper)}); " +
                      $"range among the {followUp.CensoredCount} patients alive at last contact: {F(followUp.Minimum)}–{F(followUp.Maximum)} months.");
        sb.AppendLine();

        sb.AppendLine("## Exponential PFS model");
        sb.AppendLine();
        sb.AppendLine("The protocol's monitoring assumed exponential PFS (standard-therapy median 40 months, hoped-for 52). Fitted to the");
        sb.AppendLine("synthetic cohort by maximum likelihood (exact χ² limits; R `survreg(dist = \"exponential\")` log-likelihood):");
        sb.AppendLine();
        sb.AppendLine("| group | events / patients | months at risk | median PFS (95% CI) | log-likelihood |");
        sb.AppendLine("|---|---:|---:|---|---:|");
        var pfsData = Reproduction.Data(patients, p => p.Endpoints.ProgressionFreeSurvival, p => p.Risk);
        var pfsFits = new[] { Survival.Parametric.ExponentialModel.Fit(pfsData) }.Concat(Survival.Parametric.ExponentialModel.FitByGroup(pfsData)).ToArray();
        foreach (var f in pfsFits)
            sb.AppendLine($"| {f.Group ?? "all"} | {f.Events:0}/{f.N} | {f.Exposure.ToString("F1", Inv)} | {F(f.Median.Estimate)} ({F(f.Median.Lower)}–{F(f.Median.Upper)}) | {f.LogLikelihood.ToString("F3", Inv)} |");
        var ratio = Survival.Parametric.ExponentialModel.RateRatio(pfsFits.Single(f => f.Group == "high"), pfsFits.Single(f => f.Group == "standard"));
        sb.AppendLine();
        sb.AppendLine($"Hazard-rate ratio, high vs standard risk: {F(ratio.Estimate)} (exact 95% CI {F(ratio.Lower)}–{F(ratio.Upper)}).");
        sb.AppendLine();

        sb.AppendLine("## Figures");
        sb.AppendLine();
        foreach (var f in figures)
        {
            sb.AppendLine($"### {f.Title}");
            sb.AppendLine();
            sb.AppendLine($"![{f.Title}]({f.File})");
            sb.AppendLine();
        }

        sb.AppendLine("## The trial's monitoring designs");
        sb.AppendLine();
        var toxicity = Survival.Design.ToxicityMonitoring.Create(0.3, 0.7, 0.30, 0.95, 4, 64);
        sb.AppendLine("**Toxicity monitoring** (Thall, Simon & Estey): Beta(0.3, 0.7) prior, stop if Pr(p_tox > 0.30 | data) > 0.95, checked");
        sb.AppendLine("after every cohort of 4 up to 64 patients. Stop when the toxicities reach:");
        sb.AppendLine();
        sb.AppendLine("| patients | " + string.Join(" | ", toxicity.Boundaries.Select(x => x.Patients)) + " |");
        sb.AppendLine("|---" + string.Concat(toxicity.Boundaries.Select(_ => "|---")) + "|");
        sb.AppendLine("| stop at ≥ | " + string.Join(" | ", toxicity.Boundaries.Select(x => x.StopAt?.ToString(Inv) ?? "—")) + " |");
        sb.AppendLine();
        sb.AppendLine("Exact operating characteristics:");
        sb.AppendLine();
        sb.AppendLine("| true toxicity rate | Pr(the rule triggers at some look) | expected patients |");
        sb.AppendLine("|---:|---:|---:|");
        foreach (var rate in new[] { 0.10, 0.20, 0.30, 0.40, 0.50 })
        {
            var oc = toxicity.OperatingCharacteristics(rate);
            sb.AppendLine($"| {rate.ToString("F2", Inv)} | {oc.ProbabilityStop.ToString("F3", Inv)} | {oc.ExpectedPatients.ToString("F1", Inv)} |");
        }
        sb.AppendLine();
        EfficacyDesignSection.Append(sb, rows);
        return sb.ToString();
    }

    private static string F(double? v) => v is double d ? d.ToString("F2", Inv) : "NR";
}
