using Survival;
using Survival.Comparison;
using Survival.Estimation;

namespace PaperAnalysis;

/// <summary>
/// Computes every number of <see cref="PaperTargets"/> from a cohort with the library's estimators, exactly as the
/// paper's analyses are defined (targets.md): Kaplan–Meier with Greenwood variance and log-scale 95% limits (R's
/// defaults), medians by R's quantile rule, survival at 36 and 60 months as <c>summary(fit, times =)</c>, log-rank
/// tests as <c>survdiff</c> (ISS and R-ISS across known stages), reverse-KM median follow-up.
/// </summary>
public static class Reproduction
{
    /// <summary>Landmark of the 5-year estimates, in months.</summary>
    public const double FiveYears = 60;

    /// <summary>Landmark of the 3-year estimates, in months.</summary>
    public const double ThreeYears = 36;

    private static readonly string[] KnownStages = ["I", "II", "III"];

    /// <summary>Computes every target's reproduced value.</summary>
    /// <param name="patients">The cohort.</param>
    public static IReadOnlyList<TargetCheck> Check(IReadOnlyList<TrialPatient> patients)
    {
        var values = Compute(patients);
        return PaperTargets.All.Select(t => new TargetCheck(t, values.TryGetValue(t.Id, out var v) ? v : throw new InvalidOperationException($"target {t.Id} is not computed"))).ToArray();
    }

    /// <summary>The reproduced value of every target id (null = not reached / does not exist).</summary>
    /// <param name="patients">The cohort.</param>
    public static IReadOnlyDictionary<string, double?> Compute(IReadOnlyList<TrialPatient> patients)
    {
        var v = new Dictionary<string, double?>(StringComparer.Ordinal);

        // PFS, all and by risk.
        var pfsAll = Curve(patients, p => p.Endpoints.ProgressionFreeSurvival);
        Median(v, "pfs.all", pfsAll);
        Landmark(v, "pfs.all.s60", pfsAll, FiveYears);
        var pfsRisk = KaplanMeier.Fit(Data(patients, p => p.Endpoints.ProgressionFreeSurvival, p => p.Risk));
        foreach (var risk in new[] { "standard", "high" })
        {
            var curve = pfsRisk.Curves.Single(c => c.Group == risk);
            v[$"pfs.{risk}.n"] = curve.N;
            Median(v, $"pfs.{risk}", curve);
            Landmark(v, $"pfs.{risk}.s60", curve, FiveYears);
        }
        v["pfs.risk.p"] = LogRankTest.Compute(Data(patients, p => p.Endpoints.ProgressionFreeSurvival, p => p.Risk)).PValue;

        // PFS by ISS and R-ISS (known stages).
        var known = patients.Where(p => KnownStages.Contains(p.Iss)).ToArray();
        var pfsIss = Data(known, p => p.Endpoints.ProgressionFreeSurvival, p => p.Iss);
        v["pfs.iss.p"] = LogRankTest.Compute(pfsIss).PValue;
        var issCurves = KaplanMeier.Fit(pfsIss).Curves;
        v["pfs.iss3.median"] = issCurves.Single(c => c.Group == "III").Median.Estimate;
        v["pfs.iss1.median"] = issCurves.Single(c => c.Group == "I").Median.Estimate;
        var knownR = patients.Where(p => KnownStages.Contains(p.RIss)).ToArray();
        v["pfs.riss.p"] = LogRankTest.Compute(Data(knownR, p => p.Endpoints.ProgressionFreeSurvival, p => p.RIss)).PValue;

        // OS and follow-up.
        var osData = Data(patients, p => p.Endpoints.OverallSurvival);
        var os = KaplanMeier.Fit(osData).Curves[0];
        v["os.deaths"] = os.Events;
        v["os.median"] = os.Median.Estimate;
        Landmark(v, "os.s60", os, FiveYears);
        Landmark(v, "os.s36", os, ThreeYears);
        var followUp = FollowUp.Compute(osData);
        v["followup.median"] = followUp.Median.Estimate;
        v["followup.min"] = followUp.Minimum;
        v["followup.max"] = followUp.Maximum;

        // Duration of response (responders only).
        var responders = patients.Where(p => p.Endpoints.DurationOfResponse is not null).ToArray();
        Median(v, "dor.all", Curve(responders, p => p.Endpoints.DurationOfResponse!.Value));
        var dorRiskData = Data(responders, p => p.Endpoints.DurationOfResponse!.Value, p => p.Risk);
        var dorRisk = KaplanMeier.Fit(dorRiskData);
        foreach (var risk in new[] { "standard", "high" })
            Median(v, $"dor.{risk}", dorRisk.Curves.Single(c => c.Group == risk));
        v["dor.risk.p"] = LogRankTest.Compute(dorRiskData).PValue;
        var dorIss = responders.Where(p => KnownStages.Contains(p.Iss)).ToArray();
        v["dor.iss.p"] = LogRankTest.Compute(Data(dorIss, p => p.Endpoints.DurationOfResponse!.Value, p => p.Iss)).PValue;

        // Table 1 and response.
        int n = patients.Count;
        v["cohort.n"] = n;
        v["cohort.age.under60"] = patients.Count(p => p.AgeGroup == "<60");
        v["cohort.female"] = patients.Count(p => p.Sex == "female");
        foreach (var s in KnownStages)
        {
            v[$"cohort.iss.{s}"] = patients.Count(p => p.Iss == s);
            v[$"cohort.riss.{s}"] = patients.Count(p => p.RIss == s);
        }
        foreach (var (id, iso) in new[] { ("igg.kappa", "IgG-kappa"), ("igg.lambda", "IgG-lambda"), ("iga.kappa", "IgA-kappa"),
                     ("iga.lambda", "IgA-lambda"), ("lc.kappa", "kappa-LC"), ("lc.lambda", "lambda-LC") })
            v[$"cohort.{id}"] = patients.Count(p => p.Isotype == iso);
        foreach (var r in new[] { "CR", "VGPR", "PR", "SD", "PD" })
            v[$"baseline.{r.ToLowerInvariant()}"] = patients.Count(p => p.BaselineResponse == r);
        v["baseline.vgpr.rate"] = 100.0 * patients.Count(p => TrialPatient.Rank(p.BaselineResponse) <= 1) / n;
        var improved = patients.Where(p => p.Improved).ToArray();
        v["improved"] = improved.Length;
        v["best.vgpr.rate"] = 100.0 * patients.Count(p => TrialPatient.Rank(p.BestResponse) <= 1) / n;
        v["best.cr.rate"] = 100.0 * patients.Count(p => p.BestResponse == "CR") / n;
        var ttr = improved.Select(p => p.MonthsToImprovement ?? double.NaN).Order().ToArray();
        v["ttr.median"] = ttr.Length == 0 ? null : ttr.Length % 2 == 1 ? ttr[ttr.Length / 2] : (ttr[ttr.Length / 2 - 1] + ttr[ttr.Length / 2]) / 2;
        v["ttr.min"] = ttr.Length == 0 ? null : ttr[0];
        v["ttr.max"] = ttr.Length == 0 ? null : ttr[^1];
        v["progressions"] = patients.Count(p => p.Progressed);
        return v;
    }

    /// <summary>The rows of one endpoint, optionally grouped.</summary>
    public static SurvivalData Data(IReadOnlyList<TrialPatient> patients, Func<TrialPatient, Survival.Endpoints.EventTime> endpoint,
        Func<TrialPatient, string>? group = null)
    {
        var time = new double[patients.Count];
        var status = new bool[patients.Count];
        for (int i = 0; i < patients.Count; i++)
        {
            var e = endpoint(patients[i]);
            time[i] = e.Months;
            status[i] = e.Event;
        }
        return SurvivalData.Create(time, status, group: group is null ? null : patients.Select(group).ToArray());
    }

    private static SurvivalCurve Curve(IReadOnlyList<TrialPatient> patients, Func<TrialPatient, Survival.Endpoints.EventTime> endpoint)
        => KaplanMeier.Fit(Data(patients, endpoint)).Curves[0];

    private static void Median(Dictionary<string, double?> v, string prefix, SurvivalCurve curve)
    {
        v[prefix + ".median"] = curve.Median.Estimate;
        v[prefix + ".median.lower"] = curve.Median.Lower;
        v[prefix + ".median.upper"] = curve.Median.Upper;
    }

    private static void Landmark(Dictionary<string, double?> v, string id, SurvivalCurve curve, double months)
    {
        var at = curve.SurvivalAt([months])[0];
        v[id] = 100 * at.Survival;
        v[id + ".lower"] = at.Lower * 100;
        v[id + ".upper"] = at.Upper * 100;
    }
}
