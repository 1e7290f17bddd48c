using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival;
using Survival.Comparison;
using Survival.Estimation;
using Survival.IntervalCensoring;
using Survival.Plotting;

/// <summary>
/// An addition to the paper: PFS as the assessments saw it. Progression is found at a response assessment (IMWG, every
/// 1–3 cycles of 28 days: Methods, "Treatment and assessments"), so a progression reported at t happened after the
/// previous assessment; the interval-censored (Turnbull) analysis of the synthetic cohort beside the reported one.
/// </summary>
internal static class IntervalCensoredSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Four years, the landmark shown (months).</summary>
    private const double FourYears = 48;

    /// <summary>Appends the section and draws figureS5-pfs-interval-censored.png/.svg into <paramref name="outDir"/>.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<TrialPatient> patients, TrialAnalysis analysis, string outDir)
    {
        double cycle = 28 / Survival.Endpoints.EndpointOptions.DaysPerMonthDefault;
        var reported = analysis.Figure2A.Fit.Curves[0];
        var schedules = new[] { (Name: "every cycle (28 days)", Gap: cycle), (Name: "every 3 cycles (84 days)", Gap: 3 * cycle) };

        sb.AppendLine("## PFS with progression between assessments (an addition to the paper)");
        sb.AppendLine();
        sb.AppendLine("**Not in the paper.** Progression is found at a response assessment, which the trial made every 1–3 cycles of 28 days");
        sb.AppendLine("(Methods). A progression reported at month t therefore happened after the assessment before it: here, for each");
        sb.AppendLine("synthetic patient whose PFS event is a progression, the event lies in (t − gap, t], the gap being one assessment interval;");
        sb.AppendLine("deaths without progression keep their exact times and censored patients stay right-censored at their last contact.");
        sb.AppendLine("The Turnbull estimate (R `survfit` on `Surv(left, right, type = \"interval2\")`, matched by the tests) of these intervals");
        sb.AppendLine("beside the Kaplan–Meier estimate of the reported times (figure 2A), for the shortest and the longest schedule the");
        sb.AppendLine("Methods allow:");
        sb.AppendLine();
        sb.AppendLine("| analysis | progressions as intervals | median PFS, months (95% CI) | Δ median | 4-year PFS (95% CI) | Δ 4-year PFS |");
        sb.AppendLine("|---|---:|---|---:|---|---:|");
        var at = reported.SurvivalAt(FourYears);
        sb.AppendLine($"| reported times (Kaplan–Meier, figure 2A) | — | {Median(reported.Median)} | — | {Percent(at.Survival)} ({Percent(at.Lower)}–{Percent(at.Upper)}) | — |");
        TurnbullResult? longest = null;
        foreach (var (name, gap) in schedules)
        {
            var data = Intervals(patients, gap, risk: false);
            var fit = Turnbull.Fit(data);
            longest = fit;
            var curve = fit.Curves[0].Estimate;
            var a = curve.SurvivalAt(FourYears);
            string dMedian = curve.Median.Estimate is double m && reported.Median.Estimate is double r ? Signed(m - r, "F2") : "—";
            sb.AppendLine($"| assessed {name}, Turnbull | {patients.Count(p => p.Progressed && p.Endpoints.ProgressionFreeSurvival.Event)} | " +
                          $"{Median(curve.Median)} | {dMedian} | {Percent(a.Survival)} ({Percent(a.Lower)}–{Percent(a.Upper)}) | {Signed(100 * (a.Survival - at.Survival), "F1")} pts |");
        }
        sb.AppendLine();
        var byRiskReported = LogRankTest.Compute(analysis.Figure2B.Data);
        var byRisk = IntervalLogRank.Compute(Intervals(patients, 3 * cycle, risk: true));
        var byRiskExact = IntervalLogRank.Compute(Intervals(patients, 0, risk: true));
        sb.AppendLine($"By cytogenetic risk (figure 2B): the log-rank P of the reported times is {P(byRiskReported.PValue)}; the generalised log-rank");
        sb.AppendLine($"test (Sun's scores, permutation variance) gives P = {P(byRiskExact.PValue)} on the same reported times and P = {P(byRisk.PValue)}");
        sb.AppendLine($"with progressions as 3-cycle intervals, so the interval censoring itself moves P from {P(byRiskExact.PValue)} to {P(byRisk.PValue)}.");
        bool same = byRisk.PValue < 0.05 == byRiskReported.PValue < 0.05;
        sb.AppendLine(same
            ? "The difference between the risk groups is significant at the 5% level either way."
            : "At the 5% level the two analyses disagree about the difference between the risk groups.");
        sb.AppendLine();
        foreach (var ext in new[] { ".png", ".svg" })
            TurnbullPlot.Save(longest!, Path.Combine(outDir, "figureS5-pfs-interval-censored" + ext), new KaplanMeierPlotOptions
            {
                Title = "S5. PFS, progression between assessments every 3 cycles (Turnbull; an addition)", XLabel = "Months from ASCT",
                YLabel = "Progression-free survival", ShowCensorMarks = false, TickStep = 12,
            });
        sb.AppendLine("![S5. PFS with progression between assessments every 3 cycles, Turnbull estimate with its intervals shaded (an addition)](figureS5-pfs-interval-censored.png)");
        sb.AppendLine();
    }

    /// <summary>PFS as intervals: a progression at t lies in (max(0, t − gap), t]; a death without progression is exact; a
    /// censoring stays right-censored.</summary>
    internal static SurvivalData Intervals(IReadOnlyList<TrialPatient> patients, double gap, bool risk)
    {
        var left = new double[patients.Count];
        var right = new double[patients.Count];
        for (int i = 0; i < patients.Count; i++)
        {
            var pfs = patients[i].Endpoints.ProgressionFreeSurvival;
            if (!pfs.Event) { left[i] = pfs.Months; right[i] = double.PositiveInfinity; }
            else if (patients[i].Progressed) { left[i] = Math.Max(0, pfs.Months - gap); right[i] = pfs.Months; }
            else left[i] = right[i] = pfs.Months;
        }
        return SurvivalData.FromIntervals(left, right, group: risk ? patients.Select(p => FileCodes.Code(p.Risk)).ToArray() : null);
    }

    private static string Median(IntervalEstimate m) => $"{F(m.Estimate)} ({F(m.Lower)}–{F(m.Upper)})";
    private static string F(double? v) => v is double d ? d.ToString("F2", Inv) : "NR";
    private static string Percent(double? v) => v is double d ? (100 * d).ToString("F1", Inv) + "%" : "NR";
    private static string Signed(double v, string format) => (v >= 0 ? "+" : "−") + Math.Abs(v).ToString(format, Inv);
    private static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString("F3", Inv);
}
