namespace Survival;

/// <summary>(start, stop] rows built from other rows: each new row says which input row it came from, so that any
/// covariate can be carried along by indexing with <see cref="SourceRow"/>.</summary>
public sealed record CountingProcessRows
{
    internal CountingProcessRows(SurvivalData data, int[] sourceRow, int[] episode, double[]? values)
    {
        Data = data;
        SourceRow = ValueList<int>.Of(sourceRow);
        Episode = ValueList<int>.Of(episode);
        Values = values is null ? null : ValueList<double>.Of(values);
    }

    /// <summary>The intervals: entry, exit, event (only on a subject's last interval, when its follow-up ended in one),
    /// weight, group and stratum of the source row, and the subject as <see cref="SurvivalData.Id"/> (so that a Cox fit
    /// clusters a subject's rows in the robust variance).</summary>
    public SurvivalData Data { get; }

    /// <summary>For each new row, the 0-based index of the input row it came from.</summary>
    public IReadOnlyList<int> SourceRow { get; }

    /// <summary>For each new row, the interval of the cut times it falls in (1 before the first cut, as R's
    /// <c>episode</c>); for <see cref="CountingProcess.Merge"/> the 1-based number of the row within its subject.</summary>
    public IReadOnlyList<int> Episode { get; }

    /// <summary>For <see cref="CountingProcess.Merge"/>, the time-dependent covariate's value on each new row; null otherwise.</summary>
    public IReadOnlyList<double>? Values { get; }
}
