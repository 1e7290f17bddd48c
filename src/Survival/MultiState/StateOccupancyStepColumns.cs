using System.Collections;
using Survival.Estimation;

namespace Survival.MultiState;

/// <summary>
/// A state-occupancy curve's steps stored as columns rather than one <see cref="StateOccupancyStep"/> (with its nine
/// lists) per event time: the counts, probabilities, standard errors and cumulative hazards sit in one array each, and a
/// step with its confidence limits is assembled when it is read. A curve of 10⁵ times then costs a few arrays instead of
/// over a million small objects (the same idea as the Kaplan–Meier and cumulative-incidence curves' columns).
/// </summary>
internal sealed class StateOccupancyStepColumns : IReadOnlyList<StateOccupancyStep>, IEquatable<StateOccupancyStepColumns>
{
    private readonly double[] _time;
    private readonly int[] _atRisk;
    private readonly int[] _events;
    private readonly int[] _censored;
    private readonly double[] _probability;
    private readonly double[] _stdErr;
    private readonly double[] _cumulativeHazard;
    private readonly int _states;
    private readonly int _transitions;
    private readonly double _z;
    private readonly ConfidenceIntervalTransform _transform;

    /// <param name="time">The event times, ascending.</param>
    /// <param name="atRisk">The number at risk in each state at each time, time-major (times × states).</param>
    /// <param name="events">The transitions into each state at each time, time-major.</param>
    /// <param name="censored">The rows censored at each time.</param>
    /// <param name="probability">The state probabilities, time-major.</param>
    /// <param name="stdErr">Their standard errors, time-major.</param>
    /// <param name="cumulativeHazard">The cumulative hazard of each transition, time-major (times × transitions).</param>
    /// <param name="states">The number of states.</param>
    /// <param name="transitions">The number of transitions.</param>
    /// <param name="z">The normal quantile of the limits.</param>
    /// <param name="transform">The scale of the limits.</param>
    public StateOccupancyStepColumns(double[] time, int[] atRisk, int[] events, int[] censored, double[] probability, double[] stdErr,
        double[] cumulativeHazard, int states, int transitions, double z, ConfidenceIntervalTransform transform)
    {
        _time = time;
        _atRisk = atRisk;
        _events = events;
        _censored = censored;
        _probability = probability;
        _stdErr = stdErr;
        _cumulativeHazard = cumulativeHazard;
        _states = states;
        _transitions = transitions;
        _z = z;
        _transform = transform;
    }

    public int Count => _time.Length;

    /// <summary>The times, for searches without assembling steps.</summary>
    public ReadOnlySpan<double> Time => _time;

    public StateOccupancyStep this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_time.Length) throw new ArgumentOutOfRangeException(nameof(index));
            int s = _states, o = index * s;
            return AalenJohansen.Step(_time[index], _atRisk.AsSpan(o, s).ToArray(), _events.AsSpan(o, s).ToArray(), _censored[index],
                _probability.AsSpan(o, s).ToArray(), _stdErr.AsSpan(o, s).ToArray(), _z, _transform,
                _cumulativeHazard.AsSpan(index * _transitions, _transitions).ToArray());
        }
    }

    public IEnumerator<StateOccupancyStep> GetEnumerator()
    {
        for (int i = 0; i < _time.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(StateOccupancyStepColumns? other)
    {
        if (other is null || other.Count != Count) return false;
        if (ReferenceEquals(this, other)) return true;
        for (int i = 0; i < Count; i++)
            if (!this[i].Equals(other[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as StateOccupancyStepColumns);

    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(Count, _time[0], _probability[^1]);
}
