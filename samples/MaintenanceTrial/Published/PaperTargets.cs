namespace MaintenanceTrial;

/// <summary>
/// Every number the article publishes that the reproduction must meet, grouped as the article prints them: Figure 2
/// panels A–F, Supplementary Figure S1, Table 1 and the Results text. The article: Patel et al., "Lenalidomide and
/// ixazomib maintenance after autologous stem-cell transplant in multiple myeloma", <i>Clinical Cancer Research</i>,
/// phase II trial NCT01718743. Percentages are in percent, times in months. Each target carries the measure that
/// reproduces it from a <see cref="TrialAnalysis"/>, so this file is the one place a published number lives.
/// </summary>
public static class PaperTargets
{
    /// <summary>Figure 2A and the Results text "PFS, OS, and duration of response": PFS, all patients.</summary>
    public static class Figure2A
    {
        private const string Where = "Fig. 2A";

        /// <summary>Median PFS, 73.3 months.</summary>
        public static Target Median { get; } = Target.Rounded("pfs.all.median", Where, "PFS median, all (months)", 73.3, 1, a => a.Figure2A.Curve.Median.Estimate, DateGrain.HalfDays);
        /// <summary>Its lower 95% limit, 59.9.</summary>
        public static Target MedianLower { get; } = Target.Rounded("pfs.all.median.lower", Where, "PFS median lower 95% limit", 59.9, 1, a => a.Figure2A.Curve.Median.Lower, DateGrain.HalfDays);
        /// <summary>Its upper 95% limit, NR.</summary>
        public static Target MedianUpper { get; } = Target.NotReached("pfs.all.median.upper", Where, "PFS median upper 95% limit", a => a.Figure2A.Curve.Median.Upper);
        /// <summary>5-year PFS, 61.4%.</summary>
        public static Target FiveYear { get; } = Target.Rounded("pfs.all.s60", Where, "5-year PFS, all (%)", 61.4, 1, a => Percent(a.Figure2A.Curve, 0));
        /// <summary>Its lower limit, 49.9%.</summary>
        public static Target FiveYearLower { get; } = Target.Rounded("pfs.all.s60.lower", Where, "5-year PFS lower 95% limit (%)", 49.9, 1, a => Percent(a.Figure2A.Curve, -1));
        /// <summary>Its upper limit, 75.5%.</summary>
        public static Target FiveYearUpper { get; } = Target.Rounded("pfs.all.s60.upper", Where, "5-year PFS upper 95% limit (%)", 75.5, 1, a => Percent(a.Figure2A.Curve, 1));
    }

    /// <summary>Figure 2B and its text: PFS by cytogenetic risk.</summary>
    public static class Figure2B
    {
        private const string Where = "Fig. 2B";
        private static Survival.Estimation.SurvivalCurve Standard(TrialAnalysis a) => a.Figure2B.CurveOf(FileCodes.Code(CytogeneticRisk.Standard));
        private static Survival.Estimation.SurvivalCurve High(TrialAnalysis a) => a.Figure2B.CurveOf(FileCodes.Code(CytogeneticRisk.High));

        /// <summary>Standard-risk patients, 50.</summary>
        public static Target StandardN { get; } = Target.Count("pfs.standard.n", Where, "standard-risk patients", 50, a => Standard(a).N);
        /// <summary>Standard-risk median PFS, NR.</summary>
        public static Target StandardMedian { get; } = Target.NotReached("pfs.standard.median", Where, "PFS median, standard risk", a => Standard(a).Median.Estimate);
        /// <summary>Standard-risk 5-year PFS, 69%.</summary>
        public static Target StandardFiveYear { get; } = Target.Rounded("pfs.standard.s60", Where, "5-year PFS, standard risk (%)", 69, 0, a => Percent(Standard(a), 0));
        /// <summary>Its lower limit, 57%.</summary>
        public static Target StandardFiveYearLower { get; } = Target.Rounded("pfs.standard.s60.lower", Where, "5-year PFS lower limit, standard (%)", 57, 0, a => Percent(Standard(a), -1));
        /// <summary>Its upper limit, 85%.</summary>
        public static Target StandardFiveYearUpper { get; } = Target.Rounded("pfs.standard.s60.upper", Where, "5-year PFS upper limit, standard (%)", 85, 0, a => Percent(Standard(a), 1));
        /// <summary>High-risk patients, 14.</summary>
        public static Target HighN { get; } = Target.Count("pfs.high.n", Where, "high-risk patients", 14, a => High(a).N);
        /// <summary>High-risk median PFS, 25.41 months.</summary>
        public static Target HighMedian { get; } = Target.Rounded("pfs.high.median", Where, "PFS median, high risk (months)", 25.41, 2, a => High(a).Median.Estimate, DateGrain.HalfDays);
        /// <summary>Its lower limit, 13.5.</summary>
        public static Target HighMedianLower { get; } = Target.Rounded("pfs.high.median.lower", Where, "PFS median lower limit, high risk", 13.5, 1, a => High(a).Median.Lower, DateGrain.HalfDays);
        /// <summary>Its upper limit, NR.</summary>
        public static Target HighMedianUpper { get; } = Target.NotReached("pfs.high.median.upper", Where, "PFS median upper limit, high risk", a => High(a).Median.Upper);
        /// <summary>High-risk 5-year PFS, 34%.</summary>
        public static Target HighFiveYear { get; } = Target.Rounded("pfs.high.s60", Where, "5-year PFS, high risk (%)", 34, 0, a => Percent(High(a), 0));
        /// <summary>Its lower limit, 16%.</summary>
        public static Target HighFiveYearLower { get; } = Target.Rounded("pfs.high.s60.lower", Where, "5-year PFS lower limit, high (%)", 16, 0, a => Percent(High(a), -1));
        /// <summary>Its upper limit, 72%.</summary>
        public static Target HighFiveYearUpper { get; } = Target.Rounded("pfs.high.s60.upper", Where, "5-year PFS upper limit, high (%)", 72, 0, a => Percent(High(a), 1));
        /// <summary>Log-rank P, high vs standard risk, 0.0068.</summary>
        public static Target LogRankP { get; } = Target.Rounded("pfs.risk.p", Where, "log-rank P, high vs standard risk", 0.0068, 4, a => a.Figure2B.LogRank!.PValue);
    }

    /// <summary>Supplementary Figure S1 and its mention in the Results text: PFS by ISS and R-ISS stage.</summary>
    public static class FigureS1
    {
        private const string Where = "Fig. S1";

        /// <summary>Log-rank P across ISS I–III: not significant.</summary>
        public static Target IssP { get; } = Target.AtLeast("pfs.iss.p", Where, "log-rank P across ISS I–III (not significant)", 0.05, 2, a => a.FigureS1Iss.LogRank!.PValue);
        /// <summary>ISS III median PFS, 34 months.</summary>
        public static Target Iss3Median { get; } = Target.Rounded("pfs.iss3.median", Where, "PFS median, ISS III (months)", 34, 0, a => a.FigureS1Iss.CurveOf(TrialAnalysis.IssLabel(Stage.III)).Median.Estimate, DateGrain.HalfDays);
        /// <summary>ISS I median PFS, NR.</summary>
        public static Target Iss1Median { get; } = Target.NotReached("pfs.iss1.median", Where, "PFS median, ISS I", a => a.FigureS1Iss.CurveOf(TrialAnalysis.IssLabel(Stage.I)).Median.Estimate);
        /// <summary>Log-rank P across R-ISS I–III: not significant.</summary>
        public static Target RIssP { get; } = Target.AtLeast("pfs.riss.p", Where, "log-rank P across R-ISS I–III (not significant)", 0.05, 2, a => a.FigureS1RIss.LogRank!.PValue);
    }

    /// <summary>Figure 2C and its text: overall survival and follow-up.</summary>
    public static class Figure2C
    {
        private const string Where = "Fig. 2C";

        /// <summary>Deaths by the cut-off, 10.</summary>
        public static Target Deaths { get; } = Target.Count("os.deaths", Where, "deaths by cut-off", 10, a => a.Figure2C.Curve.Events);
        /// <summary>Median OS, NR.</summary>
        public static Target Median { get; } = Target.NotReached("os.median", Where, "OS median", a => a.Figure2C.Curve.Median.Estimate);
        /// <summary>5-year OS, 88.4%.</summary>
        public static Target FiveYear { get; } = Target.Rounded("os.s60", Where, "5-year OS (%)", 88.4, 1, a => Percent(a.Figure2C.Curve, 0));
        /// <summary>Its lower limit, 80.6%.</summary>
        public static Target FiveYearLower { get; } = Target.Rounded("os.s60.lower", Where, "5-year OS lower limit (%)", 80.6, 1, a => Percent(a.Figure2C.Curve, -1));
        /// <summary>Its upper limit, 96.9%.</summary>
        public static Target FiveYearUpper { get; } = Target.Rounded("os.s60.upper", Where, "5-year OS upper limit (%)", 96.9, 1, a => Percent(a.Figure2C.Curve, 1));
        /// <summary>3-year OS, 92.2%.</summary>
        public static Target ThreeYear { get; } = Target.Rounded("os.s36", Where, "3-year OS (%)", 92.2, 1, a => Percent(a.Figure2C.Curve, 0, TrialAnalysis.ThreeYears));
        /// <summary>Its lower limit, 85.8%.</summary>
        public static Target ThreeYearLower { get; } = Target.Rounded("os.s36.lower", Where, "3-year OS lower limit (%)", 85.8, 1, a => Percent(a.Figure2C.Curve, -1, TrialAnalysis.ThreeYears));
        /// <summary>Its upper limit, 99%.</summary>
        public static Target ThreeYearUpper { get; } = Target.Rounded("os.s36.upper", Where, "3-year OS upper limit (%)", 99, 0, a => Percent(a.Figure2C.Curve, 1, TrialAnalysis.ThreeYears));
        /// <summary>Median follow-up (reverse Kaplan–Meier), 62.04 months: no whole-day dates give it (accepted at the nearest).</summary>
        public static Target FollowUpMedian { get; } = Target.Rounded("followup.median", Where, "median follow-up, reverse KM (months)", 62.04, 2, a => a.FollowUp.Median.Estimate, DateGrain.HalfDays);
        /// <summary>Shortest follow-up of the patients alive, 25.43 months.</summary>
        public static Target FollowUpShortest { get; } = Target.Rounded("followup.min", Where, "shortest follow-up of patients alive (months)", 25.43, 2, a => a.FollowUp.Minimum, DateGrain.WholeDays);
        /// <summary>Longest follow-up of the patients alive, 83.13 months: no whole-day date gives it (accepted at the nearest).</summary>
        public static Target FollowUpLongest { get; } = Target.Rounded("followup.max", Where, "longest follow-up of patients alive (months)", 83.13, 2, a => a.FollowUp.Maximum, DateGrain.WholeDays);
    }

    /// <summary>Figure 2D and its text: duration of response, all responders.</summary>
    public static class Figure2D
    {
        private const string Where = "Fig. 2D";

        /// <summary>Median DoR, 58.5 months.</summary>
        public static Target Median { get; } = Target.Rounded("dor.all.median", Where, "DoR median, all responders (months)", 58.5, 1, a => a.Figure2D.Curve.Median.Estimate, DateGrain.HalfDays);
        /// <summary>Its lower limit, 48.6.</summary>
        public static Target MedianLower { get; } = Target.Rounded("dor.all.median.lower", Where, "DoR median lower limit", 48.6, 1, a => a.Figure2D.Curve.Median.Lower, DateGrain.HalfDays);
        /// <summary>Its upper limit, NR.</summary>
        public static Target MedianUpper { get; } = Target.NotReached("dor.all.median.upper", Where, "DoR median upper limit", a => a.Figure2D.Curve.Median.Upper);
    }

    /// <summary>Figure 2E and its text: duration of response by cytogenetic risk.</summary>
    public static class Figure2E
    {
        private const string Where = "Fig. 2E";
        private static Survival.Estimation.SurvivalCurve Standard(TrialAnalysis a) => a.Figure2E.CurveOf(FileCodes.Code(CytogeneticRisk.Standard));
        private static Survival.Estimation.SurvivalCurve High(TrialAnalysis a) => a.Figure2E.CurveOf(FileCodes.Code(CytogeneticRisk.High));

        /// <summary>Standard-risk median DoR, 60.84 months: no whole-day dates give it; it must be reached, at the nearest (1851.5 or 1852 days).</summary>
        public static Target StandardMedian { get; } = Target.Rounded("dor.standard.median", Where, "DoR median, standard risk", 60.84, 2, a => Standard(a).Median.Estimate, DateGrain.HalfDays);
        /// <summary>Its lower limit, 56.44.</summary>
        public static Target StandardMedianLower { get; } = Target.Rounded("dor.standard.median.lower", Where, "DoR median lower limit, standard", 56.44, 2, a => Standard(a).Median.Lower, DateGrain.HalfDays);
        /// <summary>Its upper limit, NR.</summary>
        public static Target StandardMedianUpper { get; } = Target.NotReached("dor.standard.median.upper", Where, "DoR median upper limit, standard", a => Standard(a).Median.Upper);
        /// <summary>High-risk median DoR, 26.38 months.</summary>
        public static Target HighMedian { get; } = Target.Rounded("dor.high.median", Where, "DoR median, high risk", 26.38, 2, a => High(a).Median.Estimate, DateGrain.HalfDays);
        /// <summary>Its lower limit, 9.63.</summary>
        public static Target HighMedianLower { get; } = Target.Rounded("dor.high.median.lower", Where, "DoR median lower limit, high", 9.63, 2, a => High(a).Median.Lower, DateGrain.HalfDays);
        /// <summary>Its upper limit, NR.</summary>
        public static Target HighMedianUpper { get; } = Target.NotReached("dor.high.median.upper", Where, "DoR median upper limit, high", a => High(a).Median.Upper);
        /// <summary>Log-rank P, high vs standard risk, 0.043.</summary>
        public static Target LogRankP { get; } = Target.Rounded("dor.risk.p", Where, "log-rank P, DoR high vs standard", 0.043, 3, a => a.Figure2E.LogRank!.PValue);
    }

    /// <summary>Figure 2F and its text: duration of response by ISS stage.</summary>
    public static class Figure2F
    {
        /// <summary>Log-rank P across ISS I–III: significant.</summary>
        public static Target IssP { get; } = Target.Below("dor.iss.p", "Fig. 2F", "log-rank P, DoR across ISS I–III (significant)", 0.05, 2, a => a.Figure2F.LogRank!.PValue);
    }

    /// <summary>Table 1, "Patient demographics".</summary>
    public static class Table1
    {
        private const string Where = "Table 1";

        /// <summary>Patients, 64.</summary>
        public static Target Patients { get; } = Target.Count("cohort.n", Where, "patients", 64, a => a.Table1.Patients);
        /// <summary>Age &lt; 60, 23.</summary>
        public static Target Under60 { get; } = Target.Count("cohort.age.under60", Where, "age < 60", 23, a => a.Table1.AgeGroups[AgeGroup.Under60]);
        /// <summary>Female, 22.</summary>
        public static Target Female { get; } = Target.Count("cohort.female", Where, "female", 22, a => a.Table1.Sexes[Sex.Female]);
        /// <summary>ISS I, 33.</summary>
        public static Target Iss1 { get; } = Target.Count("cohort.iss.I", Where, "ISS I", 33, a => a.Table1.Iss[Stage.I]);
        /// <summary>ISS II, 13.</summary>
        public static Target Iss2 { get; } = Target.Count("cohort.iss.II", Where, "ISS II", 13, a => a.Table1.Iss[Stage.II]);
        /// <summary>ISS III, 9.</summary>
        public static Target Iss3 { get; } = Target.Count("cohort.iss.III", Where, "ISS III", 9, a => a.Table1.Iss[Stage.III]);
        /// <summary>R-ISS I, 17.</summary>
        public static Target RIss1 { get; } = Target.Count("cohort.riss.I", Where, "R-ISS I", 17, a => a.Table1.RIss[Stage.I]);
        /// <summary>R-ISS II, 20.</summary>
        public static Target RIss2 { get; } = Target.Count("cohort.riss.II", Where, "R-ISS II", 20, a => a.Table1.RIss[Stage.II]);
        /// <summary>R-ISS III, 3.</summary>
        public static Target RIss3 { get; } = Target.Count("cohort.riss.III", Where, "R-ISS III", 3, a => a.Table1.RIss[Stage.III]);
        /// <summary>IgG κ, 31.</summary>
        public static Target IgGKappa { get; } = Target.Count("cohort.igg.kappa", Where, "IgG-κ", 31, a => a.Table1.Isotypes[Isotype.IgGKappa]);
        /// <summary>IgG λ, 12.</summary>
        public static Target IgGLambda { get; } = Target.Count("cohort.igg.lambda", Where, "IgG-λ", 12, a => a.Table1.Isotypes[Isotype.IgGLambda]);
        /// <summary>IgA κ, 5.</summary>
        public static Target IgAKappa { get; } = Target.Count("cohort.iga.kappa", Where, "IgA-κ", 5, a => a.Table1.Isotypes[Isotype.IgAKappa]);
        /// <summary>IgA λ, 7.</summary>
        public static Target IgALambda { get; } = Target.Count("cohort.iga.lambda", Where, "IgA-λ", 7, a => a.Table1.Isotypes[Isotype.IgALambda]);
        /// <summary>κ light chain, 7.</summary>
        public static Target KappaLightChain { get; } = Target.Count("cohort.lc.kappa", Where, "κ light chain", 7, a => a.Table1.Isotypes[Isotype.KappaLightChain]);
        /// <summary>λ light chain, 2.</summary>
        public static Target LambdaLightChain { get; } = Target.Count("cohort.lc.lambda", Where, "λ light chain", 2, a => a.Table1.Isotypes[Isotype.LambdaLightChain]);
        /// <summary>Baseline CR, 3.</summary>
        public static Target BaselineCR { get; } = Target.Count("baseline.cr", Where, "baseline CR", 3, a => a.Table1.BaselineResponses[Response.CR]);
        /// <summary>Baseline VGPR, 39.</summary>
        public static Target BaselineVGPR { get; } = Target.Count("baseline.vgpr", Where, "baseline VGPR", 39, a => a.Table1.BaselineResponses[Response.VGPR]);
        /// <summary>Baseline PR, 18 (the Results text says 19: the article disagrees with itself; Table 1 is used).</summary>
        public static Target BaselinePR { get; } = Target.Count("baseline.pr", Where, "baseline PR", 18, a => a.Table1.BaselineResponses[Response.PR]);
        /// <summary>Baseline SD, 2.</summary>
        public static Target BaselineSD { get; } = Target.Count("baseline.sd", Where, "baseline SD", 2, a => a.Table1.BaselineResponses[Response.SD]);
        /// <summary>Baseline PD, 1 (the Results text lists none).</summary>
        public static Target BaselinePD { get; } = Target.Count("baseline.pd", Where, "baseline PD", 1, a => a.Table1.BaselineResponses[Response.PD]);
    }

    /// <summary>The Results text, "Response rates" (and the progressions of the last paragraph of "PFS, OS, and duration of response").</summary>
    public static class ResponseText
    {
        private const string Where = "Results, Response rates";

        /// <summary>VGPR or better at baseline, 65.6%.</summary>
        public static Target BaselineVgprRate { get; } = Target.Rounded("baseline.vgpr.rate", Where, "≥VGPR at baseline (%)", 65.6, 1, a => a.Responses.BaselineVgprOrBetterPercent);
        /// <summary>Patients whose response improved, 31.</summary>
        public static Target Improved { get; } = Target.Count("improved", Where, "patients whose response improved", 31, a => a.Responses.Improved);
        /// <summary>VGPR or better after maintenance, 89.1%.</summary>
        public static Target BestVgprRate { get; } = Target.Rounded("best.vgpr.rate", Where, "≥VGPR after maintenance (%)", 89.1, 1, a => a.Responses.BestVgprOrBetterPercent);
        /// <summary>sCR/CR after maintenance, 42.2%.</summary>
        public static Target BestCrRate { get; } = Target.Rounded("best.cr.rate", Where, "sCR/CR after maintenance (%)", 42.2, 1, a => a.Responses.BestCompleteResponsePercent);
        /// <summary>Median time to the improved response, 10.9 months.</summary>
        public static Target MedianTimeToResponse { get; } = Target.Rounded("ttr.median", Where, "median time to response, improved (months)", 10.9, 1, a => a.Responses.MedianMonthsToImprovement, DateGrain.HalfDays);
        /// <summary>Shortest time to the improved response, 0.9 months.</summary>
        public static Target ShortestTimeToResponse { get; } = Target.Rounded("ttr.min", Where, "shortest time to response (months)", 0.9, 1, a => a.Responses.ShortestMonthsToImprovement, DateGrain.WholeDays);
        /// <summary>Longest time to the improved response, 51.3 months.</summary>
        public static Target LongestTimeToResponse { get; } = Target.Rounded("ttr.max", Where, "longest time to response (months)", 51.3, 1, a => a.Responses.LongestMonthsToImprovement, DateGrain.WholeDays);
        /// <summary>Patients with progressive disease, 22 (Results, "PFS, OS, and duration of response", off-study reasons).</summary>
        public static Target Progressions { get; } = Target.Count("progressions", "Results, off-study reasons", "patients with progressive disease", 22, a => a.Responses.Progressions);
    }

    /// <summary>All targets, in the report's order.</summary>
    public static IReadOnlyList<Target> All { get; } =
    [
        Figure2A.Median, Figure2A.MedianLower, Figure2A.MedianUpper, Figure2A.FiveYear, Figure2A.FiveYearLower, Figure2A.FiveYearUpper,
        Figure2B.StandardN, Figure2B.StandardMedian, Figure2B.StandardFiveYear, Figure2B.StandardFiveYearLower, Figure2B.StandardFiveYearUpper,
        Figure2B.HighN, Figure2B.HighMedian, Figure2B.HighMedianLower, Figure2B.HighMedianUpper, Figure2B.HighFiveYear,
        Figure2B.HighFiveYearLower, Figure2B.HighFiveYearUpper, Figure2B.LogRankP,
        FigureS1.IssP, FigureS1.Iss3Median, FigureS1.Iss1Median, FigureS1.RIssP,
        Figure2C.Deaths, Figure2C.Median, Figure2C.FiveYear, Figure2C.FiveYearLower, Figure2C.FiveYearUpper, Figure2C.ThreeYear,
        Figure2C.ThreeYearLower, Figure2C.ThreeYearUpper, Figure2C.FollowUpMedian, Figure2C.FollowUpShortest, Figure2C.FollowUpLongest,
        Figure2D.Median, Figure2D.MedianLower, Figure2D.MedianUpper,
        Figure2E.StandardMedian, Figure2E.StandardMedianLower, Figure2E.StandardMedianUpper, Figure2E.HighMedian, Figure2E.HighMedianLower,
        Figure2E.HighMedianUpper, Figure2E.LogRankP,
        Figure2F.IssP,
        Table1.Patients, Table1.Under60, Table1.Female, Table1.Iss1, Table1.Iss2, Table1.Iss3, Table1.RIss1, Table1.RIss2, Table1.RIss3,
        Table1.IgGKappa, Table1.IgGLambda, Table1.IgAKappa, Table1.IgALambda, Table1.KappaLightChain, Table1.LambdaLightChain,
        Table1.BaselineCR, Table1.BaselineVGPR, Table1.BaselinePR, Table1.BaselineSD, Table1.BaselinePD,
        ResponseText.BaselineVgprRate, ResponseText.Improved, ResponseText.BestVgprRate, ResponseText.BestCrRate,
        ResponseText.MedianTimeToResponse, ResponseText.ShortestTimeToResponse, ResponseText.LongestTimeToResponse, ResponseText.Progressions,
    ];

    /// <summary>Every target beside its reproduced value from <paramref name="analysis"/>, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<TargetCheck> Check(TrialAnalysis analysis) => All.Select(t => new TargetCheck(t, t.Measure(analysis))).ToArray();

    /// <summary>Analyses a cohort and checks every target.</summary>
    public static IReadOnlyList<TargetCheck> Check(IReadOnlyList<TrialPatient> patients) => Check(TrialAnalysis.Of(patients));

    /// <summary>Survival at <paramref name="months"/> (5 years unless given) in percent: the estimate (side 0), the lower
    /// (−1) or the upper (+1) 95% limit, as R's <c>summary(fit, times =)</c>.</summary>
    private static double? Percent(Survival.Estimation.SurvivalCurve curve, int side, double months = TrialAnalysis.FiveYears)
    {
        var at = curve.SurvivalAt([months])[0];
        return side switch { 0 => 100 * at.Survival, < 0 => at.Lower * 100, _ => at.Upper * 100 };
    }
}
