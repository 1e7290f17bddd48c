using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>Issue 20: the short-decimal fast path must give the BCL parser's double bit for bit, and leave to it
/// everything it does not take.</summary>
public class ShortDecimalTests
{
    private static bool SameAsBcl(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (!ShortDecimal.TryParse(bytes, out double fast)) return true; // left to the BCL
        return double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out double bcl)
            && BitConverter.DoubleToInt64Bits(fast) == BitConverter.DoubleToInt64Bits(bcl);
    }

    /// <summary>Random digit strings of 1 to 17 digits with the point anywhere (or nowhere), signs and leading zeros.</summary>
    [Property(MaxTest = 2000)]
    public bool Equals_the_bcl_parse(ulong digits, byte length, byte pointAt, bool negative, byte zeros)
    {
        string s = digits.ToString(CultureInfo.InvariantCulture);
        s = new string('0', zeros % 4) + s[..Math.Max(1, Math.Min(s.Length, 1 + length % 17))];
        int at = pointAt % (s.Length + 2);
        if (at <= s.Length) s = s.Insert(at, ".");
        return SameAsBcl((negative ? "-" : "") + s);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("0.1")]
    [InlineData("12.34")]
    [InlineData("999999999999999")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("123456789.012345")]
    public void Takes_plain_decimals(string text)
    {
        Assert.True(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));
        Assert.True(SameAsBcl(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("1.2.3")]
    [InlineData("1234567890123456")]          // 16 significant digits
    [InlineData("0.00000000000000000000001")] // 23 decimals
    [InlineData("NA")]
    public void Leaves_the_rest_to_the_bcl(string text) => Assert.False(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));
}
