namespace Survival.CompetingRisks;

/// <summary>The cumulative incidence of one cause in one group, or the group's event-free probability.</summary>
public sealed record IncidenceCurve
{
    internal IncidenceCurve(string? group, string? cause, IReadOnlyList<IncidenceStep> steps, IReadOnlyList<IncidenceStep> at)
    {
        Group = group;
        Cause = cause;
        Steps = steps;
        At = at;
    }

    /// <summary>The group, or null without groups.</summary>
    public string? Group { get; }

    /// <summary>The cause as written in the data, or null for the event-free curve.</summary>
    public string? Cause { get; }

    /// <summary>The group's number of input rows, unweighted (R's <c>n</c> in <c>print(survfit(…))</c>).</summary>
    public double N { get; internal init; }

    /// <summary>The group's rows ending in this cause, unweighted (R's <c>nevent</c>); 0 for the event-free curve.</summary>
    public double Events { get; internal init; }

    /// <summary>The curve at every distinct exit time of the group, ascending.</summary>
    public IReadOnlyList<IncidenceStep> Steps { get; }

    /// <summary>The curve at <see cref="CumulativeIncidenceOptions.At"/> (the last step at or before each time; 0 for a
    /// cumulative incidence, 1 for the event-free probability, before the first).</summary>
    public IReadOnlyList<IncidenceStep> At { get; }

    /// <summary>The estimate at time <paramref name="t"/> (the last step at or before it).</summary>
    public double EstimateAt(double t)
    {
        double value = Cause is null ? 1 : 0;
        if (Steps is IncidenceStepColumns columns)
        {
            // Binary search on the time column: no step is assembled.
            int atOrBefore = SortedSearch.CountAtOrBelow(columns.Time, t);
            return atOrBefore == 0 ? value : columns.Estimate[atOrBefore - 1];
        }
        foreach (var s in Steps) { if (s.Time > t) break; value = s.Estimate; }
        return value;
    }
}
