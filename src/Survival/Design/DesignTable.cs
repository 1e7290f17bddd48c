using System.Globalization;
using System.Text;

namespace Survival.Design;

/// <summary>The stage-by-stage tables the design results print, in rpact's layout: a label column, then one cell per
/// stage.</summary>
internal static class DesignTable
{
    /// <summary>Appends the rows, labels padded to the longest, cells right-aligned in <paramref name="cellWidth"/>.</summary>
    public static void Append(StringBuilder text, IReadOnlyList<(string Label, IEnumerable<string> Cells)> rows, int cellWidth)
    {
        int label = rows.Max(r => r.Label.Length);
        foreach (var (name, cells) in rows)
            text.Append(name.PadRight(label)).Append(string.Concat(cells.Select(c => " " + c.PadLeft(cellWidth)))).Append('\n');
    }

    /// <summary>A number with fixed decimals; NA for NaN and Inf for +∞, as R prints them.</summary>
    public static string Number(double value, int decimals) => double.IsNaN(value) ? "NA" : double.IsPositiveInfinity(value) ? "Inf"
        : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The stages 1 … K as the header row.</summary>
    public static (string, IEnumerable<string>) StageRow(int stages)
        => ("Stage", Enumerable.Range(1, stages).Select(k => k.ToString(CultureInfo.InvariantCulture)));
}
