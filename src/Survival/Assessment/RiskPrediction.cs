using Survival.CompetingRisks;
using Survival.Parametric;
using Survival.Regression;

namespace Survival.Assessment;

/// <summary>Predicted absolute risks for given rows from a fitted model — R's <c>predictRisk</c> (riskRegression) for
/// <c>coxph</c>, <c>survreg</c> and <c>crr</c> — so that a model fitted on one data set can be assessed on another.</summary>
/// <remarks>
/// <para>New rows give their covariates as a <see cref="CovariateMatrix"/> built as the training one was; columns are
/// matched by name and categorical levels by label (<see cref="CovariateTerm"/>), and a level the model was not fitted
/// with is an error naming the row and value, as R's "factor has new levels".</para>
/// <para>Cox: F(t | z) = 1 − exp(−Λ₀(t)·exp((z − z̄)ᵀβ̂)) with the fit's baseline hazard (Breslow, or Efron's with Efron
/// ties): R <c>survfit(fit, newdata)</c>, which <c>predictRisk.coxph</c> uses. Parametric: F(t | z) = 1 − S(t | z).
/// Fine–Gray: F(t | z) = 1 − exp(−exp(zᵀβ̂)·Σ_{s ≤ t} dΛ₀(s)) with crr's baseline jumps (covariates not centred):
/// cmprsk <c>predict.crr</c>.</para>
/// </remarks>
public static class RiskPrediction
{
    /// <summary>A Cox model's risk 1 − S(t | z) for each row at each time.</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="covariates">The rows' covariates.</param>
    /// <param name="times">Increasing times.</param>
    /// <param name="strata">Each row's stratum, for a stratified fit.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model, a stratum is missing or unknown.</exception>
    public static PredictedRisks Cox(CoxResult fit, CovariateMatrix covariates, IReadOnlyList<double> times, IReadOnlyList<string>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(times);
        int n = covariates.Rows;
        var lp = LinearPredictors(fit, covariates);
        var curves = CoxPrediction.BaselineHazard(fit, centered: true, times);
        var stratum = StrataOf(fit, strata, n);
        var risk = new double[times.Count][];
        for (int k = 0; k < times.Count; k++)
        {
            risk[k] = new double[n];
            for (int i = 0; i < n; i++)
                risk[k][i] = 1 - Math.Exp(-curves[stratum[i]].At[k].CumulativeHazard * Math.Exp(lp[i]));
        }
        return new PredictedRisks(times, risk);
    }

    /// <summary>Each row's stratum index in a Cox fit's strata (all 0 for an unstratified fit).</summary>
    private static int[] StrataOf(CoxResult fit, IReadOnlyList<string>? strata, int n)
    {
        var stratum = new int[n];
        if (fit.StrataLevels is { } levels)
        {
            if (strata is null) throw new SurvivalInputException($"the fit is stratified ({string.Join(", ", levels)}): give each row's stratum", column: "strata");
            if (strata.Count != n) throw new SurvivalInputException($"{strata.Count} strata for {n} rows", column: "strata");
            for (int i = 0; i < n; i++)
            {
                int s = -1;
                for (int k = 0; k < levels.Count; k++) if (levels[k] == strata[i]) s = k;
                if (s < 0) throw new SurvivalInputException($"is not a stratum of the fit ({string.Join(", ", levels)})", column: "strata", value: strata[i], row: i + 1);
                stratum[i] = s;
            }
        }
        else if (strata is not null) throw new SurvivalInputException("the fit has no strata", column: "strata");
        return stratum;
    }

    /// <summary>The absolute risk of <paramref name="cause"/> from cause-specific Cox models — its cumulative incidence
    /// given the rows' covariates (R <c>predictRisk(CSC fit, newdata, times, cause)</c>, riskRegression).</summary>
    /// <param name="fit">A fit from <see cref="CompetingRisks.CauseSpecificCox"/>.</param>
    /// <param name="cause">The cause whose risk is predicted.</param>
    /// <param name="covariates">The rows' covariates, built as the training ones were.</param>
    /// <param name="times">Increasing times, none after the last observed time of a row's stratum (R gives NA there).</param>
    /// <param name="strata">Each row's stratum, for stratified models.</param>
    /// <param name="survival">How the event-free survival is formed (default the product limit, riskRegression's
    /// <c>product.limit = TRUE</c>).</param>
    /// <exception cref="SurvivalInputException">The cause or a stratum is unknown; the covariates do not match the models;
    /// a time is past the last observation of a row's stratum; or a risk falls outside [0, 1] (which the exponential
    /// form can give; R warns "Estimated risk outside the range [0,1]").</exception>
    /// <remarks>With uncentred hazards dΛₖ(s | z) = exp(zᵀβ̂ₖ)·dΛₖ₀(s) from each cause's baseline (Breslow's, or Efron's
    /// with Efron ties, as <c>survfit.coxph</c>), over the event times s of every cause in the row's stratum:
    /// F_c(t | z) = Σ_{s ≤ t} S(s− | z)·dΛ_c(s | z), with S(s− | z) = Π_{u &lt; s} (1 − Σₖ dΛₖ(u | z)) (product limit) or
    /// exp(−Σₖ Λₖ(s− | z)) (<see cref="EventFreeSurvival.Exponential"/>). Ozenne et al. (2017), The R Journal 9(2):440,
    /// formula 2; riskRegression <c>predict.CauseSpecificCox</c>.</remarks>
    public static PredictedRisks CauseSpecificCox(CauseSpecificCoxResult fit, string cause, CovariateMatrix covariates, IReadOnlyList<double> times,
        IReadOnlyList<string>? strata = null, EventFreeSurvival survival = EventFreeSurvival.ProductLimit)
    {
        var risk = CauseSpecificRisks(fit, cause, covariates, times, strata, survival, out var stratum, out var lastTime);
        for (int k = 0; k < times.Count; k++)
            for (int i = 0; i < risk[k].Length; i++)
            {
                if (double.IsNaN(risk[k][i]))
                    throw new SurvivalInputException($"is after the last observed time {SurvivalData.Format(lastTime[stratum[i]])}"
                        + (fit.Models[0].StrataLevels is { } levels ? $" of stratum {levels[stratum[i]]}" : "") + " (riskRegression returns NA there)",
                        column: "times", value: SurvivalData.Format(times[k]), row: i + 1);
                if (!(risk[k][i] >= 0 && risk[k][i] <= 1))
                    throw new SurvivalInputException($"the absolute risk of cause {cause} by time {SurvivalData.Format(times[k])} comes out as {SurvivalData.Format(risk[k][i])}, outside [0, 1] (R warns \"Estimated risk outside the range [0,1]\"){(survival == EventFreeSurvival.Exponential ? "; the product limit keeps it inside" : "")}",
                        column: "risk", value: SurvivalData.Format(risk[k][i]), row: i + 1);
            }
        return new PredictedRisks(times, risk);
    }

    /// <summary><see cref="CauseSpecificCox"/>'s risks as R computes them: NaN where R gives NA (after the last observed
    /// time of the row's stratum), and values outside [0, 1] kept.</summary>
    internal static double[][] CauseSpecificRisks(CauseSpecificCoxResult fit, string cause, CovariateMatrix covariates, IReadOnlyList<double> times,
        IReadOnlyList<string>? strata, EventFreeSurvival survival, out int[] stratum, out double[] lastTime)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(times);
        int c = fit.IndexOf(cause);
        if (times.Count == 0) throw new SurvivalInputException("at least one evaluation time is needed", column: "times");
        for (int k = 0; k < times.Count; k++)
        {
            if (!double.IsFinite(times[k])) throw new SurvivalInputException("an evaluation time must be a finite number", column: "times", value: SurvivalData.Format(times[k]));
            if (k > 0 && !(times[k] > times[k - 1])) throw new SurvivalInputException("evaluation times must increase", column: "times", value: SurvivalData.Format(times[k]));
        }
        int n = covariates.Rows, causes = fit.Models.Count;
        var lp = new double[causes][];
        for (int m = 0; m < causes; m++) lp[m] = LinearPredictors(fit.Models[m], covariates);
        stratum = StrataOf(fit.Models[0], strata, n);
        var baselines = fit.Models.Select(CoxPrediction.BaselineSteps).ToArray();
        lastTime = baselines[0].LastTime;
        int strataCount = lastTime.Length;

        // Per stratum, the event times of every cause merged, with each cause's baseline hazard jump there (0 where the
        // cause has none): the grid riskRegression integrates over.
        var gridTimes = new double[strataCount][];
        var gridJumps = new double[strataCount][][];
        for (int s = 0; s < strataCount; s++)
        {
            var all = new SortedSet<double>();
            foreach (var b in baselines) foreach (var step in b.Curves[s].Steps) all.Add(step.Time);
            gridTimes[s] = all.ToArray();
            gridJumps[s] = new double[causes][];
            for (int m = 0; m < causes; m++)
            {
                var jumps = gridJumps[s][m] = new double[gridTimes[s].Length];
                double previous = 0;
                int j = 0;
                foreach (var step in baselines[m].Curves[s].Steps)
                {
                    while (gridTimes[s][j] < step.Time) j++;
                    jumps[j] = step.CumulativeHazard - previous;
                    previous = step.CumulativeHazard;
                }
            }
        }

        var risk = new double[times.Count][];
        for (int k = 0; k < times.Count; k++) risk[k] = new double[n];
        var r = new double[causes];
        for (int i = 0; i < n; i++)
        {
            int s = stratum[i];
            for (int m = 0; m < causes; m++) r[m] = Math.Exp(lp[m][i]);
            var grid = gridTimes[s];
            var jumps = gridJumps[s];
            double incidence = 0, survivalBefore = 1, cumulative = 0;
            int j = 0;
            for (int k = 0; k < times.Count; k++)
            {
                double t = times[k];
                if (t > lastTime[s]) { risk[k][i] = double.NaN; continue; }
                for (; j < grid.Length && grid[j] <= t; j++)
                {
                    // S(s−) before the jump at s, then the event-free survival moves past s.
                    incidence += survivalBefore * r[c] * jumps[c][j];
                    double hazard = 0;
                    for (int m = 0; m < causes; m++) hazard += r[m] * jumps[m][j];
                    cumulative += hazard;
                    survivalBefore = survival == EventFreeSurvival.ProductLimit ? survivalBefore * (1 - hazard) : Math.Exp(-cumulative);
                }
                risk[k][i] = incidence;
            }
        }
        return risk;
    }

    /// <summary>A Cox model's linear predictor (z − z̄)ᵀβ̂ for each row (R <c>predict(fit, newdata, type = "lp")</c>):
    /// larger means higher risk.</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="covariates">The rows' covariates.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model.</exception>
    public static double[] LinearPredictors(CoxResult fit, CovariateMatrix covariates)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        int n = covariates.Rows;
        var z = CovariateAlignment.Columns(state.Terms, state.Names, covariates, n);
        var lp = new double[n];
        for (int k = 0; k < state.Kept.Length; k++)
        {
            int c = state.Kept[k];
            double mean = state.Sets.Means[c], beta = state.Beta[k];
            for (int i = 0; i < n; i++) lp[i] += (z[c][i] - mean) * beta;
        }
        return lp;
    }

    /// <summary>An accelerated-failure-time model's linear predictor β₀ + zᵀβ (R <c>predict(survreg fit, type = "lp")</c>):
    /// larger means longer survival.</summary>
    /// <param name="fit">A fit from <see cref="AftModel"/>.</param>
    /// <param name="covariates">The rows' covariates; null for a model without covariates (then <paramref name="rows"/>).</param>
    /// <param name="rows">The number of rows when the model has no covariates.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model.</exception>
    public static double[] LinearPredictors(AftFit fit, CovariateMatrix? covariates, int? rows = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        int n = covariates?.Rows ?? rows ?? throw new ArgumentException("give the covariates, or the number of rows for a model without covariates", nameof(rows));
        var z = CovariateAlignment.Columns(fit.Terms, fit.CovariateNames, covariates, n);
        var lp = new double[n];
        Array.Fill(lp, fit.Parameters[0].Estimate);
        for (int c = 0; c < z.Length; c++)
        {
            double beta = fit.Parameters[1 + c].Estimate;
            for (int i = 0; i < n; i++) lp[i] += z[c][i] * beta;
        }
        return lp;
    }

    /// <summary>A Fine–Gray model's linear predictor zᵀβ̂ (not centred, as crr): larger means higher risk.</summary>
    /// <param name="fit">A fit from <see cref="CompetingRisks.FineGray"/>.</param>
    /// <param name="covariates">The rows' covariates.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model.</exception>
    public static double[] LinearPredictors(FineGrayResult fit, CovariateMatrix covariates)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        int n = covariates.Rows;
        var z = CovariateAlignment.Columns(fit.Terms, fit.Coefficients.Select(c => c.Name).ToArray(), covariates, n);
        var lp = new double[n];
        for (int c = 0; c < z.Length; c++)
            for (int i = 0; i < n; i++) lp[i] += z[c][i] * fit.Coefficients[c].Estimate;
        return lp;
    }

    /// <summary>A parametric model's risk 1 − S(t | z) for each row at each time.</summary>
    /// <param name="fit">A parametric fit (<see cref="ParametricModels"/>, <see cref="AftModel"/>, <see cref="GompertzModel"/>,
    /// <see cref="GeneralizedGammaModel"/>).</param>
    /// <param name="covariates">The rows' covariates; null for a model without covariates (then <paramref name="rows"/>).</param>
    /// <param name="times">Increasing times, each &gt; 0.</param>
    /// <param name="rows">The number of rows when the model has no covariates.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model.</exception>
    public static PredictedRisks Parametric(IParametricFit fit, CovariateMatrix? covariates, IReadOnlyList<double> times, int? rows = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(times);
        int n = covariates?.Rows ?? rows ?? throw new ArgumentException("give the covariates, or the number of rows for a model without covariates", nameof(rows));
        var (terms, names) = fit is ParametricFit withCovariates ? (withCovariates.Terms, withCovariates.CovariateNames) : ([], []);
        var z = CovariateAlignment.Columns(terms, names, covariates, n);
        var risk = new double[times.Count][];
        var profile = new double[z.Length];
        for (int k = 0; k < times.Count; k++) risk[k] = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < z.Length; c++) profile[c] = z[c][i];
            for (int k = 0; k < times.Count; k++)
                risk[k][i] = 1 - (fit.SurvivalAt(times[k], z.Length == 0 ? null : profile).Estimate ?? double.NaN);
        }
        return new PredictedRisks(times, risk);
    }

    /// <summary>A Fine–Gray model's cumulative incidence of its cause for each row at each time (cmprsk <c>predict.crr</c>).</summary>
    /// <param name="fit">A fit from <see cref="CompetingRisks.FineGray"/>.</param>
    /// <param name="covariates">The rows' covariates.</param>
    /// <param name="times">Increasing times.</param>
    /// <exception cref="SurvivalInputException">The covariates do not match the model.</exception>
    public static PredictedRisks FineGray(FineGrayResult fit, CovariateMatrix covariates, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(times);
        if (fit.BaselineTimes.Length == 0 && fit.Events > 0) throw new InvalidOperationException("this result does not carry its baseline (it was not made by FineGray.Fit)");
        int n = covariates.Rows;
        var lp = LinearPredictors(fit, covariates);
        var cumulative = new double[times.Count];
        for (int k = 0; k < times.Count; k++)
        {
            double h = 0;
            for (int j = 0; j < fit.BaselineTimes.Length && fit.BaselineTimes[j] <= times[k]; j++) h += fit.BaselineJumps[j];
            cumulative[k] = h;
        }
        var risk = new double[times.Count][];
        for (int k = 0; k < times.Count; k++) risk[k] = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = Math.Exp(lp[i]);
            for (int k = 0; k < times.Count; k++) risk[k][i] = 1 - Math.Exp(-cumulative[k] * r);
        }
        return new PredictedRisks(times, risk);
    }
}
