using System.Buffers;
using System.Globalization;

namespace Survival.Csv;

/// <summary>
/// A column of numbers parsed off the reading thread: the reader copies each field's UTF-8 bytes into a chunk, and every
/// <see cref="ChunkRows"/> rows the chunk is parsed by a pool thread straight into the column, at the rows' own
/// positions. Parsing a 17-digit double costs about four times what CsvHelper spends finding the field, so on a
/// multi-core machine this takes the parse off the critical path (issue 20).
/// </summary>
/// <remarks>Written by hand because the work is this library's split of one CSV pass (reading on one thread, parsing on
/// others), not something a library offers. Results do not depend on the threads: each value is parsed by
/// <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider, out double)"/> alone and written to its
/// own row.</remarks>
internal sealed class ParallelNumberColumn : IDisposable
{
    public const int ChunkRows = 1 << 14;

    private static readonly int MaxInFlight = Math.Max(2, Environment.ProcessorCount * 2);

    private readonly Queue<Task> _inFlight = new();
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(ChunkRows * 24);
    private int[] _ends = ArrayPool<int>.Shared.Rent(ChunkRows);
    private int _used, _count, _firstRow;
    private volatile bool _failed;

    public ParallelNumberColumn(int capacity) => Values = new double[capacity];

    /// <summary>The parsed values (complete after <see cref="Drain"/>).</summary>
    public double[] Values { get; private set; }

    /// <summary>Whether some value was not a finite number (the caller then declines).</summary>
    public bool Failed => _failed;

    /// <summary>Queues the field of row <paramref name="row"/> (rows come in order, one each).</summary>
    public void Add(int row, ReadOnlySpan<byte> field)
    {
        if (_count == 0) _firstRow = row;
        if (_used + field.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + field.Length));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
        field.CopyTo(_bytes.AsSpan(_used));
        _used += field.Length;
        _ends[_count++] = _used;
        if (_count == ChunkRows) Flush();
    }

    /// <summary>Hands the current chunk to a pool thread.</summary>
    private void Flush()
    {
        if (_count == 0) return;
        while (_inFlight.Count >= MaxInFlight) _inFlight.Dequeue().Wait();
        byte[] bytes = _bytes;
        int[] ends = _ends;
        int count = _count, first = _firstRow;
        double[] target = Values;
        _inFlight.Enqueue(Task.Run(() =>
        {
            try
            {
                int start = 0;
                for (int i = 0; i < count; i++)
                {
                    var field = bytes.AsSpan(start, ends[i] - start);
                    if (!ShortDecimal.TryParse(field, out double v)
                        && (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v) || !double.IsFinite(v)))
                    {
                        _failed = true;
                        return;
                    }
                    target[first + i] = v;
                    start = ends[i];
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
                ArrayPool<int>.Shared.Return(ends);
            }
        }));
        _bytes = ArrayPool<byte>.Shared.Rent(ChunkRows * 24);
        _ends = ArrayPool<int>.Shared.Rent(ChunkRows);
        _used = 0;
        _count = 0;
    }

    /// <summary>Parses what is queued and waits for every chunk: <see cref="Values"/> is then complete.</summary>
    public void Drain()
    {
        Flush();
        while (_inFlight.Count > 0) _inFlight.Dequeue().Wait();
    }

    /// <summary>Grows the column (after <see cref="Drain"/>, so that no chunk writes into the old array).</summary>
    public void Resize(int capacity)
    {
        Drain();
        var values = Values;
        Array.Resize(ref values, capacity);
        Values = values;
    }

    public void Dispose()
    {
        try { Drain(); }
        catch (AggregateException) { }
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<int>.Shared.Return(_ends);
    }
}
