using System.Globalization;

namespace Survival.Cli.Output;

/// <summary>Number formatting for tables, as R prints: significant digits, NA for absent values.</summary>
internal static class Numbers
{
    public static string Format(double? value, int digits = 4)
    {
        if (value is not double v) return "NA";
        if (double.IsNaN(v)) return "NaN";
        if (v == 0) return "0";
        return v.ToString("G" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>A P value as R's format.pval would show it.</summary>
    public static string PValue(double p) => p < 2e-16 ? "< 2e-16" : p.ToString("G2", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>Writes rows as a right-aligned text table.</summary>
    public static void Table(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var r in all) for (int i = 0; i < r.Count; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        foreach (var r in all) output.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
    }

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
