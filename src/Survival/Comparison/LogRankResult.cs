namespace Survival.Comparison;

/// <summary>A (weighted, stratified) log-rank test: the table of observed and expected events, the variance matrix of
/// O − E, and the χ² test.</summary>
public sealed record LogRankResult
{
    internal LogRankResult(GroupComparison[] groups, double[,] variance, ChiSquareTest test, LogRankOptions options, int strata)
    {
        Groups = groups;
        _variance = variance;
        Test = test;
        Options = options;
        StratumCount = strata;
    }

    private readonly double[,] _variance;

    /// <summary>One row per group, in level order.</summary>
    public IReadOnlyList<GroupComparison> Groups { get; }

    /// <summary>The variance–covariance of O − E between groups <paramref name="i"/> and <paramref name="j"/> (R's <c>var</c>).</summary>
    public double Variance(int i, int j) => _variance[i, j];

    /// <summary>The χ² test: statistic, df = (groups with expected &gt; 0) − 1, and P.</summary>
    public ChiSquareTest Test { get; }

    /// <summary>χ² statistic (shortcut for <c>Test.ChiSquare</c>).</summary>
    public double ChiSquare => Test.ChiSquare;

    /// <summary>Degrees of freedom (shortcut).</summary>
    public int DegreesOfFreedom => Test.DegreesOfFreedom;

    /// <summary>P value (shortcut).</summary>
    public double PValue => Test.PValue;

    /// <summary>The number of strata summed over.</summary>
    public int StratumCount { get; }

    /// <summary>The options used.</summary>
    public LogRankOptions Options { get; }
}
