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
        foreach (var name in new[] { "endpoints.csv", "report.md", "figure2a-pfs.png", "figure2b-pfs-by-risk.svg", "figure2f-dor-by-iss.png", "figureS1b-pfs-by-riss.svg" })
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
