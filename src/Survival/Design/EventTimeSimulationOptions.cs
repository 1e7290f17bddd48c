namespace Survival.Design;

/// <summary>The simulated trial of <see cref="EventTimeMonitoring.Simulate"/>: accrual, looks, follow-up, replicates.</summary>
/// <remarks>Times are in the unit of the priors (months in the paper). There is no standard software default to
/// reproduce; the replicate count and seed are this library's.</remarks>
public sealed record EventTimeSimulationOptions
{
    /// <summary>Patients enrolled per time unit, &gt; 0 (the paper: 64 patients over about 29 months ≈ 2.2 a month).</summary>
    public required double AccrualRate { get; init; }

    /// <summary>The maximum number of patients, ≥ 1 (the paper: 64).</summary>
    public required int MaxPatients { get; init; }

    /// <summary>Time between looks, &gt; 0, counted from the trial's start (the paper: 6 months).</summary>
    public required double LookInterval { get; init; }

    /// <summary>Follow-up after the last patient enters, ≥ 0; the trial ends then unless stopped.</summary>
    public required double FollowUp { get; init; }

    /// <summary>How patients arrive. Default <see cref="AccrualPattern.Poisson"/>.</summary>
    public AccrualPattern Accrual { get; init; } = AccrualPattern.Poisson;

    /// <summary>Simulated trials per scenario, ≥ 1. Default 10,000 (Monte Carlo error of a probability ≤ 0.005).</summary>
    public int Replicates { get; init; } = 10_000;

    /// <summary>The seed; the results depend on it and on nothing else (not the thread count). Default 2005.</summary>
    public int Seed { get; init; } = 2005;

    /// <summary>Threads to use; −1 (the default) uses all cores. The results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (!(AccrualRate > 0) || !double.IsFinite(AccrualRate)) throw Bad("the accrual rate must be a finite number > 0", nameof(AccrualRate), AccrualRate);
        if (MaxPatients < 1) throw Bad("the maximum number of patients must be ≥ 1", nameof(MaxPatients), MaxPatients);
        if (!(LookInterval > 0) || !double.IsFinite(LookInterval)) throw Bad("the interval between looks must be a finite number > 0", nameof(LookInterval), LookInterval);
        if (!(FollowUp >= 0) || !double.IsFinite(FollowUp)) throw Bad("the follow-up must be a finite number ≥ 0", nameof(FollowUp), FollowUp);
        if (!Enum.IsDefined(Accrual)) throw new SurvivalInputException("unknown accrual pattern", column: nameof(Accrual), value: Accrual.ToString());
        if (Replicates < 1) throw Bad("the number of replicates must be ≥ 1", nameof(Replicates), Replicates);
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw Bad("the degree of parallelism must be −1 (all cores) or ≥ 1", nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism);
    }

    private static SurvivalInputException Bad(string reason, string column, double value)
        => new(reason, column: column, value: SurvivalData.Format(value));
}
