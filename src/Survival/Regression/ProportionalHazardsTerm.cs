namespace Survival.Regression;

/// <summary>One line of the proportional-hazards test: a covariate (all its columns), or the global test.</summary>
public sealed record ProportionalHazardsTerm
{
    internal ProportionalHazardsTerm(string name, ChiSquareTest test)
    {
        Name = name;
        Test = test;
    }

    /// <summary>The covariate's name, or <c>GLOBAL</c>.</summary>
    public string Name { get; }

    /// <summary>The score test: χ², df (the covariate's estimable columns) and P.</summary>
    public ChiSquareTest Test { get; }
}
