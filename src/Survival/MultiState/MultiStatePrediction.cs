namespace Survival.MultiState;

/// <summary>The predicted state probabilities and cumulative hazards of a covariate profile under a multi-state Cox
/// model (R <c>survfit(coxph_ms_fit, newdata)</c>): one row per distinct time of the data.</summary>
public sealed record MultiStatePrediction
{
    internal MultiStatePrediction(IReadOnlyDictionary<string, double> profile, ValueList<string> states, ValueList<MultiStateTransition> transitions,
        ValueList<double> times, ValueList<ValueList<double>> probability, ValueList<ValueList<double>> cumulativeHazard, ValueList<double> initial)
    {
        Profile = profile;
        States = states;
        Transitions = transitions;
        Times = times;
        Probability = probability;
        CumulativeHazard = cumulativeHazard;
        Initial = initial;
    }

    /// <summary>The covariate values.</summary>
    public IReadOnlyDictionary<string, double> Profile { get; }

    /// <summary>The states (columns of <see cref="Probability"/>).</summary>
    public ValueList<string> States { get; }

    /// <summary>The transitions (columns of <see cref="CumulativeHazard"/>).</summary>
    public ValueList<MultiStateTransition> Transitions { get; }

    /// <summary>The times: every distinct stop time of the data (R's <c>time</c>).</summary>
    public ValueList<double> Times { get; }

    /// <summary>The probability of each state at each time (R's <c>pstate</c>).</summary>
    public ValueList<ValueList<double>> Probability { get; }

    /// <summary>The profile's cumulative hazard of each transition at each time (R's <c>cumhaz</c>).</summary>
    public ValueList<ValueList<double>> CumulativeHazard { get; }

    /// <summary>The starting distribution (R's <c>p0</c>, that of the data).</summary>
    public ValueList<double> Initial { get; }

    /// <summary>The state probabilities at time <paramref name="t"/> (the last time at or before it; the start before the first).</summary>
    public IReadOnlyList<double> ProbabilityAt(double t)
    {
        IReadOnlyList<double> p = Initial;
        for (int i = 0; i < Times.Count && Times[i] <= t; i++) p = Probability[i];
        return p;
    }
}
