using System.Collections;
using Survival.Estimation;

namespace Survival.CompetingRisks;

/// <summary>
/// A cumulative-incidence curve's steps stored as columns rather than one <see cref="IncidenceStep"/> per step: the
/// times and numbers at risk are the group's (shared by its curves), the estimate and standard error the curve's own,
/// and the log-scale limits are computed when a step is read. A group of 10^7 distinct times then costs two doubles a
/// step per curve instead of an object (the same idea as the Kaplan–Meier curve's columns).
/// </summary>
internal sealed class IncidenceStepColumns : IReadOnlyList<IncidenceStep>, IEquatable<IncidenceStepColumns>
{
    private readonly double[] _time;
    private readonly double[] _atRisk;
    private readonly double[] _estimate;
    private readonly double[] _stdErr;
    private readonly double _z;

    /// <param name="time">The group's distinct exit times, ascending (shared, not copied).</param>
    /// <param name="atRisk">The number at risk as reported at each time (shared).</param>
    /// <param name="estimate">The curve's estimate at each time.</param>
    /// <param name="stdErr">Its standard error.</param>
    /// <param name="z">The normal quantile of the limits.</param>
    public IncidenceStepColumns(double[] time, double[] atRisk, double[] estimate, double[] stdErr, double z)
    {
        _time = time;
        _atRisk = atRisk;
        _estimate = estimate;
        _stdErr = stdErr;
        _z = z;
    }

    public int Count => _time.Length;

    /// <summary>The times, for searches without assembling steps.</summary>
    public ReadOnlySpan<double> Time => _time;

    /// <summary>The estimates.</summary>
    public ReadOnlySpan<double> Estimate => _estimate;

    public IncidenceStep this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_time.Length) throw new ArgumentOutOfRangeException(nameof(index));
            double e = _estimate[index], s = _stdErr[index];
            // Log-scale limits, as cmprsk and R's multi-state survfit give them (conf.type = "log").
            var limits = ConfidenceLimits.For(e, e > 0 ? s / e : double.PositiveInfinity, _z, ConfidenceIntervalTransform.Log);
            return new IncidenceStep(_time[index], _atRisk[index], e, s, limits.Lower, limits.Upper);
        }
    }

    public IEnumerator<IncidenceStep> GetEnumerator()
    {
        for (int i = 0; i < _time.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(IncidenceStepColumns? other)
    {
        if (other is null || other.Count != Count) return false;
        if (ReferenceEquals(this, other)) return true;
        for (int i = 0; i < Count; i++)
            if (!this[i].Equals(other[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as IncidenceStepColumns);

    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(Count, _time[0], _estimate[Count - 1]);
}
