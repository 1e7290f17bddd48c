using System.Text.Json;
using MathNet.Numerics;
using Survival.Design;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Design;

public class EventTimeMonitoringTests
{
    private static readonly JsonElement Fixture = Golden.Load("design", "eventtime");

    private static double N(JsonElement e, string property) => Golden.Numbers(e.GetProperty(property))[0];

    public static TheoryData<int> ProbabilityCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Fixture.GetProperty("probabilities").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProbabilityCases))]
    public void Posterior_probability_matches_an_independent_R_integration(int index)
    {
        var c = Fixture.GetProperty("probabilities")[index];
        var rule = EventTimeMonitoring.Create(
            InverseGammaPrior.Create(N(c, "standardShape"), N(c, "standardScale")),
            InverseGammaPrior.Create(N(c, "experimentalShape"), N(c, "experimentalScale")),
            N(c, "delta"), 0.035);
        double p = rule.PosteriorProbability(N(c, "events"), N(c, "exposure"));
        // R integrates over μ_S with integrate(rel.tol = 1e-13); the library over ln λ_S by Gauss–Kronrod.
        Assert.True(Math.Abs(p - N(c, "probability")) < 1e-10, $"case {index}: R {N(c, "probability"):R}, got {p:R}");
    }

    [Theory]
    [InlineData(50, 2827.5, 5, 230.8, 10, 400)]
    [InlineData(3, 10, 0.6, 2, 4, 60)]
    [InlineData(0.7, 3, 0.4, 9, 0, 0)]
    [InlineData(400, 9000, 40, 800, 55, 1400)]
    public void General_quadrature_at_delta_near_zero_approaches_the_incomplete_beta_closed_form(
        double aS, double bS, double aE, double bE, int d, double exposure)
    {
        var standard = InverseGammaPrior.Create(aS, bS);
        var experimental = InverseGammaPrior.Create(aE, bE).Update(d, exposure);
        double closed = EventTimeMonitoring.ClosedFormAtZero(standard, experimental);
        // δ = 0 takes the closed form; a tiny δ takes the quadrature, which must agree to ≥ 1e-8.
        double tiny = EventTimeMonitoring.ProbabilityOfImprovement(standard, experimental, 1e-12);
        Assert.Equal(closed, EventTimeMonitoring.ProbabilityOfImprovement(standard, experimental, 0));
        Assert.True(Math.Abs(tiny - closed) < 1e-9, $"closed {closed:R}, quadrature {tiny:R}");
    }

    [Fact]
    public void Closed_form_matches_R_pbeta()
    {
        foreach (var c in Fixture.GetProperty("probabilities").EnumerateArray().Where(c => N(c, "delta") == 0))
        {
            var s = InverseGammaPrior.Create(N(c, "standardShape"), N(c, "standardScale"));
            var e = InverseGammaPrior.Create(N(c, "experimentalShape"), N(c, "experimentalScale")).Update(N(c, "events"), N(c, "exposure"));
            Assert.Equal(N(c, "closedForm"), EventTimeMonitoring.ClosedFormAtZero(s, e), 13);
        }
    }

    [Fact]
    public void Boundary_matches_R_uniroot_and_is_the_stopping_rule()
    {
        var b = Fixture.GetProperty("boundary");
        var rule = EventTimeMonitoring.Create(InverseGammaPrior.Create(N(b, "standardShape"), N(b, "standardScale")),
            InverseGammaPrior.Create(N(b, "experimentalShape"), N(b, "experimentalScale")), N(b, "delta"), N(b, "stopBelow"));
        var expected = Golden.Numbers(b.GetProperty("exposure"));
        var boundaries = rule.Boundaries(expected.Length - 1);
        for (int d = 0; d < expected.Length; d++)
        {
            Assert.Equal(d, boundaries[d].Events);
            Assert.True(Math.Abs(boundaries[d].MinimumExposure - expected[d]) <= 1e-7 * Math.Max(1, expected[d]),
                $"d = {d}: R {expected[d]:R}, got {boundaries[d].MinimumExposure:R}");
            double t = boundaries[d].MinimumExposure;
            if (t > 0)
            {
                Assert.True(rule.ShouldStop(d, t * 0.999), $"d = {d}: should stop just below T*");
                Assert.False(rule.ShouldStop(d, t * 1.001), $"d = {d}: should continue just above T*");
            }
            else Assert.False(rule.ShouldStop(d, 0));
        }
    }

    [Fact]
    public void Probability_agrees_with_Monte_Carlo_sampling_of_the_two_posteriors()
    {
        var standard = InverseGammaPrior.FromMedian(40, 50);
        var experimental = standard.WithEffectiveSampleSize(5).Update(12, 700);
        double exact = EventTimeMonitoring.ProbabilityOfImprovement(standard, experimental, 12);
        var rng = new MathNet.Numerics.Random.Xoshiro256StarStar(4672005);
        const int draws = 400_000;
        int hits = 0;
        for (int i = 0; i < draws; i++)
        {
            double muS = standard.Scale / MathNet.Numerics.Distributions.Gamma.Sample(rng, standard.Shape, 1);
            double muE = experimental.Scale / MathNet.Numerics.Distributions.Gamma.Sample(rng, experimental.Shape, 1);
            if (muE > muS + 12 / Constants.Ln2) hits++;
        }
        double se = Math.Sqrt(exact * (1 - exact) / draws);
        Assert.InRange((double)hits / draws, exact - 5 * se, exact + 5 * se);
    }

    [Fact]
    public void Priors_follow_the_documented_parameterisation()
    {
        var standard = InverseGammaPrior.FromMedian(40, 50);
        Assert.Equal(50, standard.Shape);
        Assert.Equal(49 * 40 / Constants.Ln2, standard.Scale, 10);
        Assert.Equal(40 / Constants.Ln2, standard.Mean, 10);
        Assert.Equal(40, standard.ImpliedMedian, 10);
        var vague = standard.WithEffectiveSampleSize(standard.EffectiveSampleSize / 10);
        Assert.Equal(5, vague.Shape);
        Assert.Equal(standard.Mean, vague.Mean, 10);
        var posterior = vague.Update(3, 100);
        Assert.Equal((8.0, vague.Scale + 100), (posterior.Shape, posterior.Scale));
        Assert.Equal(0.5, InverseGammaPrior.Create(1, 1).ProbabilityAbove(1 / Math.Log(2)), 12); // Pr(Exp(1) < ln 2)
        Assert.Throws<SurvivalInputException>(() => InverseGammaPrior.FromMedian(40, 1));
        Assert.Throws<SurvivalInputException>(() => InverseGammaPrior.Create(0, 1));
        Assert.Throws<SurvivalInputException>(() => InverseGammaPrior.Create(1, double.NaN));
        Assert.Throws<SurvivalInputException>(() => vague.Update(-1, 0));
        Assert.Throws<SurvivalInputException>(() => EventTimeMonitoring.Create(standard, vague, 12, 1.2));
    }

    private static readonly EventTimeMonitoring Paper = EventTimeMonitoring.Create(
        InverseGammaPrior.FromMedian(40, 50), InverseGammaPrior.FromMedian(40, 5), 12, 0.035);

    private static readonly EventTimeSimulationOptions Trial = new()
    {
        AccrualRate = 64 / 29.0, MaxPatients = 64, LookInterval = 6, FollowUp = 36, Replicates = 2000, Seed = 7,
    };

    [Fact]
    public void Simulation_is_identical_for_a_seed_whatever_the_thread_count()
    {
        var one = Paper.Simulate([40, 52], Trial with { MaxDegreeOfParallelism = 1 });
        var many = Paper.Simulate([40, 52], Trial with { MaxDegreeOfParallelism = 4 });
        var all = Paper.Simulate([40, 52], Trial);
        Assert.Equal(one.Scenarios, many.Scenarios);
        Assert.Equal(one.Scenarios, all.Scenarios);
        Assert.NotEqual(one.Scenarios, Paper.Simulate([40, 52], Trial with { Seed = 8 }).Scenarios);
        // Common random numbers: a scenario does not depend on the others simulated with it.
        Assert.Equal(one.Scenarios[1], Paper.Simulate([52], Trial).Scenarios[0]);
    }

    [Fact]
    public void Simulation_reports_progress_and_behaves_sensibly()
    {
        int last = 0;
        var progress = new SynchronousProgress(v => last = Math.Max(last, v));
        var sim = Paper.Simulate([20, 40, 52, 80], Trial, progress);
        Assert.Equal(4 * Trial.Replicates, last);
        var p = sim.Scenarios.Select(s => s.ProbabilityStopEarly).ToArray();
        Assert.True(p[0] > p[1] && p[1] > p[2] && p[2] > p[3], string.Join(", ", p));
        foreach (var s in sim.Scenarios)
        {
            Assert.InRange(s.MeanPatients, 1, 64);
            Assert.InRange(s.MeanDuration, 6, 29 * 3 + 36);
            Assert.Equal(Math.Sqrt(s.ProbabilityStopEarly * (1 - s.ProbabilityStopEarly) / Trial.Replicates), s.StandardError, 14);
        }
        Assert.Equal(65, sim.Boundaries.Count);
    }

    [Fact]
    public void Simulation_with_one_look_matches_the_boundary_computed_by_hand()
    {
        // Evenly spaced accrual of 4 patients, one look at t = 6 before the end at 4 + 3: the stop probability is
        // Pr(T < T*(d)) with d and T from four exponential lifetimes; a direct simulation of that must agree.
        var options = new EventTimeSimulationOptions
        {
            AccrualRate = 1, MaxPatients = 4, LookInterval = 6, FollowUp = 3, Accrual = AccrualPattern.Uniform, Replicates = 40_000, Seed = 3,
        };
        var rule = EventTimeMonitoring.Create(InverseGammaPrior.FromMedian(10, 20), InverseGammaPrior.FromMedian(10, 2), 5, 0.2);
        var sim = rule.Simulate([4], options).Scenarios[0];
        var boundary = rule.Boundaries(4).Select(b => b.MinimumExposure).ToArray();
        var random = new Random(11);
        int stops = 0;
        const int trials = 40_000;
        double rate = Math.Log(2) / 4;
        for (int r = 0; r < trials; r++)
        {
            int d = 0;
            double t = 0;
            for (int i = 1; i <= 4; i++)
            {
                double life = -Math.Log(1 - random.NextDouble()) / rate, onStudy = 6 - i;
                if (life <= onStudy) { d++; t += life; } else t += onStudy;
            }
            if (t < boundary[d]) stops++;
        }
        double expected = (double)stops / trials, se = Math.Sqrt(expected * (1 - expected) * 2 / trials);
        Assert.InRange(sim.ProbabilityStopEarly, expected - 5 * se, expected + 5 * se);
        Assert.Equal(4, sim.MeanPatients);
    }

    [Fact]
    public void Bad_simulation_settings_are_errors()
    {
        Assert.Throws<SurvivalInputException>(() => Paper.Simulate([40], Trial with { AccrualRate = 0 }));
        Assert.Throws<SurvivalInputException>(() => Paper.Simulate([40], Trial with { Replicates = 0 }));
        Assert.Throws<SurvivalInputException>(() => Paper.Simulate([40], Trial with { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<SurvivalInputException>(() => Paper.Simulate([-1], Trial));
        Assert.Throws<SurvivalInputException>(() => Paper.Simulate([], Trial));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();
        public void Report(int value) { lock (_gate) report(value); }
    }
}
