using System.Globalization;
using System.Text;
using CsvHelper;

namespace Survival.Csv;

/// <summary>
/// The fast path of <see cref="SurvivalCsv.Read"/>: each field is parsed from CsvHelper's UTF-8 span straight into a
/// preallocated column (numbers by pool threads, <see cref="ParallelNumberColumn"/>, short decimals by
/// <see cref="ShortDecimal"/>; the status as a small code), with no string per field and no list of lines; ASCII labels
/// are matched as bytes (a string only per distinct label). A file of <see cref="SplitBytes"/> or more is read in two
/// halves at once when <see cref="SplitPoint"/> finds a safe line to split at. Missing-value markers are recognised on
/// the spans and the rows left out are recorded as <see cref="CsvTable.OmitMissing"/> records them.
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

    /// <summary>Files from this size up are read in two halves at once (when <see cref="SplitPoint"/> finds a safe split).</summary>
    internal const long SplitBytes = 1 << 24;

    public static SurvivalData? TryRead(string path, SurvivalColumns columns, CsvReadOptions options, long splitBytes = SplitBytes,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        if (!File.Exists(path)) return null;
        long length = new FileInfo(path).Length;
        string[] header;
        using (var stream = File.OpenRead(path))
        using (var csv = CsvTable.OpenReader(stream, options))
        {
            try
            {
                csv.ReadHeader();
                header = csv.Headers.ToArray();
            }
            catch (CsvFormatException)
            {
                return null;
            }
        }
        int Index(string? name)
        {
            if (name is null) return -1;
            int i = Array.IndexOf(header, name);
            return i >= 0 && Array.LastIndexOf(header, name) == i ? i : Declined - 1;
        }
        var layout = new Layout(header.Length, Index(columns.Time), Index(columns.Event), Index(columns.Entry), Index(columns.Weight),
            Index(columns.Group), Index(columns.Strata), Index(columns.Id), options)
        {
            Cancellation = cancellationToken,
            Progress = progress is null ? null : new RowProgress(progress, MemoryEstimate.Rows(path)),
        };
        if (layout.Columns.Any(i => i < -1) || header.Length == 0) return null;

        // Two halves at once when the machine has the cores and the file splits safely at a line; else one pass.
        var (split, linesBefore) = Environment.ProcessorCount > 1 && length >= splitBytes ? SplitPoint(path, length) : (-1L, 0L);
        Part? first, second = null;
        if (split < 0) first = ReadPart(path, 0, length, header: true, 0, length, layout);
        else
        {
            var later = Task.Run(() => ReadPart(path, split, length, header: false, linesBefore, length - split, layout));
            first = ReadPart(path, 0, split, header: true, 0, length, layout);
            second = later.GetAwaiter().GetResult(); // a cancellation surfaces as itself, not wrapped
            if (second is null) { first?.Dispose(); return null; }
        }
        if (first is null) { second?.Dispose(); return null; }
        using (first)
        using (second)
        {
            if (second is not null && !first.Append(second)) return null;
            return first.ToData();
        }
    }

    /// <summary>
    /// Where the file can be read in two halves: just after the first line break past its middle, when everything before
    /// it is plainly lines — an even number of quotes (the break is not inside a quoted field) and every carriage return
    /// part of a CR LF pair (so that the lines before it are the line feeds before it) — with the number of those lines;
    /// (−1, 0) otherwise. The split changes nothing in the result: rows, labels and omitted lines are put back in file
    /// order.
    /// </summary>
    internal static (long Split, long LinesBefore) SplitPoint(string path, long length)
    {
        const int BufferSize = 1 << 20;
        using var stream = File.OpenRead(path);
        var buffer = new byte[BufferSize];
        // A UTF-16 or UTF-32 file (byte-order mark FF FE or FE FF) has line feeds that are half a character: never split.
        int head = stream.Read(buffer, 0, 2);
        if (head == 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))) return (-1, 0);
        stream.Seek(0, SeekOrigin.Begin);
        long middle = length / 2, position = 0, quotes = 0, lineFeeds = 0, returns = 0, pairs = 0;
        bool lastWasReturn = false;
        while (true)
        {
            int read = stream.Read(buffer, 0, BufferSize);
            if (read <= 0) return (-1, 0);
            var span = buffer.AsSpan(0, read);
            // Past the middle, stop at the first line feed.
            int stop = read;
            if (position + read > middle)
            {
                int from = (int)Math.Max(0, middle - position);
                int at = span[from..].IndexOf((byte)'\n');
                if (at >= 0) stop = from + at + 1;
            }
            var part = span[..stop];
            quotes += part.Count((byte)'"');
            lineFeeds += part.Count((byte)'\n');
            returns += part.Count((byte)'\r');
            pairs += part.Count("\r\n"u8) + (lastWasReturn && part.Length > 0 && part[0] == (byte)'\n' ? 1 : 0);
            lastWasReturn = part.Length > 0 && part[^1] == (byte)'\r';
            position += stop;
            if (stop < read || (position > middle && part.Length > 0 && part[^1] == (byte)'\n'))
                return quotes % 2 == 0 && returns == pairs && position < length ? (position, lineFeeds) : (-1, 0);
        }
    }

    /// <summary>Where the columns are in a row, and how fields are read.</summary>
    private sealed class Layout(int fields, int time, int status, int entry, int weight, int group, int strata, int id, CsvReadOptions options)
    {
        public int Fields { get; } = fields;

        /// <summary>Checked every 65,536 rows.</summary>
        public CancellationToken Cancellation { get; init; }

        public RowProgress? Progress { get; init; }
        public int Time { get; } = time;
        public int Status { get; } = status;
        public int Entry { get; } = entry;
        public int Weight { get; } = weight;
        public int Group { get; } = group;
        public int Strata { get; } = strata;
        public int Id { get; } = id;
        public CsvReadOptions Options { get; } = options;
        public int[] Columns => [Time, Status, Entry, Weight, Group, Strata, Id];

        // Numbers and the status are checked for markers on their UTF-8 bytes (ASCII only: anything else declines), labels
        // on their trimmed strings, as the table path compares them.
        public int[] SpanColumns { get; } = new[] { time, status, entry, weight }.Where(i => i >= 0).Distinct().ToArray();
        public byte[][] Markers { get; } = options.MissingValues.Select(m => Encoding.UTF8.GetBytes(m)).ToArray();
        public HashSet<string> MarkerSet { get; } = new(options.MissingValues, StringComparer.Ordinal);
    }

    /// <summary>The bytes [start, end) of the file read into columns, or null to decline. The first part also reads the
    /// header; linesBefore (the lines of the file before start) is added to the line numbers of omitted rows; the columns
    /// are sized for sizeFor bytes (the whole file for the first part, which receives the second).</summary>
    private static Part? ReadPart(string path, long start, long end, bool header, long linesBefore, long sizeFor, Layout layout)
    {
        using var stream = new RangeStream(File.OpenRead(path), start, end);
        using var csv = CsvTable.OpenReader(stream, layout.Options, header);
        var part = new Part(layout);
        try
        {
            if (header) csv.ReadHeader();
            if (!part.ReadRows(csv, linesBefore, sizeFor)) { part.Dispose(); return null; }
            return part;
        }
        catch (CsvFormatException)
        {
            part.Dispose();
            return null;
        }
        catch
        {
            part.Dispose();
            throw;
        }
    }

    /// <summary>Rows read so far by every part, reported as "reading" out of the rows the file's size suggests.</summary>
    private sealed class RowProgress(IProgress<ProgressReport> progress, long estimatedRows)
    {
        private long _rows;

        public void Add(long rows)
        {
            long done = Interlocked.Add(ref _rows, rows);
            progress.Report(new ProgressReport("reading", done, Math.Max(done, estimatedRows)));
        }
    }

    /// <summary>The columns read from one part of the file.</summary>
    private sealed class Part(Layout layout) : IDisposable
    {
        private int _capacity = 1 << 12;
        private ParallelNumberColumn _time = new(1 << 12);
        private byte[] _status = new byte[1 << 12];
        private ParallelNumberColumn? _entry = layout.Entry >= 0 ? new(1 << 12) : null;
        private ParallelNumberColumn? _weight = layout.Weight >= 0 ? new(1 << 12) : null;
        private readonly Labels? _group = layout.Group >= 0 ? new(1 << 12) : null;
        private readonly Labels? _strata = layout.Strata >= 0 ? new(1 << 12) : null;
        private readonly Labels? _id = layout.Id >= 0 ? new(1 << 12) : null;
        private readonly List<long> _positions = [];
        private int _n, _omitted;

        public bool ReadRows(CsvReader csv, long linesBefore, long sizeFor)
        {
            var markers = layout.Markers;
            var markerSet = layout.MarkerSet;
            bool sized = false;
            while (csv.Read())
            {
                if (csv.FieldCount != layout.Fields) return false;
                int missing = IsMissing(csv, layout.SpanColumns, markers);
                if (missing < 0) return false;
                // Labels are read as trimmed ASCII bytes (no string a row) unless they hold other text.
                ReadOnlySpan<byte> groupBytes = default, stratumBytes = default, idBytes = default;
                string? groupLabel = null, stratumLabel = null, idLabel = null;
                if (_group is not null) missing |= Label(csv, layout.Group, markers, markerSet, out groupBytes, out groupLabel);
                if (_strata is not null) missing |= Label(csv, layout.Strata, markers, markerSet, out stratumBytes, out stratumLabel);
                if (_id is not null) missing |= Label(csv, layout.Id, markers, markerSet, out idBytes, out idLabel);
                if (missing > 0)
                {
                    if (layout.Options.Missing == MissingValuePolicy.Fail) return false;
                    if (_positions.Count < OmittedRows.MaxPositions) _positions.Add(linesBefore + csv.LineNumber);
                    _omitted++;
                    continue;
                }
                if (_n == _capacity)
                {
                    // Size the columns once from the bytes read so far and the bytes to come, then grow by half if needed.
                    Resize(!sized && csv.ByteOffset > 0
                        ? (int)Math.Min(Array.MaxLength, Math.Max(_capacity * 2L, (long)(sizeFor / ((double)csv.ByteOffset / _n) * 1.02) + 16))
                        : (int)Math.Min(Array.MaxLength, _capacity + _capacity / 2L));
                    sized = true;
                }
                // Numbers are parsed by pool threads (ParallelNumberColumn); a value that does not parse declines at the end.
                _time.Add(_n, csv.GetSpan(layout.Time));
                int code = Status(csv.GetSpan(layout.Status));
                if (code < 0) return false;
                _status[_n] = (byte)code;
                _entry?.Add(_n, csv.GetSpan(layout.Entry));
                _weight?.Add(_n, csv.GetSpan(layout.Weight));
                if (_group is not null && !_group.Add(_n, groupBytes, groupLabel)) return false;
                if (_strata is not null && !_strata.Add(_n, stratumBytes, stratumLabel)) return false;
                if (_id is not null && !_id.Add(_n, idBytes, idLabel)) return false;
                _n++;
                if ((_n & 0xFFFF) == 0)
                {
                    layout.Cancellation.ThrowIfCancellationRequested();
                    layout.Progress?.Add(0x10000);
                }
            }
            _time.Drain();
            _entry?.Drain();
            _weight?.Drain();
            return !(_time.Failed || _entry?.Failed == true || _weight?.Failed == true);
        }

        private void Resize(int capacity)
        {
            _capacity = capacity;
            _time.Resize(capacity);
            Array.Resize(ref _status, capacity);
            _entry?.Resize(capacity);
            _weight?.Resize(capacity);
            _group?.Resize(capacity);
            _strata?.Resize(capacity);
            _id?.Resize(capacity);
        }

        /// <summary>Appends the rows of the part that follows this one in the file (labels recoded to this part's codes);
        /// false to decline.</summary>
        public bool Append(Part next)
        {
            int total = _n + next._n;
            if (total > _capacity) Resize(total);
            Array.Copy(next._time.Values, 0, _time.Values, _n, next._n);
            Array.Copy(next._status, 0, _status, _n, next._n);
            if (_entry is not null) Array.Copy(next._entry!.Values, 0, _entry.Values, _n, next._n);
            if (_weight is not null) Array.Copy(next._weight!.Values, 0, _weight.Values, _n, next._n);
            _group?.Append(_n, next._group!, next._n);
            _strata?.Append(_n, next._strata!, next._n);
            _id?.Append(_n, next._id!, next._n);
            foreach (long line in next._positions)
                if (_positions.Count < OmittedRows.MaxPositions) _positions.Add(line);
            _omitted += next._omitted;
            _n = total;
            return true;
        }

        public SurvivalData? ToData()
        {
            int n = _n;
            if (n == 0) return null;
            // R's Surv(): a status whose largest value is 2 is coded 1 = censored, 2 = event (codes: 0, 1, 2, 3 = true, 4 = false).
            bool oneTwo = _status.AsSpan(0, n).Contains((byte)2);
            var events = new bool[n];
            for (int i = 0; i < n; i++)
            {
                byte c = _status[i];
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
                data = SurvivalData.FromFactors(_time.Values.AsSpan(0, n), events, _group?.ToFactor(n, "group", sortLevels: true), _strata?.ToFactor(n, "strata", sortLevels: true),
                    _entry?.Values[..n], _weight?.Values[..n], _id?.ToFactor(n, "id", sortLevels: false));
            }
            catch (SurvivalInputException)
            {
                return null;
            }
            return _omitted == 0 ? data : data.WithOmitted(OmittedRows.Of(_omitted, _positions));
        }

        public void Dispose()
        {
            _time.Dispose();
            _entry?.Dispose();
            _weight?.Dispose();
        }
    }

    /// <summary>A read-only view of bytes [start, end) of a stream (which it owns), for reading one part of a file.</summary>
    private sealed class RangeStream : Stream
    {
        private readonly Stream _inner;
        private long _left;

        public RangeStream(Stream inner, long start, long end)
        {
            _inner = inner;
            _inner.Seek(start, SeekOrigin.Begin);
            _left = end - start;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_left <= 0) return 0;
            int read = _inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
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

        /// <summary>Appends <paramref name="count"/> rows of the labels that follow in the file from row
        /// <paramref name="at"/>, recoded to this column's codes (labels new here get the next codes, in the order they
        /// first appear there: first appearance in the whole file).</summary>
        public void Append(int at, Labels next, int count)
        {
            var map = new int[next._distinct.Count];
            for (int k = 0; k < map.Length; k++)
            {
                string label = next._distinct[k];
                if (!_index.TryGetValue(label, out int code))
                {
                    code = _distinct.Count;
                    _index.Add(label, code);
                    _distinct.Add(label);
                }
                map[k] = code;
            }
            for (int i = 0; i < count; i++) _codes[at + i] = map[next._codes[i]];
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
