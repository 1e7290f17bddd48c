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

    /// <summary>How far <paramref name="reproduced"/> is from meeting the printed number: 0 when it is met
    /// (<see cref="IsMetBy"/>), otherwise at least 0.5, growing with the gap. The objective a synthesis minimises.</summary>
    /// <param name="reproduced">The value computed from a cohort (null: it does not exist).</param>
    /// <remarks>
    /// For a rounded number with unit u = 10<sup>−decimals</sup> and a value v outside its rounding window
    /// [p − u/2, p + u/2], the distance is 0.5 + ln(1 + g) with g = (|v − p| − u/2)/u, the gap in printed units,
    /// compressed so that one far-off number does not outweigh several near ones. For "&lt; b" it is 0.5 + ln(v/b).
    /// A value that should exist and does not, or "NR" where a value exists, counts 3: about a gap of 10 printed units.
    /// </remarks>
    public double Distance(double? reproduced)
    {
        if (IsMetBy(reproduced)) return 0;
        if (Kind == PrintedKind.NotReached || reproduced is not double v || !double.IsFinite(v)) return 3;
        if (Kind == PrintedKind.Below) return 0.5 + Math.Log(Math.Max(1, v / Value));
        double unit = Math.Pow(10, -Decimals);
        double gap = Math.Max(0, (Math.Abs(v - Value) - unit / 2) / unit);
        return 0.5 + Math.Log(1 + gap);
    }

    private double Round(double x) => Math.Round(x, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The number as printed: the value at its decimals, "NR", or "&lt; bound".</summary>
    public override string ToString() => Kind switch
    {
        PrintedKind.NotReached => "NR",
        PrintedKind.Below => "< " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        _ => Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
    };
}
