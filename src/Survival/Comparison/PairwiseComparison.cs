namespace Survival.Comparison;

/// <summary>One pair of groups compared by a (weighted) log-rank test restricted to their rows.</summary>
public sealed record PairwiseComparison
{
    internal PairwiseComparison(string first, string second, LogRankResult test, double adjustedPValue)
    {
        First = first;
        Second = second;
        Test = test;
        AdjustedPValue = adjustedPValue;
    }

    /// <summary>The first group.</summary>
    public string First { get; }

    /// <summary>The second group.</summary>
    public string Second { get; }

    /// <summary>The two-group test on the rows of these groups only.</summary>
    public LogRankResult Test { get; }

    /// <summary>The P value after multiplicity adjustment across all pairs compared.</summary>
    public double AdjustedPValue { get; }
}

/// <summary>Pairwise log-rank comparisons with multiplicity adjustment, as survminer's <c>pairwise_survdiff</c>.</summary>
/// <remarks>Each pair is tested on the rows of its two groups only (strata kept), with the same weights; the P
/// values are then adjusted by <see cref="PValueAdjustment"/>. With a <c>reference</c>, only the comparisons of each
/// other group against it are made.</remarks>
public static class PairwiseLogRank
{
    /// <summary>Compares every pair of groups (or every group against <paramref name="reference"/>).</summary>
    /// <param name="data">Rows with at least two groups.</param>
    /// <param name="adjustment">Default <see cref="MultiplicityAdjustment.BenjaminiHochberg"/> (survminer <c>pairwise_survdiff</c>'s default).</param>
    /// <param name="options">Test options; null for R's defaults.</param>
    /// <param name="reference">A group to compare the others against; null for all pairs.</param>
    public static IReadOnlyList<PairwiseComparison> Compute(SurvivalData data, MultiplicityAdjustment adjustment = MultiplicityAdjustment.BenjaminiHochberg,
        LogRankOptions? options = null, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("Pairwise log-rank tests", "IntervalLogRank.Compute on each pair");
        var levels = data.Group?.Levels ?? throw new SurvivalInputException("pairwise comparisons need a group column");
        if (levels.Count < 2) throw new SurvivalInputException("pairwise comparisons need at least two groups");
        if (reference is not null && !levels.Contains(reference))
            throw new SurvivalInputException("the reference is not one of the groups", column: "reference", value: reference);
        var pairs = new List<(string, string)>();
        for (int a = 0; a < levels.Count; a++)
            for (int b = a + 1; b < levels.Count; b++)
                if (reference is null || levels[a] == reference || levels[b] == reference)
                    pairs.Add(reference is not null && levels[b] == reference ? (levels[b], levels[a]) : (levels[a], levels[b]));
        var tests = pairs.Select(p => LogRankTest.Compute(Subset(data, p.Item1, p.Item2), options)).ToArray();
        var adjusted = PValueAdjustment.Adjust(tests.Select(t => t.PValue).ToArray(), adjustment);
        return pairs.Select((p, i) => new PairwiseComparison(p.Item1, p.Item2, tests[i], adjusted[i])).ToArray();
    }

    private static SurvivalData Subset(SurvivalData data, string first, string second)
    {
        var keep = Enumerable.Range(0, data.Count).Where(i => data.Group![i] == first || data.Group![i] == second).ToArray();
        double[]? entry = data.HasEntry ? keep.Select(i => data.Entry[i]).ToArray() : null;
        double[]? weight = data.HasWeights ? keep.Select(i => data.Weight[i]).ToArray() : null;
        return SurvivalData.Create(keep.Select(i => data.Time[i]).ToArray(), keep.Select(i => data.Event[i]).ToArray(), entry, weight,
            keep.Select(i => data.Group![i]).ToArray(), data.Strata is null ? null : keep.Select(i => data.Strata[i]).ToArray());
    }
}
