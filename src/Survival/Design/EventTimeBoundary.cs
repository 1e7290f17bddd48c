namespace Survival.Design;

/// <summary>One row of an event-time monitoring boundary: with <paramref name="Events"/> events, the trial stops at a
/// look iff the total time at risk is below <paramref name="MinimumExposure"/>.</summary>
/// <param name="Events">The number of events d.</param>
/// <param name="MinimumExposure">T*(d), in the time unit of the priors; 0 when no exposure stops the trial.</param>
public sealed record EventTimeBoundary(int Events, double MinimumExposure);
