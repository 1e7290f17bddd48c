namespace Survival;

/// <summary>What happens to a row with a missing value in a column the analysis uses.</summary>
/// <remarks>R's default (<c>options(na.action = "na.omit")</c>) is <see cref="Omit"/>, and so is this library's: the
/// row is left out, and the number of rows left out is reported ("1 observation deleted due to missingness").
/// A missing value is never a group, a category or a number; columns the analysis does not use do not matter.</remarks>
public enum MissingValuePolicy
{
    /// <summary>Leave the row out and report it in <see cref="SurvivalData.Omitted"/> (R <c>na.omit</c>, the default).</summary>
    Omit,

    /// <summary>Stop with an error naming the row (file, line, column and value where there is one), as R
    /// <c>na.fail</c>.</summary>
    Fail,
}
