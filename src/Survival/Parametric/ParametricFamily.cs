namespace Survival.Parametric;

/// <summary>The parametric families the library fits (NICE DSU TSD 14's list, less the generalized gamma for now).</summary>
public enum ParametricFamily
{
    /// <summary>Weibull (<see cref="AftDistribution.Weibull"/>).</summary>
    Weibull,

    /// <summary>Exponential (<see cref="AftDistribution.Exponential"/>).</summary>
    Exponential,

    /// <summary>Log-normal (<see cref="AftDistribution.LogNormal"/>).</summary>
    LogNormal,

    /// <summary>Log-logistic (<see cref="AftDistribution.LogLogistic"/>).</summary>
    LogLogistic,

    /// <summary>Gaussian on the time scale (<see cref="AftDistribution.Gaussian"/>).</summary>
    Gaussian,

    /// <summary>Logistic on the time scale (<see cref="AftDistribution.Logistic"/>).</summary>
    Logistic,

    /// <summary>Gompertz (<see cref="GompertzModel"/>).</summary>
    Gompertz,
}

/// <summary>One entry point for every family, and the comparison of several by AIC.</summary>
public static class ParametricModels
{
    /// <summary>Fits one family.</summary>
    /// <param name="data">Right-censored rows.</param>
    /// <param name="family">The family.</param>
    /// <param name="covariates">Covariates (on the location: log time for AFT, log rate for Gompertz); null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    public static IParametricFit Fit(SurvivalData data, ParametricFamily family, Regression.CovariateMatrix? covariates = null, ParametricOptions? options = null)
        => family switch
        {
            ParametricFamily.Gompertz => GompertzModel.Fit(data, covariates, options),
            ParametricFamily.Weibull => AftModel.Fit(data, AftDistribution.Weibull, covariates, options),
            ParametricFamily.Exponential => AftModel.Fit(data, AftDistribution.Exponential, covariates, options),
            ParametricFamily.LogNormal => AftModel.Fit(data, AftDistribution.LogNormal, covariates, options),
            ParametricFamily.LogLogistic => AftModel.Fit(data, AftDistribution.LogLogistic, covariates, options),
            ParametricFamily.Gaussian => AftModel.Fit(data, AftDistribution.Gaussian, covariates, options),
            ParametricFamily.Logistic => AftModel.Fit(data, AftDistribution.Logistic, covariates, options),
            _ => throw new SurvivalInputException("unknown family", column: "family", value: family.ToString()),
        };

    /// <summary>Fits each family and returns the fits ranked by AIC (smallest first), as NICE DSU TSD 14's comparison.</summary>
    /// <param name="data">Right-censored rows.</param>
    /// <param name="families">The families to compare.</param>
    /// <param name="covariates">Covariates shared by all; null for none.</param>
    /// <param name="options">Options; null for 95% limits.</param>
    public static IReadOnlyList<IParametricFit> Compare(SurvivalData data, IEnumerable<ParametricFamily> families, Regression.CovariateMatrix? covariates = null,
        ParametricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(families);
        return ValueList<IParametricFit>.Of(families.Distinct().Select(f => Fit(data, f, covariates, options)).OrderBy(f => f.Aic));
    }
}
