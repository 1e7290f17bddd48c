namespace Survival.Regression;

/// <summary>A fitted Cox proportional-hazards model: coefficients, the three global tests, concordance and the fit's history.</summary>
public sealed record CoxResult : IIterativeFit
{
    private readonly SquareMatrix _covariance;

    /// <summary>The input rows left out for missing values before the fit (R's <c>na.action</c>).</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    internal SquareMatrix? RobustCovarianceMatrix { get; init; }

    /// <summary>Whether the fit has a robust (sandwich) variance: asked for with <see cref="CoxOptions.Robust"/>, or by R's
    /// default when a subject (<see cref="SurvivalData.Id"/>) has more than one event or a weight is not a whole number. The
    /// coefficients' z, P and limits and the Wald test then use it, as R reports them.</summary>
    public bool HasRobustVariance => RobustCovarianceMatrix is not null;

    /// <summary>Robust covariance of coefficients <paramref name="i"/> and <paramref name="j"/>, or null without a robust variance.</summary>
    public double? RobustCovariance(int i, int j) => RobustCovarianceMatrix?[i, j];

    /// <summary>The robust score test (R's "Robust = …" beside the score test), or null without a robust variance.</summary>
    public ChiSquareTest? RobustScore { get; internal init; }

    /// <summary>The number of clusters of the robust variance (rows when each row is its own), or null.</summary>
    public int? Clusters { get; internal init; }

    /// <summary>The weighted means of the covariate columns (R's <c>fit$means</c>): linear predictors and the centred
    /// baseline hazard are taken at them.</summary>
    public IReadOnlyList<double> Means { get; internal init; } = [];

    /// <summary>The covariates as named, with their columns (R's <c>assign</c>).</summary>
    public IReadOnlyList<CovariateTerm> Terms { get; internal init; } = [];

    /// <summary>Whether the data were (start, stop] intervals (delayed entry, time-varying covariates).</summary>
    public bool HasEntry { get; internal init; }

    /// <summary>The stratum labels in code order, or null without strata.</summary>
    public IReadOnlyList<string>? StrataLevels { get; internal init; }

    internal CoxModelState? State { get; init; }

    /// <summary>What R's <c>summary(coxph(...))</c> prints: n and events (and the rows deleted for missingness), the
    /// coefficient table, hazard ratios with limits, concordance and the three global tests.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        w.WriteLine($"  n= {N}, number of events= {Printing.RFormat.Number(Events)}");
        if (Omitted.Count > 0) w.WriteLine($"   ({Omitted})");
        w.WriteLine();
        if (HasRobustVariance)
            Printing.RFormat.Table(w, ["", "coef", "exp(coef)", "se(coef)", "robust se", "z", "Pr(>|z|)"],
                Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Printing.RFormat.Number(c.Estimate), Printing.RFormat.Number(c.HazardRatio),
                    Printing.RFormat.Number(c.StdErr), Printing.RFormat.Number(c.RobustStdErr), Printing.RFormat.Number(c.Z, 3), c.PValue is double p ? Printing.RFormat.PValue(p) : "NA"]));
        else
            Printing.RFormat.Table(w, ["", "coef", "exp(coef)", "se(coef)", "z", "Pr(>|z|)"],
                Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Printing.RFormat.Number(c.Estimate), Printing.RFormat.Number(c.HazardRatio),
                    Printing.RFormat.Number(c.StdErr), Printing.RFormat.Number(c.Z, 3), c.PValue is double p ? Printing.RFormat.PValue(p) : "NA"]));
        w.WriteLine();
        string pct = Options.ConfidenceLevel.ToString("0.##", inv);
        string digits = pct.Length > 2 ? pct[2..] : pct;
        Printing.RFormat.Table(w, ["", "exp(coef)", $"lower .{digits}", $"upper .{digits}"],
            Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Printing.RFormat.Number(c.HazardRatio), Printing.RFormat.Number(c.Lower), Printing.RFormat.Number(c.Upper)]));
        w.WriteLine();
        if (Concordance is double cc) w.WriteLine($"Concordance= {Printing.RFormat.Number(cc, 3)}");
        w.WriteLine($"Likelihood ratio test= {Printing.RFormat.Number(LikelihoodRatio.ChiSquare, 4)}  on {LikelihoodRatio.DegreesOfFreedom} df,   p={Printing.RFormat.PValue(LikelihoodRatio.PValue)}");
        w.WriteLine($"Wald test            = {Printing.RFormat.Number(Wald.ChiSquare, 4)}  on {Wald.DegreesOfFreedom} df,   p={Printing.RFormat.PValue(Wald.PValue)}");
        w.WriteLine($"Score (logrank) test = {Printing.RFormat.Number(Score.ChiSquare, 4)}  on {Score.DegreesOfFreedom} df,   p={Printing.RFormat.PValue(Score.PValue)}"
            + (RobustScore is { } rs ? $",   Robust = {Printing.RFormat.Number(rs.ChiSquare, 4)}  p={Printing.RFormat.PValue(rs.PValue)}" : ""));
        if (RobustScore is not null)
        {
            w.WriteLine();
            w.WriteLine("  (Note: the likelihood ratio and score tests assume independence of");
            w.WriteLine("     observations within a cluster, the Wald and robust score tests do not).");
        }
        Printing.RFormat.Warnings(w, Warnings);
        return w.ToString();
    }

    internal CoxResult(CoxCoefficient[] coefficients, double[,] covariance, double logLikelihoodNull, double logLikelihood,
        ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score, double? concordance, int iterations, bool converged,
        int n, double events, CoxOptions options, FitWarning[] warnings)
    {
        Coefficients = new ValueList<CoxCoefficient>(coefficients);
        _covariance = new SquareMatrix(covariance);
        LogLikelihoodNull = logLikelihoodNull;
        LogLikelihood = logLikelihood;
        LikelihoodRatio = likelihoodRatio;
        Wald = wald;
        Score = score;
        Concordance = concordance;
        Iterations = iterations;
        Converged = converged;
        N = n;
        Events = events;
        Options = options;
        Warnings = new ValueList<FitWarning>(warnings);
    }

    /// <summary>One entry per covariate column, in order (aliased columns have null estimates).</summary>
    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>Model-based covariance of coefficients <paramref name="i"/> and <paramref name="j"/> (the inverse
    /// information; 0 for aliased ones; R's <c>naive.var</c> when the fit is robust).</summary>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The partial log-likelihood at β = 0.</summary>
    public double LogLikelihoodNull { get; }

    /// <summary>The partial log-likelihood at the estimate.</summary>
    public double LogLikelihood { get; }

    /// <summary>Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)).</summary>
    public ChiSquareTest LikelihoodRatio { get; }

    /// <summary>Wald test β̂ᵀ V⁻¹ β̂, with the robust variance when the fit has one (as R).</summary>
    public ChiSquareTest Wald { get; }

    /// <summary>Score (log-rank) test U(0)ᵀ I(0)⁻¹ U(0).</summary>
    public ChiSquareTest Score { get; }

    /// <summary>Harrell's concordance of the linear predictor as R reports it (within strata); null when no pair is comparable.</summary>
    public double? Concordance { get; }

    /// <summary>Newton–Raphson iterations used, each step-halving counted (R <c>fit$iter</c>).</summary>
    public int Iterations { get; }

    /// <summary>Whether R's convergence test passed within the iteration limit (<see cref="CoxOptions.MaxIterations"/>);
    /// when false the coefficients are R's last iterate and <see cref="Warnings"/> says so.</summary>
    public bool Converged { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>Events (weighted).</summary>
    public double Events { get; }

    /// <summary>The options used.</summary>
    public CoxOptions Options { get; }

    /// <summary>What R would warn about: aliased covariates, possibly infinite coefficients, no convergence.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }
}
