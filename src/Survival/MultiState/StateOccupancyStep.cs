namespace Survival.MultiState;

/// <summary>The state probabilities of one curve at one time (a row of R's multi-state <c>survfit</c>).</summary>
public sealed record StateOccupancyStep
{
    internal StateOccupancyStep(double time, ValueList<int> atRisk, ValueList<int> events, int censored, ValueList<double> probability,
        ValueList<double> stdErr, ValueList<double?> lower, ValueList<double?> upper, ValueList<double> cumulativeHazard)
    {
        Time = time;
        AtRisk = atRisk;
        Events = events;
        Censored = censored;
        Probability = probability;
        StdErr = stdErr;
        Lower = lower;
        Upper = upper;
        CumulativeHazard = cumulativeHazard;
    }

    /// <summary>The time.</summary>
    public double Time { get; internal init; }

    /// <summary>The number of subjects at risk in each state just before the time (R <c>n.risk</c>, unweighted).</summary>
    public ValueList<int> AtRisk { get; }

    /// <summary>The number of transitions into each state at the time (R <c>n.event</c>, unweighted).</summary>
    public ValueList<int> Events { get; }

    /// <summary>The number of rows censored at the time (R <c>n.censor</c>).</summary>
    public int Censored { get; }

    /// <summary>The probability of being in each state at the time (R <c>pstate</c>); they add to one.</summary>
    public ValueList<double> Probability { get; }

    /// <summary>The infinitesimal-jackknife standard error of each probability (R <c>std.err</c>).</summary>
    public ValueList<double> StdErr { get; }

    /// <summary>Lower confidence limits (null where R gives NA: a probability of 0 on the log scale).</summary>
    public ValueList<double?> Lower { get; }

    /// <summary>Upper confidence limits.</summary>
    public ValueList<double?> Upper { get; }

    /// <summary>The Nelson–Aalen cumulative hazard of each transition, in the order of
    /// <see cref="MultiStateData.Transitions"/> (R <c>cumhaz</c>).</summary>
    public ValueList<double> CumulativeHazard { get; }
}
