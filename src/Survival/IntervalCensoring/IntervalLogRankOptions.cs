namespace Survival.IntervalCensoring;

/// <summary>Options of <see cref="IntervalLogRank.Compute"/>.</summary>
public sealed record IntervalLogRankOptions
{
    /// <summary>The default options: Sun's scores (<c>interval::ictest</c>'s default), the NPMLE to 1e-9, R's near-tie rule on.</summary>
    public static IntervalLogRankOptions Default { get; } = new();

    /// <summary>The scores. Default <see cref="IntervalLogRankScores.Sun"/> (<c>ictest(scores = "logrank1")</c>).</summary>
    public IntervalLogRankScores Scores { get; init; } = IntervalLogRankScores.Sun;

    /// <summary>The pooled Turnbull estimate's stopping tolerance (see <see cref="TurnbullOptions.Tolerance"/>). Default 1e-9:
    /// tighter than <c>survfit</c>'s 5e-5, because the scores are read off the estimate's masses.</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>The most iterations of the pooled estimate. Default 100,000.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Whether near-equal interval ends are merged as ties (R <c>timefix = TRUE</c>).</summary>
    public bool TimeFix { get; init; } = true;

    internal void Validate()
    {
        if (!Enum.IsDefined(Scores)) throw new SurvivalInputException("unknown scores", column: "Scores", value: Scores.ToString());
        new TurnbullOptions { Tolerance = Tolerance, MaxIterations = MaxIterations }.Validate();
    }
}
