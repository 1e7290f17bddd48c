namespace Survival.CompetingRisks;

/// <summary>Gray's test of one cause: the χ² statistic comparing its cumulative incidence across groups.</summary>
public sealed record GrayTestResult
{
    internal GrayTestResult(string cause, ChiSquareTest test, double[] scores)
    {
        Cause = cause;
        Test = test;
        Scores = ValueList<double>.Of(scores);
    }

    /// <summary>The cause, as written in the data.</summary>
    public string Cause { get; }

    /// <summary>The statistic on (groups − 1) degrees of freedom and its P.</summary>
    public ChiSquareTest Test { get; }

    /// <summary>The score of each group but the last (observed minus expected, weighted; summed over strata).</summary>
    public IReadOnlyList<double> Scores { get; }
}
