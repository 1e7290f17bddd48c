namespace Survival.IntervalCensoring;

/// <summary>The generalised log-rank test for interval-censored data: per group the score statistic and its permutation
/// variance, and the χ² test on k − 1 degrees of freedom.</summary>
public sealed record IntervalLogRankResult : IIterativeFit
{
    internal IntervalLogRankResult(IntervalScoreGroup[] groups, ChiSquareTest test, IntervalLogRankOptions options, int iterations, bool converged,
        int strata, OmittedRows omitted)
    {
        Groups = new ValueList<IntervalScoreGroup>(groups);
        Test = test;
        Options = options;
        Iterations = iterations;
        Converged = converged;
        Warnings = FitWarning.OfConvergence(converged, options.MaxIterations);
        StratumCount = strata;
        Omitted = omitted;
    }

    /// <summary>The groups, in level order.</summary>
    public IReadOnlyList<IntervalScoreGroup> Groups { get; }

    /// <summary>The test.</summary>
    public ChiSquareTest Test { get; }

    /// <summary>The χ² statistic U′V⁻U.</summary>
    public double ChiSquare => Test.ChiSquare;

    /// <summary>The degrees of freedom, k − 1.</summary>
    public int DegreesOfFreedom => Test.DegreesOfFreedom;

    /// <summary>Pr(χ²_{k−1} ≥ <see cref="ChiSquare"/>).</summary>
    public double PValue => Test.PValue;

    /// <summary>The options used (the scores among them).</summary>
    public IntervalLogRankOptions Options { get; }

    /// <summary>The number of strata (1 without strata).</summary>
    public int StratumCount { get; }

    /// <summary>The input rows left out for missing values.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>Iterations of the pooled Turnbull estimate (the most over strata).</summary>
    public int Iterations { get; }

    /// <summary>Whether every pooled estimate converged.</summary>
    public bool Converged { get; }

    /// <summary>Empty, or a <see cref="FitWarningKind.NotConverged"/> warning about the pooled estimate.</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    /// <summary>The groups' N and score statistics, then the χ² line, in the layout of R's <c>print(survdiff(...))</c>.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        string scores = Options.Scores == IntervalLogRankScores.Sun ? "Sun's scores" : "Finkelstein's scores";
        w.WriteLine($"Generalised log-rank test for interval-censored data ({scores}, permutation variance{(StratumCount > 1 ? $", {StratumCount} strata" : "")})");
        if (Omitted.Count > 0) w.WriteLine($"   {Omitted}");
        w.WriteLine();
        Printing.RFormat.Table(w, ["", "N", "Score", "(U)^2/V"],
            Groups.Select(g => (IReadOnlyList<string>)[$"group={g.Group}", Printing.RFormat.Number(g.N), Printing.RFormat.Number(g.ScoreSum, 4),
                Printing.RFormat.Number(g.Variance > 0 ? g.ScoreSum * g.ScoreSum / g.Variance : double.NaN, 3)]));
        w.WriteLine();
        w.WriteLine($" {Test}");
        return w.ToString();
    }
}
