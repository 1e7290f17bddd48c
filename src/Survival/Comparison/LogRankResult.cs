namespace Survival.Comparison;

/// <summary>A (weighted, stratified) log-rank test: the table of observed and expected events, the variance matrix of
/// O − E, and the χ² test.</summary>
public sealed record LogRankResult
{
    internal LogRankResult(GroupComparison[] groups, double[,] variance, ChiSquareTest test, LogRankOptions options, int strata)
    {
        Groups = new ValueList<GroupComparison>(groups);
        _variance = new SquareMatrix(variance);
        Test = test;
        Options = options;
        StratumCount = strata;
    }

    private readonly SquareMatrix _variance;

    /// <summary>The input rows left out for missing values before the test (R's <c>na.action</c>).</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>What R's <c>print(survdiff(...))</c> prints: N, Observed, Expected, (O−E)²/E and (O−E)²/V per group and
    /// the χ² line, after R's note on rows deleted for missingness.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        if (Omitted.Count > 0)
        {
            w.WriteLine($"n= {Groups.Sum(g => g.N)}, {Omitted}.");
            w.WriteLine();
        }
        Printing.RFormat.Table(w, ["", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"],
            Groups.Select((g, i) => (IReadOnlyList<string>)[$"group={g.Group}", g.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Printing.RFormat.Number(g.Observed), Printing.RFormat.Number(g.Expected, 3),
                Printing.RFormat.Number(Math.Pow(g.Observed - g.Expected, 2) / g.Expected, 3),
                Printing.RFormat.Number(Math.Pow(g.Observed - g.Expected, 2) / _variance[i, i], 3)]));
        w.WriteLine();
        w.WriteLine($" Chisq= {Printing.RFormat.Number(ChiSquare, 3)}  on {DegreesOfFreedom} degrees of freedom, p= {Printing.RFormat.PValue(PValue)}");
        return w.ToString();
    }

    /// <summary>One row per group, in level order.</summary>
    public IReadOnlyList<GroupComparison> Groups { get; }

    /// <summary>The row of one group.</summary>
    /// <param name="group">The group label.</param>
    /// <exception cref="KeyNotFoundException">No group has that label; the message lists the groups there are.</exception>
    public GroupComparison this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            foreach (var g in Groups) if (g.Group == group) return g;
            throw new KeyNotFoundException($"no group '{group}'; the groups are {string.Join(", ", Groups.Select(g => $"'{g.Group}'"))}");
        }
    }

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
