namespace Survival.Estimation;

/// <summary>
/// R's rule for reading a quantile off a step curve (<c>quantile.survfit</c>): the p-th quantile is the first time
/// the cumulative distribution F = 1 − S reaches p; where F is flat at exactly p (within √ε), it is the midpoint
/// between the time F reached p and the time it next rose (or the last time of the curve, when F never rises again).
/// </summary>
/// <remarks>Applied to S for the estimate, to the lower band for the lower limit and to the upper band for the upper
/// limit. Points where a band is undefined (R's NA) are passed over. Not reached → null. Reference: R survival
/// <c>quantile.survfit</c> (its internal <c>findq</c>); Brookmeyer &amp; Crowley (1982) for limits from the bands.</remarks>
internal static class QuantileRule
{
    public static readonly double Tolerance = MachinePrecision.SqrtEpsilon;

    /// <summary>The p-quantile of the curve with values <paramref name="survival"/> (null = undefined) at <paramref name="times"/>.</summary>
    /// <param name="times">Step times, increasing.</param>
    /// <param name="survival">Curve values after each step (S, or a band); null where undefined.</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <param name="start">The curve's start time (0, as R's default <c>start.time</c>).</param>
    public static double? Find(IReadOnlyList<double> times, IReadOnlyList<double?> survival, double p, double start = 0)
    {
        int m = times.Count;
        double tol = Tolerance;
        double lastTime = m > 0 ? times[m - 1] : start;
        if (p == 0) return start;

        // Points (x, F): the start (F = 0) and each step, keeping only the first time each F value (or the first
        // undefined value) appears.
        // A monotone curve (S, and usually the bands) repeats a value only in consecutive steps, so a comparison with the
        // previous value finds the repeats; otherwise a set of the values seen does (R's !duplicated).
        bool monotone = true;
        double previous = 0;
        for (int i = 0; i < m && monotone; i++)
            if (survival[i] is double s0) { double f0 = 1 - s0; monotone = f0 >= previous; previous = f0; }
        var xs = new List<double>(m + 1) { start };
        var fs = new List<double?>(m + 1) { 0.0 };
        var seen = monotone ? null : new HashSet<double>() { 0.0 };
        double last = 0.0;
        bool seenUndefined = false;
        double maxF = 0;
        for (int i = 0; i < m; i++)
        {
            double? f = survival[i] is double s ? 1 - s : null;
            if (f is double v)
            {
                if (seen is null ? v == last : !seen.Add(v)) continue;
                last = v;
                maxF = Math.Max(maxF, v);
            }
            else
            {
                if (seenUndefined) continue;
                seenUndefined = true;
            }
            xs.Add(times[i]);
            fs.Add(f);
        }
        if (maxF < p) return null;

        int? i1 = FirstAtLeast(fs, p, +tol);
        int? i2 = FirstAtLeast(fs, p, -tol);
        double? q = i1 is int a && i2 is int b ? (xs[a] + xs[b]) / 2 : null;
        if (fs[^1] is double final && Math.Abs(p - final) < tol && i1 is int a1)
            q = (xs[a1] + lastTime) / 2;
        return q;
    }

    /// <summary>The same as <see cref="Find(IReadOnlyList{double}, IReadOnlyList{double?}, double, double)"/> on stored
    /// columns (null stored as <see cref="StepColumns.Absent"/>), in one pass and without allocating, however many steps.</summary>
    /// <remarks>Dropping repeated values (R's <c>!duplicated</c>) changes neither the earliest smallest F ± tol ≥ p (a
    /// repeat comes later) nor the least or largest F; it only decides which point is the last one kept, which is found
    /// by a walk back from the end.</remarks>
    public static double? Find(ReadOnlySpan<double> times, ReadOnlySpan<double> survival, double p, double start = 0)
    {
        int m = times.Length;
        if (p == 0) return start;
        double tol = Tolerance;
        double lastTime = m > 0 ? times[m - 1] : start;
        var above = new Crossing(p, +tol);
        var below = new Crossing(p, -tol);
        above.Offer(start, 0);
        below.Offer(start, 0);
        double maxF = 0;
        int firstUndefined = -1;
        for (int i = 0; i < m; i++)
        {
            double stored = survival[i];
            if (StepColumns.IsAbsent(stored))
            {
                if (firstUndefined < 0) firstUndefined = i;
                continue;
            }
            double v = 1 - stored;
            maxF = Math.Max(maxF, v);
            above.Offer(times[i], v);
            below.Offer(times[i], v);
        }
        if (maxF < p) return null;
        double? i1 = above.Result, i2 = below.Result;
        double? q = i1 is double a && i2 is double b ? (a + b) / 2 : null;
        if (LastKept(survival, firstUndefined) is double final && Math.Abs(p - final) < tol && i1 is double a1)
            q = (a1 + lastTime) / 2;
        return q;
    }

    /// <summary>The F of the last point the list form keeps: the last defined value not seen before it (nor 0, the start's),
    /// unless the first undefined value comes after it (then null).</summary>
    private static double? LastKept(ReadOnlySpan<double> survival, int firstUndefined)
    {
        for (int j = survival.Length - 1; j >= 0; j--)
        {
            if (j < firstUndefined) return null;
            double stored = survival[j];
            if (StepColumns.IsAbsent(stored)) continue;
            double v = 1 - stored;
            if (v == 0) continue;
            bool repeat = false;
            for (int k = j - 1; k >= 0 && !repeat; k--)
                repeat = !StepColumns.IsAbsent(survival[k]) && 1 - survival[k] == v;
            if (!repeat) return v;
        }
        return firstUndefined >= 0 ? null : 0.0;
    }

    /// <summary>The running search of <see cref="FirstAtLeast"/> over streamed points.</summary>
    private struct Crossing(double p, double shift)
    {
        private double _bestValue = double.PositiveInfinity, _min = double.PositiveInfinity;
        private double? _best;

        public void Offer(double x, double f)
        {
            double v = f + shift;
            _min = Math.Min(_min, v);
            if (v >= p && v < _bestValue)
            {
                _bestValue = v;
                _best = x;
            }
        }

        public readonly double? Result => p < _min ? null : _best;
    }

    /// <summary>The index of the smallest defined F with F + shift ≥ p (ties: earliest), or null when p lies outside
    /// the range of F + shift (R's <c>approx(..., method = "constant", f = 1)</c> with rule 1).</summary>
    private static int? FirstAtLeast(List<double?> fs, double p, double shift)
    {
        int? best = null;
        double bestValue = double.PositiveInfinity, min = double.PositiveInfinity;
        for (int i = 0; i < fs.Count; i++)
        {
            if (fs[i] is not double f) continue;
            double v = f + shift;
            min = Math.Min(min, v);
            if (v >= p && v < bestValue) { bestValue = v; best = i; }
        }
        return p < min ? null : best;
    }
}
