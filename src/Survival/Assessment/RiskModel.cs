using Survival.CompetingRisks;
using Survival.Parametric;
using Survival.Regression;

namespace Survival.Assessment;

/// <summary>
/// A fitted model together with how its covariates are read from an application's objects: what R's <c>Score</c>,
/// <c>concordance(fit, newdata)</c> and <c>predictRisk</c> get from a model and a data frame. The objects-in assessment
/// entry points (<see cref="Concordance.Compute{T}(IEnumerable{T}, Func{T, double}, Func{T, bool}, RiskModel{T}, Func{T, double}?, Func{T, string?}?, ConcordanceOptions?, MissingValuePolicy)"/>,
/// <see cref="PredictionAccuracy"/>, <see cref="Calibration"/>) read the outcome and these covariates from the same
/// rows, so predictions and outcomes cannot fall out of line.
/// </summary>
/// <remarks>Covariates are matched to the fit by name and categorical levels by label (<see cref="CovariateTerm"/>),
/// as R's <c>predict(fit, newdata)</c> matches through the model's <c>xlevels</c>: the new rows need not hold every
/// level, nor the reference level, and a level the model was not fitted with is an error naming the row and value.</remarks>
/// <typeparam name="T">The row type.</typeparam>
public sealed class RiskModel<T>
{
    private readonly Func<CovariateMatrix?, IReadOnlyList<string>?, IReadOnlyList<double>, int, PredictedRisks> _risks;
    private readonly Func<CovariateMatrix?, int, double[]>? _linearPredictor;

    internal RiskModel(string model, IReadOnlyList<Covariate<T>> covariates, Func<T, string?>? strata, ConcordanceDirection direction,
        Func<CovariateMatrix?, IReadOnlyList<string>?, IReadOnlyList<double>, int, PredictedRisks> risks, Func<CovariateMatrix?, int, double[]>? linearPredictor)
    {
        Model = model;
        Covariates = covariates;
        Strata = strata;
        Direction = direction;
        _risks = risks;
        _linearPredictor = linearPredictor;
    }

    /// <summary>What the model is ("Cox", "Fine-Gray", "Cause-specific Cox", or a parametric family as R names it).</summary>
    public string Model { get; }

    /// <summary>The covariates, read from each row as they were for the fit.</summary>
    public IReadOnlyList<Covariate<T>> Covariates { get; }

    /// <summary>The stratum of a row, for a stratified Cox fit; null otherwise.</summary>
    public Func<T, string?>? Strata { get; }

    /// <summary>Which way the linear predictor points: higher risk for Cox and Fine–Gray (R <c>concordance(coxph fit)</c>
    /// uses <c>reverse = TRUE</c>), longer survival for an accelerated-failure-time model (<c>concordance(survreg fit)</c>).</summary>
    public ConcordanceDirection Direction { get; }

    /// <summary>Whether <see cref="LinearPredictors"/> is defined (Cox, Fine–Gray, accelerated-failure-time fits).</summary>
    public bool HasLinearPredictor => _linearPredictor is not null;

    /// <summary>Each row's predicted risk by each time (R <c>predictRisk(fit, newdata, times)</c>).</summary>
    /// <param name="rows">The rows, enumerated once; every covariate (and stratum) must be present, since each row gets
    /// a prediction.</param>
    /// <param name="times">Increasing evaluation times.</param>
    /// <exception cref="SurvivalInputException">A row misses a covariate or stratum (naming its 1-based position), has a
    /// level the model was not fitted with, or a time is invalid.</exception>
    public PredictedRisks Predict(IEnumerable<T> rows, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        var collected = Collect(rows, []);
        try { return PredictKept(collected, times); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    /// <summary>Each row's linear predictor (R <c>predict(fit, newdata, type = "lp")</c>): centred (z − z̄)ᵀβ̂ for Cox,
    /// zᵀβ̂ for Fine–Gray, β₀ + zᵀβ̂ for an accelerated-failure-time model.</summary>
    /// <param name="rows">The rows, enumerated once; every covariate must be present.</param>
    /// <exception cref="SurvivalInputException">A row misses a covariate or has a level the model was not fitted with, or
    /// the model has no linear predictor (a Gompertz or generalised-gamma fit, cause-specific Cox models: use
    /// <see cref="Predict"/>).</exception>
    public double[] LinearPredictors(IEnumerable<T> rows)
    {
        var collected = Collect(rows, []);
        try { return LinearPredictorsKept(collected); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    private ObjectRows<T> Collect(IEnumerable<T> rows, IReadOnlyList<(string, DataColumn?, Func<T, bool>)> checks)
        => ObjectRows<T>.Collect(rows, Strata is null ? checks : [.. checks, ("strata", DataColumn.Strata, r => Strata(r) is null)], Covariates, MissingValuePolicy.Fail);

    internal PredictedRisks PredictKept(ObjectRows<T> kept, IReadOnlyList<double> times)
        => _risks(Matrix(kept), Strata is null ? null : kept.Kept.Select(r => Strata(r)!).ToArray(), times, kept.Kept.Count);

    internal const string CauseSpecificCoxName = "Cause-specific Cox";

    internal double[] LinearPredictorsKept(ObjectRows<T> kept)
    {
        if (_linearPredictor is null)
            throw new SurvivalInputException(Model == CauseSpecificCoxName
                ? "cause-specific Cox models have one linear predictor per cause and none for the absolute risk: assess its predicted risks instead"
                : $"a {Model} fit has no linear predictor (R's survreg has one only for location-scale families): assess its predicted risks instead");
        return _linearPredictor(Matrix(kept), kept.Kept.Count);
    }

    /// <summary>The objects-in assessment on right-censored outcomes: one pass reads the outcome, the weight and this
    /// model's covariates; <paramref name="assess"/> gets the kept rows' data, this model's predictions for them and the
    /// rows left out. An error names the row among all the rows.</summary>
    internal TResult OnSurvival<TResult>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, Func<T, double>? weight,
        IReadOnlyList<double> times, MissingValuePolicy missing, Func<SurvivalData, PredictedRisks, OmittedRows, TResult> assess)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        ArgumentNullException.ThrowIfNull(times);
        var collected = ObjectRows<T>.Collect(rows, ObjectRows<T>.SurvivalChecks(time, weight, Strata, null), Covariates, missing);
        var data = collected.Survival(time, eventOccurred, weight, null, null);
        try { return assess(data, PredictKept(collected, times), collected.Omitted); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    /// <summary>The objects-in assessment under competing risks, as <see cref="OnSurvival"/>.</summary>
    internal TResult OnCompetingRisks<TResult>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, string censored,
        IReadOnlyList<double> times, MissingValuePolicy missing, Func<CompetingRisksData, PredictedRisks, OmittedRows, TResult> assess)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(times);
        var collected = ObjectRows<T>.Collect(rows, ObjectRows<T>.CompetingRisksChecks(time, status, null, Strata), Covariates, missing);
        var data = CompetingRisksData.FromCollected(collected, time, status, censored);
        try { return assess(data, PredictKept(collected, times), collected.Omitted); }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    private CovariateMatrix? Matrix(ObjectRows<T> kept) => Covariates.Count == 0 ? null : kept.Covariates(Covariates, matchByLabel: true);
}

/// <summary>Makes <see cref="RiskModel{T}"/>s: a fit and the selectors of its covariates.</summary>
public static class RiskModel
{
    /// <summary>A Cox model (risk 1 − S(t | z), R <c>predictRisk.coxph</c>; linear predictor centred as <c>predict.coxph</c>).</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="covariates">The covariates as given to <see cref="CoxRegression.Fit{T}"/>.</param>
    /// <param name="strata">The stratum of a row, for a stratified fit.</param>
    /// <example><code>
    /// var age = Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age);
    /// var fit = CoxRegression.Fit(training, p =&gt; p.Months, p =&gt; p.Died, [age]);
    /// var auc = PredictionAccuracy.Evaluate(validation, p =&gt; p.Months, p =&gt; p.Died, RiskModel.Cox(fit, [age]), times: [12, 24]);
    /// </code></example>
    public static RiskModel<T> Cox<T>(CoxResult fit, IReadOnlyList<Covariate<T>> covariates, Func<T, string?>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("name the covariates the Cox model was fitted with", column: "covariates");
        if (fit.StrataLevels is not null && strata is null)
            throw new SurvivalInputException($"the fit is stratified ({string.Join(", ", fit.StrataLevels)}): give each row's stratum", column: "strata");
        if (fit.StrataLevels is null && strata is not null) throw new SurvivalInputException("the fit has no strata", column: "strata");
        return new RiskModel<T>("Cox", covariates, strata, ConcordanceDirection.LargerScoreHigherRisk,
            (x, s, times, n) => RiskPrediction.Cox(fit, x!, times, s),
            (x, n) => RiskPrediction.LinearPredictors(fit, x!));
    }

    /// <summary>A parametric model (risk 1 − S(t | z)); the linear predictor β₀ + zᵀβ̂ of an accelerated-failure-time fit.</summary>
    /// <param name="fit">A parametric fit (<see cref="AftModel"/>, <see cref="ParametricModels"/>, <see cref="GompertzModel"/>,
    /// <see cref="GeneralizedGammaModel"/>).</param>
    /// <param name="covariates">The covariates as given to the fit; empty or null for a model without covariates.</param>
    public static RiskModel<T> Parametric<T>(IParametricFit fit, IReadOnlyList<Covariate<T>>? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new RiskModel<T>(fit.Family, covariates ?? [], null, ConcordanceDirection.LargerScoreLongerSurvival,
            (x, _, times, n) => RiskPrediction.Parametric(fit, x, times, n),
            fit is AftFit aft ? (x, n) => RiskPrediction.LinearPredictors(aft, x, n) : null);
    }

    /// <summary>A Fine–Gray model (the cause's cumulative incidence, cmprsk <c>predict.crr</c>; linear predictor zᵀβ̂).</summary>
    /// <param name="fit">A fit from <see cref="CompetingRisks.FineGray"/>.</param>
    /// <param name="covariates">The covariates as given to the fit.</param>
    public static RiskModel<T> FineGray<T>(FineGrayResult fit, IReadOnlyList<Covariate<T>> covariates)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count == 0) throw new SurvivalInputException("name the covariates the Fine-Gray model was fitted with", column: "covariates");
        return new RiskModel<T>("Fine-Gray", covariates, null, ConcordanceDirection.LargerScoreHigherRisk,
            (x, _, times, n) => RiskPrediction.FineGray(fit, x!, times),
            (x, n) => RiskPrediction.LinearPredictors(fit, x!));
    }
    /// <summary>Cause-specific Cox models, predicting one cause's absolute risk (riskRegression <c>predictRisk</c> of a
    /// <c>CSC</c> fit, product limit). The model has no single linear predictor.</summary>
    /// <param name="fit">A fit from <see cref="CompetingRisks.CauseSpecificCox"/>.</param>
    /// <param name="cause">The cause whose risk is predicted.</param>
    /// <param name="covariates">The covariates as given to the fit.</param>
    /// <param name="strata">The stratum of a row, for stratified models.</param>
    /// <exception cref="SurvivalInputException">The cause is not one of the fit's, or the strata do not match the fit.</exception>
    public static RiskModel<T> CauseSpecificCox<T>(CauseSpecificCoxResult fit, string cause, IReadOnlyList<Covariate<T>> covariates, Func<T, string?>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(covariates);
        fit.IndexOf(cause);
        if (covariates.Count == 0) throw new SurvivalInputException("name the covariates the cause-specific Cox models were fitted with", column: "covariates");
        var levels = fit.Models[0].StrataLevels;
        if (levels is not null && strata is null)
            throw new SurvivalInputException($"the fit is stratified ({string.Join(", ", levels)}): give each row's stratum", column: "strata");
        if (levels is null && strata is not null) throw new SurvivalInputException("the fit has no strata", column: "strata");
        return new RiskModel<T>(RiskModel<T>.CauseSpecificCoxName, covariates, strata, ConcordanceDirection.LargerScoreHigherRisk,
            (x, s, times, n) => RiskPrediction.CauseSpecificCox(fit, cause, x!, times, s),
            null);
    }
}
