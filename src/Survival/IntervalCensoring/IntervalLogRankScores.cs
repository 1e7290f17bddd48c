namespace Survival.IntervalCensoring;

/// <summary>The scores of the generalised log-rank test for interval-censored data (R package <c>interval</c>,
/// <c>ictest(scores =)</c>).</summary>
public enum IntervalLogRankScores
{
    /// <summary>Sun's (1996) scores, <c>ictest</c>'s default <c>"logrank1"</c>: with right-censored data they are the
    /// log-rank scores exactly (an event at t scores 1 − Λ(t), a censoring −Λ(t), Λ the Nelson–Aalen hazard), so the
    /// score statistic is <c>survdiff</c>'s O − E.</summary>
    Sun,

    /// <summary>Finkelstein's (1986) scores, <c>"logrank2"</c>: the efficient score of a proportional-hazards model at β = 0
    /// with the baseline at its NPMLE: c = [S(L) log S(L) − S(R) log S(R)] / [S(L) − S(R)].</summary>
    Finkelstein,
}
