using System.Collections;

namespace Survival;

/// <summary>
/// A read-only list that results hand out: it cannot be cast back to a writable array or list, and two lists are equal
/// when their items are equal in order, so that records holding them compare by value.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>The library creates it over an array it never changes afterwards (no copy); callers only read.</remarks>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    /// <summary>An empty list.</summary>
    public static ValueList<T> Empty { get; } = new([]);

    internal ValueList(T[] items) => _items = items;

    /// <summary>A list holding a copy of <paramref name="items"/>.</summary>
    /// <param name="items">The items.</param>
    public static ValueList<T> Of(IEnumerable<T> items) => new((items ?? throw new ArgumentNullException(nameof(items))).ToArray());

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at <paramref name="index"/>.</summary>
    /// <param name="index">0-based.</param>
    public T this[int index] => _items[index];

    /// <summary>The items as a read-only span (no copy).</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _items.Length; i++) yield return _items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when the items are equal, in order (<see cref="EqualityComparer{T}.Default"/>).</summary>
    public bool Equals(ValueList<T>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (other._items.Length != _items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < _items.Length; i++)
            if (!comparer.Equals(_items[i], other._items[i])) return false;
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        for (int i = 0; i < Math.Min(_items.Length, 8); i++) hash.Add(_items[i]);
        return hash.ToHashCode();
    }

    /// <summary>The items, as <c>[a, b, c]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
