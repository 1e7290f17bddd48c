namespace Survival.Synthesis;

/// <summary>How <see cref="CohortSynthesis.Synthesize"/> searches.</summary>
/// <remarks>
/// The search is deterministic: the same targets, seed and options write the same cohort on any machine and any number
/// of cores, because each of the <see cref="Chains"/> searches alone with its own seeded generator and a fixed share of
/// <see cref="MaxEvaluations"/>, and the chains are compared only at fixed points (every
/// <see cref="RoundEvaluations"/> candidates), where the lowest-numbered chain that meets every target wins. Cores
/// only decide how many chains run at once.
/// </remarks>
public sealed record SynthesisOptions
{
    /// <summary>The seed of the search (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How many independent searches run (default 4); the best cohort of all is kept. Not the number of cores.</summary>
    public int Chains { get; init; } = 4;

    /// <summary>The most candidate cohorts scored, over all chains (default 1,000,000); the search stops earlier when a
    /// cohort meets every target.</summary>
    public long MaxEvaluations { get; init; } = 1_000_000;

    /// <summary>Candidates each chain scores between the points where chains are compared (default 2,000).</summary>
    public int RoundEvaluations { get; init; } = 2_000;

    /// <summary>The grid times lie on, in the targets' time unit; null (default): the unit of the last printed digit of
    /// the time-valued targets (a median printed in whole days gives 1 day; in months with one decimal, 0.1 month).</summary>
    public double? TimeStep { get; init; }

    /// <summary>The weight of a digitised curve (a soft target) against the printed numbers (default 1): a group's mean
    /// distance to its curve of 0.02 (two percentage points) costs as much as one printed number just missed.</summary>
    public double CurveWeight { get; init; } = 1;

    /// <summary>The most chains run at once (default −1: as many as there are cores). Does not change the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
