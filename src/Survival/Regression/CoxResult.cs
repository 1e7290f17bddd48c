namespace Survival.Regression;

/// <summary>A fitted Cox proportional-hazards model: coefficients, the three global tests, concordance and the fit's history.</summary>
public sealed record CoxResult
{
    private readonly SquareMatrix _covariance;

    /// <summary>The input rows left out for missing values before the fit (R's <c>na.action</c>).</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>What R's <c>summary(coxph(...))</c> prints: n and events (and the rows deleted for missingness), the
    /// coefficient table, hazard ratios with limits, concordance and the three global tests.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        w.WriteLine($"  n= {N}, number of events= {Printing.RFormat.Number(Events)}");
        if (Omitted.Count > 0) w.WriteLine($"   ({Omitted})");
        w.WriteLine();
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
        w.WriteLine($"Score (logrank) test = {Printing.RFormat.Number(Score.ChiSquare, 4)}  on {Score.DegreesOfFreedom} df,   p={Printing.RFormat.PValue(Score.PValue)}");
        return w.ToString();
    }

    internal CoxResult(CoxCoefficient[] coefficients, double[,] covariance, double logLikelihoodNull, double logLikelihood,
        ChiSquareTest likelihoodRatio, ChiSquareTest wald, ChiSquareTest score, double? concordance, int iterations, bool converged,
        int n, double events, CoxOptions options, CoxWarning[] warnings)
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
        Warnings = new ValueList<CoxWarning>(warnings);
    }

    /// <summary>One entry per covariate column, in order (aliased columns have null estimates).</summary>
    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>Covariance of coefficients <paramref name="i"/> and <paramref name="j"/> (the inverse information; 0 for aliased ones).</summary>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The partial log-likelihood at β = 0.</summary>
    public double LogLikelihoodNull { get; }

    /// <summary>The partial log-likelihood at the estimate.</summary>
    public double LogLikelihood { get; }

    /// <summary>Likelihood-ratio test 2(ℓ(β̂) − ℓ(0)).</summary>
    public ChiSquareTest LikelihoodRatio { get; }

    /// <summary>Wald test β̂ᵀ I(β̂) β̂.</summary>
    public ChiSquareTest Wald { get; }

    /// <summary>Score (log-rank) test U(0)ᵀ I(0)⁻¹ U(0).</summary>
    public ChiSquareTest Score { get; }

    /// <summary>Harrell's concordance of the linear predictor as R reports it (within strata); null when no pair is comparable.</summary>
    public double? Concordance { get; }

    /// <summary>Newton–Raphson iterations used.</summary>
    public int Iterations { get; }

    /// <summary>Whether the convergence criterion was met within the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>Events (weighted).</summary>
    public double Events { get; }

    /// <summary>The options used.</summary>
    public CoxOptions Options { get; }

    /// <summary>What R would warn about: aliased covariates, possibly infinite coefficients, no convergence.</summary>
    public IReadOnlyList<CoxWarning> Warnings { get; }
}
