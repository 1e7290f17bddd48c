namespace Survival.Regression;

/// <summary>A covariate as the user named it, and the columns of the <see cref="CovariateMatrix"/> that code it (R's
/// <c>assign</c>): tests by term, such as <see cref="ProportionalHazards"/>, and predictions for a profile use it.</summary>
public sealed record CovariateTerm
{
    internal CovariateTerm(string name, int firstColumn, int columnCount, IReadOnlyList<string>? levels, string? reference)
    {
        Name = name;
        FirstColumn = firstColumn;
        ColumnCount = columnCount;
        Levels = levels;
        Reference = reference;
    }

    /// <summary>The covariate's name.</summary>
    public string Name { get; }

    /// <summary>Its first column.</summary>
    public int FirstColumn { get; }

    /// <summary>How many columns code it: 1 for a numeric covariate, the number of levels less one for a categorical
    /// one (treatment coding).</summary>
    public int ColumnCount { get; }

    /// <summary>The levels of a categorical covariate in coding order (null for a numeric one).</summary>
    public IReadOnlyList<string>? Levels { get; }

    /// <summary>The reference level of a categorical covariate (null for a numeric one).</summary>
    public string? Reference { get; }

    /// <summary>Whether the covariate is categorical.</summary>
    public bool IsCategorical => Levels is not null;
}
