namespace Survival.Regression;

/// <summary>What a Cox fit warns about.</summary>
public enum CoxWarningKind
{
    /// <summary>The covariate is a linear combination of others (R reports its coefficient as NA); the message names them.</summary>
    Aliased,

    /// <summary>The covariate carries no information in the risk sets (singular information; NA).</summary>
    NoInformation,

    /// <summary>Newton–Raphson did not converge within the iteration limit (R: "Ran out of iterations and did not converge").</summary>
    NotConverged,

    /// <summary>The coefficient may be infinite: monotone likelihood, as from separation (R: "Loglik converged before
    /// variable …; coefficient may be infinite", or "one or more coefficients may be infinite" without convergence).</summary>
    PossiblyInfinite,

    /// <summary>The covariate has one value in every row used (R reports its coefficient as NA).</summary>
    Constant,
}

/// <summary>One warning of a Cox fit: its kind, the covariate it concerns (null when it concerns the whole fit) and R's words.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Covariate">The covariate's name, or null.</param>
/// <param name="Message">The message, in the words R uses where R warns.</param>
public sealed record CoxWarning(CoxWarningKind Kind, string? Covariate, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}
