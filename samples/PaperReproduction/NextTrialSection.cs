using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival.Design;
using Survival.Parametric;
using Survival.Plotting;

/// <summary>
/// An addition to the paper: the randomised trial that would follow it — lenalidomide + ixazomib against lenalidomide
/// maintenance after transplant — designed with a group-sequential log-rank test. The experimental median comes from the
/// exponential PFS fitted to the (synthetic) cohort, the control median is the 40 months the paper's own design took for
/// standard lenalidomide maintenance (Methods, statistical design).
/// </summary>
internal static class NextTrialSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The paper's assumed median PFS on standard lenalidomide maintenance (months).</summary>
    public const double ControlMedian = 40;

    /// <summary>Appends the section and draws figureS4-next-trial-boundaries.png/.svg into <paramref name="outDir"/>.</summary>
    public static void Append(StringBuilder sb, TrialAnalysis analysis, string outDir)
    {
        var pfs = ExponentialModel.Fit(analysis.Figure2A.Data);
        double experimentalMedian = pfs.Median.Estimate!.Value;
        double hazardRatio = ControlMedian / experimentalMedian;
        var design = GroupSequential.Design(new GroupSequentialOptions
        {
            Stages = 3, Alpha = 0.025, Beta = 0.2, Boundary = GroupSequentialBoundary.SpendingOBrienFleming,
            BetaSpending = BetaSpendingFunction.OBrienFleming,
        });
        var assumptions = new SurvivalDesignAssumptions
        {
            HazardRatio = hazardRatio, Median2 = ControlMedian, AccrualTime = [0, 36], FollowUpTime = 36,
            DropoutRate1 = 0.05, DropoutRate2 = 0.05, DropoutTime = 12,
        };
        var trial = SurvivalSampleSize.ForPower(design, assumptions);
        var conservative = SurvivalSampleSize.ForPower(design, assumptions with { HazardRatio = 0.7 });
        int events = (int)Math.Ceiling(trial.MaxNumberOfEvents), subjects = 2 * (int)Math.Ceiling(trial.MaxNumberOfSubjects / 2);
        var simulation = SurvivalDesignSimulation.Simulate(design, assumptions with { FollowUpTime = null }, events, subjects, new SurvivalSimulationOptions { Iterations = 2000, Seed = 2026 });

        sb.AppendLine("## The randomised successor: a group-sequential design (an addition to the paper)");
        sb.AppendLine();
        sb.AppendLine("**Not in the paper.** The trial the paper points to — lenalidomide + ixazomib against lenalidomide maintenance after");
        sb.AppendLine("transplant, randomised 1:1, PFS by the log-rank test — designed with this library (rpact's `getDesignGroupSequential` and");
        sb.AppendLine("`getSampleSizeSurvival`, matched to 1e-7 by the tests). Effect: the control median is the 40 months the paper's design");
        sb.AppendLine($"assumed for lenalidomide alone; the experimental median is that of the exponential PFS fitted to the synthetic cohort,");
        sb.AppendLine($"{F(experimentalMedian, 1)} months ({F(pfs.Events, 0)} events in {F(pfs.Exposure, 0)} patient-months), so the hazard ratio is");
        sb.AppendLine($"{F(ControlMedian, 0)}/{F(experimentalMedian, 1)} = {F(hazardRatio, 3)}. A single-arm median set against a historical one flatters the");
        sb.AppendLine("new treatment, so the design is also given for a hazard ratio of 0.70.");
        sb.AppendLine();
        sb.AppendLine("Design: three analyses at 1/3, 2/3 and all of the events; O'Brien–Fleming-type α-spending (one-sided α = 0.025) and");
        sb.AppendLine("O'Brien–Fleming-type β-spending for non-binding futility bounds (power 80%); 36 months of uniform accrual, 36 months of");
        sb.AppendLine("further follow-up, 5% drop-out a year in each arm.");
        sb.AppendLine();
        sb.AppendLine("| | hazard ratio from the cohort | hazard ratio 0.70 |");
        sb.AppendLine("|---|---:|---:|");
        sb.AppendLine($"| hazard ratio | {F(trial.HazardRatio, 3)} | {F(conservative.HazardRatio, 3)} |");
        sb.AppendLine($"| events (final analysis) | {F(trial.MaxNumberOfEvents, 1)} | {F(conservative.MaxNumberOfEvents, 1)} |");
        sb.AppendLine($"| patients | {F(trial.MaxNumberOfSubjects, 1)} | {F(conservative.MaxNumberOfSubjects, 1)} |");
        sb.AppendLine($"| expected events under H1 | {F(trial.ExpectedEventsH1, 1)} | {F(conservative.ExpectedEventsH1, 1)} |");
        sb.AppendLine($"| expected study duration under H1 (months) | {F(trial.StudyDuration, 1)} | {F(conservative.StudyDuration, 1)} |");
        sb.AppendLine();
        sb.AppendLine("By stage, for the hazard ratio from the cohort (efficacy: reject when Z ≥ the bound, i.e. the observed hazard ratio is at");
        sb.AppendLine("most the one shown; futility: stop when Z ≤ the bound):");
        sb.AppendLine();
        sb.AppendLine("| stage | information | events | analysis (months) | patients | efficacy z | efficacy HR | futility z | futility HR | Pr(reject) H1 | Pr(futility) H1 |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int k = 0; k < design.Stages; k++)
        {
            bool interim = k < design.Stages - 1;
            sb.AppendLine($"| {k + 1} | {F(design.InformationRates[k], 3)} | {F(trial.EventsPerStage[k], 1)} | {F(trial.AnalysisTime[k], 1)} | " +
                          $"{F(trial.NumberOfSubjects[k], 1)} | {F(design.CriticalValues[k], 3)} | {F(trial.CriticalValuesEffectScale[k], 3)} | " +
                          $"{(interim ? F(design.FutilityBounds![k], 3) : "—")} | {(interim ? F(trial.FutilityBoundsEffectScale![k], 3) : "—")} | " +
                          $"{F(design.RejectionProbabilities[k], 3)} | {(interim ? F(design.FutilityProbabilities[k], 3) : "—")} |");
        }
        sb.AppendLine();
        sb.AppendLine($"Check by simulation ({simulation.Options.Iterations:N0} trials of {subjects} patients analysed at {events} events by the library's");
        sb.AppendLine($"log-rank test, seed {simulation.Options.Seed}, exponential PFS and drop-out as assumed): power {F(simulation.OverallReject, 3)}");
        sb.AppendLine($"(Monte Carlo SE {F(simulation.OverallRejectStandardError, 3)}) against {F(simulation.Analytic.OverallReject, 3)} analytically; stopping at the interims");
        sb.AppendLine($"{F(simulation.EarlyStop, 3)} against {F(simulation.Analytic.EarlyStop, 3)}; mean study duration {F(simulation.StudyDuration, 1)} against {F(simulation.Analytic.StudyDuration, 1)} months. The analytic");
        sb.AppendLine("numbers take the log-rank statistic as normal with Schoenfeld's variance; with few events and a large effect the test");
        sb.AppendLine("itself is a little less powerful, which is what a simulation is for.");
        sb.AppendLine();
        foreach (var ext in new[] { ".png", ".svg" })
            GroupSequentialPlot.Save(design, Path.Combine(outDir, "figureS4-next-trial-boundaries" + ext), trial,
                "S4. Boundaries of the randomised successor (an addition), by events");
        sb.AppendLine("![S4. Efficacy and futility boundaries of the randomised successor, with the hazard ratio of each (an addition)](figureS4-next-trial-boundaries.png)");
        sb.AppendLine();
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(Inv), Inv);
}
