namespace Survival.Design;

/// <summary>How many trials <see cref="SurvivalDesignSimulation.Simulate"/> draws, from which seed.</summary>
public sealed record SurvivalSimulationOptions
{
    /// <summary>Simulated trials (rpact <c>maxNumberOfIterations</c>, default 1,000).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The seed (default 1): the same seed gives the same result.</summary>
    public int Seed { get; init; } = 1;
}
