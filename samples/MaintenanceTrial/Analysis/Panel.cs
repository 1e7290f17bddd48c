using Survival;
using Survival.Comparison;
using Survival.Estimation;

namespace MaintenanceTrial;

/// <summary>
/// One Kaplan–Meier panel of a figure: the rows it is drawn from, the fitted curves and, where groups are compared,
/// the log-rank test printed on it.
/// </summary>
/// <param name="Name">File name stem of the drawn figure, e.g. <c>figure2b-pfs-by-risk</c>.</param>
/// <param name="Title">The panel's title as the report shows it.</param>
/// <param name="YLabel">The endpoint, as the y-axis label.</param>
/// <param name="Data">The rows (months; group = the curve's label).</param>
/// <param name="Fit">Kaplan–Meier, R <c>survfit</c> defaults (Greenwood, log-scale 95% limits).</param>
/// <param name="LogRank">The log-rank test across the groups (R <c>survdiff</c>, ρ = 0); null for a single curve.</param>
public sealed record Panel(string Name, string Title, string YLabel, SurvivalData Data, KaplanMeierResult Fit, LogRankResult? LogRank)
{
    /// <summary>The only curve of an ungrouped panel.</summary>
    public SurvivalCurve Curve => Fit.Curves.Count == 1 ? Fit.Curves[0] : throw new InvalidOperationException($"{Name} has {Fit.Curves.Count} curves; name one");

    /// <summary>The curve of one group (its label in <see cref="Data"/>).</summary>
    public SurvivalCurve CurveOf(string group)
        => Fit.Curves.SingleOrDefault(c => c.Group == group)
           ?? throw new ArgumentException($"{Name} has no group '{group}' (it has {string.Join(", ", Fit.Curves.Select(c => c.Group))})", nameof(group));

    /// <summary>Fits one panel.</summary>
    internal static Panel Of(string name, string title, string yLabel, SurvivalData data)
    {
        var fit = KaplanMeier.Fit(data);
        return new Panel(name, title, yLabel, data, fit, data.Group is null ? null : LogRankTest.Compute(data));
    }
}
