using System.Globalization;
using System.Text;
using CsvHelper;

namespace Survival.Csv;

/// <summary>
/// Chosen columns of a CSV file, kept as text with the physical line of every row, and typed accessors that check
/// every value: a bad value is a <see cref="SurvivalInputException"/> naming the file, line, column and value.
/// </summary>
/// <remarks>
/// Numbers are read in the invariant culture (a decimal point, optional exponent); blank, <c>NaN</c> and infinite
/// values are errors, and so is a decimal comma. Events are <c>0</c>/<c>1</c>, <c>true</c>/<c>false</c> (any case) or R's
/// <c>1</c>/<c>2</c> coding (see <see cref="Events"/>).
/// A row with a different number of fields than the header, or broken quoting, is an error. Byte-order marks and
/// CRLF line ends are accepted; quoted fields are unquoted (RFC 4180). Parsing uses CsvHelper's reader. Missing-value
/// markers (<c>NA</c> and the empty field by default) are handled by <see cref="OmitMissing"/>, which an analysis calls
/// with the columns it uses before reading them as numbers or labels.
/// </remarks>
public sealed class CsvTable
{
    private readonly Dictionary<string, string[]> _columns;
    private readonly long[] _lines;
    private readonly CsvReadOptions _options;

    private CsvTable(string source, Dictionary<string, string[]> columns, long[] lines, CsvReadOptions options, OmittedRows? omitted = null)
    {
        Source = source;
        _columns = columns;
        _lines = lines;
        _options = options;
        Omitted = omitted ?? OmittedRows.None;
    }

    /// <summary>The rows left out by <see cref="OmitMissing"/> (their file lines); <see cref="OmittedRows.None"/> before.</summary>
    public OmittedRows Omitted { get; }

    /// <summary>
    /// Applies the missing-value policy of the options the table was read with to the columns an analysis uses: under
    /// <see cref="MissingValuePolicy.Omit"/> (R's <c>na.omit</c>) a row holding a missing-value marker
    /// (<see cref="CsvReadOptions.MissingValues"/>) in any of <paramref name="columns"/> is left out and its line recorded
    /// in <see cref="Omitted"/>; under <see cref="MissingValuePolicy.Fail"/> the first such value is an error naming the
    /// file, line, column and value. Columns not named do not matter.
    /// </summary>
    /// <param name="columns">The columns the analysis uses (each must have been read).</param>
    /// <returns>The table without those rows (this table when none is missing).</returns>
    /// <exception cref="SurvivalInputException">A value is missing under <see cref="MissingValuePolicy.Fail"/>, or every row has one.</exception>
    public CsvTable OmitMissing(IEnumerable<string> columns) => Omit(columns, all: false);

    /// <summary>As <see cref="OmitMissing"/>, for rows missing in <b>every</b> one of <paramref name="columns"/>: the two
    /// ends of an interval-censored row, either of which may be missing on its own (a left- or right-censored row).</summary>
    /// <param name="columns">The columns (each must have been read).</param>
    /// <returns>The table without those rows.</returns>
    /// <exception cref="SurvivalInputException">Such a row under <see cref="MissingValuePolicy.Fail"/>, or every row is one.</exception>
    public CsvTable OmitMissingInAll(IEnumerable<string> columns) => Omit(columns, all: true);

    private CsvTable Omit(IEnumerable<string> columns, bool all)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var used = columns.Distinct(StringComparer.Ordinal).Select(c => (Name: c, Values: Get(c))).ToArray();
        var markers = new HashSet<string>(_options.MissingValues, StringComparer.Ordinal);
        if (markers.Count == 0) return this;
        var keep = new bool[RowCount];
        int kept = 0;
        var positions = new List<long>();
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = true;
            if (all)
            {
                if (used.Length > 0 && used.All(u => markers.Contains(u.Values[i].Trim())))
                {
                    if (_options.Missing == MissingValuePolicy.Fail)
                        throw Bad($"both ends are missing ({string.Join(", ", used.Select(u => u.Name))}), and missing values are not allowed (--missing fail)",
                            used[^1].Name, i, used[^1].Values[i]);
                    keep[i] = false;
                }
            }
            else
            {
                foreach (var (name, values) in used)
                {
                    if (!markers.Contains(values[i].Trim())) continue;
                    if (_options.Missing == MissingValuePolicy.Fail)
                        throw Bad("the value is missing, and missing values are not allowed (--missing fail)", name, i, values[i]);
                    keep[i] = false;
                    break;
                }
            }
            if (keep[i]) kept++;
            else if (positions.Count < OmittedRows.MaxPositions) positions.Add(_lines[i]);
        }
        int omitted = RowCount - kept;
        if (omitted == 0) return this;
        if (kept == 0)
        {
            foreach (var (name, values) in used)
                if (values.All(v => markers.Contains(v.Trim())))
                    throw new SurvivalInputException("every value of the column is missing: no row is left", column: name, file: Source);
        }
        if (kept == 0)
            throw new SurvivalInputException($"every row has a missing value in {string.Join(", ", used.Select(u => u.Name))}: no row is left", file: Source);
        var lines = new long[kept];
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in _columns)
        {
            var column = new string[kept];
            for (int i = 0, j = 0; i < values.Length; i++) if (keep[i]) column[j++] = values[i];
            result[name] = column;
        }
        for (int i = 0, j = 0; i < keep.Length; i++) if (keep[i]) lines[j++] = _lines[i];
        return new CsvTable(Source, result, lines, _options, OmittedRows.Of(Omitted.Count + omitted, Omitted.Positions.Concat(positions).OrderBy(p => p)));
    }

    /// <summary>The file name (or the source's name) used in error messages.</summary>
    public string Source { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount => _lines.Length;

    /// <summary>The 1-based physical line of data row <paramref name="row"/> (0-based).</summary>
    public long LineOf(int row) => _lines[row];

    /// <summary>Reads the named columns of a file.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The header names to keep (each must exist).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="SurvivalInputException">The file is missing or malformed, or a column is unknown.</exception>
    public static CsvTable Read(string path, IReadOnlyCollection<string> columns, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new SurvivalInputException("the file does not exist", file: path);
        ArgumentNullException.ThrowIfNull(columns);
        MemoryEstimate.Check(path, columns.Count, table: true);
        using var stream = File.OpenRead(path);
        return Read(stream, path, columns, options);
    }

    /// <summary>Reads the named columns of a stream.</summary>
    /// <param name="stream">UTF-8 CSV (a byte-order mark is honoured).</param>
    /// <param name="source">The name used in error messages.</param>
    /// <param name="columns">The header names to keep (each must exist).</param>
    /// <param name="options">Options; null for the defaults.</param>
    public static CsvTable Read(Stream stream, string source, IReadOnlyCollection<string> columns, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= CsvReadOptions.Default;
        if (options.Delimiter > 127 || options.Delimiter is '"' or '\r' or '\n')
            throw new SurvivalInputException("the delimiter must be an ASCII character other than a quote or a line break",
                column: "delimiter", value: options.Delimiter.ToString());
        using var csv = OpenReader(stream, options);
        try
        {
            csv.ReadHeader();
            var header = csv.Headers.ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0)) throw new SurvivalInputException("the file is empty: no header", file: source);
            var index = new int[columns.Count];
            var names = columns.ToArray();
            for (int c = 0; c < names.Length; c++)
            {
                index[c] = Array.IndexOf(header, names[c]);
                if (index[c] < 0)
                    throw new SurvivalInputException($"unknown column (the header has: {string.Join(", ", header)})", file: source, line: 1, column: names[c]);
                if (Array.LastIndexOf(header, names[c]) != index[c])
                    throw new SurvivalInputException("the header names this column more than once, so it is ambiguous", file: source, line: 1, column: names[c]);
            }
            var values = names.Select(_ => new List<string>()).ToArray();
            var lines = new List<long>();
            while (csv.Read())
            {
                long line = csv.LineNumber;
                if (csv.FieldCount != header.Length)
                    throw new SurvivalInputException($"the row has {csv.FieldCount} fields but the header has {header.Length}", file: source, line: line,
                        value: Encoding.UTF8.GetString(csv.RawRecord));
                for (int c = 0; c < names.Length; c++) values[c].Add(csv.GetString(index[c]));
                lines.Add(line);
            }
            if (lines.Count == 0) throw new SurvivalInputException("the file has a header but no data rows", file: source);
            var dict = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (int c = 0; c < names.Length; c++) dict[names[c]] = values[c].ToArray();
            return new CsvTable(source, dict, lines.ToArray(), options);
        }
        catch (CsvFormatException ex)
        {
            throw new SurvivalInputException($"malformed CSV: {ex.Message}", file: source, line: ex.LineNumber > 0 ? ex.LineNumber : null, innerException: ex);
        }
    }

    /// <summary>CsvHelper's reader as both paths configure it: the delimiter, line numbers, malformed data an error, empty
    /// lines skipped, repeated strings pooled.</summary>
    /// <summary>The header names of a file (empty for an empty file), for readers whose columns are optional.</summary>
    internal static string[] HeaderOf(string path, CsvReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new SurvivalInputException("the file does not exist", file: path);
        using var stream = File.OpenRead(path);
        using var csv = OpenReader(stream, options ?? CsvReadOptions.Default);
        try
        {
            csv.ReadHeader();
            return csv.Headers.ToArray();
        }
        catch (Exception e) when (e is not SurvivalInputException)
        {
            return [];
        }
    }

    internal static CsvReader OpenReader(Stream stream, CsvReadOptions options, bool header = true) => CsvReader.Create(stream, new CsvReaderOptions
    {
        HasHeader = header,
        Separator = options.Delimiter,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        PoolStrings = true,
    }, leaveOpen: true);

    /// <summary>The raw text of a column.</summary>
    /// <param name="column">A column that was read.</param>
    public IReadOnlyList<string> Text(string column) => Get(column);

    /// <summary>A column as finite numbers.</summary>
    /// <param name="column">A column that was read.</param>
    /// <exception cref="SurvivalInputException">A value is blank, not a number, NaN or infinite.</exception>
    public double[] Numbers(string column)
    {
        var text = Get(column);
        var result = new double[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            var s = text[i];
            if (string.IsNullOrWhiteSpace(s)) throw Bad("the value is blank: a number is needed", column, i, s);
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                string hint = s.Contains(',') && double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? " (a decimal comma? numbers use a decimal point)" : "";
                throw Bad("not a number" + hint, column, i, s);
            }
            if (!double.IsFinite(v)) throw Bad("not a finite number", column, i, s);
            result[i] = v;
        }
        return result;
    }

    /// <summary>A column of interval ends, as R's <c>Surv(type = "interval2")</c> reads them: a missing-value marker
    /// (<see cref="CsvReadOptions.MissingValues"/>) is <see cref="double.NaN"/> (an open end), <c>Inf</c> (<c>inf</c>,
    /// <c>Infinity</c>) is +∞; any other value must be a finite number.</summary>
    /// <param name="column">A column that was read.</param>
    /// <exception cref="SurvivalInputException">A value is not a number, or is −∞.</exception>
    public double[] IntervalEnds(string column)
    {
        var text = Get(column);
        var markers = new HashSet<string>(_options.MissingValues, StringComparer.Ordinal);
        var result = new double[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            var s = text[i].Trim();
            if (markers.Contains(s)) { result[i] = double.NaN; continue; }
            if (s is "Inf" or "inf" or "+Inf" or "Infinity" or "+Infinity" or "infinity") { result[i] = double.PositiveInfinity; continue; }
            if (s.Length == 0) throw Bad("the value is blank: a number, Inf or a missing-value marker is needed", column, i, text[i]);
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                throw Bad("not a number (an interval end is a number, Inf for none, or a missing-value marker)", column, i, text[i]);
            result[i] = v;
        }
        return result;
    }

    /// <summary>
    /// A column of event indicators, coded as R's <c>Surv()</c> accepts them: <c>1</c>/<c>0</c> or <c>true</c>/<c>false</c>
    /// (any case), or <c>2</c>/<c>1</c> (event/censored) when the largest value is 2 — R's rule, under which R's own data
    /// sets such as <c>lung</c> are coded.
    /// </summary>
    /// <param name="column">A column that was read.</param>
    /// <exception cref="SurvivalInputException">A value is anything else (under the 2/1 coding, anything but 1 or 2).</exception>
    public bool[] Events(string column)
    {
        var text = Get(column);
        var result = new bool[text.Length];
        // R's Surv(): a numeric status whose maximum is 2 is coded 1 = censored, 2 = event.
        bool oneTwo = text.Any(t => t.Trim() == "2") && text.All(t => t.Trim() is "1" or "2" or "0" || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        for (int i = 0; i < text.Length; i++)
        {
            var s = text[i].Trim();
            if (oneTwo)
            {
                if (s == "2") result[i] = true;
                else if (s == "1") result[i] = false;
                else throw Bad("the status is coded 1/2 (1 = censored, 2 = event: its largest value is 2, as R's Surv() reads it), so every value must be 1 or 2", column, i, s);
            }
            else if (s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase)) result[i] = true;
            else if (s == "0" || s.Equals("false", StringComparison.OrdinalIgnoreCase)) result[i] = false;
            else throw Bad("an event must be 0/1, true/false or 1/2 (1 = censored, 2 = event, as R's Surv() reads a status whose largest value is 2)", column, i, s);
        }
        return result;
    }

    /// <summary>A column of events given by the values that mean the event (R's <c>status == 2</c> or
    /// <c>status %in% c("dead", "transplant")</c>): every other value is a censoring. Values compare as numbers when both
    /// are numbers, otherwise as trimmed text.</summary>
    /// <param name="column">A column that was read.</param>
    /// <param name="eventValues">The values meaning the event (at least one).</param>
    /// <exception cref="ArgumentException">No event values.</exception>
    public bool[] EventsWhere(string column, IReadOnlyList<string> eventValues)
    {
        ArgumentNullException.ThrowIfNull(eventValues);
        if (eventValues.Count == 0) throw new ArgumentException("at least one event value is needed", nameof(eventValues));
        var text = Get(column);
        var numbers = eventValues.Select(v => double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : (double?)null).ToArray();
        var labels = eventValues.Select(v => v.Trim()).ToArray();
        var result = new bool[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            var s = text[i].Trim();
            bool numeric = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x);
            for (int k = 0; k < labels.Length && !result[i]; k++)
                result[i] = numeric && numbers[k] is double v ? x == v : string.Equals(s, labels[k], StringComparison.Ordinal);
        }
        return result;
    }

    /// <summary>A column of labels (groups, strata, categories); blank labels are errors.</summary>
    /// <param name="column">A column that was read.</param>
    public string[] Labels(string column)
    {
        var text = Get(column);
        var result = new string[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            var s = text[i].Trim();
            if (s.Length == 0) throw Bad("the label is blank", column, i, text[i]);
            result[i] = s;
        }
        return result;
    }

    /// <summary>An error about data row <paramref name="row"/> (0-based) of <paramref name="column"/>.</summary>
    public SurvivalInputException Bad(string reason, string column, int row, string? value)
        => new(reason, file: Source, line: _lines[row], column: column, value: value);

    private string[] Get(string column) => _columns.TryGetValue(column, out var v)
        ? v
        : throw new ArgumentException($"column '{column}' was not read", nameof(column));
}
