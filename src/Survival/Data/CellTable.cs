namespace Survival;

/// <summary>
/// An open-addressing hash table of (time, stratum·groups + group) cells with their weighted counts: the one-pass
/// reduction of rows to counts when the number of distinct cells is small next to the number of rows.
/// </summary>
/// <remarks>
/// Registry and simulation data have many rows per distinct time (times recorded to a day or 0.01 month), so the table
/// stays small and in cache, and a row costs one hash and a probe or two: far less than any sort of the rows. Only the
/// distinct cells are sorted afterwards. When the table would grow past its limit (mostly distinct times), the caller
/// falls back to the radix path, whose cost does not depend on ties. Written by hand: the BCL's
/// <see cref="Dictionary{TKey, TValue}"/> costs an indirection and a struct copy per row, several times this loop.
/// Linear probing on a power-of-two table kept at most half full; the hash is a Fibonacci multiply of the key bits
/// mixed with the code.
/// </remarks>
internal sealed class CellTable
{
    private ulong[] _key;
    private int[] _code; // −1 marks an empty slot
    private double[] _events, _censored, _entered, _subjects;
    private int _shift;
    private readonly int _limit;

    public CellTable(int limit)
    {
        _limit = limit;
        Allocate(1 << 12);
    }

    /// <summary>The number of occupied cells.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one item to its cell; false when the table would exceed its limit (nothing is added then).</summary>
    /// <param name="key">The time's sortable key (<see cref="RadixSort.Key"/>).</param>
    /// <param name="code">stratum · groups + group.</param>
    /// <param name="kind">0 event, 1 censoring, 2 delayed entry.</param>
    /// <param name="weight">The item's weight.</param>
    public bool Add(ulong key, int code, int kind, double weight)
    {
        int slot = Slot(key, code);
        if (slot < 0) return false;
        switch (kind)
        {
            case 0: _events[slot] += weight; _subjects[slot] += 1; break;
            case 1: _censored[slot] += weight; _subjects[slot] += 1; break;
            default: _entered[slot] += weight; break;
        }
        return true;
    }

    /// <summary>Adds another table's cell (its sums) to the cell of the same key; false past the limit.</summary>
    public bool Add(ulong key, int code, double events, double censored, double entered, double subjects)
    {
        int slot = Slot(key, code);
        if (slot < 0) return false;
        _events[slot] += events;
        _censored[slot] += censored;
        _entered[slot] += entered;
        _subjects[slot] += subjects;
        return true;
    }

    /// <summary>The slot of the cell, made when new; −1 when a new cell would pass the limit.</summary>
    private int Slot(ulong key, int code)
    {
        int slot = Find(key, code);
        if (_code[slot] >= 0) return slot;
        if (Count + 1 > _limit) return -1;
        if (2 * (Count + 1) > _code.Length)
        {
            Grow();
            slot = Find(key, code);
        }
        _key[slot] = key;
        _code[slot] = code;
        Count++;
        return slot;
    }

    /// <summary>The occupied cells, in no particular order.</summary>
    public IEnumerable<(ulong Key, int Code, double Events, double Censored, double Entered, double Subjects)> Cells()
    {
        for (int i = 0; i < _code.Length; i++)
            if (_code[i] >= 0) yield return (_key[i], _code[i], _events[i], _censored[i], _entered[i], _subjects[i]);
    }

    private int Find(ulong key, int code)
    {
        int mask = _code.Length - 1;
        int slot = (int)(((key ^ ((ulong)(uint)code << 32) ^ (uint)code) * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            int c = _code[slot];
            if (c < 0 || (c == code && _key[slot] == key)) return slot;
            slot = (slot + 1) & mask;
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_key), nameof(_code), nameof(_events), nameof(_censored), nameof(_entered), nameof(_subjects))]
    private void Allocate(int capacity)
    {
        _key = new ulong[capacity];
        _code = new int[capacity];
        Array.Fill(_code, -1);
        _events = new double[capacity];
        _censored = new double[capacity];
        _entered = new double[capacity];
        _subjects = new double[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    private void Grow()
    {
        var (key, code, events, censored, entered, subjects) = (_key, _code, _events, _censored, _entered, _subjects);
        Allocate(2 * code.Length);
        for (int i = 0; i < code.Length; i++)
        {
            if (code[i] < 0) continue;
            int slot = Find(key[i], code[i]);
            _key[slot] = key[i];
            _code[slot] = code[i];
            _events[slot] = events[i];
            _censored[slot] = censored[i];
            _entered[slot] = entered[i];
            _subjects[slot] = subjects[i];
        }
    }
}
