using System.Globalization;

namespace Survival.Digitizing;

/// <summary>A 24-bit colour, written <c>#rrggbb</c>.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>Parses <c>#rrggbb</c> (the <c>#</c> optional, either case).</summary>
    /// <param name="text">The colour.</param>
    /// <exception cref="SurvivalInputException">Not six hexadecimal digits.</exception>
    public static RgbColor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string hex = text.Trim().TrimStart('#');
        if (hex.Length != 6 || !int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
            throw new SurvivalInputException("a colour must be written #rrggbb (six hexadecimal digits)", column: "--colors", value: text);
        return new RgbColor((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>The colour as <c>#rrggbb</c>, lower case.</summary>
    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
