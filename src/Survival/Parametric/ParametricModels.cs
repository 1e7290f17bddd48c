namespace Survival.Parametric;

/// <summary>One entry point for every family, and the comparison of several by AIC.</summary>
public static class ParametricModels
{
    /// <summary>Fits one family.</summary>
    /// <param name="data">Right-censored rows.</param>
    /// <param name="family">The family.</param>
    /// <param name="covariates">Covariates (on the location: log time for AFT and the generalized gamma, log rate for
    /// Gompertz); null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="cancellationToken">Stops the fit (checked before each likelihood evaluation).</param>
    /// <param name="progress">Receives ("fitting", evaluations, limit) as the fit goes.</param>
    public static IParametricFit Fit(SurvivalData data, ParametricFamily family, Regression.CovariateMatrix? covariates = null, ParametricOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
        => family switch
        {
            ParametricFamily.Gompertz => GompertzModel.Fit(data, covariates, options, cancellationToken, progress),
            ParametricFamily.GeneralizedGamma => GeneralizedGammaModel.Fit(data, covariates, options, cancellationToken, progress),
            _ => AftModel.Fit(data, ToAft(family), covariates, options, cancellationToken, progress),
        };

    /// <summary>Fits one family to the objects an application holds, in one pass: time, event, weight and every covariate
    /// are read from the same row; a row with a missing value in any of them is left out as R's <c>na.omit</c> (reported in
    /// <see cref="ParametricFit.Omitted"/>) or is an error under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="family">The family (Gompertz and the generalized gamma as flexsurv, the others as <c>survreg</c>).</param>
    /// <param name="covariates">The covariates; null or empty for none.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="Fit(SurvivalData, ParametricFamily, Regression.CovariateMatrix?, ParametricOptions?, CancellationToken, IProgress{ProgressReport}?)"/>,
    /// the row named by its 1-based position among all the rows.</exception>
    /// <example><code>
    /// var fit = ParametricModels.Fit(patients, p =&gt; p.Months, p =&gt; p.Progressed, ParametricFamily.Gompertz,
    ///     [Covariate.Categorical&lt;Patient&gt;("arm", p =&gt; p.Arm)]);
    /// </code></example>
    public static ParametricFit Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, ParametricFamily family,
        IReadOnlyList<Regression.Covariate<T>>? covariates = null, Func<T, double>? weight = null, ParametricOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("time", DataColumn.Time, r => double.IsNaN(time(r))) };
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        return FitCollected(ObjectRows<T>.Collect(rows, checks, covariates, missing), family, covariates, options,
            kept => SurvivalData.From(kept, time, eventOccurred, weight: weight, missing: MissingValuePolicy.Fail));
    }

    /// <summary>Fits one family to interval-censored objects (R <c>survreg(Surv(left, right, type = "interval2") ~ x)</c>,
    /// flexsurv for Gompertz and the generalized gamma), in one pass as <see cref="Fit{T}"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="left">The left end: <see cref="double.NaN"/> for a left-censored row.</param>
    /// <param name="right">The right end: <see cref="double.NaN"/> or +∞ for a right-censored row.</param>
    /// <param name="family">The family.</param>
    /// <param name="covariates">The covariates; null or empty for none.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="missing">What a row missing both ends, its weight or a covariate does (default: leave it out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="SurvivalData.FromIntervals{T}"/> and the fit, the row named by
    /// its 1-based position among all the rows.</exception>
    public static ParametricFit FitIntervals<T>(IEnumerable<T> rows, Func<T, double> left, Func<T, double> right, ParametricFamily family,
        IReadOnlyList<Regression.Covariate<T>>? covariates = null, Func<T, double>? weight = null, ParametricOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var checks = new List<(string, DataColumn?, Func<T, bool>)> { ("left", DataColumn.Time, r => double.IsNaN(left(r)) && double.IsNaN(right(r))) };
        if (weight is not null) checks.Add(("weight", DataColumn.Weight, r => double.IsNaN(weight(r))));
        return FitCollected(ObjectRows<T>.Collect(rows, checks, covariates, missing), family, covariates, options,
            kept => SurvivalData.FromIntervals(kept, left, right, weight: weight, missing: MissingValuePolicy.Fail));
    }

    private static ParametricFit FitCollected<T>(ObjectRows<T> collected, ParametricFamily family, IReadOnlyList<Regression.Covariate<T>>? covariates,
        ParametricOptions? options, Func<List<T>, SurvivalData> data)
    {
        SurvivalData rows;
        Regression.CovariateMatrix? x;
        try
        {
            rows = data(collected.Kept);
            x = covariates is { Count: > 0 } ? collected.Covariates(covariates) : null;
        }
        catch (SurvivalInputException ex)
        {
            throw collected.AtPosition(ex);
        }
        var fit = (ParametricFit)Fit(rows, family, x, options);
        return collected.Omitted.Count == 0 ? fit : fit with { Omitted = collected.Omitted };
    }

    /// <summary>The <c>survreg</c> distribution behind an AFT family.</summary>
    private static AftDistribution ToAft(ParametricFamily family) => family switch
    {
        ParametricFamily.Weibull => AftDistribution.Weibull,
        ParametricFamily.Exponential => AftDistribution.Exponential,
        ParametricFamily.LogNormal => AftDistribution.LogNormal,
        ParametricFamily.LogLogistic => AftDistribution.LogLogistic,
        ParametricFamily.Gaussian => AftDistribution.Gaussian,
        ParametricFamily.Logistic => AftDistribution.Logistic,
        _ => throw new SurvivalInputException("unknown family", column: "family", value: family.ToString()),
    };

    /// <summary>Fits each family and returns the fits ranked by AIC (smallest first), as NICE DSU TSD 14's comparison.</summary>
    /// <param name="data">Right-censored rows.</param>
    /// <param name="families">The families to compare.</param>
    /// <param name="covariates">Covariates shared by all; null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    /// <param name="cancellationToken">Stops the fits.</param>
    public static IReadOnlyList<IParametricFit> Compare(SurvivalData data, IEnumerable<ParametricFamily> families, Regression.CovariateMatrix? covariates = null,
        ParametricOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(families);
        return ValueList<IParametricFit>.Of(families.Distinct().Select(f => Fit(data, f, covariates, options, cancellationToken)).OrderBy(f => f.Aic));
    }
}
