using MathNet.Numerics;
using MathNet.Numerics.Random;

namespace Survival.Design;

/// <summary>Simulated operating characteristics of an <see cref="EventTimeMonitoring"/> rule, one entry per true median.</summary>
/// <remarks>
/// <para>The trial model. Patients arrive at <see cref="EventTimeSimulationOptions.AccrualRate"/> (a Poisson process, or
/// evenly spaced) up to <see cref="EventTimeSimulationOptions.MaxPatients"/>; each has an exponential event time with the
/// scenario's true median; the only censoring is administrative. Looks are at k · <see
/// cref="EventTimeSimulationOptions.LookInterval"/> from the trial's start, while that is before the end of the trial (the
/// last arrival plus <see cref="EventTimeSimulationOptions.FollowUp"/>). At a look at time t, the d events and the total
/// time at risk T = Σ min(event time, t − arrival) of the patients enrolled by t are compared with the boundary:
/// stop iff T &lt; T*(d). A stopped trial enrolls no one else.</para>
/// <para>Reproducibility. Replicate r draws from its own xoshiro256** generator (MathNet.Numerics), seeded by a SplitMix64
/// mix of (seed, r); results are stored per replicate and summed in order. The output is therefore a function of the seed
/// alone, whatever <see cref="EventTimeSimulationOptions.MaxDegreeOfParallelism"/> is. Replicate r uses the same random
/// numbers in every scenario (common random numbers: the same arrivals, event times scaled by the true median), so
/// differences between scenarios are not blurred by independent noise, and a scenario's result does not depend on
/// which other scenarios are run with it.</para>
/// </remarks>
public sealed record EventTimeSimulation
{
    private EventTimeSimulation(EventTimeMonitoring rule, EventTimeSimulationOptions options, EventTimeBoundary[] boundaries,
        EventTimeOperatingCharacteristics[] scenarios)
    {
        Rule = rule;
        Options = options;
        Boundaries = ValueList<EventTimeBoundary>.Of(boundaries);
        Scenarios = ValueList<EventTimeOperatingCharacteristics>.Of(scenarios);
    }

    /// <summary>The monitoring rule simulated.</summary>
    public EventTimeMonitoring Rule { get; }

    /// <summary>The simulated trial's settings.</summary>
    public EventTimeSimulationOptions Options { get; }

    /// <summary>The boundary T*(d) for d = 0 … the maximum number of patients, as the simulation used it.</summary>
    public IReadOnlyList<EventTimeBoundary> Boundaries { get; }

    /// <summary>The operating characteristics, one per true median, in the order given.</summary>
    public IReadOnlyList<EventTimeOperatingCharacteristics> Scenarios { get; }

    internal static EventTimeSimulation Run(EventTimeMonitoring rule, IReadOnlyList<double> trueMedians,
        EventTimeSimulationOptions options, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trueMedians);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (trueMedians.Count == 0) throw new SurvivalInputException("give at least one true median", column: "trueMedians");
        foreach (double m in trueMedians)
            if (!(m > 0) || !double.IsFinite(m))
                throw new SurvivalInputException("a true median must be a finite number > 0", column: "trueMedians", value: SurvivalData.Format(m));

        var boundaries = rule.Boundaries(options.MaxPatients).ToArray();
        var threshold = boundaries.Select(b => b.MinimumExposure).ToArray();
        int replicates = options.Replicates, done = 0;
        const int Chunk = 64;
        int chunks = (replicates + Chunk - 1) / Chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        var scenarios = new EventTimeOperatingCharacteristics[trueMedians.Count];
        for (int s = 0; s < trueMedians.Count; s++)
        {
            double rate = Constants.Ln2 / trueMedians[s];
            var stopped = new bool[replicates];
            var patients = new int[replicates];
            var duration = new double[replicates];
            var events = new int[replicates];
            Parallel.For(0, chunks, parallel,
                () => new Trial(options.MaxPatients),
                (chunk, _, trial) =>
                {
                    int end = Math.Min(replicates, (chunk + 1) * Chunk);
                    for (int r = chunk * Chunk; r < end; r++)
                    {
                        var rng = new Xoshiro256StarStar(Seed(options.Seed, r));
                        trial.Run(rng, options, rate, threshold, out stopped[r], out patients[r], out duration[r], out events[r]);
                    }
                    int total = Interlocked.Add(ref done, end - chunk * Chunk);
                    progress?.Report(total);
                    return trial;
                },
                _ => { });

            double stops = 0, sumPatients = 0, sumDuration = 0, sumEvents = 0;
            for (int r = 0; r < replicates; r++)
            {
                if (stopped[r]) stops++;
                sumPatients += patients[r];
                sumDuration += duration[r];
                sumEvents += events[r];
            }
            double p = stops / replicates;
            scenarios[s] = new EventTimeOperatingCharacteristics(trueMedians[s], p, Math.Sqrt(p * (1 - p) / replicates),
                sumPatients / replicates, sumDuration / replicates, sumEvents / replicates, replicates);
        }
        return new EventTimeSimulation(rule, options, boundaries, scenarios);
    }

    /// <summary>SplitMix64 finaliser of (seed, replicate), folded to the 32-bit seed the generator takes.</summary>
    private static int Seed(int seed, int replicate)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)replicate) + 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }

    /// <summary>One thread's buffers for simulating trials (no allocation per replicate beyond the generator).</summary>
    private sealed class Trial(int maxPatients)
    {
        private readonly double[] _arrival = new double[maxPatients];
        private readonly double[] _eventTime = new double[maxPatients];

        public void Run(Random rng, EventTimeSimulationOptions options, double rate, double[] threshold,
            out bool stopped, out int patients, out double duration, out int events)
        {
            int n = _arrival.Length;
            double clock = 0;
            for (int i = 0; i < n; i++)
            {
                clock = options.Accrual == AccrualPattern.Poisson ? clock + Exponential(rng) / options.AccrualRate : (i + 1) / options.AccrualRate;
                _arrival[i] = clock;
                _eventTime[i] = Exponential(rng) / rate;
            }
            double end = _arrival[n - 1] + options.FollowUp;
            for (int k = 1; k * options.LookInterval < end; k++)
            {
                double t = k * options.LookInterval;
                int enrolled = 0, d = 0;
                double exposure = 0;
                for (int i = 0; i < n && _arrival[i] <= t; i++)
                {
                    enrolled++;
                    double onStudy = t - _arrival[i];
                    if (_eventTime[i] <= onStudy) { d++; exposure += _eventTime[i]; }
                    else exposure += onStudy;
                }
                if (exposure < threshold[d])
                {
                    stopped = true; patients = enrolled; duration = t; events = d;
                    return;
                }
            }
            int all = 0;
            for (int i = 0; i < n; i++) if (_eventTime[i] <= end - _arrival[i]) all++;
            stopped = false; patients = n; duration = end; events = all;
        }

        // Inverse-CDF exponential draw with mean 1; 1 − U is in (0, 1], so the log is finite.
        private static double Exponential(Random rng) => -Math.Log(1 - rng.NextDouble());
    }
}
