using Survival.Regression;

namespace Survival.CompetingRisks;

/// <summary>Cause-specific Cox models of competing risks: one Cox model per cause, in which the failures from that
/// cause are events and every other failure is censored at its time (R <c>riskRegression::CSC</c> with its default
/// <c>surv.type = "hazard"</c>). Their absolute risks come from
/// <see cref="Assessment.RiskPrediction.CauseSpecificCox"/>.</summary>
/// <remarks>
/// <para>The cause-specific hazard of cause k is λₖ(t | z) = λₖ₀(t)·exp(zᵀβₖ); each model is an ordinary
/// <see cref="CoxRegression"/> fit on the rows of <see cref="FineGray.CauseSpecific"/> (R <c>coxph(Surv(time, status ==
/// k) ~ z)</c>), with the data's strata, weights, delayed entry and ids. The absolute risk of cause c combines all of
/// them: F_c(t | z) = Σ_{s ≤ t} S(s− | z)·dΛ_c(s | z) with the event-free survival S from every cause's hazard.</para>
/// <para>Reference: Ozenne, Sørensen, Scheike, Torp-Pedersen &amp; Gerds (2017), "riskRegression: predicting the risk
/// of an event using Cox regression models", The R Journal 9(2):440–460; Benichou &amp; Gail (1990), Biometrics
/// 46:813; R riskRegression <c>CSC</c>, <c>predict.CauseSpecificCox</c>.</para>
/// </remarks>
public static class CauseSpecificCox
{
    /// <summary>Fits one Cox model per cause to the objects an application holds, in one pass: time, status, stratum,
    /// weight and every covariate are read from the same row. A row with a missing value in any of them
    /// (<see cref="double.NaN"/>, null) is left out as R's <c>na.omit</c> and reported in
    /// <see cref="CauseSpecificCoxResult.Omitted"/> (and each model's), or is an error naming the row under
    /// <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="status">The row's cause, or <paramref name="censored"/>.</param>
    /// <param name="covariates">The covariates (<see cref="Covariate.Numeric{T}"/>, <see cref="Covariate.Categorical{T}"/>).</param>
    /// <param name="censored">The status meaning censored (default "0").</param>
    /// <param name="strata">Optional stratum (R <c>strata()</c> in the <c>CSC</c> formula).</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Cox options for every model; null for R's defaults (Efron ties).</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule of <see cref="CompetingRisksData"/> (the row is its
    /// 1-based position among all the rows), a value is missing under <see cref="MissingValuePolicy.Fail"/>, or a fit
    /// fails as the column form does.</exception>
    /// <example><code>
    /// var fit = CauseSpecificCox.Fit(patients, p =&gt; p.Months, p =&gt; p.Outcome, [Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age)]);
    /// </code></example>
    public static CauseSpecificCoxResult Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, IReadOnlyList<Covariate<T>> covariates,
        string censored = "0", Func<T, string?>? strata = null, Func<T, double>? weight = null, CoxOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(covariates);
        var collected = ObjectRows<T>.Collect(rows, ObjectRows<T>.CompetingRisksChecks(time, status, weight, strata), covariates, missing);
        var data = CompetingRisksData.FromCollected(collected, time, status, censored, strata: strata, weight: weight);
        CovariateMatrix x;
        try { x = collected.Covariates(covariates); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
        var fit = Fit(data, x, options);
        return collected.Omitted.Count == 0 ? fit : fit.WithOmitted(collected.Omitted);
    }

    /// <summary>Fits one Cox model per cause of <paramref name="data"/>, in the order of
    /// <see cref="CompetingRisksData.Causes"/>.</summary>
    /// <param name="data">Competing-risks rows (strata, weights, delayed entry and ids are used by every model).</param>
    /// <param name="covariates">The covariates, the same for every cause (R's one-formula <c>CSC</c>).</param>
    /// <param name="options">Cox options for every model; null for R's defaults (Efron ties, as <c>coxph</c> and
    /// <c>CSC</c>).</param>
    /// <param name="cancellationToken">Cancels the fits.</param>
    /// <exception cref="SurvivalInputException">As <see cref="CoxRegression.Fit(SurvivalData, CovariateMatrix, CoxOptions?, CancellationToken, IProgress{ProgressReport}?)"/>
    /// for any cause's rows.</exception>
    /// <example><code>
    /// var fit = CauseSpecificCox.Fit(data, new CovariateMatrix(data.Count).AddNumeric("age", age));
    /// var risk = RiskPrediction.CauseSpecificCox(fit, "1", newRows, times: [60, 120]);
    /// </code></example>
    public static CauseSpecificCoxResult Fit(CompetingRisksData data, CovariateMatrix covariates, CoxOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        var models = new CoxResult[data.Causes.Count];
        for (int k = 0; k < models.Length; k++)
            models[k] = CoxRegression.Fit(FineGray.CauseSpecific(data, data.Causes[k]), covariates, options, cancellationToken);
        var events = new int[data.Causes.Count];
        int censored = 0;
        foreach (int code in data.Cause)
            if (code == 0) censored++;
            else events[code - 1]++;
        return new CauseSpecificCoxResult(data.Causes.ToArray(), models, events, censored, data.Rows.HasEntry);
    }
}
