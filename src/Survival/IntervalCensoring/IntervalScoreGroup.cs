namespace Survival.IntervalCensoring;

/// <summary>One group of a generalised log-rank test: its rows and the sum of their centred scores.</summary>
/// <param name="Group">The group label.</param>
/// <param name="N">The number of rows (weighted when weights are given).</param>
/// <param name="ScoreSum">Σ over the group's rows of w·(c − c̄): the score statistic U of the group; with Sun's scores and
/// right-censored data, the log-rank O − E.</param>
/// <param name="Variance">The permutation variance of <paramref name="ScoreSum"/>.</param>
public sealed record IntervalScoreGroup(string Group, double N, double ScoreSum, double Variance);
