namespace Survival.Regression;

/// <summary>One covariate of a Cox model read from an application's rows by a selector (see
/// <see cref="CoxRegression.Fit{T}"/>): numeric, or categorical with treatment coding.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class Covariate<T>
{
    internal Covariate(string name, Func<T, double>? numeric, Func<T, string>? categorical, string? reference)
    {
        Name = name;
        Numeric = numeric;
        Categorical = categorical;
        Reference = reference;
    }

    /// <summary>The covariate's name (the coefficient's name, or the prefix of its dummy columns).</summary>
    public string Name { get; }

    /// <summary>The reference level of a categorical covariate (null: the first level, as R).</summary>
    public string? Reference { get; }

    internal Func<T, double>? Numeric { get; }

    internal Func<T, string>? Categorical { get; }
}

/// <summary>Makes <see cref="Covariate{T}"/>s.</summary>
public static class Covariate
{
    /// <summary>A numeric covariate (one coefficient); <see cref="double.NaN"/> means missing.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="value">The value of a row.</param>
    public static Covariate<T> Numeric<T>(string name, Func<T, double> value)
        => new(name ?? throw new ArgumentNullException(nameof(name)), value ?? throw new ArgumentNullException(nameof(value)), null, null);

    /// <summary>A categorical covariate (treatment coding: one coefficient per level other than the reference); null means missing.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="level">The level of a row.</param>
    /// <param name="reference">The reference level; null for the first level in R's order.</param>
    public static Covariate<T> Categorical<T>(string name, Func<T, string> level, string? reference = null)
        => new(name ?? throw new ArgumentNullException(nameof(name)), null, level ?? throw new ArgumentNullException(nameof(level)), reference);
}
