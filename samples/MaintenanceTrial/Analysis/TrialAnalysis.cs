using Survival;
using Survival.Endpoints;
using Survival.Estimation;

namespace MaintenanceTrial;

/// <summary>
/// The paper's analyses of the cohort, organised as the article presents them: Figure 2 panels A–F, Supplementary
/// Figure S1, Table 1 and the response text. Each is computed with the library as the paper defines it: Kaplan–Meier
/// with Greenwood variance and log-scale 95% limits (R's defaults), medians by R's quantile rule, survival at 36 and
/// 60 months as <c>summary(fit, times =)</c>, log-rank tests as <c>survdiff</c> (ISS and R-ISS across the known stages),
/// reverse Kaplan–Meier median follow-up.
/// </summary>
/// <param name="Figure2A">PFS, all patients.</param>
/// <param name="Figure2B">PFS by cytogenetic risk, with the log-rank test.</param>
/// <param name="Figure2C">OS, all patients.</param>
/// <param name="FollowUp">The follow-up quoted with Figure 2C (reverse Kaplan–Meier median; range among patients alive).</param>
/// <param name="Figure2D">Duration of response, all responders.</param>
/// <param name="Figure2E">Duration of response by cytogenetic risk, with the log-rank test.</param>
/// <param name="Figure2F">Duration of response by ISS stage (known stages), with the log-rank test.</param>
/// <param name="FigureS1Iss">Supplementary Figure S1: PFS by ISS stage (known stages).</param>
/// <param name="FigureS1RIss">Supplementary Figure S1: PFS by R-ISS stage (known stages).</param>
/// <param name="Table1">Table 1's counts.</param>
/// <param name="Responses">The response rates and times of the Results text ("Response rates") and the off-study count of progressions.</param>
public sealed record TrialAnalysis(
    Panel Figure2A, Panel Figure2B, Panel Figure2C, FollowUp FollowUp, Panel Figure2D, Panel Figure2E, Panel Figure2F,
    Panel FigureS1Iss, Panel FigureS1RIss, CohortCounts Table1, ResponseSummary Responses)
{
    /// <summary>Landmark of the 5-year estimates, in months.</summary>
    public const double FiveYears = 60;

    /// <summary>Landmark of the 3-year estimates, in months.</summary>
    public const double ThreeYears = 36;

    /// <summary>The panels in the article's order (Figure 2 A–F, then S1).</summary>
    public IReadOnlyList<Panel> Panels => [Figure2A, Figure2B, Figure2C, Figure2D, Figure2E, Figure2F, FigureS1Iss, FigureS1RIss];

    /// <summary>Runs every analysis on a cohort.</summary>
    /// <param name="patients">The cohort.</param>
    public static TrialAnalysis Of(IReadOnlyList<TrialPatient> patients)
    {
        Func<TrialPatient, EventTime> pfs = p => p.Endpoints.ProgressionFreeSurvival;
        Func<TrialPatient, EventTime> os = p => p.Endpoints.OverallSurvival;
        Func<TrialPatient, EventTime> dor = p => p.Endpoints.DurationOfResponse!.Value;
        Func<TrialPatient, string> risk = p => FileCodes.Code(p.Risk);
        var responders = patients.Where(p => p.Responder).ToArray();
        var knownIss = patients.Where(p => p.Iss != Stage.Unknown).ToArray();
        var knownRIss = patients.Where(p => p.RIss != Stage.Unknown).ToArray();
        const string pfsLabel = "Progression-free survival", osLabel = "Overall survival", dorLabel = "Duration of response";

        var osData = Data(patients, os);
        return new TrialAnalysis(
            Panel.Of("figure2a-pfs", "A. Progression-free survival, all patients", pfsLabel, Data(patients, pfs)),
            Panel.Of("figure2b-pfs-by-risk", "B. PFS by cytogenetic risk", pfsLabel, Data(patients, pfs, risk)),
            Panel.Of("figure2c-os", "C. Overall survival, all patients", osLabel, osData),
            FollowUp.Compute(osData),
            Panel.Of("figure2d-dor", "D. Duration of response, all responders", dorLabel, Data(responders, dor)),
            Panel.Of("figure2e-dor-by-risk", "E. Duration of response by cytogenetic risk", dorLabel, Data(responders, dor, risk)),
            Panel.Of("figure2f-dor-by-iss", "F. Duration of response by ISS stage", dorLabel,
                Data(responders.Where(p => p.Iss != Stage.Unknown).ToArray(), dor, p => IssLabel(p.Iss))),
            Panel.Of("figureS1a-pfs-by-iss", "S1. PFS by ISS stage", pfsLabel, Data(knownIss, pfs, p => IssLabel(p.Iss))),
            Panel.Of("figureS1b-pfs-by-riss", "S1. PFS by R-ISS stage", pfsLabel, Data(knownRIss, pfs, p => RIssLabel(p.RIss))),
            CohortCounts.Of(patients),
            ResponseSummary.Of(patients));
    }

    /// <summary>The label of an ISS stage's curve, e.g. <c>ISS II</c>.</summary>
    public static string IssLabel(Stage stage) => "ISS " + FileCodes.Code(stage);

    /// <summary>The label of an R-ISS stage's curve, e.g. <c>R-ISS II</c>.</summary>
    public static string RIssLabel(Stage stage) => "R-ISS " + FileCodes.Code(stage);

    /// <summary>The rows of one endpoint, optionally grouped: one pass over the patients.</summary>
    public static SurvivalData Data(IReadOnlyList<TrialPatient> patients, Func<TrialPatient, EventTime> endpoint,
        Func<TrialPatient, string>? group = null)
    {
        var time = new double[patients.Count];
        var status = new bool[patients.Count];
        var groups = group is null ? null : new string[patients.Count];
        for (int i = 0; i < patients.Count; i++)
        {
            var e = endpoint(patients[i]);
            time[i] = e.Months;
            status[i] = e.Event;
            if (groups is not null) groups[i] = group!(patients[i]);
        }
        return SurvivalData.Create(time, status, group: groups);
    }
}
