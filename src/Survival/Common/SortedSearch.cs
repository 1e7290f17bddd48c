namespace Survival;

/// <summary>
/// Counts of the values of an ascending array below, or at or below, a point, by bisection in O(log n).
/// </summary>
/// <remarks>
/// Written by hand because the framework's <c>BinarySearch</c> returns the position of any one of equal values, while
/// every caller here needs the edge of a run of ties (the rows exited before <c>t</c>, the steps at or before
/// <c>t</c>). A NaN point compares false with every value, so both counts are then 0.
/// </remarks>
internal static class SortedSearch
{
    /// <summary>The number of values &lt; <paramref name="x"/> in ascending <paramref name="sorted"/>: the index of
    /// the first value ≥ x (C++'s <c>lower_bound</c>).</summary>
    internal static int CountBelow(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The number of values ≤ <paramref name="x"/> in ascending <paramref name="sorted"/>: the index of
    /// the first value &gt; x (C++'s <c>upper_bound</c>).</summary>
    internal static int CountAtOrBelow(ReadOnlySpan<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
