using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival.MultiState;
using Survival.Plotting;

/// <summary>
/// An addition to what the paper published: the illness–death view of the synthetic cohort from transplant. Patients
/// start progression-free, may progress and then die, or die without progression; the Aalen–Johansen probability of
/// each state over time (figure S6) and the mean time spent progression-free and after progression over six years.
/// </summary>
internal static class MultiStateSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Six years, the horizon of the restricted means (months).</summary>
    private const double SixYears = 72;

    internal const string ProgressionFree = "progression-free";
    internal const string Progressed = "progressed";
    internal const string Dead = "dead";

    /// <summary>The cohort as multi-state rows (R's tmerge output): a row (0, PFS] ending in progression, in death
    /// without progression, or censored; after a progression, a row (PFS, OS] ending in death or censored. A death on
    /// the day of progression ends the first row in death (no time is spent after progression).</summary>
    public static MultiStateData Data(IReadOnlyList<TrialPatient> patients)
    {
        var id = new List<string>();
        var start = new List<double>();
        var stop = new List<double>();
        var state = new List<string?>();
        var initial = new List<string?>();
        foreach (var p in patients)
        {
            var pfs = p.Endpoints.ProgressionFreeSurvival;
            var os = p.Endpoints.OverallSurvival;
            void Row(double a, double b, string? s, string from)
            {
                id.Add(p.Endpoints.Id); start.Add(a); stop.Add(b); state.Add(s); initial.Add(from);
            }
            if (!pfs.Event) { Row(0, pfs.Months, null, ProgressionFree); continue; }
            if (!p.Progressed || os.Months <= pfs.Months) { Row(0, pfs.Months, p.Progressed && !os.Event ? Progressed : Dead, ProgressionFree); continue; }
            Row(0, pfs.Months, Progressed, ProgressionFree);
            Row(pfs.Months, os.Months, os.Event ? Dead : null, Progressed);
        }
        return MultiStateData.Create(stop.ToArray(), state, id, start.ToArray(), initial, states: [Progressed, Dead]);
    }

    /// <summary>Appends the section and draws figure S6 (figureS6-illness-death.png/.svg) into <paramref name="outDir"/>.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<TrialPatient> patients, TrialAnalysis analysis, string outDir)
    {
        var data = Data(patients);
        double[] years = [12, 24, 36, 48, 60, 72];
        var fit = AalenJohansen.Fit(data, new AalenJohansenOptions { At = years, RestrictedMeanHorizon = SixYears });
        var curve = fit.Curves[0];
        int pf = data.IndexOf(ProgressionFree), pr = data.IndexOf(Progressed), de = data.IndexOf(Dead);

        // Checks the reader can rely on: P(progression-free) is the PFS Kaplan–Meier of figure 2A at every time.
        var km = analysis.Figure2A.Fit.Curves[0];
        double gap = curve.Steps.Max(s => Math.Abs(s.Probability[pf] - km.SurvivalAt(s.Time).Survival));

        sb.AppendLine("## Where the patients are: an illness–death view (an addition to the paper)");
        sb.AppendLine();
        sb.AppendLine("**Not in the paper.** From transplant each **synthetic** patient is progression-free, then may progress and later die,");
        sb.AppendLine("or die without progression. The Aalen–Johansen probability of each state (R `survfit` on `Surv(tstart, tstop, state)` with");
        sb.AppendLine("`id`, matched by the tests; infinitesimal-jackknife 95% limits on the log scale), from the same PFS and OS times as");
        sb.AppendLine($"figures 2A and 2C. Transitions: {string.Join(", ", fit.Transitions.Select(t => $"{t.From} → {t.To} ({t.Events})"))}.");
        sb.AppendLine($"The progression-free probability is the PFS Kaplan–Meier estimate (largest difference {gap:0.0e+0}).");
        sb.AppendLine();
        sb.AppendLine("| months from ASCT | progression-free (95% CI) | alive after progression (95% CI) | dead (95% CI) |");
        sb.AppendLine("|---:|---|---|---|");
        foreach (var at in curve.At)
            sb.AppendLine($"| {at.Time.ToString("F0", Inv)} | {Cell(at, pf)} | {Cell(at, pr)} | {Cell(at, de)} |");
        sb.AppendLine();
        var rm = curve.RestrictedMean;
        sb.AppendLine($"Over the first six years after transplant a patient spends on average {M(rm[pf])} months progression-free and");
        sb.AppendLine($"{M(rm[pr])} months alive after progression; {M(rm[de])} months are lost to death (restricted mean time in state,");
        sb.AppendLine("R `print(fit, rmean = 72)`, standard errors from the infinitesimal jackknife).");
        sb.AppendLine();
        foreach (var ext in new[] { ".png", ".svg" })
            StateOccupancyPlot.Save(fit, Path.Combine(outDir, "figureS6-illness-death" + ext), new StateOccupancyPlotOptions
            {
                Title = "S6. State occupancy after transplant (stacked; an addition)", XLabel = "Months from ASCT", TickStep = 12,
                StateNames = new Dictionary<string, string> { [ProgressionFree] = "progression-free", [Progressed] = "alive after progression" },
            });
        sb.AppendLine("![S6. State occupancy after transplant: progression-free, alive after progression, dead, stacked (an addition)](figureS6-illness-death.png)");
        sb.AppendLine();
    }

    private static string Cell(StateOccupancyStep s, int k)
        => $"{Percent(s.Probability[k])} ({Percent(s.Lower[k])}–{Percent(s.Upper[k])})";

    private static string M(StateRestrictedMean r) => $"{r.Estimate.ToString("F1", Inv)} (SE {r.StdErr.ToString("F1", Inv)})";

    private static string Percent(double? v) => v is double d ? (100 * d).ToString("F1", Inv) + "%" : "—";
}
