namespace Survival.MultiState;

/// <summary>The Aalen–Johansen state probabilities of one group (one curve of R's multi-state <c>survfit</c>).</summary>
public sealed record StateOccupancyCurve
{
    internal StateOccupancyCurve(string? group, int rows, ValueList<double> initial, ValueList<double> initialStdErr, double startTime,
        IReadOnlyList<StateOccupancyStep> steps, ValueList<StateOccupancyStep> at, ValueList<StateRestrictedMean> restrictedMean)
    {
        Group = group;
        Rows = rows;
        Initial = initial;
        InitialStdErr = initialStdErr;
        StartTime = startTime;
        Steps = steps;
        At = at;
        RestrictedMean = restrictedMean;
    }

    /// <summary>The group, or null without groups.</summary>
    public string? Group { get; }

    /// <summary>The number of rows after R's merging of a subject's contiguous censored rows (R <c>n</c>).</summary>
    public int Rows { get; }

    /// <summary>The state distribution at the start (R <c>p0</c>): the weighted share of each state among those at risk
    /// at the first transition.</summary>
    public ValueList<double> Initial { get; }

    /// <summary>The standard errors of <see cref="Initial"/> (R <c>sp0</c>; zero when everyone starts in one state).</summary>
    public ValueList<double> InitialStdErr { get; }

    /// <summary>The time the curves start from (R <c>survfit0</c>'s start: the smaller of 0 and the first time of all curves).</summary>
    public double StartTime { get; }

    /// <summary>The curve at every distinct stop time of the group, ascending. Stored as columns: each step (with its
    /// limits) is assembled when it is read.</summary>
    public IReadOnlyList<StateOccupancyStep> Steps { get; }

    /// <summary>The curve at <see cref="AalenJohansenOptions.At"/> (the last step at or before each time; the start
    /// distribution before the first; numbers at risk and events are those of that step).</summary>
    public ValueList<StateOccupancyStep> At { get; }

    /// <summary>The restricted mean time in each state up to the horizon, in the order of the states.</summary>
    public ValueList<StateRestrictedMean> RestrictedMean { get; }

    /// <summary>The probability of each state at time <paramref name="t"/> (the last step at or before it).</summary>
    public IReadOnlyList<double> ProbabilityAt(double t)
    {
        if (Steps is StateOccupancyStepColumns columns)
        {
            // The steps at or before t, by bisection on the time column: only the last one is assembled.
            int atOrBefore = SortedSearch.CountAtOrBelow(columns.Time, t);
            return atOrBefore == 0 ? Initial : columns[atOrBefore - 1].Probability;
        }
        IReadOnlyList<double> value = Initial;
        foreach (var s in Steps) { if (s.Time > t) break; value = s.Probability; }
        return value;
    }
}
