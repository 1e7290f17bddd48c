namespace Survival.CompetingRisks;

/// <summary>A fitted Fine–Gray subdistribution-hazard model (R <c>cmprsk::crr</c>).</summary>
public sealed record FineGrayResult : IIterativeFit
{
    private readonly SquareMatrix _covariance;

    internal FineGrayResult(string cause, FineGrayCoefficient[] coefficients, double[,] covariance, double logLikelihood, double logLikelihoodNull,
        bool converged, int iterations, int n, int events, int competingEvents, FitWarning[] warnings)
    {
        Warnings = ValueList<FitWarning>.Of(warnings);
        Cause = cause;
        Coefficients = ValueList<FineGrayCoefficient>.Of(coefficients);
        _covariance = new SquareMatrix(covariance);
        LogLikelihood = logLikelihood;
        LogLikelihoodNull = logLikelihoodNull;
        LikelihoodRatio = new ChiSquareTest(2 * (logLikelihood - logLikelihoodNull), coefficients.Length);
        Converged = converged;
        Iterations = iterations;
        N = n;
        Events = events;
        CompetingEvents = competingEvents;
    }

    /// <summary>The cause modelled.</summary>
    public string Cause { get; }

    /// <summary>The covariate terms of the fit (numeric, or categorical with their levels), for predictions on new
    /// rows.</summary>
    public IReadOnlyList<Regression.CovariateTerm> Terms { get; internal init; } = [];

    /// <summary>The cause's distinct failure times, where the baseline cumulative subdistribution hazard jumps.</summary>
    internal double[] BaselineTimes { get; init; } = [];

    /// <summary>The jumps there (crr's <c>bfitj</c>).</summary>
    internal double[] BaselineJumps { get; init; } = [];

    /// <summary>The coefficients, in covariate-column order.</summary>
    public IReadOnlyList<FineGrayCoefficient> Coefficients { get; }

    /// <summary>The robust covariance of coefficients <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The log pseudo-likelihood at the estimate (R <c>fit$loglik</c>).</summary>
    public double LogLikelihood { get; }

    /// <summary>The log pseudo-likelihood at β = 0 (R <c>fit$loglik.null</c>).</summary>
    public double LogLikelihoodNull { get; }

    /// <summary>The pseudo likelihood-ratio test 2(ℓ(β̂) − ℓ(0)) (R <c>summary</c>'s "Pseudo Log-likelihood" test).</summary>
    public ChiSquareTest LikelihoodRatio { get; }

    /// <summary>Whether <c>crr</c>'s convergence rule was met.</summary>
    public bool Converged { get; }

    /// <summary>Newton steps taken (R <c>fit$iter</c>: accepted steps; crr's halvings are not counted).</summary>
    public int Iterations { get; }

    /// <summary>A <see cref="FitWarningKind.NotConverged"/> warning when crr's test did not pass (iterations ran out, or
    /// step-halving could not lower the pseudo-likelihood); empty otherwise.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>Failures from the cause modelled.</summary>
    public int Events { get; }

    /// <summary>Failures from other causes.</summary>
    public int CompetingEvents { get; }

    /// <summary>The rows left out for a missing value when the fit read an application's objects
    /// (<see cref="FineGray.Fit{T}"/>; R's <c>na.omit</c>); none otherwise.</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>R's <c>summary(crr(...))</c> table.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine($"Competing Risks Regression (Fine–Gray), cause {Cause}: n = {N}, failures of the cause = {Events}, of other causes = {CompetingEvents}");
        w.WriteLine();
        Printing.RFormat.Table(w, ["", "coef", "exp(coef)", "se(coef)", "z", "p-value"],
            Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Printing.RFormat.Number(c.Estimate), Printing.RFormat.Number(c.HazardRatio),
                Printing.RFormat.Number(c.StdErr), Printing.RFormat.Number(c.Z, 3), Printing.RFormat.PValue(c.PValue)]));
        w.WriteLine();
        var level = Coefficients.Count > 0 ? Coefficients[0].ConfidenceLevel : 0.95;
        string lo = ((1 - level) / 2 * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";
        string hi = ((1 + level) / 2 * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";
        Printing.RFormat.Table(w, ["", "exp(coef)", "exp(-coef)", lo, hi],
            Coefficients.Select(c => (IReadOnlyList<string>)[c.Name, Printing.RFormat.Number(c.HazardRatio), Printing.RFormat.Number(1 / c.HazardRatio),
                Printing.RFormat.Number(c.Lower), Printing.RFormat.Number(c.Upper)]));
        w.WriteLine();
        w.WriteLine($"Num. cases = {N}" + (Omitted.Count > 0 ? $" ({Omitted})" : ""));
        w.WriteLine($"Pseudo Log-likelihood = {Printing.RFormat.Number(LogLikelihood, 6)}");
        w.WriteLine($"Pseudo likelihood ratio test = {Printing.RFormat.Number(LikelihoodRatio.ChiSquare, 4)}  on {LikelihoodRatio.DegreesOfFreedom} df,");
        Printing.RFormat.Warnings(w, Warnings);
        return w.ToString();
    }
}
