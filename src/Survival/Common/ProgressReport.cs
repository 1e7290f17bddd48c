namespace Survival;

/// <summary>How far a long operation has got, as <see cref="IProgress{T}"/> reports it: the stage it is in, and the units
/// done out of the total for that stage (rows read, iterations, replicates).</summary>
/// <param name="Stage">What is being done, e.g. "reading", "fitting".</param>
/// <param name="Done">Units done so far in this stage.</param>
/// <param name="Total">Units in this stage (an upper bound where the exact count is not known in advance, such as an
/// iteration limit).</param>
public readonly record struct ProgressReport(string Stage, long Done, long Total)
{
    /// <summary>Done ÷ total, in [0, 1].</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Clamp((double)Done / Total, 0, 1);
}
