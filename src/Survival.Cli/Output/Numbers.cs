using System.Globalization;

namespace Survival.Cli.Output;

/// <summary>The CLI's shorthands for the library's R-style formatting (<see cref="Survival.Printing.RFormat"/>), and option parsing.</summary>
internal static class Numbers
{
    public static string Format(double? value, int digits = 4) => Survival.Printing.RFormat.Number(value, digits);

    /// <summary>A P value as R's format.pval would show it.</summary>
    public static string PValue(double p) => Survival.Printing.RFormat.PValue(p);

    /// <summary>Writes rows as a right-aligned text table.</summary>
    public static void Table(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
        => Survival.Printing.RFormat.Table(output, header, rows);

    /// <summary>Parses a comma-separated list of numbers (an option's value).</summary>
    public static double[] ParseList(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
                throw new SurvivalInputException("expected a comma-separated list of finite numbers", column: option, value: parts[i]);
        }
        return result;
    }
}
