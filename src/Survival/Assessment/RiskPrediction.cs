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
        var risk = new double[times.Count][];
        for (int k = 0; k < times.Count; k++)
        {
            risk[k] = new double[n];
            for (int i = 0; i < n; i++)
                risk[k][i] = 1 - Math.Exp(-curves[stratum[i]].At[k].CumulativeHazard * Math.Exp(lp[i]));
        }
        return new PredictedRisks(times, risk);
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
