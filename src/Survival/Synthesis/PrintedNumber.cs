using System.Globalization;

namespace Survival.Synthesis;

/// <summary>How a published number is met.</summary>
public enum PrintedKind
{
    /// <summary>A value printed with a number of decimals: met by any value that rounds to it (half away from zero, as
    /// a paper's "73.3" is met by 73.25 up to 73.35).</summary>
    Rounded,

    /// <summary>"NR" (not reached, a median or limit that does not exist): met when the value does not exist.</summary>
    NotReached,

    /// <summary>"&lt; bound" (e.g. P &lt; 0.001): met by any value strictly below the bound.</summary>
    Below,
}

/// <summary>A number as a paper prints it: the value, its decimals, and whether it was a value, "NR" or "&lt; bound".</summary>
/// <param name="Kind">How it is met.</param>
/// <param name="Value">The printed value (the bound for <see cref="PrintedKind.Below"/>; unused for "NR").</param>
/// <param name="Decimals">The decimals it was printed with.</param>
public readonly record struct PrintedNumber(PrintedKind Kind, double Value, int Decimals)
{
    /// <summary>Whether <paramref name="reproduced"/> (null: does not exist) meets the printed number.</summary>
    /// <param name="reproduced">The value computed from a cohort.</param>
    public bool IsMetBy(double? reproduced) => Kind switch
    {
        PrintedKind.NotReached => reproduced is null,
        PrintedKind.Below => reproduced < Value,
        _ => reproduced is double r && double.IsFinite(r) && Round(r) == Round(Value),
    };

    private double Round(double x) => Math.Round(x, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The number as printed: the value at its decimals, "NR", or "&lt; bound".</summary>
    public override string ToString() => Kind switch
    {
        PrintedKind.NotReached => "NR",
        PrintedKind.Below => "< " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        _ => Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
    };
}
