namespace Survival.Design;

/// <summary>Simulated operating characteristics of an event-time monitoring rule at one true median.</summary>
/// <param name="TrueMedian">The experimental therapy's true median event time.</param>
/// <param name="ProbabilityStopEarly">The fraction of simulated trials the rule stopped at an interim look.</param>
/// <param name="StandardError">The Monte Carlo standard error of <paramref name="ProbabilityStopEarly"/>, √(p(1 − p)/R).</param>
/// <param name="MeanPatients">Mean number of patients enrolled.</param>
/// <param name="MeanDuration">Mean trial duration (to the stopping look, or to the end of follow-up).</param>
/// <param name="MeanEvents">Mean number of events observed by the end of the trial.</param>
/// <param name="Replicates">The number of simulated trials R.</param>
public sealed record EventTimeOperatingCharacteristics(
    double TrueMedian,
    double ProbabilityStopEarly,
    double StandardError,
    double MeanPatients,
    double MeanDuration,
    double MeanEvents,
    int Replicates);
