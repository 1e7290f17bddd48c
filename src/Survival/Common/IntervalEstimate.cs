namespace Survival;

/// <summary>
/// A point estimate with its confidence limits. Any of the three may be absent (null) where it does not exist,
/// as R reports <c>NA</c>: a median that is not reached, or an upper limit the curve never crosses.
/// </summary>
/// <param name="Estimate">The point estimate, or null when it does not exist.</param>
/// <param name="Lower">The lower confidence limit, or null when it does not exist.</param>
/// <param name="Upper">The upper confidence limit, or null when it does not exist.</param>
public readonly record struct IntervalEstimate(double? Estimate, double? Lower, double? Upper);
