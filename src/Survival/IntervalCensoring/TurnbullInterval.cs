namespace Survival.IntervalCensoring;

/// <summary>One support interval of a Turnbull estimate and the probability the estimate puts in it.</summary>
/// <param name="Lower">The interval's left end (an end of the data).</param>
/// <param name="Upper">The interval's right end; equal to <paramref name="Lower"/> for an exact time (and for a left-censored
/// time before every other support point, where R places the mass at that time).</param>
/// <param name="Time">Where R's <c>survfit</c> draws the step: the midpoint of (Lower, Upper], or the exact time.</param>
/// <param name="Probability">The estimated probability that the event lies in the interval (the drop of the curve at <paramref name="Time"/>).</param>
public sealed record TurnbullInterval(double Lower, double Upper, double Time, double Probability);
