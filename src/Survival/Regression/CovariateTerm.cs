namespace Survival.Regression;

/// <summary>A covariate as the user named it, and the columns of the <see cref="CovariateMatrix"/> that code it (R's
/// <c>assign</c>): tests by term, such as <see cref="ProportionalHazards"/>, and predictions for a profile use it.</summary>
/// <param name="Name">The covariate's name.</param>
/// <param name="FirstColumn">Its first column.</param>
/// <param name="ColumnCount">How many columns code it: 1 for a numeric covariate, the number of levels less one for a
/// categorical one (treatment coding).</param>
/// <param name="Levels">The levels of a categorical covariate in coding order (null for a numeric one).</param>
/// <param name="Reference">The reference level of a categorical covariate (null for a numeric one).</param>
public sealed record CovariateTerm(string Name, int FirstColumn, int ColumnCount, IReadOnlyList<string>? Levels, string? Reference)
{
    /// <summary>Whether the covariate is categorical.</summary>
    public bool IsCategorical => Levels is not null;
}
