using Survival.Estimation;
using Survival.Regression;

namespace Survival.Comparison;

/// <summary>
/// What a paper's table reports for two groups, in one call: each group's median with its limits, the log-rank P, and
/// the hazard ratio of the second group against the first (reference) from a Cox model with the group as the only
/// covariate (Efron ties, as R).
/// </summary>
public sealed record TwoGroupSummary
{
    internal TwoGroupSummary(SurvivalCurve first, SurvivalCurve second, LogRankResult logRank, CoxCoefficient hazardRatio)
    {
        First = first;
        Second = second;
        LogRank = logRank;
        HazardRatio = hazardRatio;
    }

    /// <summary>The reference group's Kaplan–Meier curve (median in <see cref="SurvivalCurve.Median"/>).</summary>
    public SurvivalCurve First { get; }

    /// <summary>The other group's curve.</summary>
    public SurvivalCurve Second { get; }

    /// <summary>The log-rank test.</summary>
    public LogRankResult LogRank { get; }

    /// <summary>The Cox hazard ratio of <see cref="Second"/> against <see cref="First"/>, with limits and P.</summary>
    public CoxCoefficient HazardRatio { get; }

    /// <summary>Summarises a two-group comparison.</summary>
    /// <param name="data">Rows with exactly two groups (strata, if any, stratify the test and the Cox model).</param>
    /// <param name="reference">The reference group; null for the first level.</param>
    public static TwoGroupSummary Compute(SurvivalData data, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The two-group summary", "Turnbull.Fit, AftModel.Fit and IntervalLogRank.Compute");
        var group = data.Group ?? throw new SurvivalInputException("a two-group summary needs a group column");
        if (group.Levels.Count != 2) throw new SurvivalInputException($"a two-group summary needs exactly two groups, not {group.Levels.Count}", column: "group");
        reference ??= group.Levels[0];
        if (!group.Levels.Contains(reference)) throw new SurvivalInputException("the reference is not one of the groups", column: "reference", value: reference);
        string other = group.Levels[0] == reference ? group.Levels[1] : group.Levels[0];
        var curves = KaplanMeier.Fit(SurvivalData.FromFactors(data.Time, data.Event, group, entry: data.EntryArray, weight: data.WeightArray)).Curves;
        var x = new CovariateMatrix(data.Count).AddCategorical("group", group, reference);
        var cox = CoxRegression.Fit(data, x);
        return new TwoGroupSummary(curves.Single(c => c.Group == reference), curves.Single(c => c.Group == other), LogRankTest.Compute(data), cox.Coefficients[0]);
    }
}
