namespace Survival.Csv;

/// <summary>
/// Parses a plain decimal of at most 15 significant digits and 22 decimals (<c>-?digits[.digits]</c>, the way times are
/// usually written) by Clinger's fast path: the digits as an exact integer m &lt; 2^53 divided by the exact power 10^k.
/// One IEEE division of two exact values is correctly rounded, and so is
/// <see cref="double.TryParse(ReadOnlySpan{byte}, System.Globalization.NumberStyles, IFormatProvider, out double)"/>, so the
/// two agree bit for bit; anything else (blanks, exponents, a plus sign, more digits) is left to the BCL.
/// </summary>
/// <remarks>Written by hand because the BCL's parser, general over styles and cultures, costs several times this on the
/// short fields of a 10^7-row file (issue 20); Clinger (1990), "How to read floating point numbers accurately", PLDI.</remarks>
internal static class ShortDecimal
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The value of <paramref name="field"/> when it is a short plain decimal; false otherwise (then the BCL
    /// decides).</summary>
    public static bool TryParse(ReadOnlySpan<byte> field, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = field.Length > 0 && field[0] == (byte)'-';
        if (negative) i = 1;
        ulong mantissa = 0;
        int significant = 0, decimals = 0;
        bool point = false, digit = false;
        for (; i < field.Length; i++)
        {
            uint d = (uint)(field[i] - '0');
            if (d <= 9)
            {
                if (mantissa != 0 || d != 0)
                {
                    if (++significant > 15) return false;
                }
                mantissa = mantissa * 10 + d;
                if (point && ++decimals > 22) return false;
                digit = true;
            }
            else if (field[i] == (byte)'.' && !point) point = true;
            else return false;
        }
        if (!digit) return false;
        value = mantissa / PowersOfTen[decimals];
        if (negative) value = -value;
        return true;
    }
}
