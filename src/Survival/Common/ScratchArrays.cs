using System.Buffers;

namespace Survival;

/// <summary>
/// Working arrays of one computation, rented from <see cref="ArrayPool{T}.Shared"/> and returned together when it ends.
/// </summary>
/// <remarks>
/// A registry-sized fit needs tens of megabytes of per-row working arrays that nothing in its result keeps. Allocated
/// afresh, each fit pays for first touching that memory (on the CI class of machine about 2.7 ms per MB, more than the
/// arithmetic); rented, a second fit reuses the first one's pages. Only arrays that no result references may be rented.
/// Rented arrays can be longer than asked: callers index them up to the length they asked for, never by
/// <c>Length</c>. Each is cleared to the length asked, unless rented as written in full (<see cref="RentWritten{T}"/>).
/// Written by hand because the pool returns arrays one by one, and a computation that throws must still return all of
/// them.
/// </remarks>
internal sealed class ScratchArrays : IDisposable
{
    private readonly List<Action> _returns = [];

    /// <summary>An array of at least <paramref name="length"/> items, the first <paramref name="length"/> zero.</summary>
    public T[] Rent<T>(int length)
    {
        var array = RentWritten<T>(length);
        Array.Clear(array, 0, length);
        return array;
    }

    /// <summary>An array of at least <paramref name="length"/> items, not cleared: for an array the caller writes in full
    /// (to the length asked) before it reads any of it, which need not pay for clearing it.</summary>
    public T[] RentWritten<T>(int length)
    {
        if (length == 0) return [];
        var array = ArrayPool<T>.Shared.Rent(length);
        _returns.Add(() => ArrayPool<T>.Shared.Return(array));
        return array;
    }

    /// <summary>Returns every rented array to the pool.</summary>
    public void Dispose()
    {
        foreach (var give in _returns) give();
        _returns.Clear();
    }
}
