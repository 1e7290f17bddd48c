using System.Text.Json;
using Survival.Design;
using Xunit;

namespace Survival.Cli.Tests;

public class DesignCommandTests
{
    [Fact]
    public void Toxicity_json_has_boundaries_and_operating_characteristics()
    {
        var (exit, stdout, stderr) = CliHarness.Run("design", "toxicity", "--prior-a", "0.3", "--prior-b", "0.7", "--threshold", "0.3",
            "--probability", "0.95", "--cohort", "4", "--max", "64", "--true-rates", "0.2,0.4", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var rule = Survival.Design.ToxicityMonitoring.Create(0.3, 0.7, 0.3, 0.95, 4, 64);
        var boundaries = root.GetProperty("boundaries").EnumerateArray().ToArray();
        Assert.Equal(16, boundaries.Length);
        Assert.Equal(rule.Boundaries[0].StopAt, boundaries[0].GetProperty("stopAt").GetInt32());
        var oc = root.GetProperty("operatingCharacteristics").EnumerateArray().ToArray();
        Assert.Equal(rule.OperatingCharacteristics(0.4).ProbabilityStop, oc[1].GetProperty("probabilityStop").GetDouble());
        CliHarness.Fails("design", "toxicity", "--prior-a", "0", "--prior-b", "0.7", "--threshold", "0.3", "--probability", "0.95", "--cohort", "4", "--max", "64");
    }

    [Fact]
    public void Tte_probability_json_is_the_library_probability()
    {
        var (exit, stdout, stderr) = CliHarness.Run("design", "tte-probability", "--events", "10", "--exposure", "400",
            "--standard-shape", "50", "--standard-scale", "2827.5", "--experimental-shape", "5", "--experimental-scale", "230.8",
            "--delta", "12", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var rule = EventTimeMonitoring.Create(InverseGammaPrior.Create(50, 2827.5), InverseGammaPrior.Create(5, 230.8), 12, 0.5);
        Assert.Equal(rule.PosteriorProbability(10, 400), root.GetProperty("probability").GetDouble());
        Assert.Single(root.EnumerateObject());
    }

    [Fact]
    public void Tte_probability_accepts_a_median_and_effective_sample_size_and_rejects_half_a_prior()
    {
        var (exit, stdout, _) = CliHarness.Run("design", "tte-probability", "--events", "3", "--exposure", "30",
            "--standard-median", "40", "--standard-ess", "50", "--delta", "0");
        Assert.Equal(0, exit);
        var standard = InverseGammaPrior.FromMedian(40, 50);
        double p = EventTimeMonitoring.ClosedFormAtZero(standard, standard.WithEffectiveSampleSize(5).Update(3, 30));
        Assert.Contains(p.ToString("G8", System.Globalization.CultureInfo.InvariantCulture), stdout);
        var bad = CliHarness.Fails("design", "tte-probability", "--events", "3", "--exposure", "30", "--standard-shape", "50", "--delta", "12");
        Assert.Contains("--standard-shape", bad);
        CliHarness.Fails("design", "tte-probability", "--events", "-1", "--exposure", "30",
            "--standard-median", "40", "--standard-ess", "50", "--delta", "12");
    }

    private static readonly string[] Simulation =
    [
        "design", "tte-simulate", "--standard-median", "40", "--standard-ess", "50", "--delta", "12", "--stop-below", "0.035",
        "--accrual-rate", "2.2", "--max-patients", "64", "--look-every", "6", "--follow-up", "36", "--true-medians", "40,52",
        "--replicates", "500", "--seed", "9",
    ];

    [Fact]
    public void Tte_simulate_json_matches_the_library_and_does_not_depend_on_threads()
    {
        var (exit, stdout, stderr) = CliHarness.Run([.. Simulation, "--format", "json", "--threads", "1"]);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr); // progress is drawn only on a terminal: nothing in a pipe
        var root = JsonDocument.Parse(stdout).RootElement;
        var standard = InverseGammaPrior.FromMedian(40, 50);
        var sim = EventTimeMonitoring.Create(standard, standard.WithEffectiveSampleSize(5), 12, 0.035).Simulate([40, 52],
            new EventTimeSimulationOptions { AccrualRate = 2.2, MaxPatients = 64, LookInterval = 6, FollowUp = 36, Replicates = 500, Seed = 9 });
        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToArray();
        Assert.Equal(2, scenarios.Length);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(sim.Scenarios[i].ProbabilityStopEarly, scenarios[i].GetProperty("probabilityStopEarly").GetDouble());
            Assert.Equal(sim.Scenarios[i].MeanPatients, scenarios[i].GetProperty("meanPatients").GetDouble());
            Assert.Equal(sim.Scenarios[i].MeanDuration, scenarios[i].GetProperty("meanDuration").GetDouble());
        }
        Assert.Equal(65, root.GetProperty("boundaries").GetArrayLength());
        var quiet = CliHarness.Run([.. Simulation, "--format", "json", "--quiet"]);
        Assert.Equal("", quiet.Err);
        Assert.Equal(stdout, quiet.Out);
    }

    [Fact]
    public void Tte_simulate_rejects_bad_settings_with_one_line()
    {
        var bad = CliHarness.Fails([.. Simulation, "--accrual", "weekly"]);
        Assert.Contains("--accrual", bad);
        CliHarness.Fails([.. Simulation, "--replicates", "0"]);
        CliHarness.Fails([.. Simulation, "--true-medians", "40,abc"]);
    }

    [Fact]
    public void Sample_size_json_matches_the_library()
    {
        var (exit, stdout, stderr) = CliHarness.Run("design", "sample-size", "--null-median", "40", "--alternative-median", "52",
            "--accrual", "29", "--follow-up", "36", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        var design = ExponentialSampleSize.ForPower(40, 52, 29, 36);
        Assert.Equal(design.Events, root.GetProperty("events").GetDouble());
        Assert.Equal(design.Patients, root.GetProperty("patients").GetInt32());
        Assert.Equal(design.Power, root.GetProperty("power").GetDouble());
        var power = CliHarness.Run("design", "sample-size", "--null-median", "40", "--alternative-median", "52",
            "--accrual", "29", "--follow-up", "36", "--patients", "64", "--method", "normal", "--format", "json");
        Assert.Equal(ExponentialSampleSize.PowerOf(64, 40, 52, 29, 36, method: ExponentialTestMethod.LogRateNormal).Power,
            JsonDocument.Parse(power.Out).RootElement.GetProperty("power").GetDouble());
        CliHarness.Fails("design", "sample-size", "--null-median", "40", "--alternative-median", "52",
            "--accrual", "29", "--follow-up", "36", "--patients", "64", "--power", "0.9");
    }
}
