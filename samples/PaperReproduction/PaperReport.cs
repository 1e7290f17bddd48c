using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival;
using Survival.Estimation;
using Survival.Plotting;

/// <summary>Runs the reproduction: derives endpoints, draws the figures, writes the report.</summary>
internal static class PaperReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string cohortPath, string outDir, TextWriter console)
    {
        // The output folder is made (it is the sample's to make) and checked writable before any work; every file in it
        // is written whole or not at all, so a failure never leaves a half-written report or figure.
        try { Directory.CreateDirectory(outDir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SurvivalInputException($"the output folder cannot be made ({e.Message})", column: "--out", value: outDir);
        }
        Survival.IO.AtomicFile.CheckFolderWritable(outDir, "--out");
        var rows = CohortFile.Read(cohortPath);
        var patients = rows.Select(r => r.ToPatient()).ToArray();

        WriteEndpoints(Path.Combine(outDir, "endpoints.csv"), patients);
        var analysis = TrialAnalysis.Of(patients);
        var figures = DrawFigures(analysis, outDir);
        var checks = PaperTargets.Check(analysis);
        WriteTargets(Path.Combine(outDir, "targets.csv"), checks);
        var report = Report(cohortPath, rows, patients, analysis, checks, figures, outDir);
        Survival.IO.AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), report);
        // The same report as one self-contained page (figures inline), readable offline.
        Survival.IO.AtomicFile.WriteAllText(Path.Combine(outDir, "report.html"), ReportHtml.Render(report, outDir));

        console.WriteLine("SYNTHETIC patients built to reproduce the published statistics (the trial's data are not public).");
        console.WriteLine($"{"target",-28} {"where",-24} {"paper",10} {"reproduced",12}  met");
        foreach (var c in checks)
            console.WriteLine($"{c.Target.Id,-28} {c.Target.Where,-24} {c.Target.Reported,10} {c.ReproducedText,12}  {c.Verdict}"
                + (c.NearestNote is { } note ? $"  ({note})" : ""));
        int met = checks.Count(c => c.Met), nearest = checks.Count(c => c.MetAtNearestDateValue);
        console.WriteLine($"{met} of {checks.Count} targets met ({nearest} of them at the nearest value whole-day dates allow); outputs in {Path.GetFullPath(outDir)}");
        return met == checks.Count ? 0 : 1;
    }

    /// <summary>One row per patient: the endpoints in months and every characteristic a target counts, so that R can
    /// re-analyse this file alone (samples/data/check-targets.R). DoR and the months to an improved response are blank
    /// where they do not exist.</summary>
    private static void WriteEndpoints(string path, IReadOnlyList<TrialPatient> patients)
    {
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("id,pfs_months,pfs_event,os_months,os_event,dor_months,dor_event,cytogenetic_risk,iss_stage,r_iss_stage,baseline_response,best_response,"
                + "age_group,sex,isotype,progressed,months_to_improvement");
            foreach (var p in patients)
            {
                var e = p.Endpoints;
                string dorMonths = e.DurationOfResponse is { } d ? d.Months.ToString("R", Inv) : "";
                string dorEvent = e.DurationOfResponse is { } d2 ? (d2.Event ? "1" : "0") : "";
                string improvement = p.MonthsToImprovement is { } m ? m.ToString("R", Inv) : "";
                w.WriteLine(string.Join(",", p.Id, e.ProgressionFreeSurvival.Months.ToString("R", Inv), e.ProgressionFreeSurvival.Event ? 1 : 0,
                    e.OverallSurvival.Months.ToString("R", Inv), e.OverallSurvival.Event ? 1 : 0, dorMonths, dorEvent, FileCodes.Code(p.Risk),
                    FileCodes.Code(p.Iss), FileCodes.Code(p.RIss), FileCodes.Code(p.BaselineResponse), FileCodes.Code(p.BestResponse),
                    FileCodes.Code(p.AgeGroup), FileCodes.Code(p.Sex), FileCodes.Code(p.Isotype), p.Progressed ? 1 : 0, improvement));
            }
        });
    }

    /// <summary>The comparison table in machine-readable form: each target, where the article prints it, how it is met,
    /// its date grain and whether whole-day dates can meet it at the article's rounding, the interval of accepted values
    /// (the rounding window, widened by one grain on both sides for a time no date can round to; blank for kinds without
    /// one), the library's value (blank = not reached) and the verdict (yes, nearest or NO). R's check reads it.</summary>
    private static void WriteTargets(string path, IReadOnlyList<TargetCheck> checks)
    {
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("id,where,kind,reported,decimals,grain,attainable,accepted_lower,accepted_upper,reproduced,met,verdict");
            foreach (var c in checks)
            {
                var t = c.Target;
                var interval = t.AcceptedInterval;
                w.WriteLine(string.Join(",", t.Id, $"\"{t.Where}\"", t.Kind, t.Value.ToString("R", Inv), t.Decimals, t.Grain,
                    t.AttainableFromDates ? "true" : "false", interval?.Lower.ToString("R", Inv) ?? "", interval?.Upper.ToString("R", Inv) ?? "",
                    c.Reproduced is double r ? r.ToString("R", Inv) : "", c.Met ? "true" : "false", c.Verdict));
            }
        });
    }

    private sealed record Figure(string Name, string Title, string File);

    private static List<Figure> DrawFigures(TrialAnalysis analysis, string outDir)
    {
        var figures = new List<Figure>();
        foreach (var panel in analysis.Panels)
        {
            var options = new KaplanMeierPlotOptions { Title = panel.Title, YLabel = panel.YLabel, PValue = panel.LogRank?.PValue, XMax = 90, TickStep = 12 };
            foreach (var ext in new[] { ".png", ".svg" }) KaplanMeierPlot.Save(panel.Fit, Path.Combine(outDir, panel.Name + ext), options);
            figures.Add(new Figure(panel.Name, panel.Title, panel.Name + ".png"));
        }
        return figures;
    }

    private static string Report(string cohortPath, IReadOnlyList<CohortFile.Row> rows, IReadOnlyList<TrialPatient> patients, TrialAnalysis analysis,
        IReadOnlyList<TargetCheck> checks, List<Figure> figures, string outDir)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Reproduction of Patel et al. (NCT01718743): PFS, OS and duration of response");
        sb.AppendLine();
        sb.AppendLine("> **The patients are synthetic.** The trial's patient data are not public. The cohort in");
        sb.AppendLine($"> `{Path.GetFileName(cohortPath)}` was built by `samples/CohortSynthesis` to reproduce the published statistics;");
        sb.AppendLine("> it says nothing about any real patient. Every number below was computed by this library from that file.");
        sb.AppendLine();
        int met = checks.Count(c => c.Met), nearest = checks.Count(c => c.MetAtNearestDateValue);
        sb.AppendLine($"**{met} of {checks.Count} published numbers reproduced**, {nearest} of them at the nearest value whole-day dates allow (below); " +
                      $"{checks.Count - met} missed.");
        sb.AppendLine();
        sb.AppendLine("Methods as in the paper: Kaplan–Meier with Greenwood variance and 95% limits symmetric on the log scale (R `survfit` defaults), medians and");
        sb.AppendLine("their limits by R's `quantile.survfit` rule, survival at 36 and 60 months as `summary(fit, times =)`, log-rank tests as `survdiff` (ISS and R-ISS");
        string month = CohortFile.DaysPerMonth.ToString("R", Inv);
        sb.AppendLine($"over the known stages), median follow-up by reverse Kaplan–Meier. Months = days / {month}. A reported 73.3 is met by any value that rounds");
        sb.AppendLine("(half up) to it.");
        sb.AppendLine();
        sb.AppendLine("**The rule for times no dates can give.** The cohort holds dates, as a trial database exports them, so one patient's time is a whole");
        sb.AppendLine($"number of days over {month} and a median or its limit (R's midpoint rule) a whole or half number. For three published times no such");
        sb.AppendLine("value rounds to the published one: the median follow-up 62.04, the longest follow-up 83.13 and the standard-risk DoR median 60.84");
        sb.AppendLine("months. Each is met by the nearest value dates can give on either side of its rounding window: the accepted interval is that window");
        sb.AppendLine("widened by one day (one patient's time) or half a day (a median) on both sides. The table marks them *nearest* and says which value");
        sb.AppendLine("was reached; every other number is met at the article's own rounding. No usual month length avoids this (samples/data/README.md).");
        sb.AppendLine();
        sb.AppendLine("| target | where | what | paper | reproduced | met |");
        sb.AppendLine("|---|---|---|---:|---:|---|");
        foreach (var c in checks)
            sb.AppendLine($"| `{c.Target.Id}` | {c.Target.Where} | {c.Target.Description} | {c.Target.Reported} | {c.ReproducedText} | {c.Verdict}" +
                          (c.NearestNote is { } note ? $" ({note})" : "") + " |");
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
        Rate("≥ VGPR at maintenance start", patients.Count(p => p.BaselineResponse.IsAtLeast(Response.VGPR)));
        Rate("CR at maintenance start", patients.Count(p => p.BaselineResponse == Response.CR));
        Rate("≥ VGPR after maintenance", patients.Count(p => p.BestResponse.IsAtLeast(Response.VGPR)));
        Rate("sCR/CR after maintenance", patients.Count(p => p.BestResponse == Response.CR));
        Rate("overall response (≥ PR) after maintenance", patients.Count(p => p.Responder));
        Rate("response improved during maintenance", patients.Count(p => p.Improved));
        sb.AppendLine();
        sb.AppendLine("The paper's baseline CR rate is 4.6%; 3 of 64 patients is 4.69%, which rounds to 4.7%: the paper truncates. Table 1's");
        sb.AppendLine("baseline tally (CR 3, VGPR 39, PR 18, SD 2, PD 1, unknown 1) is used; the text's (PR 19, SD 2, unknown 1, no PD) disagrees with it.");
        sb.AppendLine();

        var followUp = analysis.FollowUp;
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
        var pfsData = analysis.Figure2B.Data;
        var pfsFits = new[] { Survival.Parametric.ExponentialModel.Fit(pfsData) }.Concat(Survival.Parametric.ExponentialModel.FitByGroup(pfsData)).ToArray();
        foreach (var f in pfsFits)
            sb.AppendLine($"| {f.Group ?? "all"} | {f.Events:0}/{f.N} | {f.Exposure.ToString("F1", Inv)} | {F(f.Median.Estimate)} ({F(f.Median.Lower)}–{F(f.Median.Upper)}) | {f.LogLikelihood.ToString("F3", Inv)} |");
        var ratio = Survival.Parametric.ExponentialModel.RateRatio(pfsFits.Single(f => f.Group == "high"), pfsFits.Single(f => f.Group == "standard"));
        sb.AppendLine();
        sb.AppendLine($"Hazard-rate ratio, high vs standard risk: {F(ratio.Estimate)} (exact 95% CI {F(ratio.Lower)}–{F(ratio.Upper)}).");
        sb.AppendLine();

        ParametricSection.Append(sb, analysis, outDir);
        IntervalCensoredSection.Append(sb, patients, analysis, outDir);
        MultiStateSection.Append(sb, patients, analysis, outDir);
        CompetingRisksSection.Append(sb, patients, outDir);
        RoundTripSection.Append(sb, analysis.Figure2B, outDir);

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
        sb.AppendLine();
        NextTrialSection.Append(sb, analysis, outDir);
        return sb.ToString();
    }

    private static string F(double? v) => v is double d ? d.ToString("F2", Inv) : "NR";
}
