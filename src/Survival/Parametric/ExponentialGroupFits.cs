using System.Collections;

namespace Survival.Parametric;

/// <summary>Exponential fits, one per group in level order, readable by position or by group label.</summary>
public sealed class ExponentialGroupFits : IReadOnlyList<ExponentialFit>
{
    private readonly ExponentialFit[] _fits;

    internal ExponentialGroupFits(ExponentialFit[] fits) => _fits = fits;

    /// <summary>The number of groups.</summary>
    public int Count => _fits.Length;

    /// <summary>The fit of the group at <paramref name="index"/> (level order).</summary>
    public ExponentialFit this[int index] => _fits[index];

    /// <summary>The fit of one group.</summary>
    /// <param name="group">The group label.</param>
    /// <exception cref="KeyNotFoundException">No group has that label; the message lists the groups there are.</exception>
    public ExponentialFit this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            foreach (var fit in _fits) if (fit.Group == group) return fit;
            throw new KeyNotFoundException($"no group '{group}'; the groups are {string.Join(", ", _fits.Select(f => $"'{f.Group}'"))}");
        }
    }

    /// <summary>One row per group: n, events, exposure, rate and median with their exact limits, log-likelihood.</summary>
    public override string ToString() => ExponentialFit.Table(_fits);

    /// <inheritdoc/>
    public IEnumerator<ExponentialFit> GetEnumerator() => ((IEnumerable<ExponentialFit>)_fits).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
