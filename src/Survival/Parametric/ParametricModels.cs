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
