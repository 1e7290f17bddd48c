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

    /// <summary>One column of a numeric matrix as R's <c>print</c> formats it (<c>formatReal</c> with
    /// <paramref name="digits"/> significant digits): each value is given as many significant digits as it needs, up to
    /// <paramref name="digits"/>, and the whole column then takes the most decimals any value needs, in fixed notation
    /// unless scientific is narrower (R's <c>scipen = 0</c>). <c>NA</c> for NaN.</summary>
    /// <param name="values">The column.</param>
    /// <param name="digits">Significant digits (R's <c>getOption("digits")</c>, 7).</param>
    /// <returns>The formatted cells, not padded.</returns>
    public static IReadOnlyList<string> Column(IReadOnlyList<double> values, int digits = 7)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        bool negative = false;
        int maxLeft = 1, maxRight = 0, maxSignificant = 1, maxExponent = 0;
        bool any = false;
        foreach (double x in values)
        {
            if (!double.IsFinite(x)) continue;
            any = true;
            var (significant, exponent) = Significance(x, digits);
            if (x < 0) negative = true;
            maxLeft = Math.Max(maxLeft, exponent + 1);
            maxRight = Math.Max(maxRight, significant - exponent - 1);
            maxSignificant = Math.Max(maxSignificant, significant);
            maxExponent = Math.Max(maxExponent, Math.Abs(exponent));
        }
        int fixedWidth = (negative ? 1 : 0) + maxLeft + maxRight + (maxRight > 0 ? 1 : 0);
        int scientificWidth = (negative ? 1 : 0) + (maxSignificant > 1 ? maxSignificant + 1 : maxSignificant) + (maxExponent >= 100 ? 5 : 4);
        bool scientific = any && fixedWidth > scientificWidth;
        return values.Select(x => double.IsNaN(x) ? "NA" : double.IsPositiveInfinity(x) ? "Inf" : double.IsNegativeInfinity(x) ? "-Inf"
            : scientific ? Scientific(x, maxSignificant - 1) : x.ToString("F" + maxRight, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The significant digits (at most <paramref name="digits"/>, trailing zeros dropped) and the decimal
    /// exponent of <paramref name="x"/> rounded to <paramref name="digits"/> significant digits (R's <c>scientific</c>).</summary>
    private static (int Significant, int Exponent) Significance(double x, int digits)
    {
        if (x == 0) return (1, 0);
        string e = Math.Abs(x).ToString("E" + (digits - 1), CultureInfo.InvariantCulture);   // d.dddddde+xxx, rounded
        int at = e.IndexOf('E', StringComparison.Ordinal);
        string mantissa = e[..at].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        return (Math.Max(1, mantissa.Length), int.Parse(e[(at + 1)..], CultureInfo.InvariantCulture));
    }

    private static string Scientific(double x, int decimals)
    {
        string e = x.ToString("E" + decimals, CultureInfo.InvariantCulture);
        int at = e.IndexOf('E', StringComparison.Ordinal);
        int exponent = int.Parse(e[(at + 1)..], CultureInfo.InvariantCulture);
        return e[..at] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a numeric matrix as R's <c>print</c> does: row names left-aligned, each column formatted by
    /// <see cref="Column"/> and right-aligned under its name, one space apart.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="rowNames">The row names.</param>
    /// <param name="columnNames">The column names.</param>
    /// <param name="columns">The values, one array per column.</param>
    /// <param name="digits">Significant digits (R's 7).</param>
    public static void Matrix(TextWriter output, IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames, IReadOnlyList<IReadOnlyList<double>> columns, int digits = 7)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rowNames);
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columns);
        if (columnNames.Count != columns.Count) throw new ArgumentException($"{columnNames.Count} column names for {columns.Count} columns", nameof(columnNames));
        if (columns.Any(c => c.Count != rowNames.Count)) throw new ArgumentException($"every column needs one value per row name ({rowNames.Count})", nameof(columns));
        var cells = columns.Select(c => Column(c, digits)).ToArray();
        int labelWidth = rowNames.Count == 0 ? 0 : rowNames.Max(r => r.Length);
        var widths = cells.Select((c, j) => Math.Max(columnNames[j].Length, c.Count == 0 ? 0 : c.Max(v => v.Length))).ToArray();
        var line = new System.Text.StringBuilder(new string(' ', labelWidth));
        for (int j = 0; j < cells.Length; j++) line.Append(' ').Append(columnNames[j].PadLeft(widths[j]));
        output.Write(line.Append('\n'));
        for (int i = 0; i < rowNames.Count; i++)
        {
            line.Clear().Append(rowNames[i].PadRight(labelWidth));
            for (int j = 0; j < cells.Length; j++) line.Append(' ').Append(cells[j][i].PadLeft(widths[j]));
            output.Write(line.Append('\n'));
        }
    }

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
