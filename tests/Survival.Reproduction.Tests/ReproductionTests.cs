using PaperAnalysis;
using Xunit;

namespace PaperReproduction.Tests;

/// <summary>The shipped synthetic cohort, analysed afresh by the library, meets every target the paper reports
/// (every one that whole-day dates can meet at all), and the tools that make and use it behave.</summary>
public class ReproductionTests
{
    private static readonly IReadOnlyList<TargetCheck> Checks =
        Reproduction.Check(CohortFile.Read(CohortFile.Locate()).Select(r => r.ToPatient()).ToArray());

    /// <summary>
    /// Targets the shipped cohort misses although some cohort of dates could meet them: none since the calibration's
    /// repair phase. Kept as a list so that a future cohort that misses one fails here and is looked at.
    /// </summary>
    private static readonly string[] KnownMisses = [];

    public static TheoryData<string> TargetIds => new(PaperTargets.All.Select(t => t.Id).Except(KnownMisses));

    [Theory]
    [MemberData(nameof(TargetIds))]
    public void Target_is_met_or_provably_unattainable(string id)
    {
        var check = Checks.Single(c => c.Target.Id == id);
        Assert.True(check.Met || !check.Target.AttainableFromDates,
            $"{id}: paper {check.Target.Reported}, reproduced {check.ReproducedText}");
    }

    [Fact]
    public void Known_misses_are_exactly_the_listed_ones_and_within_one_reported_unit()
    {
        var failed = Checks.Where(c => c.Failed).ToArray();
        Assert.Equal(KnownMisses, failed.Select(c => c.Target.Id).ToArray());
        foreach (var c in failed)
            Assert.True(c.Target.WindowGap(c.Reproduced) < 1, $"{c.Target.Id}: {c.ReproducedText}");
    }

    [Fact]
    public void Unattainable_targets_are_exactly_the_three_between_whole_day_values()
    {
        var unattainable = PaperTargets.All.Where(t => !t.AttainableFromDates).Select(t => t.Id).Order().ToArray();
        Assert.Equal(["dor.standard.median", "followup.max", "followup.median"], unattainable);
    }

    /// <summary>
    /// No usual month length lets whole-day dates meet every target: each leaves some reported time between two
    /// attainable values (the table in samples/data/README.md). The sets were first computed by an independent script
    /// (Python, decimal half-up rounding) and agree with <see cref="Target.IsAttainableFromDates"/>.
    /// </summary>
    [Theory]
    [InlineData(365.25 / 12, "dor.standard.median followup.max followup.median")]
    [InlineData(30.44, "followup.max")]
    [InlineData(30.4, "dor.high.median.lower dor.standard.median.lower")]
    [InlineData(365.0 / 12, "dor.standard.median.lower followup.max followup.min")]
    [InlineData(30.0, "dor.standard.median dor.standard.median.lower followup.median pfs.high.median")]
    [InlineData(30.5, "dor.high.median.lower followup.max followup.median followup.min")]
    public void No_usual_month_length_makes_every_target_attainable(double daysPerMonth, string expected)
    {
        var unattainable = PaperTargets.All.Where(t => !t.IsAttainableFromDates(daysPerMonth)).Select(t => t.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(' ', unattainable));
    }

    [Fact]
    public void A_single_patients_time_is_a_whole_number_of_days_and_a_median_may_be_half()
    {
        // 83.13 months needs 2530.33–2530.63 days at 30.44 days a month: a median may sit at 2530.5 days (83.1307), one
        // patient's follow-up may not (2530 days = 83.1143, 2531 = 83.1472).
        Assert.True(new Target("m", "", "", TargetKind.Rounded, 83.13, 2, DateGrain.HalfDays).IsAttainableFromDates(30.44));
        Assert.False(new Target("t", "", "", TargetKind.Rounded, 83.13, 2, DateGrain.WholeDays).IsAttainableFromDates(30.44));
        Assert.True(new Target("n", "", "", TargetKind.Rounded, 83.13, 2).IsAttainableFromDates(30.44));
    }

    [Fact]
    public void Rounding_is_half_up_at_the_reported_decimals()
    {
        var t = new Target("x", "", "", TargetKind.Rounded, 73.3, 1);
        Assert.True(t.IsMetBy(73.25));
        Assert.True(t.IsMetBy(73.3499));
        Assert.False(t.IsMetBy(73.35));
        Assert.False(t.IsMetBy(null));
        Assert.True(new Target("y", "", "", TargetKind.NotReached).IsMetBy(null));
    }

    [Fact]
    public void Cohort_respects_the_trial_calendar()
    {
        var rows = CohortFile.Read(CohortFile.Locate());
        Assert.Equal(64, rows.Count);
        foreach (var r in rows)
        {
            int gap = r.MaintenanceStart.DayNumber - r.Transplant.DayNumber;
            Assert.InRange(gap, 60, 180);
            Assert.InRange(r.MaintenanceStart, new DateOnly(2012, 12, 4), new DateOnly(2015, 5, 13));
            Assert.True(r.LastContact <= CohortFile.CutOff);
        }
        Assert.Equal(19, rows.Count(r => r.LastContact == CohortFile.CutOff && r.Progression is null && r.Death is null));
        Assert.Contains(rows, r => r.Risk == "high" && TrialPatient.Rank(r.BestResponse) > TrialPatient.Rank("PR"));
    }

    [Fact]
    public void Calibration_is_deterministic_for_a_seed()
    {
        var a = new CohortSynthesis.Synthesizer(7);
        a.Run(200, polishSweeps: 0);
        var b = new CohortSynthesis.Synthesizer(7);
        b.Run(200, polishSweeps: 0);
        Assert.Equal(a.Rows(), b.Rows());
    }

    [Fact]
    public void Reproduction_writes_every_output_and_says_the_patients_are_synthetic()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"survival-paper-{Guid.NewGuid():N}");
        var console = new StringWriter();
        int exit = PaperReport.Run(CohortFile.Locate(), dir, console);
        Assert.Equal(KnownMisses.Length == 0 ? 0 : 1, exit);
        foreach (var name in new[] { "endpoints.csv", "targets.csv", "report.md", "figure2a-pfs.png", "figure2b-pfs-by-risk.svg", "figure2f-dor-by-iss.png", "figureS1b-pfs-by-riss.svg" })
            Assert.True(File.Exists(Path.Combine(dir, name)), name);
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("synthetic", report);
        Assert.Contains("Clopper–Pearson", report);
        var header = File.ReadLines(Path.Combine(dir, "endpoints.csv")).First().Split(',');
        foreach (var column in new[] { "pfs_months", "pfs_event", "os_months", "os_event", "dor_months", "dor_event", "cytogenetic_risk", "iss_stage" })
            Assert.Contains(column, header);
        var svg = File.ReadAllText(Path.Combine(dir, "figure2b-pfs-by-risk.svg"));
        Assert.Contains("E/N = ", svg);
        Assert.Contains("Number at risk", svg);
        Assert.Contains("SYNTHETIC", console.ToString());
    }
}
