namespace Survival.IntervalCensoring;

/// <summary>The support of one Turnbull curve and its rows, as R's <c>survfitTurnbull</c> sets them up: the support points
/// (exact times and midpoints of the innermost intervals), the exact and right-censored rows that the Kaplan–Meier step
/// takes as they are, and the interval- and left-censored rows as ranges of support points (identical ranges merged).</summary>
internal sealed class TurnbullSupport
{
    /// <summary>The number of input rows.</summary>
    public int RowCount { get; private init; }

    /// <summary>The support points, increasing.</summary>
    public double[] Points { get; private init; } = [];

    /// <summary>The innermost interval behind each support point (both ends the time for an exact time).</summary>
    public double[] IntervalLower { get; private init; } = [];

    /// <summary>The right end of each support point's interval.</summary>
    public double[] IntervalUpper { get; private init; } = [];

    /// <summary>The smallest support point before left-censored times were made exact (R's <c>mintime</c>).</summary>
    public double MinimumSupport { get; private init; }

    /// <summary>The exact and right-censored rows (input positions), their times and event flags.</summary>
    public int[] FixedRows { get; private init; } = [];

    /// <summary>The time of each fixed row.</summary>
    public double[] FixedTime { get; private init; } = [];

    /// <summary>Whether each fixed row is an exact event time.</summary>
    public bool[] FixedEvent { get; private init; } = [];

    /// <summary>The interval- and left-censored rows (input positions).</summary>
    public int[] CensoredRows { get; private init; } = [];

    /// <summary>For each censored row, the first support point in its interval.</summary>
    public int[] RangeStart { get; private init; } = [];

    /// <summary>For each censored row, one past the last support point in its interval.</summary>
    public int[] RangeEnd { get; private init; } = [];

    /// <summary>Builds the support of rows (ends after the near-tie rule).</summary>
    public static TurnbullSupport Build(double[] lower, double[] upper, IntervalKind[] kind)
    {
        int n = lower.Length;
        // R's ordering codes: 0 an exact time, 1 a right end (an interval's, or a left-censored time), 2 a left end (an
        // interval's, or a right-censored time); sorted by (time, code).
        var ends = new List<(double Time, int Code)>(2 * n);
        for (int i = 0; i < n; i++)
        {
            switch (kind[i])
            {
                case IntervalKind.Exact: ends.Add((lower[i], 0)); break;
                case IntervalKind.LeftCensored: ends.Add((upper[i], 1)); break;
                case IntervalKind.RightCensored: ends.Add((lower[i], 2)); break;
                default: ends.Add((lower[i], 2)); ends.Add((upper[i], 1)); break;
            }
        }
        ends.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Code.CompareTo(b.Code));
        var points = new Dictionary<double, (double Lower, double Upper)>();
        foreach (var (t, code) in ends)
            if (code == 0) points.TryAdd(t, (t, t));
        for (int k = 0; k + 1 < ends.Count; k++)
            if (ends[k].Code != 1 && ends[k + 1].Code == 1)
                points.TryAdd(0.5 * (ends[k].Time + ends[k + 1].Time), (ends[k].Time, ends[k + 1].Time));
        double minimum = points.Count == 0 ? double.PositiveInfinity : points.Keys.Min();
        // R: a left-censored time before every support point is an exact time there.
        var madeExact = new bool[n];
        for (int i = 0; i < n; i++)
            if (kind[i] == IntervalKind.LeftCensored && upper[i] < minimum)
            {
                madeExact[i] = true;
                points.TryAdd(upper[i], (upper[i], upper[i]));
            }
        var sorted = points.Keys.ToArray();
        Array.Sort(sorted);
        var fixedRows = new List<int>();
        var censoredRows = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (kind[i] is IntervalKind.Exact or IntervalKind.RightCensored || madeExact[i]) fixedRows.Add(i);
            else censoredRows.Add(i);
        }
        var start = new int[censoredRows.Count];
        var end = new int[censoredRows.Count];
        for (int r = 0; r < censoredRows.Count; r++)
        {
            int i = censoredRows[r];
            // Left-censored: the points ≤ the right end; interval: the points in (left, right].
            start[r] = kind[i] == IntervalKind.LeftCensored ? 0 : SortedSearch.CountAtOrBelow(sorted, lower[i]);
            end[r] = SortedSearch.CountAtOrBelow(sorted, upper[i]);
        }
        return new TurnbullSupport
        {
            RowCount = n,
            Points = sorted,
            IntervalLower = sorted.Select(p => points[p].Lower).ToArray(),
            IntervalUpper = sorted.Select(p => points[p].Upper).ToArray(),
            MinimumSupport = minimum,
            FixedRows = fixedRows.ToArray(),
            FixedTime = fixedRows.Select(i => madeExact[i] ? upper[i] : lower[i]).ToArray(),
            FixedEvent = fixedRows.Select(i => kind[i] != IntervalKind.RightCensored).ToArray(),
            CensoredRows = censoredRows.ToArray(),
            RangeStart = start,
            RangeEnd = end,
        };
    }
}
