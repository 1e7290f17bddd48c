using FsCheck.Xunit;

namespace Survival.Tests.Properties;

/// <summary>The one bisection every estimator uses for "rows before t" and "steps at or before t": on sorted values
/// with runs of ties, negatives and −0, it counts exactly what a linear scan counts, at the values themselves (the edges
/// of tie runs), between them, and beyond both ends.</summary>
public class SortedSearchProperties
{
    [Property(MaxTest = 300)]
    public bool Counts_equal_a_linear_scan(int[] raw, int probe)
    {
        var sorted = (raw ?? []).Select(x => (x % 7) / 2.0 is var v && v == 0 && x < 0 ? -0.0 : (x % 7) / 2.0).Order().ToArray();
        var points = sorted.Concat([probe % 9 / 4.0, double.NegativeInfinity, double.PositiveInfinity, -0.0, 0.0]);
        foreach (double x in points)
        {
            if (SortedSearch.CountBelow(sorted, x) != sorted.Count(v => v < x)) return false;
            if (SortedSearch.CountAtOrBelow(sorted, x) != sorted.Count(v => v <= x)) return false;
        }
        return SortedSearch.CountBelow(sorted, double.NaN) == 0 && SortedSearch.CountAtOrBelow(sorted, double.NaN) == 0;
    }
}
