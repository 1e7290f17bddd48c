namespace Survival;

/// <summary>What an iterative fit warns about (one set of kinds for Cox, parametric and Fine–Gray fits).</summary>
public enum FitWarningKind
{
    /// <summary>The iteration limit was reached before the convergence test passed (R: "Ran out of iterations and did
    /// not converge"). The estimates are R's last iterate, not a maximum.</summary>
    NotConverged,

    /// <summary>The estimate may be infinite: the likelihood keeps rising along it, as from separation (R coxph: "Loglik
    /// converged before variable …; coefficient may be infinite", or "one or more coefficients may be infinite").</summary>
    PossiblyInfinite,

    /// <summary>The covariate is a linear combination of others (R reports its coefficient as NA); the message names them.</summary>
    Aliased,

    /// <summary>The covariate carries no information (singular information; R reports NA).</summary>
    NoInformation,

    /// <summary>The covariate has one value in every row used (R reports its coefficient as NA).</summary>
    Constant,

    /// <summary>R's own starting point ran out of iterations (R warns and returns that point); the fit converged from
    /// another start, and its maximum is reported. <c>Converged</c> is true: the convergence test passed there.</summary>
    FoundFromAnotherStart,
}

/// <summary>One warning of a fit: its kind, the parameter it concerns (null when it concerns the whole fit) and R's words.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Parameter">The covariate or parameter's name, or null for the whole fit.</param>
/// <param name="Message">The message, in the words R uses where R warns.</param>
public sealed record FitWarning(FitWarningKind Kind, string? Parameter, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;

    /// <summary>The warning of a fit that ran out of iterations, in R's words, with the limit.</summary>
    internal static FitWarning NotConverged(int maxIterations) =>
        new(FitWarningKind.NotConverged, null, $"Ran out of iterations ({maxIterations}) and did not converge");

    /// <summary>The warnings of a fit whose only possible warning is running out: none, or <see cref="NotConverged"/>.</summary>
    internal static ValueList<FitWarning> OfConvergence(bool converged, int maxIterations) =>
        converged ? ValueList<FitWarning>.Of([]) : ValueList<FitWarning>.Of([NotConverged(maxIterations)]);
}

/// <summary>What every iteratively fitted model reports about its iterations (Cox, parametric, Fine–Gray fits): whether
/// the convergence test passed, how many iterations were used, and the warnings R would give.</summary>
/// <remarks>One rule for all: <see cref="Converged"/> is true only when the fit's convergence test passed within its
/// iteration limit (never after step-halving failed to ascend); otherwise the result holds the last iterate R would
/// return and <see cref="Warnings"/> holds a <see cref="FitWarningKind.NotConverged"/> warning.</remarks>
public interface IIterativeFit
{
    /// <summary>Whether the convergence test passed within the iteration limit.</summary>
    bool Converged { get; }

    /// <summary>Iterations used: likelihood evaluations after the start, each step-halving counted, as R's <c>iter</c>.</summary>
    int Iterations { get; }

    /// <summary>What R would warn about for this fit; empty for a clean fit.</summary>
    IReadOnlyList<FitWarning> Warnings { get; }
}
