namespace Survival.Synthesis;

/// <summary>Builds a synthetic cohort whose analysis by this library meets a paper's published numbers at the precision
/// they were printed with.</summary>
/// <remarks>
/// <para>The inverse of an analysis: given n, events, medians with limits, landmark survival with limits, numbers at
/// risk, the median follow-up, log-rank P and a Cox hazard ratio (<see cref="CohortTargets"/>), find rows
/// (group, time, event) that reproduce them. Every candidate is scored by the library's own estimators (Kaplan–Meier,
/// <c>survdiff</c>, <c>coxph</c>, reverse Kaplan–Meier); nothing is re-implemented for the search.</para>
/// <para>The search (<see cref="SynthesisOptions"/>): several chains, each a seeded simulated annealing over one-row
/// changes with a greedy polish (<c>SynthesisChain</c>), started from a cohort drawn from the survival and censoring
/// curves the printed numbers sketch. Times lie on a grid (<see cref="SynthesisOptions.TimeStep"/>) within the
/// constraints (<see cref="SynthesisConstraints"/>). The chains run in slices of
/// <see cref="SynthesisOptions.RoundEvaluations"/> candidates; after each slice the lowest-numbered chain that meets
/// every target wins, so the result depends on the seed and options only, never on the number of cores or timing.
/// When the budget runs out the cohort missing the fewest targets (then with the smallest total distance) is
/// kept.</para>
/// <para>Before the search, targets that cannot hold together in any cohort are listed
/// (<see cref="SynthesisResult.Conflicts"/>). After it, <see cref="CohortTargets.Evaluate"/> checks the cohort afresh;
/// that check is the report.</para>
/// <para>Nothing here is from the literature on reconstruction from figures (Guyot et al. 2012 start from a curve); the
/// calibration to printed statistics generalises what this project did for its own paper (Figure 1, Table 2).</para>
/// </remarks>
public static class CohortSynthesis
{
    /// <summary>Searches for a cohort that meets every target (remarks).</summary>
    /// <param name="targets">The published numbers (<see cref="CohortTargets.Parse"/>).</param>
    /// <param name="options">Seed, budget, grid; defaults when null.</param>
    /// <param name="cancellationToken">Stops the search between slices (throws <see cref="OperationCanceledException"/>).</param>
    /// <param name="progress">Reports ("searching", candidates scored, budget) after each slice.</param>
    /// <exception cref="SurvivalInputException">The options or constraints leave no allowed time (the message says
    /// which).</exception>
    public static SynthesisResult Synthesize(CohortTargets targets, SynthesisOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        options ??= new SynthesisOptions();
        if (options.Chains < 1) throw new SurvivalInputException("at least one chain is needed", column: "chains", value: options.Chains.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.RoundEvaluations < 1) throw new SurvivalInputException("a slice must score at least one candidate", column: "roundEvaluations");
        if (options.MaxEvaluations < 1) throw new SurvivalInputException("the budget must be at least one candidate", column: "maxEvaluations");
        if (!(options.CurveWeight >= 0) || !double.IsFinite(options.CurveWeight))
            throw new SurvivalInputException("the curve weight must be finite and ≥ 0", column: "curveWeight");
        var problem = new SynthesisProblem(targets, options);
        var conflicts = TargetConsistency.Find(targets, problem.MinTick * problem.Step, problem.MaxTick * problem.Step);
        var chains = new SynthesisChain[options.Chains];
        long perChain = Math.Max(1, options.MaxEvaluations / options.Chains);
        Parallel.For(0, chains.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            k => chains[k] = new SynthesisChain(problem, ChainSeed(options.Seed, k), perChain));
        int winner = -1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            winner = Array.FindIndex(chains, c => c.Done);
            if (winner >= 0 || chains.All(c => c.Evaluations >= perChain)) break;
            Parallel.For(0, chains.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
                k => chains[k].Run((int)Math.Min(options.RoundEvaluations, Math.Max(0, perChain - chains[k].Evaluations))));
            progress?.Report(new ProgressReport("searching", chains.Sum(c => c.Evaluations), perChain * chains.Length));
        }
        if (winner < 0)
            winner = Enumerable.Range(0, chains.Length).OrderBy(k => chains[k].BestMissed).ThenBy(k => chains[k].BestLoss).ThenBy(k => k).First();
        var cohort = chains[winner].Best();
        var report = targets.Evaluate(cohort);
        var curves = targets.Curves.Select(c =>
        {
            var fit = Estimation.KaplanMeier.Fit(cohort, targets.Options)[c.Group!];
            var points = c.Cleaned.Where(p => p.Time > 0).ToArray();
            var (max, mean) = SynthesisProblem.CurveDistance(fit, points);
            return new CurveTargetResult(c.Group!, points.Length, max, mean);
        }).ToArray();
        return new SynthesisResult(cohort, report, conflicts, ValueList<CurveTargetResult>.Of(curves), options, problem.Step,
            chains.Sum(c => c.Evaluations), winner);
    }

    /// <summary>The seed of chain k: the user's seed and k mixed by SplitMix64's finaliser, so that nearby seeds and
    /// chains draw unrelated streams.</summary>
    private static int ChainSeed(int seed, int chain)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)chain * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
