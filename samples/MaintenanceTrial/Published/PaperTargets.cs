namespace PaperAnalysis;

/// <summary>
/// Every number the paper reports that the reproduction must hit: Patel et al., Clinical Cancer Research (phase II
/// trial NCT01718743), as listed in shared/paper/targets.md. Percentages are in percent; times in months.
/// </summary>
public static class PaperTargets
{
    /// <summary>All targets, in report order.</summary>
    public static IReadOnlyList<Target> All { get; } =
    [
        // Figure 2A: PFS, all patients.
        new("pfs.all.median", "Fig 2A", "PFS median, all (months)", TargetKind.Rounded, 73.3, 1, Grain: DateGrain.HalfDays),
        new("pfs.all.median.lower", "Fig 2A", "PFS median lower 95% limit", TargetKind.Rounded, 59.9, 1, Grain: DateGrain.HalfDays),
        new("pfs.all.median.upper", "Fig 2A", "PFS median upper 95% limit", TargetKind.NotReached),
        new("pfs.all.s60", "Fig 2A", "5-year PFS, all (%)", TargetKind.Rounded, 61.4, 1),
        new("pfs.all.s60.lower", "Fig 2A", "5-year PFS lower 95% limit (%)", TargetKind.Rounded, 49.9, 1),
        new("pfs.all.s60.upper", "Fig 2A", "5-year PFS upper 95% limit (%)", TargetKind.Rounded, 75.5, 1),
        // Figure 2B: PFS by cytogenetic risk.
        new("pfs.standard.n", "Fig 2B", "standard-risk patients", TargetKind.Count, 50),
        new("pfs.standard.median", "Fig 2B", "PFS median, standard risk", TargetKind.NotReached),
        new("pfs.standard.s60", "Fig 2B", "5-year PFS, standard risk (%)", TargetKind.Rounded, 69, 0),
        new("pfs.standard.s60.lower", "Fig 2B", "5-year PFS lower limit, standard (%)", TargetKind.Rounded, 57, 0),
        new("pfs.standard.s60.upper", "Fig 2B", "5-year PFS upper limit, standard (%)", TargetKind.Rounded, 85, 0),
        new("pfs.high.n", "Fig 2B", "high-risk patients", TargetKind.Count, 14),
        new("pfs.high.median", "Fig 2B", "PFS median, high risk (months)", TargetKind.Rounded, 25.41, 2, Grain: DateGrain.HalfDays),
        new("pfs.high.median.lower", "Fig 2B", "PFS median lower limit, high risk", TargetKind.Rounded, 13.5, 1, Grain: DateGrain.HalfDays),
        new("pfs.high.median.upper", "Fig 2B", "PFS median upper limit, high risk", TargetKind.NotReached),
        new("pfs.high.s60", "Fig 2B", "5-year PFS, high risk (%)", TargetKind.Rounded, 34, 0),
        new("pfs.high.s60.lower", "Fig 2B", "5-year PFS lower limit, high (%)", TargetKind.Rounded, 16, 0),
        new("pfs.high.s60.upper", "Fig 2B", "5-year PFS upper limit, high (%)", TargetKind.Rounded, 72, 0),
        new("pfs.risk.p", "Fig 2B", "log-rank P, high vs standard risk", TargetKind.Rounded, 0.0068, 4),
        // Supplementary S1: PFS by ISS and R-ISS.
        new("pfs.iss.p", "Fig S1", "log-rank P across ISS I–III (not significant)", TargetKind.AtLeast, 0.05, 2),
        new("pfs.iss3.median", "Fig S1", "PFS median, ISS III (months)", TargetKind.Rounded, 34, 0, Grain: DateGrain.HalfDays),
        new("pfs.iss1.median", "Fig S1", "PFS median, ISS I", TargetKind.NotReached),
        new("pfs.riss.p", "Fig S1", "log-rank P across R-ISS I–III (not significant)", TargetKind.AtLeast, 0.05, 2),
        // Figure 2C: OS and follow-up.
        new("os.deaths", "Fig 2C", "deaths by cut-off", TargetKind.Count, 10),
        new("os.median", "Fig 2C", "OS median", TargetKind.NotReached),
        new("os.s60", "Fig 2C", "5-year OS (%)", TargetKind.Rounded, 88.4, 1),
        new("os.s60.lower", "Fig 2C", "5-year OS lower limit (%)", TargetKind.Rounded, 80.6, 1),
        new("os.s60.upper", "Fig 2C", "5-year OS upper limit (%)", TargetKind.Rounded, 96.9, 1),
        new("os.s36", "Fig 2C", "3-year OS (%)", TargetKind.Rounded, 92.2, 1),
        new("os.s36.lower", "Fig 2C", "3-year OS lower limit (%)", TargetKind.Rounded, 85.8, 1),
        new("os.s36.upper", "Fig 2C", "3-year OS upper limit (%)", TargetKind.Rounded, 99, 0),
        new("followup.median", "Fig 2C", "median follow-up, reverse KM (months)", TargetKind.Rounded, 62.04, 2, Grain: DateGrain.HalfDays),
        new("followup.min", "Fig 2C", "shortest follow-up of patients alive (months)", TargetKind.Rounded, 25.43, 2, Grain: DateGrain.WholeDays),
        new("followup.max", "Fig 2C", "longest follow-up of patients alive (months)", TargetKind.Rounded, 83.13, 2, Grain: DateGrain.WholeDays),
        // Figure 2D–F: duration of response.
        new("dor.all.median", "Fig 2D", "DoR median, all responders (months)", TargetKind.Rounded, 58.5, 1, Grain: DateGrain.HalfDays),
        new("dor.all.median.lower", "Fig 2D", "DoR median lower limit", TargetKind.Rounded, 48.6, 1, Grain: DateGrain.HalfDays),
        new("dor.all.median.upper", "Fig 2D", "DoR median upper limit", TargetKind.NotReached),
        new("dor.standard.median", "Fig 2E", "DoR median, standard risk", TargetKind.Rounded, 60.84, 2, Grain: DateGrain.HalfDays),
        new("dor.standard.median.lower", "Fig 2E", "DoR median lower limit, standard", TargetKind.Rounded, 56.44, 2, Grain: DateGrain.HalfDays),
        new("dor.standard.median.upper", "Fig 2E", "DoR median upper limit, standard", TargetKind.NotReached),
        new("dor.high.median", "Fig 2E", "DoR median, high risk", TargetKind.Rounded, 26.38, 2, Grain: DateGrain.HalfDays),
        new("dor.high.median.lower", "Fig 2E", "DoR median lower limit, high", TargetKind.Rounded, 9.63, 2, Grain: DateGrain.HalfDays),
        new("dor.high.median.upper", "Fig 2E", "DoR median upper limit, high", TargetKind.NotReached),
        new("dor.risk.p", "Fig 2E", "log-rank P, DoR high vs standard", TargetKind.Rounded, 0.043, 3),
        new("dor.iss.p", "Fig 2F", "log-rank P, DoR across ISS I–III (significant)", TargetKind.Below, 0.05, 2),
        // Table 1 and text.
        new("cohort.n", "Table 1", "patients", TargetKind.Count, 64),
        new("cohort.age.under60", "Table 1", "age < 60", TargetKind.Count, 23),
        new("cohort.female", "Table 1", "female", TargetKind.Count, 22),
        new("cohort.iss.I", "Table 1", "ISS I", TargetKind.Count, 33),
        new("cohort.iss.II", "Table 1", "ISS II", TargetKind.Count, 13),
        new("cohort.iss.III", "Table 1", "ISS III", TargetKind.Count, 9),
        new("cohort.riss.I", "Table 1", "R-ISS I", TargetKind.Count, 17),
        new("cohort.riss.II", "Table 1", "R-ISS II", TargetKind.Count, 20),
        new("cohort.riss.III", "Table 1", "R-ISS III", TargetKind.Count, 3),
        new("cohort.igg.kappa", "Table 1", "IgG-κ", TargetKind.Count, 31),
        new("cohort.igg.lambda", "Table 1", "IgG-λ", TargetKind.Count, 12),
        new("cohort.iga.kappa", "Table 1", "IgA-κ", TargetKind.Count, 5),
        new("cohort.iga.lambda", "Table 1", "IgA-λ", TargetKind.Count, 7),
        new("cohort.lc.kappa", "Table 1", "κ light chain", TargetKind.Count, 7),
        new("cohort.lc.lambda", "Table 1", "λ light chain", TargetKind.Count, 2),
        new("baseline.cr", "Table 1", "baseline CR", TargetKind.Count, 3),
        new("baseline.vgpr", "Table 1", "baseline VGPR", TargetKind.Count, 39),
        new("baseline.pr", "Table 1", "baseline PR", TargetKind.Count, 18),
        new("baseline.sd", "Table 1", "baseline SD", TargetKind.Count, 2),
        new("baseline.pd", "Table 1", "baseline PD", TargetKind.Count, 1),
        new("baseline.vgpr.rate", "text", "≥VGPR at baseline (%)", TargetKind.Rounded, 65.6, 1),
        new("improved", "text", "patients whose response improved", TargetKind.Count, 31),
        new("best.vgpr.rate", "text", "≥VGPR after maintenance (%)", TargetKind.Rounded, 89.1, 1),
        new("best.cr.rate", "text", "sCR/CR after maintenance (%)", TargetKind.Rounded, 42.2, 1),
        new("ttr.median", "text", "median time to response, improved (months)", TargetKind.Rounded, 10.9, 1, Grain: DateGrain.HalfDays),
        new("ttr.min", "text", "shortest time to response (months)", TargetKind.Rounded, 0.9, 1, Grain: DateGrain.WholeDays),
        new("ttr.max", "text", "longest time to response (months)", TargetKind.Rounded, 51.3, 1, Grain: DateGrain.WholeDays),
        new("progressions", "text", "patients with progressive disease", TargetKind.Count, 22),
    ];
}
