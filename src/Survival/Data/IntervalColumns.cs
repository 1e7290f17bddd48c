namespace Survival;

/// <summary>Which columns of a table hold interval-censored data: each row's interval (left, right] and optionally a weight,
/// group and stratum (the interval-censored sibling of <see cref="SurvivalColumns"/>).</summary>
/// <param name="Left">The left end (missing: left-censored, as R's <c>interval2</c>).</param>
/// <param name="Right">The right end (missing or <c>Inf</c>: right-censored).</param>
/// <param name="Weight">Optional case weight.</param>
/// <param name="Group">Optional group label.</param>
/// <param name="Strata">Optional stratum label.</param>
public sealed record IntervalColumns(string Left, string Right, string? Weight = null, string? Group = null, string? Strata = null)
{
    /// <summary>The distinct column names in use.</summary>
    public IReadOnlyList<string> Names => new[] { Left, Right, Weight, Group, Strata }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
}
