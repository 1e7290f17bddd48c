namespace Survival.Design;

/// <summary>What a two-arm survival trial assumes (rpact's <c>getSampleSizeSurvival</c> and <c>getPowerSurvival</c>
/// arguments): the effect, accrual, follow-up and drop-out. Group 1 is the experimental arm, group 2 the control; the
/// hazard ratio is λ₁/λ₂. Each default is rpact's.</summary>
/// <remarks>
/// <para>The effect is given one way: <see cref="HazardRatio"/> with the control arm's <see cref="Median2"/>,
/// <see cref="Lambda2"/> or <see cref="Pi2"/>; or both arms by <see cref="Median1"/>/<see cref="Median2"/>,
/// <see cref="Lambda1"/>/<see cref="Lambda2"/> or <see cref="Pi1"/>/<see cref="Pi2"/> (event probabilities by
/// <see cref="EventTime"/>); or piecewise-exponential control hazards <see cref="PiecewiseLambda2"/> from
/// <see cref="PiecewiseSurvivalTime"/> with <see cref="HazardRatio"/> (proportional hazards).</para>
/// <para>Medians and probabilities are turned into exponential hazards: λ = ln 2 / median, λ = −ln(1 − π) / t.</para>
/// </remarks>
public sealed record SurvivalDesignAssumptions
{
    /// <summary>λ₁/λ₂ under the alternative (rpact <c>hazardRatio</c>).</summary>
    public double? HazardRatio { get; init; }

    /// <summary>The hazard ratio under H0 (rpact <c>thetaH0</c>, default 1).</summary>
    public double ThetaH0 { get; init; } = 1;

    /// <summary>Median survival of the experimental arm (rpact <c>median1</c>).</summary>
    public double? Median1 { get; init; }

    /// <summary>Median survival of the control arm (rpact <c>median2</c>).</summary>
    public double? Median2 { get; init; }

    /// <summary>Exponential hazard of the experimental arm (rpact <c>lambda1</c>).</summary>
    public double? Lambda1 { get; init; }

    /// <summary>Exponential hazard of the control arm (rpact <c>lambda2</c>).</summary>
    public double? Lambda2 { get; init; }

    /// <summary>Probability of an event by <see cref="EventTime"/> in the experimental arm (rpact <c>pi1</c>).</summary>
    public double? Pi1 { get; init; }

    /// <summary>Probability of an event by <see cref="EventTime"/> in the control arm (rpact <c>pi2</c>).</summary>
    public double? Pi2 { get; init; }

    /// <summary>The time <see cref="Pi1"/> and <see cref="Pi2"/> refer to (rpact <c>eventTime</c>, default 12).</summary>
    public double EventTime { get; init; } = 12;

    /// <summary>Start times 0 = s₀ &lt; s₁ &lt; … of the pieces of a piecewise-exponential control hazard (rpact
    /// <c>piecewiseSurvivalTime</c>).</summary>
    public IReadOnlyList<double>? PiecewiseSurvivalTime { get; init; }

    /// <summary>The control hazard on each piece (rpact <c>lambda2</c> as a vector); needs <see cref="HazardRatio"/>.</summary>
    public IReadOnlyList<double>? PiecewiseLambda2 { get; init; }

    /// <summary>n₁/n₂ (rpact <c>allocationRatioPlanned</c>, default 1).</summary>
    public double AllocationRatio { get; init; } = 1;

    /// <summary>The accrual periods' end times, with or without the leading 0 (rpact <c>accrualTime</c>, default
    /// (0, 12)).</summary>
    public IReadOnlyList<double> AccrualTime { get; init; } = [0, 12];

    /// <summary>The accrual intensity on each period (rpact <c>accrualIntensity</c>, default 0.1: constant, relative).</summary>
    public IReadOnlyList<double> AccrualIntensity { get; init; } = [0.1];

    /// <summary>Whether the intensities are patients per time unit or relative (rpact <c>accrualIntensityType</c>, default
    /// auto).</summary>
    public AccrualIntensityType AccrualIntensityType { get; init; } = AccrualIntensityType.Auto;

    /// <summary>Follow-up after accrual ends (rpact <c>followUpTime</c>): with relative intensities, the number of patients
    /// follows from it. Leave null when the patients are fixed (absolute intensities or <see cref="MaxNumberOfSubjects"/>):
    /// then the follow-up is computed.</summary>
    public double? FollowUpTime { get; init; }

    /// <summary>The number of patients (rpact <c>maxNumberOfSubjects</c>); with relative intensities the follow-up is then
    /// computed.</summary>
    public double? MaxNumberOfSubjects { get; init; }

    /// <summary>Probability of dropping out by <see cref="DropoutTime"/> in the experimental arm (rpact
    /// <c>dropoutRate1</c>, default 0); exponential drop-out with hazard −ln(1 − rate)/time.</summary>
    public double DropoutRate1 { get; init; }

    /// <summary>The same in the control arm (rpact <c>dropoutRate2</c>, default 0 as in rpact's
    /// <c>getSampleSizeSurvival</c> and <c>getPowerSurvival</c>, whatever <see cref="DropoutRate1"/> is).</summary>
    public double DropoutRate2 { get; init; }

    /// <summary>The time the drop-out rates refer to (rpact <c>dropoutTime</c>, default 12).</summary>
    public double DropoutTime { get; init; } = 12;

    /// <summary>The events formula (rpact <c>typeOfComputation</c>, default Schoenfeld).</summary>
    public SurvivalEventsFormula Formula { get; init; } = SurvivalEventsFormula.Schoenfeld;
}
