namespace Survival.MultiState;

/// <summary>One coefficient of a multi-state Cox model: a covariate's effect on one transition.</summary>
/// <param name="Name">R's name: the covariate, "_", and the transition as state numbers (<c>age_1:2</c>).</param>
/// <param name="Covariate">The covariate column.</param>
/// <param name="Transition">The transition.</param>
public sealed record MultiStateCoxTerm(string Name, string Covariate, MultiStateTransition Transition);
