using System.Globalization;
using System.Text;
using CsvHelper;

namespace Survival.Csv;

/// <summary>
/// The fast path of <see cref="SurvivalCsv.Read"/>: each field is parsed from CsvHelper's UTF-8 span straight into a
/// preallocated column (numbers by pool threads, <see cref="ParallelNumberColumn"/>; the status as a small code), with no string per field and no list of lines; labels come through CsvHelper's string
/// pool (one string per distinct label). Missing-value markers are recognised on the spans and the rows left out are
/// recorded as <see cref="CsvTable.OmitMissing"/> records them.
/// </summary>
/// <remarks>
/// It declines (returns null) at the first thing that is not plainly valid — a value that does not parse, a status
/// outside 0/1/2/true/false, a row with the wrong number of fields, a blank label, a missing value under
/// <see cref="MissingValuePolicy.Fail"/>, non-ASCII text in a number, a rule of <see cref="SurvivalData"/> broken — and
/// <see cref="SurvivalCsv"/> then reads the file again through <see cref="CsvTable"/>, whose error names the line, column
/// and value. Errors are therefore word for word those of the table path, which the tests check, and only valid files
/// take this path (issue 20: CSV load at 10^7 rows within 1.5× one Array.Sort and 3× the arrays returned).
/// </remarks>
internal static class ColumnarCsvReader
{
    private const int Declined = -1;

    public static SurvivalData? TryRead(string path, SurvivalColumns columns, CsvReadOptions options)
    {
        if (!File.Exists(path)) return null;
        long length = new FileInfo(path).Length;
        using var stream = File.OpenRead(path);
        using var csv = CsvTable.OpenReader(stream, options);
        try
        {
            csv.ReadHeader();
            var header = csv.Headers.ToArray();
            int Index(string? name)
            {
                if (name is null) return -1;
                int i = Array.IndexOf(header, name);
                return i >= 0 && Array.LastIndexOf(header, name) == i ? i : Declined - 1;
            }
            int timeAt = Index(columns.Time), eventAt = Index(columns.Event), entryAt = Index(columns.Entry), weightAt = Index(columns.Weight),
                groupAt = Index(columns.Group), strataAt = Index(columns.Strata), idAt = Index(columns.Id);
            if (new[] { timeAt, eventAt, entryAt, weightAt, groupAt, strataAt, idAt }.Any(i => i < -1) || header.Length == 0) return null;
            // Numbers and the status are checked for markers on their UTF-8 bytes (ASCII only: anything else declines), labels
            // on their trimmed strings, as the table path compares them.
            var spanColumns = new[] { timeAt, eventAt, entryAt, weightAt }.Where(i => i >= 0).Distinct().ToArray();
            var markers = options.MissingValues.Select(m => Encoding.UTF8.GetBytes(m)).ToArray();
            var markerSet = new HashSet<string>(options.MissingValues, StringComparer.Ordinal);

            int capacity = 1 << 12;
            using var time = new ParallelNumberColumn(capacity);
            var status = new byte[capacity];
            using var entry = entryAt >= 0 ? new ParallelNumberColumn(capacity) : null;
            using var weight = weightAt >= 0 ? new ParallelNumberColumn(capacity) : null;
            var group = groupAt >= 0 ? new Labels(capacity) : null;
            var strata = strataAt >= 0 ? new Labels(capacity) : null;
            var id = idAt >= 0 ? new Labels(capacity) : null;
            int n = 0, omitted = 0;
            var positions = new List<long>();
            bool sized = false;
            while (csv.Read())
            {
                if (csv.FieldCount != header.Length) return null;
                int missing = IsMissing(csv, spanColumns, markers);
                if (missing < 0) return null;
                // Labels are read as trimmed ASCII bytes (no string a row) unless they hold other text.
                ReadOnlySpan<byte> groupBytes = default, stratumBytes = default, idBytes = default;
                string? groupLabel = null, stratumLabel = null, idLabel = null;
                if (groupAt >= 0) missing |= Label(csv, groupAt, markers, markerSet, out groupBytes, out groupLabel);
                if (strataAt >= 0) missing |= Label(csv, strataAt, markers, markerSet, out stratumBytes, out stratumLabel);
                if (idAt >= 0) missing |= Label(csv, idAt, markers, markerSet, out idBytes, out idLabel);
                if (missing > 0)
                {
                    if (options.Missing == MissingValuePolicy.Fail) return null;
                    if (positions.Count < OmittedRows.MaxPositions) positions.Add(csv.LineNumber);
                    omitted++;
                    continue;
                }
                if (n == capacity)
                {
                    // Size the columns once from the bytes read so far and the file's length, then grow by half if needed.
                    capacity = !sized && csv.ByteOffset > 0
                        ? (int)Math.Min(Array.MaxLength, Math.Max(capacity * 2L, (long)(length / ((double)csv.ByteOffset / n) * 1.02) + 16))
                        : (int)Math.Min(Array.MaxLength, capacity + capacity / 2L);
                    sized = true;
                    time.Resize(capacity);
                    Array.Resize(ref status, capacity);
                    entry?.Resize(capacity);
                    weight?.Resize(capacity);
                    group?.Resize(capacity);
                    strata?.Resize(capacity);
                    id?.Resize(capacity);
                }
                // Numbers are parsed by pool threads (ParallelNumberColumn); a value that does not parse declines at the end.
                time.Add(n, csv.GetSpan(timeAt));
                int code = Status(csv.GetSpan(eventAt));
                if (code < 0) return null;
                status[n] = (byte)code;
                entry?.Add(n, csv.GetSpan(entryAt));
                weight?.Add(n, csv.GetSpan(weightAt));
                if (group is not null && !group.Add(n, groupBytes, groupLabel)) return null;
                if (strata is not null && !strata.Add(n, stratumBytes, stratumLabel)) return null;
                if (id is not null && !id.Add(n, idBytes, idLabel)) return null;
                n++;
            }
            if (n == 0) return null;
            time.Drain();
            entry?.Drain();
            weight?.Drain();
            if (time.Failed || entry?.Failed == true || weight?.Failed == true) return null;

            // R's Surv(): a status whose largest value is 2 is coded 1 = censored, 2 = event (codes: 0, 1, 2, 3 = true, 4 = false).
            bool oneTwo = status.AsSpan(0, n).Contains((byte)2);
            var events = new bool[n];
            for (int i = 0; i < n; i++)
            {
                byte c = status[i];
                if (oneTwo)
                {
                    if (c is not (1 or 2)) return null;
                    events[i] = c == 2;
                }
                else events[i] = c is 1 or 3;
            }
            SurvivalData data;
            try
            {
                data = SurvivalData.FromFactors(time.Values.AsSpan(0, n), events, group?.ToFactor(n, "group", sortLevels: true), strata?.ToFactor(n, "strata", sortLevels: true),
                    entry?.Values[..n], weight?.Values[..n], id?.ToFactor(n, "id", sortLevels: false));
            }
            catch (SurvivalInputException)
            {
                return null;
            }
            return omitted == 0 ? data : data.WithOmitted(OmittedRows.Of(omitted, positions));
        }
        catch (CsvFormatException)
        {
            return null;
        }
    }

    /// <summary>1 when a number or status field, trimmed of blanks, is one of the missing-value markers (as the table path
    /// compares them); 0 when none is; −1 (decline) when one holds non-ASCII text, whose trimming the table path decides.</summary>
    private static int IsMissing(CsvReader csv, int[] columns, byte[][] markers)
    {
        foreach (int c in columns)
        {
            var raw = csv.GetSpan(c);
            if (!Ascii.IsValid(raw)) return -1;
            var field = Trim(raw);
            foreach (var marker in markers)
                if (field.SequenceEqual(marker)) return 1;
        }
        return 0;
    }

    /// <summary>A label field: 1 when, trimmed, it is a missing-value marker, else 0. ASCII text (trimmed as
    /// <see cref="string.Trim()"/> trims it: the same six blanks) comes back as bytes with a null string; other text as
    /// its trimmed string, compared as the table path compares it.</summary>
    private static int Label(CsvReader csv, int column, byte[][] markers, HashSet<string> markerSet, out ReadOnlySpan<byte> ascii, out string? text)
    {
        var raw = csv.GetSpan(column);
        if (Ascii.IsValid(raw))
        {
            ascii = Trim(raw);
            text = null;
            foreach (var marker in markers)
                if (ascii.SequenceEqual(marker)) return 1;
            return 0;
        }
        ascii = default;
        text = csv.GetString(column).Trim();
        return markerSet.Contains(text) ? 1 : 0;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Trim(" \t\r\n\v\f"u8);

    /// <summary>0, 1, 2, 3 (true) or 4 (false); −1 for anything else.</summary>
    private static int Status(ReadOnlySpan<byte> field)
    {
        var s = Trim(field);
        if (s.Length == 1) return s[0] switch { (byte)'0' => 0, (byte)'1' => 1, (byte)'2' => 2, _ => -1 };
        if (Ascii.EqualsIgnoreCase(s, "true"u8)) return 3;
        if (Ascii.EqualsIgnoreCase(s, "false"u8)) return 4;
        return -1;
    }

    /// <summary>A label column as codes in order of first appearance, with the distinct labels.</summary>
    private sealed class Labels(int capacity)
    {
        private int[] _codes = new int[capacity];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup => _lookup ??= _index.GetAlternateLookup<ReadOnlySpan<char>>();
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>? _lookup;
        private readonly List<string> _distinct = [];

        public void Resize(int size) => Array.Resize(ref _codes, size);

        /// <summary>Adds a label given as ASCII bytes (<paramref name="text"/> null), looked up without making a string
        /// unless it is new, or as text.</summary>
        public bool Add(int row, ReadOnlySpan<byte> ascii, string? text)
        {
            if (text is not null) return Add(row, text);
            if (ascii.Length == 0) return false;
            // A few distinct labels (groups, strata): their bytes are compared directly, before any hashing.
            for (int k = 0; k < _few.Count; k++)
                if (ascii.SequenceEqual(_few[k]))
                {
                    _codes[row] = k;
                    return true;
                }
            Span<char> chars = ascii.Length <= 128 ? stackalloc char[ascii.Length] : new char[ascii.Length];
            Ascii.ToUtf16(ascii, chars, out _);
            if (Lookup.TryGetValue(chars, out int code))
            {
                _codes[row] = code;
                return true;
            }
            if (!Add(row, new string(chars))) return false;
            // Codes are given in order of first appearance, so the k-th label kept here has code k.
            if (_few.Count == _distinct.Count - 1 && _few.Count < FewLabels) _few.Add(ascii.ToArray());
            return true;
        }

        private const int FewLabels = 8;
        private readonly List<byte[]> _few = [];

        public bool Add(int row, string label)
        {
            if (label.Length == 0) return false;
            if (!_index.TryGetValue(label, out int code))
            {
                code = _distinct.Count;
                _index.Add(label, code);
                _distinct.Add(label);
            }
            _codes[row] = code;
            return true;
        }

        /// <summary>The factor <see cref="Factor.FromLabels"/> would make of the labels (levels sorted as it sorts them), or
        /// with the levels in order of first appearance (R's id).</summary>
        public Factor ToFactor(int n, string name, bool sortLevels)
        {
            if (!sortLevels) return Factor.FromCodes(_codes.AsSpan(0, n), _distinct, name);
            var sorted = Factor.FromLabels(_distinct, name: name);
            var map = sorted.Codes.ToArray();
            var codes = _codes.AsSpan(0, n);
            for (int i = 0; i < codes.Length; i++) codes[i] = map[codes[i]];
            return Factor.FromCodes(codes, sorted.Levels, name);
        }
    }
}
