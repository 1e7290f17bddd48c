namespace Survival;

/// <summary>What an interval-censored row (left, right] says about its event time: R's <c>Surv(type = "interval")</c>
/// status codes, which the values keep.</summary>
public enum IntervalKind
{
    /// <summary>Right-censored: the event is after the left end (right end infinite or missing; R status 0).</summary>
    RightCensored = 0,

    /// <summary>An exact time: left end = right end (R status 1).</summary>
    Exact = 1,

    /// <summary>Left-censored: the event is at or before the right end (left end missing; R status 2).</summary>
    LeftCensored = 2,

    /// <summary>Interval-censored: the event is in (left, right] (R status 3). A left end of 0 is an interval (0, right],
    /// as R's <c>interval2</c> reads it, not a left-censored row: the likelihoods agree, but R's Turnbull estimate places
    /// the mass differently (see <see cref="IntervalCensoring.Turnbull"/>).</summary>
    Interval = 3,
}
