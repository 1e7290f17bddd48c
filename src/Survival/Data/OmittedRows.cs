using System.Collections.ObjectModel;

namespace Survival;

/// <summary>
/// The rows left out because a value the analysis uses is missing (<see cref="MissingValuePolicy.Omit"/>, R's
/// <c>na.omit</c>): how many, and where the first <see cref="MaxPositions"/> of them are.
/// </summary>
/// <remarks>Positions are 1-based: for a file read by the CSV reader, the physical line of the row (the header is line
/// 1); for rows in memory (<see cref="SurvivalData.From{T}"/>) and Parquet files, the row's position in the input.
/// <see cref="ToString"/> prints R's note, e.g. "1 observation deleted due to missingness".</remarks>
public sealed class OmittedRows : IEquatable<OmittedRows>
{
    /// <summary>At most this many positions are kept.</summary>
    public const int MaxPositions = 100;

    private readonly long[] _positions;

    private OmittedRows(int count, long[] positions)
    {
        Count = count;
        _positions = positions;
        Positions = new ValueList<long>(positions);
    }

    /// <summary>No row left out.</summary>
    public static OmittedRows None { get; } = new(0, []);

    /// <summary>The number of rows left out.</summary>
    public int Count { get; }

    /// <summary>The positions (1-based; see the remarks) of the first <see cref="MaxPositions"/> rows left out, in input order.</summary>
    public IReadOnlyList<long> Positions { get; }

    /// <summary>Builds the record from every omitted position (only the first <see cref="MaxPositions"/> are kept).</summary>
    /// <param name="count">The number of rows left out.</param>
    /// <param name="positions">Their positions in input order (at least the first <see cref="MaxPositions"/>).</param>
    public static OmittedRows Of(int count, IEnumerable<long> positions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(positions);
        return count == 0 ? None : new OmittedRows(count, positions.Take(MaxPositions).ToArray());
    }

    /// <summary>R's note: "n observation(s) deleted due to missingness", or an empty string when none was.</summary>
    public override string ToString()
        => Count == 0 ? "" : $"{Count} observation{(Count == 1 ? "" : "s")} deleted due to missingness";

    /// <inheritdoc/>
    public bool Equals(OmittedRows? other) => other is not null && Count == other.Count && _positions.AsSpan().SequenceEqual(other._positions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as OmittedRows);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, _positions.Length == 0 ? 0 : _positions[0]);
}
