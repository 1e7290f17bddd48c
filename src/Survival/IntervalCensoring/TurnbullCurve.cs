using Survival.Estimation;

namespace Survival.IntervalCensoring;

/// <summary>The Turnbull estimate of one group (or group and stratum): the survival curve with R's table, standard
/// errors and limits, its support intervals with their probabilities, and how the iteration ended.</summary>
public sealed record TurnbullCurve : IIterativeFit
{
    internal TurnbullCurve(SurvivalCurve estimate, KaplanMeierVariance variance, TurnbullInterval[] intervals, int iterations, bool converged, int maxIterations)
    {
        Variance = variance;
        Estimate = estimate;
        Intervals = new ValueList<TurnbullInterval>(intervals);
        Iterations = iterations;
        Converged = converged;
        Warnings = FitWarning.OfConvergence(converged, maxIterations);
    }

    /// <summary>The survival curve as R's <c>survfit</c> returns it for interval-censored data: steps at every end and support
    /// point, S(t), standard errors and limits, and what is read off it (<see cref="SurvivalCurve.Median"/>,
    /// <see cref="SurvivalCurve.Quantile"/>, <see cref="SurvivalCurve.SurvivalAt(double)"/>, …).</summary>
    public SurvivalCurve Estimate { get; }

    /// <summary>The variance behind <see cref="SurvivalStep.StdErr"/> and the limits: R's default rule on the last weighted
    /// Kaplan–Meier fit, so <see cref="KaplanMeierVariance.Robust"/> (each weighted row its own cluster) whenever a weight
    /// the iteration put on a support point is not a whole number, which is almost always; <see cref="KaplanMeierVariance.Greenwood"/>
    /// otherwise. R's <c>survfit</c> object then holds se(S) in <c>std.err</c> (its <c>summary()</c> multiplies it by S
    /// once more, because <c>survfitTurnbull</c> drops the <c>logse</c> flag; the library does not copy that).</summary>
    public KaplanMeierVariance Variance { get; }

    /// <summary>The curve's label (group, stratum), as <see cref="SurvivalCurve.Label"/>.</summary>
    public string? Label => Estimate.Label;

    /// <summary>The support intervals (Turnbull's innermost intervals, and exact times) in time order, with their
    /// probabilities. They sum to 1 − S at the last support point; any rest lies beyond the last interval, after a
    /// right-censored time.</summary>
    public IReadOnlyList<TurnbullInterval> Intervals { get; }

    /// <summary>Self-consistency iterations used (0 when no row is interval- or left-censored: the curve is then the
    /// Kaplan–Meier estimate).</summary>
    public int Iterations { get; }

    /// <summary>Whether R's convergence test passed within <see cref="TurnbullOptions.MaxIterations"/>.</summary>
    public bool Converged { get; }

    /// <summary>Empty, or a <see cref="FitWarningKind.NotConverged"/> warning.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }
}
