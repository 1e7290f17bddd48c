namespace Survival.Design;

/// <summary>One- or two-sided testing (rpact's <c>sided</c>).</summary>
public enum TestSides
{
    /// <summary>One-sided: reject for large values of the statistic only (rpact's default, <c>sided = 1</c>).</summary>
    One = 1,

    /// <summary>Two-sided and symmetric: reject for |Z| large (<c>sided = 2</c>); α is the total of both tails.</summary>
    Two = 2,
}
