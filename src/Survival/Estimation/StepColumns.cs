using System.Collections;

namespace Survival.Estimation;

/// <summary>
/// A curve's steps stored as columns of doubles rather than as one <see cref="SurvivalStep"/> per step: a curve of
/// millions of distinct times (simulated, continuous data) costs 10 doubles a step (11 with delayed entry) and no per-step object; a
/// <see cref="SurvivalStep"/> is assembled when one is read.
/// </summary>
/// <remarks>The optional values (standard error, limits) are stored as a NaN with a payload of its own
/// (<see cref="Absent"/>), which no arithmetic produces (it yields the default NaN), so that "not defined" (null) and a
/// computed NaN stay apart. The standard error is derived from the log-scale one (S·SE(log S)) unless a column is given
/// (the infinitesimal jackknife's).</remarks>
internal sealed class StepColumns : IReadOnlyList<SurvivalStep>, IEquatable<StepColumns>
{
    private const long AbsentBits = 0x7FF8_5EED_0000_0001;

    /// <summary>The stored form of null.</summary>
    public static readonly double Absent = BitConverter.Int64BitsToDouble(AbsentBits);

    public readonly double[] Time;
    public readonly double[] AtRisk;
    public readonly double[] Events;
    public readonly double[] Censored;
    private readonly double[]? _entered;
    public readonly double[] Survival;
    public readonly double[] LogStdErr;
    public readonly double[] Lower;
    public readonly double[] Upper;
    public readonly double[] CumulativeHazard;
    public readonly double[] CumulativeHazardStdErr;
    private readonly double[]? _stdErr;

    /// <summary>Empty columns for <paramref name="count"/> steps, to be filled by <see cref="Set"/>.</summary>
    /// <param name="count">The number of steps.</param>
    /// <param name="stdErrColumn">Whether the standard error of S is stored (the robust variance's) rather than derived.</param>
    /// <param name="entries">Whether any step has delayed entries (otherwise the column is not stored: all 0).</param>
    public StepColumns(int count, bool stdErrColumn = false, bool entries = true)
    {
        Time = Column(count);
        AtRisk = Column(count);
        Events = Column(count);
        Censored = Column(count);
        _entered = entries ? Column(count) : null;
        Survival = Column(count);
        LogStdErr = Column(count);
        Lower = Column(count);
        Upper = Column(count);
        CumulativeHazard = Column(count);
        CumulativeHazardStdErr = Column(count);
        _stdErr = stdErrColumn ? Column(count) : null;
    }

    /// <summary>Columns holding <paramref name="steps"/> exactly.</summary>
    public StepColumns(SurvivalStep[] steps)
        : this(steps.Length, stdErrColumn: true)
    {
        for (int i = 0; i < steps.Length; i++)
        {
            var st = steps[i];
            Set(i, st.Time, st.AtRisk, st.Events, st.Censored, st.Entered, st.Survival, st.LogStdErr,
                new IntervalEstimate(st.Survival, st.Lower, st.Upper), st.CumulativeHazard, st.CumulativeHazardStdErr);
            _stdErr![i] = Store(st.StdErr);
        }
    }

    /// <summary>A column left uninitialised: every step is written by <see cref="Set"/> before it is read (millions of steps
    /// need not be zeroed first).</summary>
    private static double[] Column(int count) => GC.AllocateUninitializedArray<double>(count);

    /// <summary>Writes step <paramref name="i"/>.</summary>
    public void Set(int i, double time, double atRisk, double events, double censored, double entered, double survival, double logStdErr,
        IntervalEstimate limits, double cumulativeHazard, double cumulativeHazardStdErr)
    {
        Time[i] = time;
        AtRisk[i] = atRisk;
        Events[i] = events;
        Censored[i] = censored;
        if (_entered is not null) _entered[i] = entered;
        else if (entered != 0) throw new InvalidOperationException("a step with entries in columns made without them");
        Survival[i] = survival;
        LogStdErr[i] = logStdErr;
        Lower[i] = Store(limits.Lower);
        Upper[i] = Store(limits.Upper);
        CumulativeHazard[i] = cumulativeHazard;
        CumulativeHazardStdErr[i] = cumulativeHazardStdErr;
    }

    public static double Store(double? value) => value ?? Absent;

    public static bool IsAbsent(double stored) => BitConverter.DoubleToInt64Bits(stored) == AbsentBits;

    public static double? Load(double stored) => IsAbsent(stored) ? null : stored;

    public int Count => Time.Length;

    public SurvivalStep this[int index]
    {
        get
        {
            double s = Survival[index], log = LogStdErr[index];
            double? stdErr = _stdErr is null ? (double.IsFinite(log) ? s * log : null) : Load(_stdErr[index]);
            return new SurvivalStep(Time[index], AtRisk[index], Events[index], Censored[index], _entered?[index] ?? 0, s, stdErr, log,
                Load(Lower[index]), Load(Upper[index]), CumulativeHazard[index], CumulativeHazardStdErr[index]);
        }
    }

    public IEnumerator<SurvivalStep> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(StepColumns? other)
    {
        if (other is null || other.Count != Count) return false;
        if (ReferenceEquals(this, other)) return true;
        for (int i = 0; i < Count; i++)
            if (!this[i].Equals(other[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as StepColumns);

    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(Count, Time[0], Survival[Count - 1]);
}
