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

    /// <summary>The χ² test: statistic, df = (groups with expected &gt; 0) − 1 as R (the rank of the variance matrix when it
    /// is singular, where R stops with an error), and P.</summary>
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

    /// <summary>The test for trend over ordered groups (SAS PROC LIFETEST <c>TREND</c>): 1 df.</summary>
    /// <param name="scores">One score per group in level order; null for 1, 2, …, k.</param>
    /// <remarks>χ² = (Σ s_k (O_k − E_k))² / (sᵀ V s), referred to χ² on 1 degree of freedom, with the O, E and V of this
    /// test (so weights and strata carry over). Reference: Collett (2015), Modelling Survival Data in Medical
    /// Research, §2.7; SAS/STAT PROC LIFETEST, "Trend Tests".</remarks>
    public ChiSquareTest Trend(IReadOnlyList<double>? scores = null)
    {
        int k = Groups.Count;
        if (scores is not null && scores.Count != k)
            throw new SurvivalInputException($"needs one score per group ({k})", column: "scores", value: scores.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double num = 0, den = 0;
        for (int a = 0; a < k; a++)
        {
            double sa = scores?[a] ?? a + 1;
            num += sa * (Groups[a].Observed - Groups[a].Expected);
            for (int b = 0; b < k; b++) den += sa * (scores?[b] ?? b + 1) * _variance[a, b];
        }
        return den > 0 ? new ChiSquareTest(num * num / den, 1) : new ChiSquareTest(0, 0);
    }
}
