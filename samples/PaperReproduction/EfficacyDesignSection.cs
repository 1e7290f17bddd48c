using System.Globalization;
using System.Text;
using MaintenanceTrial;
using Survival.Design;

/// <summary>The report's section on the trial's efficacy monitoring (Thall, Wooten &amp; Tannir) and its sample size.</summary>
internal static class EfficacyDesignSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The prior effective sample size assumed for the standard therapy's mean; the paper does not publish its priors.</summary>
    public const double StandardEffectiveSampleSize = 50;

    /// <summary>Appends the section. Accrual and follow-up are taken from the cohort's maintenance-start dates and the cut-off.</summary>
    public static void Append(StringBuilder sb, IReadOnlyList<CohortFile.Row> rows)
    {
        const double daysPerMonth = CohortFile.DaysPerMonth;
        var first = rows.Min(r => r.MaintenanceStart);
        var last = rows.Max(r => r.MaintenanceStart);
        double accrual = (last.DayNumber - first.DayNumber) / daysPerMonth;
        double followUp = (CohortFile.CutOff.DayNumber - last.DayNumber) / daysPerMonth;
        int n = rows.Count;

        var standard = InverseGammaPrior.FromMedian(40, StandardEffectiveSampleSize);
        var experimental = standard.WithEffectiveSampleSize(standard.EffectiveSampleSize / 10);
        var rule = EventTimeMonitoring.Create(standard, experimental, 12, 0.035);
        var options = new EventTimeSimulationOptions
        {
            AccrualRate = n / accrual, MaxPatients = n, LookInterval = 6, FollowUp = followUp, Replicates = 10_000, Seed = 2005,
        };
        var sim = rule.Simulate([30, 35, 40, 46, 52, 60], options);

        sb.AppendLine("**Efficacy monitoring** (Thall, Wooten & Tannir 2005): PFS exponential with mean μ (median μ ln 2); stop at a look every");
        sb.AppendLine("6 months if Pr(median_E > median_S + 12 | data) < 0.035. The paper does not publish its priors; this report assumes");
        sb.AppendLine($"μ_S ~ IG({F(standard.Shape, 0)}, {F(standard.Scale, 2)}) (historical median 40 months, effective sample size {F(StandardEffectiveSampleSize, 0)} events)");
        sb.AppendLine($"and, by the usual convention, μ_E ~ IG({F(experimental.Shape, 0)}, {F(experimental.Scale, 2)}) (the same mean, a tenth of the effective sample size).");
        sb.AppendLine($"Accrual as in the cohort: {n} patients over {F(accrual, 1)} months ({F(options.AccrualRate, 2)} a month, Poisson arrivals), follow-up");
        sb.AppendLine($"{F(followUp, 1)} months after the last patient (to the cut-off). With d events the trial stops if the total months at risk are below T*(d):");
        sb.AppendLine();
        var shown = sim.Boundaries.Where(b => b.MinimumExposure > 0 && (b.Events <= 10 || b.Events % 5 == 0)).ToArray();
        sb.AppendLine("| events d | " + string.Join(" | ", shown.Select(b => b.Events.ToString(Inv))) + " |");
        sb.AppendLine("|---" + string.Concat(shown.Select(_ => "|---")) + "|");
        sb.AppendLine("| T*(d), months | " + string.Join(" | ", shown.Select(b => F(b.MinimumExposure, 0))) + " |");
        int never = sim.Boundaries.TakeWhile(b => b.MinimumExposure == 0).Count();
        sb.AppendLine();
        sb.AppendLine($"(With {never - 1} or fewer events no exposure stops the trial.) Operating characteristics, {options.Replicates:N0} simulated trials");
        sb.AppendLine($"per true median, seed {options.Seed}:");
        sb.AppendLine();
        sb.AppendLine("| true median PFS (months) | Pr(stop early) | mean patients | mean duration (months) | mean events |");
        sb.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var s in sim.Scenarios)
            sb.AppendLine($"| {F(s.TrueMedian, 0)} | {F(s.ProbabilityStopEarly, 3)} | {F(s.MeanPatients, 1)} | {F(s.MeanDuration, 1)} | {F(s.MeanEvents, 1)} |");
        sb.AppendLine();
        sb.AppendLine("How much the assumed standard prior matters (Pr(stop early) at the null and at the target median):");
        sb.AppendLine();
        sb.AppendLine("| μ_S effective sample size | true median 40 | true median 52 |");
        sb.AppendLine("|---:|---:|---:|");
        foreach (double ess in new[] { 20.0, 50.0, 100.0 })
        {
            var s = InverseGammaPrior.FromMedian(40, ess);
            var oc = EventTimeMonitoring.Create(s, s.WithEffectiveSampleSize(ess / 10), 12, 0.035).Simulate([40, 52], options).Scenarios;
            sb.AppendLine($"| {F(ess, 0)} | {F(oc[0].ProbabilityStopEarly, 3)} | {F(oc[1].ProbabilityStopEarly, 3)} |");
        }
        sb.AppendLine();

        var size = ExponentialSampleSize.ForPower(40, 52, accrual, followUp);
        var power = ExponentialSampleSize.PowerOf(n, 40, 52, accrual, followUp);
        sb.AppendLine($"**Sample size, for comparison** (one-arm exact χ² test of the exponential median, one-sided α = 0.05): detecting 40 → 52 months");
        sb.AppendLine($"with 80% power needs {size.Events:0} events, {size.Patients} patients with this accrual and follow-up (Pr(event) = {F(size.ProbabilityOfEvent, 3)}).");
        sb.AppendLine($"The trial's {n} patients give {F(power.Events, 1)} expected events and {F(power.Power * 100, 1)}% power: the design is a monitored phase II");
        sb.AppendLine("study, not a powered test of the 12-month improvement.");
    }

    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(Inv), Inv);
}
