namespace Survival.Csv;

/// <summary>
/// Before a CSV file is loaded into memory, an estimate of the memory the load needs, from the file's size and the
/// length of its first lines; a file that would not fit is refused with a clear error that points to the readers that
/// reduce the rows to counts without loading them (<c>Survival.DuckDb</c>, <c>Survival.Sql</c>), instead of an
/// out-of-memory crash part-way.
/// </summary>
/// <remarks>
/// Rows ≈ file size ÷ the mean length of the lines in the first 64 KiB. The columnar path keeps 8 bytes per column
/// per row plus the row's flags and codes and peaks near 3× that while it parses (measured at 10⁷ rows: 2.7×, see
/// benchmarks/README.md); the table path keeps one string per field (about 40 bytes plus two per character). The
/// estimate is compared with what the runtime may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>, which
/// honours container limits). Files under 64 MiB are not checked: they fit anywhere .NET runs.
/// </remarks>
internal static class MemoryEstimate
{
    private static readonly AsyncLocal<(long MinimumSize, long Available)?> Override = new();

    /// <summary>For tests: within the caller's flow only (other tests running at the same time are not affected), check
    /// files from <paramref name="minimumSize"/> bytes against <paramref name="available"/> bytes.</summary>
    internal static void OverrideForTests(long minimumSize, long available) => Override.Value = (minimumSize, available);

    /// <summary>Throws when loading <paramref name="columns"/> columns of <paramref name="path"/> by the columnar path
    /// (<paramref name="table"/> false) or the table path would need more memory than the process may use.</summary>
    internal static void Check(string path, int columns, bool table)
    {
        var info = new FileInfo(path);
        long minimumSize = Override.Value?.MinimumSize ?? 64L << 20;
        if (!info.Exists || info.Length < minimumSize) return;
        double lineLength = MeanLineLength(path);
        double rows = info.Length / lineLength;
        double perRow = table ? columns * 40.0 + 2 * lineLength + 16 : 3.0 * (columns * 8.0 + 8);
        double need = rows * perRow;
        long available = Override.Value?.Available ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (need > available)
            throw new SurvivalInputException(
                $"loading this file ({Gib(info.Length)}, about {rows.ToString("0.#e0", System.Globalization.CultureInfo.InvariantCulture)} rows) needs about {Gib(need)} of memory, more than the {Gib(available)} " +
                "this process may use; reduce it to counts without loading the rows: Survival.DuckDb (DuckDbCounts.Read, or the CLI's " +
                "km/logrank/cuminc on a .parquet file) or a database (Survival.Sql, the CLI's --connection)", file: path);
    }

    /// <summary>The rows a file's size suggests (size ÷ the mean length of its first lines).</summary>
    internal static long Rows(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length > 0 ? (long)(info.Length / MeanLineLength(path)) : 0;
    }

    private static double MeanLineLength(string path)
    {
        var buffer = new byte[64 * 1024];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        int lines = buffer.AsSpan(0, read).Count((byte)'\n');
        return lines == 0 ? read : (double)read / lines;
    }

    private static string Gib(double bytes) => (bytes / (1L << 30)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GiB";
}
