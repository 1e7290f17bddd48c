using System.Globalization;

namespace Survival.Printing;

/// <summary>
/// Numbers and tables as R prints them: significant digits, <c>NA</c> for an absent value, P values as
/// <c>format.pval</c>, right-aligned columns. Used by the results' <c>ToString()</c> and by the command line, so that
/// both print the same tables.
/// </summary>
public static class RFormat
{
    /// <summary>A number with <paramref name="digits"/> significant digits (R's default print is 4 for most tables);
    /// <c>NA</c> for null, <c>NaN</c> for NaN, <c>0</c> for zero.</summary>
    /// <param name="value">The value, or null for NA.</param>
    /// <param name="digits">Significant digits.</param>
    public static string Number(double? value, int digits = 4)
    {
        if (value is not double v) return "NA";
        if (double.IsNaN(v)) return "NaN";
        if (v == 0) return "0";
        return v.ToString("G" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a fit's warnings after its table, as R shows them after the call ("Warning message:" and one line
    /// each); nothing when there are none.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="warnings">The warnings.</param>
    public static void Warnings(TextWriter output, IReadOnlyList<FitWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0) return;
        output.WriteLine(warnings.Count == 1 ? "Warning message:" : "Warning messages:");
        for (int i = 0; i < warnings.Count; i++) output.WriteLine(warnings.Count == 1 ? warnings[i].Message : $"{i + 1}: {warnings[i].Message}");
    }

    /// <summary>A P value as R's <c>format.pval</c> shows it with 2 digits (<c>&lt; 2e-16</c> below that).</summary>
    /// <param name="p">The P value.</param>
    public static string PValue(double p)
        => p < 2e-16 ? "< 2e-16" : p.ToString("G2", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>Writes rows under a header as a right-aligned text table, columns two spaces apart.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="header">The column headings (the first is often empty, over the row labels).</param>
    /// <param name="rows">The rows, each as many cells as the header.</param>
    public static void Table(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var r in all) for (int i = 0; i < r.Count; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        foreach (var r in all) output.WriteLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
    }
}
