using MathNet.Numerics.Distributions;

namespace Survival.Design;

/// <summary>
/// Bayesian toxicity monitoring (Thall, Simon &amp; Estey 1995/1996): with a Beta(a, b) prior on the toxicity
/// probability p, after x toxicities in n patients stop if Pr(p &gt; θ | x, n) &gt; c, checked after every cohort.
/// </summary>
/// <remarks>
/// The posterior is Beta(a + x, b + n − x), so Pr(p &gt; θ | x, n) = 1 − I_θ(a + x, b + n − x) (regularised incomplete
/// beta). The boundary at n is the smallest x for which the rule stops. Operating characteristics are exact: a
/// recursion over cohorts carries the distribution of toxicities among trials still running (binomial increments per
/// cohort at the true rate), so Pr(stop) and E[patients treated] have no simulation error. References: Thall, Simon
/// &amp; Estey (1995), Stat Med 14:357–379; Thall, Simon &amp; Estey (1996), J Clin Oncol 14:296–303.
/// </remarks>
public sealed record ToxicityMonitoring
{
    private ToxicityMonitoring(double priorA, double priorB, double threshold, double probability, int cohortSize, int maxPatients, ToxicityBoundary[] boundaries)
    {
        PriorA = priorA;
        PriorB = priorB;
        Threshold = threshold;
        Probability = probability;
        CohortSize = cohortSize;
        MaxPatients = maxPatients;
        Boundaries = ValueList<ToxicityBoundary>.Of(boundaries);
    }

    /// <summary>Prior Beta shape a.</summary>
    public double PriorA { get; }

    /// <summary>Prior Beta shape b.</summary>
    public double PriorB { get; }

    /// <summary>The unacceptable toxicity rate θ.</summary>
    public double Threshold { get; }

    /// <summary>The posterior probability c above which the trial stops.</summary>
    public double Probability { get; }

    /// <summary>Patients per cohort (a look after each).</summary>
    public int CohortSize { get; }

    /// <summary>The maximum number of patients.</summary>
    public int MaxPatients { get; }

    /// <summary>At each look, the smallest number of toxicities that stops the trial (null when none can).</summary>
    public IReadOnlyList<ToxicityBoundary> Boundaries { get; }

    /// <summary>Pr(p &gt; θ | x toxicities in n patients).</summary>
    public double PosteriorProbability(int toxicities, int patients) => 1 - Beta.CDF(PriorA + toxicities, PriorB + patients - toxicities, Threshold);

    /// <summary>Designs the rule and its boundary table.</summary>
    /// <param name="priorA">Beta prior a &gt; 0 (the paper: 0.3).</param>
    /// <param name="priorB">Beta prior b &gt; 0 (the paper: 0.7).</param>
    /// <param name="threshold">θ in (0, 1) (the paper: 0.30).</param>
    /// <param name="probability">c in (0, 1) (the paper: 0.95).</param>
    /// <param name="cohortSize">Patients per cohort ≥ 1 (the paper: 4).</param>
    /// <param name="maxPatients">Maximum patients, a multiple of the cohort size is not required (the paper: 64).</param>
    public static ToxicityMonitoring Create(double priorA, double priorB, double threshold, double probability, int cohortSize, int maxPatients)
    {
        if (!(priorA > 0) || !double.IsFinite(priorA)) throw Bad("the prior's a must be > 0", "priorA", priorA);
        if (!(priorB > 0) || !double.IsFinite(priorB)) throw Bad("the prior's b must be > 0", "priorB", priorB);
        if (!(threshold > 0 && threshold < 1)) throw Bad("θ must be in (0, 1)", "threshold", threshold);
        if (!(probability > 0 && probability < 1)) throw Bad("c must be in (0, 1)", "probability", probability);
        if (cohortSize < 1) throw Bad("the cohort size must be ≥ 1", "cohortSize", cohortSize);
        if (maxPatients < cohortSize) throw Bad("the maximum must be at least one cohort", "maxPatients", maxPatients);
        var looks = new List<ToxicityBoundary>();
        var design = new ToxicityMonitoring(priorA, priorB, threshold, probability, cohortSize, maxPatients, []);
        for (int n = cohortSize; n <= maxPatients; n += cohortSize)
        {
            int? stopAt = null;
            for (int x = 0; x <= n; x++)
                if (design.PosteriorProbability(x, n) > probability) { stopAt = x; break; }
            looks.Add(new ToxicityBoundary(n, stopAt));
        }
        return new ToxicityMonitoring(priorA, priorB, threshold, probability, cohortSize, maxPatients, looks.ToArray());
    }

    /// <summary>Exact operating characteristics at a true toxicity rate.</summary>
    /// <param name="trueRate">The true toxicity probability in [0, 1].</param>
    public ToxicityOperatingCharacteristics OperatingCharacteristics(double trueRate)
    {
        if (!(trueRate >= 0 && trueRate <= 1)) throw Bad("the true rate must be in [0, 1]", "trueRate", trueRate);
        var running = new double[MaxPatients + 1]; // Pr(still running with x toxicities so far)
        running[0] = 1;
        double stop = 0, expected = 0;
        int treated = 0;
        foreach (var look in Boundaries)
        {
            int k = look.Patients - treated;
            var next = new double[MaxPatients + 1];
            for (int x = 0; x <= treated; x++)
            {
                if (running[x] == 0) continue;
                for (int y = 0; y <= k; y++) next[x + y] += running[x] * Binomial.PMF(trueRate, k, y);
            }
            expected += k * running.Sum();
            treated = look.Patients;
            if (look.StopAt is int s)
                for (int x = s; x <= treated; x++) { stop += next[x]; next[x] = 0; }
            running = next;
        }
        return new ToxicityOperatingCharacteristics(trueRate, stop, expected);
    }

    private static SurvivalInputException Bad(string reason, string column, double value)
        => new(reason, column: column, value: SurvivalData.Format(value));
}

/// <summary>One look of a toxicity rule: after <paramref name="Patients"/> patients, stop at <paramref name="StopAt"/> or more toxicities.</summary>
/// <param name="Patients">Patients treated at the look.</param>
/// <param name="StopAt">The smallest toxicity count that stops; null when no count can.</param>
public sealed record ToxicityBoundary(int Patients, int? StopAt);

/// <summary>Exact operating characteristics of a toxicity rule at one true rate.</summary>
/// <param name="TrueRate">The true toxicity probability.</param>
/// <param name="ProbabilityStop">Pr(the rule stops the trial at some look).</param>
/// <param name="ExpectedPatients">E[patients treated].</param>
public sealed record ToxicityOperatingCharacteristics(double TrueRate, double ProbabilityStop, double ExpectedPatients);
