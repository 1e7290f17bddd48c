using Survival.Estimation;

namespace Survival.IntervalCensoring;

/// <summary>The Turnbull fit: one curve per group (per group and stratum when strata are given), and the options used.</summary>
public sealed record TurnbullResult : IIterativeFit
{
    internal TurnbullResult(TurnbullCurve[] curves, TurnbullOptions options, OmittedRows omitted)
    {
        Curves = new ValueList<TurnbullCurve>(curves);
        Options = options;
        Omitted = omitted;
    }

    /// <summary>The curves, in group-level order (group-major, then stratum), as R's <c>survfit(Surv(l, r, type = "interval2") ~ g)</c>.</summary>
    public IReadOnlyList<TurnbullCurve> Curves { get; }

    /// <summary>The curve of one group (its label).</summary>
    /// <param name="group">The group (or "group, stratum") label.</param>
    /// <exception cref="KeyNotFoundException">No curve has that label; the message lists the labels there are.</exception>
    public TurnbullCurve this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            foreach (var curve in Curves)
                if (curve.Label == group || (curve.Estimate.Stratum is null && curve.Estimate.Group == group)) return curve;
            throw new KeyNotFoundException(
                $"no curve for group '{group}'; the curves are {string.Join(", ", Curves.Select(c => $"'{c.Label ?? "(all)"}'"))}");
        }
    }

    /// <summary>The options used.</summary>
    public TurnbullOptions Options { get; }

    /// <summary>The input rows left out for missing values before the fit.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>Whether every curve's iteration converged.</summary>
    public bool Converged => Curves.All(c => c.Converged);

    /// <summary>The most iterations any curve used.</summary>
    public int Iterations => Curves.Max(c => c.Iterations);

    /// <summary>Every curve's warnings, each naming its curve when there are several.</summary>
    public IReadOnlyList<FitWarning> Warnings => ValueList<FitWarning>.Of(Curves.SelectMany(c => c.Warnings.Select(w =>
        c.Label is null ? w : w with { Parameter = c.Label, Message = $"{c.Label}: {w.Message}" })));

    /// <summary>The curves as a <see cref="KaplanMeierResult"/> (the same steps), for what reads one: plots, tables.</summary>
    public KaplanMeierResult AsSurvivalCurves() => new(Curves.Select(c => c.Estimate).ToArray(),
        new KaplanMeierOptions { ConfidenceLevel = Options.ConfidenceLevel, Transform = Options.Transform, TimeFix = Options.TimeFix })
    { Omitted = Omitted, Variance = Curves.Any(c => c.Variance == KaplanMeierVariance.Robust) ? KaplanMeierVariance.Robust : KaplanMeierVariance.Greenwood };

    /// <summary>What R's <c>print(survfit(...))</c> prints for interval-censored data: one row per curve with n, events,
    /// the median and its limits.</summary>
    public override string ToString() => AsSurvivalCurves().ToString();
}
