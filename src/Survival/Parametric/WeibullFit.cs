namespace Survival.Parametric;

/// <summary>
/// The Weibull model fitted by maximum likelihood, parameterised as R's <c>survreg(dist = "weibull")</c>: log T = μ + σW
/// with W standard extreme-value, so S(t) = exp(−(t/e^μ)^(1/σ)); shape = 1/σ, scale = e^μ.
/// </summary>
/// <remarks>
/// Log-likelihood (of T, as survreg reports it), with z = (log t − μ)/σ: events contribute −log σ − log t + z − e^z,
/// censored rows −e^z. Newton–Raphson on (μ, log σ) with analytic derivatives, from the exponential fit, halving steps
/// that lower the likelihood, until the relative change of the log-likelihood is ≤ 1e-9 on a full step (survreg's rule
/// and limit of 30 iterations). Standard errors from the inverse observed information. The likelihood-ratio test against the exponential model (σ = 1) has 1 df.
/// Reference: Kalbfleisch &amp; Prentice (2002), §3.2; R survival <c>survreg</c>.
/// </remarks>
public sealed record WeibullFit : IIterativeFit
{
    internal WeibullFit(double mu, double logSigma, double[,] covariance, double logLikelihood, double exponentialLogLikelihood, int iterations, double level,
        bool converged, int maxIterations)
    {
        Converged = converged;
        Warnings = FitWarning.OfConvergence(converged, maxIterations);
        Intercept = mu;
        LogScale = logSigma;
        InterceptStdErr = Math.Sqrt(covariance[0, 0]);
        LogScaleStdErr = Math.Sqrt(covariance[1, 1]);
        _covariance = new SquareMatrix(covariance);
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        double z = ConfidenceLevel.Z(level);
        Shape = new IntervalEstimate(Math.Exp(-logSigma), Math.Exp(-logSigma - z * LogScaleStdErr), Math.Exp(-logSigma + z * LogScaleStdErr));
        Scale = new IntervalEstimate(Math.Exp(mu), Math.Exp(mu - z * InterceptStdErr), Math.Exp(mu + z * InterceptStdErr));
        ExponentialTest = new ChiSquareTest(Math.Max(0, 2 * (logLikelihood - exponentialLogLikelihood)), 1);
    }

    /// <summary>Whether Newton–Raphson converged (R warns "Ran out of iterations and did not converge" when it did not).</summary>
    public bool Converged { get; }

    /// <summary>A <see cref="FitWarningKind.NotConverged"/> warning when the iterations ran out (the estimates are then
    /// survreg's last iterate); empty otherwise.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    /// <summary>μ, R's <c>(Intercept)</c>.</summary>
    public double Intercept { get; }

    /// <summary>Standard error of μ.</summary>
    public double InterceptStdErr { get; }

    /// <summary>log σ, R's <c>Log(scale)</c>.</summary>
    public double LogScale { get; }

    /// <summary>Standard error of log σ.</summary>
    public double LogScaleStdErr { get; }

    private readonly SquareMatrix _covariance;

    /// <summary>Element (i, j) of the covariance of (μ, log σ), R's <c>vcov(fit)</c> (0 = μ, 1 = log σ).</summary>
    public double Covariance(int i, int j) => _covariance[i, j];

    /// <summary>The Weibull shape 1/σ with Wald limits from log σ.</summary>
    public IntervalEstimate Shape { get; }

    /// <summary>The Weibull scale e^μ (time units) with Wald limits from μ.</summary>
    public IntervalEstimate Scale { get; }

    /// <summary>The maximised log-likelihood, as R's <c>survreg</c>.</summary>
    public double LogLikelihood { get; }

    /// <summary>Likelihood-ratio test of the exponential model (shape 1) against this one.</summary>
    public ChiSquareTest ExponentialTest { get; }

    /// <summary>Newton–Raphson iterations used.</summary>
    public int Iterations { get; }

    /// <summary>The fitted survival exp(−(t/scale)^shape).</summary>
    public double Survival(double time) => Math.Exp(-Math.Pow(time / Math.Exp(Intercept), Math.Exp(-LogScale)));

    /// <summary>What R's <c>summary(survreg(dist = "weibull"))</c> prints: (Intercept) and Log(scale) with standard errors,
    /// the scale, the log-likelihood, and here also the likelihood-ratio test of the exponential model.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        Printing.RFormat.Table(w, ["", "Value", "Std. Error"],
        [
            ["(Intercept)", Printing.RFormat.Number(Intercept), Printing.RFormat.Number(InterceptStdErr)],
            ["Log(scale)", Printing.RFormat.Number(LogScale), Printing.RFormat.Number(LogScaleStdErr)],
        ]);
        w.WriteLine();
        w.WriteLine($"Scale= {Printing.RFormat.Number(Math.Exp(LogScale), 3)}");
        w.WriteLine();
        w.WriteLine($"Weibull distribution");
        w.WriteLine($"Loglik(model)= {LogLikelihood.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}");
        w.WriteLine($"Exponential vs Weibull (σ = 1): {ExponentialTest}");
        Printing.RFormat.Warnings(w, Warnings);
        return w.ToString();
    }
}
