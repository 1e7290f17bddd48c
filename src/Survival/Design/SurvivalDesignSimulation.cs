using Survival.Comparison;

namespace Survival.Design;

/// <summary>Seeded simulation of a two-arm survival trial run with a group-sequential design and analysed by the
/// library's log-rank test: the check of <see cref="SurvivalSampleSize.PowerOf"/> under the model it assumes (rpact's
/// <c>getSimulationSurvival</c> for the same purpose).</summary>
/// <remarks>
/// <para>Each simulated trial: N patients enter at times drawn from the piecewise-uniform accrual, alternately assigned so
/// that the arms keep the allocation ratio r (patient i is experimental when ⌊(i + 1)r/(1 + r)⌋ &gt; ⌊i r/(1 + r)⌋); each
/// has a piecewise-exponential event time (inverse cumulative hazard of an Exp(1) draw) and an exponential drop-out
/// time. Stage k is analysed at the calendar time of the d_k-th observed event, d_k = d_K t_k rounded to the nearest
/// whole number (or at the last event, when drop-out leaves fewer). The statistic is the log-rank Z of
/// <see cref="LogRankTest"/> (survdiff's O − E over √V for the experimental arm), signed so that large values favour the
/// assumed effect; the design's bounds decide as in <see cref="SurvivalSampleSize.PowerOf"/>.</para>
/// <para>Deterministic: one <see cref="Random"/> seeded by <see cref="SurvivalSimulationOptions.Seed"/>, trials
/// drawn in order. The Monte Carlo standard error of a probability p over B trials is √(p(1 − p)/B).</para>
/// </remarks>
public static class SurvivalDesignSimulation
{
    /// <summary>Simulates <see cref="SurvivalSimulationOptions.Iterations"/> trials (remarks).</summary>
    /// <param name="design">The boundaries.</param>
    /// <param name="assumptions">Effect, accrual, drop-out (θ₀ must be 1: the log-rank test tests equal hazards).</param>
    /// <param name="maxNumberOfEvents">d_K.</param>
    /// <param name="maxNumberOfSubjects">N, whole.</param>
    /// <param name="options">Iterations and seed; rpact's 1,000 iterations when null.</param>
    /// <param name="cancellationToken">Stops between trials.</param>
    /// <param name="progress">Reports ("simulating", trials done, trials).</param>
    /// <exception cref="SurvivalInputException">An assumption is out of range (as <see cref="SurvivalSampleSize.PowerOf"/>),
    /// θ₀ ≠ 1, or the options are.</exception>
    public static SurvivalSimulationResult Simulate(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions, int maxNumberOfEvents,
        int maxNumberOfSubjects, SurvivalSimulationOptions? options = null, CancellationToken cancellationToken = default,
        IProgress<ProgressReport>? progress = null)
    {
        options ??= new SurvivalSimulationOptions();
        if (options.Iterations < 1) throw new SurvivalInputException("at least one simulated trial is needed", column: "maxNumberOfIterations", value: options.Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (assumptions.ThetaH0 != 1) throw new SurvivalInputException("the simulated log-rank test tests equal hazards: θ₀ must be 1", column: "thetaH0");
        // The analytic power validates every assumption and gives the model (hazards, accrual) the trials are drawn from.
        var analytic = SurvivalSampleSize.PowerOf(design, assumptions, maxNumberOfEvents, maxNumberOfSubjects);
        var model = SurvivalSampleSize.Model(assumptions with { MaxNumberOfSubjects = maxNumberOfSubjects });
        int k = design.Stages, n = maxNumberOfSubjects;
        var planned = design.InformationRates.Select(t => Math.Max(1, (int)Math.Round(maxNumberOfEvents * t, MidpointRounding.AwayFromZero))).ToArray();
        double sign = analytic.HazardRatio > 1 ? 1 : -1;
        bool two = design.Options.Sides == TestSides.Two;
        var critical = design.CriticalValues;
        var futility = design.FutilityBounds;
        double r = assumptions.AllocationRatio;
        var experimental = new bool[n];
        for (int i = 0; i < n; i++) experimental[i] = Math.Floor((i + 1) * r / (1 + r)) > Math.Floor(i * r / (1 + r));
        var labels = experimental.Select(e => e ? "1" : "2").ToArray();

        var random = new Random(options.Seed);
        var entry = new double[n];
        var eventAt = new double[n];   // calendar time of the observed event, +∞ when none (drop-out first)
        var exitAt = new double[n];    // calendar time of the event or drop-out
        var reject = new long[k];
        var futile = new long[k];
        var timeSum = new double[k];
        double eventsSum = 0, subjectsSum = 0, durationSum = 0;
        for (int trial = 0; trial < options.Iterations; trial++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < n; i++)
            {
                int arm = experimental[i] ? 0 : 1;
                entry[i] = model.DrawEntry(random.NextDouble());
                double ev = model.DrawEventTime(arm, -Math.Log(1 - random.NextDouble()));
                double drop = model.DrawDropoutTime(arm, -Math.Log(1 - random.NextDouble()));
                exitAt[i] = entry[i] + Math.Min(ev, drop);
                eventAt[i] = ev <= drop ? entry[i] + ev : double.PositiveInfinity;
            }
            var ordered = eventAt.Where(double.IsFinite).Order().ToArray();
            bool stopped = false;
            for (int s = 0; s < k; s++)
            {
                double at = ordered.Length == 0 ? 0 : ordered[Math.Min(planned[s], ordered.Length) - 1];
                timeSum[s] += at;
                if (stopped) continue;
                double z = sign * Statistic(entry, eventAt, exitAt, labels, at);
                bool last = s == k - 1;
                bool rejected = two ? Math.Abs(z) >= critical[s] : z >= critical[s];
                bool futilityStop = !rejected && !last && !two && futility is not null && futility[s] > GroupSequential.NoFutilityBound && z <= futility[s];
                if (rejected) reject[s]++;
                if (futilityStop) futile[s]++;
                if (rejected || futilityStop || last)
                {
                    stopped = true;
                    eventsSum += Math.Min(planned[s], ordered.Length);
                    subjectsSum += entry.Count(e => e <= at);
                    durationSum += at;
                }
            }
            if ((trial + 1) % 100 == 0) progress?.Report(new ProgressReport("simulating", trial + 1, options.Iterations));
        }
        double b = options.Iterations;
        var rejectPerStage = reject.Select(x => x / b).ToArray();
        var futilityPerStage = futile.Take(k - 1).Select(x => x / b).ToArray();
        return new SurvivalSimulationResult(design, assumptions, options, maxNumberOfEvents, maxNumberOfSubjects,
            new ValueList<int>(planned), rejectPerStage.Sum(), new ValueList<double>(rejectPerStage), new ValueList<double>(futilityPerStage),
            rejectPerStage.Take(k - 1).Sum() + futilityPerStage.Sum(), eventsSum / b, subjectsSum / b, durationSum / b,
            new ValueList<double>(timeSum.Select(x => x / b).ToArray()), analytic);
    }

    /// <summary>The log-rank Z of the experimental arm, (O₁ − E₁)/√V₁₁, on the patients entered by calendar time
    /// <paramref name="at"/>, censored there.</summary>
    private static double Statistic(double[] entry, double[] eventAt, double[] exitAt, string[] labels, double at)
    {
        var time = new List<double>(entry.Length);
        var status = new List<bool>(entry.Length);
        var group = new List<string>(entry.Length);
        for (int i = 0; i < entry.Length; i++)
        {
            if (entry[i] >= at) continue;
            bool observed = eventAt[i] <= at;
            time.Add(Math.Max(observed ? eventAt[i] - entry[i] : Math.Min(exitAt[i], at) - entry[i], 1e-12));
            status.Add(observed);
            group.Add(labels[i]);
        }
        if (group.Distinct().Count() < 2 || !status.Contains(true)) return 0;
        var test = LogRankTest.Compute(SurvivalData.Create(time.ToArray(), status.ToArray(), group: group));
        var row = test["1"];
        double v = test.Variance(test.Groups.ToList().IndexOf(row), test.Groups.ToList().IndexOf(row));
        return v > 0 ? (row.Observed - row.Expected) / Math.Sqrt(v) : 0;
    }
}
