namespace Survival.Parametric;

/// <summary>
/// What every parametric fit holds whatever its family: the estimates on the scale the fit works on and their covariance,
/// the log-likelihood and the criteria to compare families by, the convergence, the data's size, and the covariate
/// profile rule of its predictions. <see cref="AftFit"/>, <see cref="GompertzFit"/> and <see cref="GeneralizedGammaFit"/> add their family's parameters and
/// predictions.
/// </summary>
public abstract record ParametricFit : IParametricFit
{
    private protected ParametricFit(double[] theta, double[,] covariance, double logLikelihood, int iterations, bool converged, int n,
        double events, double level, IReadOnlyList<string> covariateNames, double lastObservedTime, int maxIterations, FitWarning[]? notes = null)
    {
        Warnings = notes is { Length: > 0 } ? ValueList<FitWarning>.Of([.. FitWarning.OfConvergence(converged, maxIterations), .. notes])
            : FitWarning.OfConvergence(converged, maxIterations);
        Theta = new ValueList<double>(theta);
        CovarianceMatrix = new SquareMatrix(covariance);
        CovariateNames = ValueList<string>.Of(covariateNames);
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        Converged = converged;
        N = n;
        Events = events;
        ConfidenceLevel = level;
        LastObservedTime = lastObservedTime;
    }

    /// <summary>The estimates on the scale the fit works on (see the family's <c>Covariance</c>).</summary>
    private protected ValueList<double> Theta { get; }

    private protected SquareMatrix CovarianceMatrix { get; }

    /// <summary>The covariates, in the order a profile gives their values.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>The rows left out for a missing value when the fit read an application's objects
    /// (<see cref="AftModel.Fit{T}"/>; R's <c>na.omit</c>); none otherwise.</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>The covariate terms (numeric, or categorical with their levels) the columns came from, for predictions
    /// on new rows; empty for a fit without covariates.</summary>
    public IReadOnlyList<Regression.CovariateTerm> Terms { get; internal init; } = [];

    /// <inheritdoc/>
    public abstract string Family { get; }

    /// <inheritdoc/>
    public abstract IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>Element (i, j) of the covariance of the estimates on the scale the fit works on (the inverse observed
    /// information): AFT (β…, log σ); Gompertz (shape, log rate, β…); generalized gamma (μ, log σ, Q, β…).</summary>
    public double Covariance(int i, int j) => CovarianceMatrix[i, j];

    /// <inheritdoc/>
    public double LogLikelihood { get; }

    /// <inheritdoc/>
    public double Aic => -2 * LogLikelihood + 2 * Parameters.Count;

    /// <inheritdoc/>
    public double Bic => -2 * LogLikelihood + Parameters.Count * Math.Log(N);

    /// <summary>Newton–Raphson iterations used, each step-halving counted (R <c>fit$iter</c>).</summary>
    public int Iterations { get; }

    /// <inheritdoc/>
    public bool Converged { get; }

    /// <summary>A <see cref="FitWarningKind.NotConverged"/> warning when the iterations ran out (the estimates are then
    /// the last iterate, as R returns it); empty otherwise.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    /// <inheritdoc/>
    public int N { get; }

    /// <inheritdoc/>
    public double Events { get; }

    /// <summary>The confidence level of the limits.</summary>
    public double ConfidenceLevel { get; }

    /// <inheritdoc/>
    public double LastObservedTime { get; }

    /// <inheritdoc/>
    public bool IsExtrapolation(double time) => time > LastObservedTime;

    /// <inheritdoc/>
    public abstract IntervalEstimate SurvivalAt(double time, IReadOnlyList<double>? profile = null);

    /// <inheritdoc/>
    public abstract IntervalEstimate HazardAt(double time, IReadOnlyList<double>? profile = null);

    /// <inheritdoc/>
    public abstract IntervalEstimate Quantile(double p, IReadOnlyList<double>? profile = null);

    /// <inheritdoc/>
    public abstract IntervalEstimate RestrictedMean(double horizon, IReadOnlyList<double>? profile = null);

    /// <inheritdoc/>
    public abstract IntervalEstimate Mean(IReadOnlyList<double>? profile = null);

    /// <summary>The hazard −d log S/dt at <paramref name="time"/> with delta-method limits.</summary>
    private protected IntervalEstimate HazardOf(ParametricPrediction.SurvivalFunction survival, double time)
        => ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th => ParametricPrediction.Hazard(survival, th, time));

    /// <summary>A quantile of S(t; θ) with delta-method limits (<paramref name="scale"/>: where the root search starts).</summary>
    private protected IntervalEstimate QuantileOf(ParametricPrediction.SurvivalFunction survival, double p, Func<IReadOnlyList<double>, double> scale)
    {
        CheckProbability(p);
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th => ParametricPrediction.Quantile(survival, th, p, scale(th)));
    }

    /// <summary>∫₀^τ S(t; θ) dt with delta-method limits.</summary>
    private protected IntervalEstimate RestrictedMeanOf(ParametricPrediction.SurvivalFunction survival, double horizon)
    {
        CheckHorizon(horizon);
        return ParametricPrediction.Delta(Theta, Covariance, ConfidenceLevel, th => ParametricPrediction.RestrictedMean(survival, th, horizon));
    }

    /// <summary>flexsurv's print of a fit: est, limits and se of each parameter, then N, events, log-likelihood and AIC.</summary>
    private protected string FlexsurvSummary()
    {
        var w = new StringWriter { NewLine = "\n" };
        string pct = (ConfidenceLevel * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Printing.RFormat.Table(w, ["", "est", $"L{pct}%", $"U{pct}%", "se"],
            Parameters.Select(p => (IReadOnlyList<string>)[p.Name, Printing.RFormat.Number(p.Estimate), Printing.RFormat.Number(p.Lower),
                Printing.RFormat.Number(p.Upper), Printing.RFormat.Number(p.StdErr)]));
        w.WriteLine();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        w.WriteLine($"N = {N},  Events: {Printing.RFormat.Number(Events)}" + (Omitted.Count > 0 ? $" ({Omitted})" : ""));
        w.WriteLine($"Log-likelihood = {LogLikelihood.ToString("F3", inv)}, df = {Parameters.Count}");
        w.WriteLine($"AIC = {Aic.ToString("F3", inv)}");
        Printing.RFormat.Warnings(w, Warnings);
        return w.ToString();
    }

    /// <summary>Checks a covariate profile's length (null: no covariates).</summary>
    private protected IReadOnlyList<double> Profile(IReadOnlyList<double>? profile)
    {
        profile ??= [];
        if (profile.Count != CovariateNames.Count)
            throw new SurvivalInputException($"the profile has {profile.Count} values but the model has {CovariateNames.Count} covariates ({string.Join(", ", CovariateNames)})",
                column: "profile");
        return profile;
    }

    /// <summary>Checks the probability of a quantile.</summary>
    private protected static void CheckProbability(double p)
    {
        if (!(p > 0 && p < 1)) throw new SurvivalInputException("p must be strictly between 0 and 1", column: "p", value: SurvivalData.Format(p));
    }

    /// <summary>Checks a restricted mean's horizon.</summary>
    private protected static void CheckHorizon(double horizon)
    {
        if (!(horizon > 0)) throw new SurvivalInputException("the horizon must be > 0", column: "horizon", value: SurvivalData.Format(horizon));
    }
}
