using System.Text.Json;
using Survival.Design;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Design;

public class ToxicityMonitoringTests
{
    private static readonly ToxicityMonitoring Paper = ToxicityMonitoring.Create(0.3, 0.7, 0.30, 0.95, 4, 64);

    [Fact]
    public void Boundaries_of_the_papers_design_match_R_pbeta()
    {
        var f = Golden.Load("design", "toxicity");
        var patients = Golden.Numbers(f.GetProperty("patients"));
        var stopAt = f.GetProperty("stopAt").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetInt32() : (int?)null).ToArray();
        Assert.Equal(patients.Select(p => (int)p), Paper.Boundaries.Select(b => b.Patients));
        Assert.Equal(stopAt, Paper.Boundaries.Select(b => b.StopAt));
    }

    [Theory]
    [InlineData(0.15)]
    [InlineData(0.30)]
    [InlineData(0.45)]
    public void Exact_operating_characteristics_agree_with_a_seeded_simulation(double rate)
    {
        var exact = Paper.OperatingCharacteristics(rate);
        var random = new Random(1996);
        int stops = 0;
        double patients = 0;
        const int trials = 20000;
        for (int t = 0; t < trials; t++)
        {
            int x = 0, n = 0;
            foreach (var look in Paper.Boundaries)
            {
                for (; n < look.Patients; n++) if (random.NextDouble() < rate) x++;
                if (look.StopAt is int s && x >= s) { stops++; break; }
            }
            patients += n;
        }
        // Monte Carlo standard errors: ≤ 0.0036 for the probability, well under 0.3 patients for the mean.
        Assert.InRange((double)stops / trials - exact.ProbabilityStop, -0.015, 0.015);
        Assert.InRange(patients / trials - exact.ExpectedPatients, -1.0, 1.0);
    }

    [Fact]
    public void Certain_rates_give_certain_answers_and_bad_designs_are_errors()
    {
        Assert.Equal(0, Paper.OperatingCharacteristics(0).ProbabilityStop);
        Assert.Equal(64, Paper.OperatingCharacteristics(0).ExpectedPatients, 12);
        Assert.Equal(1, Paper.OperatingCharacteristics(1).ProbabilityStop, 12);
        Assert.Throws<SurvivalInputException>(() => ToxicityMonitoring.Create(0, 0.7, 0.3, 0.95, 4, 64));
        Assert.Throws<SurvivalInputException>(() => ToxicityMonitoring.Create(0.3, 0.7, 1.3, 0.95, 4, 64));
        Assert.Throws<SurvivalInputException>(() => Paper.OperatingCharacteristics(-0.1));
    }
}
