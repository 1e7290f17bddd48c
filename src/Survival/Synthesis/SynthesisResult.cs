using System.Globalization;

namespace Survival.Synthesis;

/// <summary>A synthesised cohort (<see cref="CohortSynthesis.Synthesize"/>) and its check against every target.</summary>
/// <remarks><see cref="Report"/> is <see cref="CohortTargets.Evaluate"/> of <see cref="Cohort"/>, computed afresh by
/// the library's estimators after the search: a target is never reported met that is not.</remarks>
public sealed record SynthesisResult
{
    internal SynthesisResult(SurvivalData cohort, TargetReport report, ValueList<TargetConflict> conflicts, ValueList<CurveTargetResult> curves,
        SynthesisOptions options, double timeStep, long evaluations, int chain)
    {
        Cohort = cohort;
        Report = report;
        Conflicts = conflicts;
        Curves = curves;
        Options = options;
        TimeStep = timeStep;
        Evaluations = evaluations;
        Chain = chain;
    }

    /// <summary>The synthetic patients: time, event and group (levels in the targets' order).</summary>
    public SurvivalData Cohort { get; }

    /// <summary>Every published target: published, reproduced, met.</summary>
    public TargetReport Report { get; }

    /// <summary>Targets found before the search to be unable to hold together (empty when none were found; the search
    /// cannot prove every conflict, so an unmet target may also have none listed).</summary>
    public ValueList<TargetConflict> Conflicts { get; }

    /// <summary>The distance to each digitised curve given as a soft target.</summary>
    public ValueList<CurveTargetResult> Curves { get; }

    /// <summary>The options of the search (with the seed).</summary>
    public SynthesisOptions Options { get; }

    /// <summary>The grid the times lie on.</summary>
    public double TimeStep { get; }

    /// <summary>Candidate cohorts scored, over all chains.</summary>
    public long Evaluations { get; }

    /// <summary>The chain whose cohort was kept.</summary>
    public int Chain { get; }

    /// <summary>Whether every target is met.</summary>
    public bool AllMet => Report.AllMet;

    /// <summary>The report table, conflicts and curve distances, as the CLI prints them.</summary>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"Synthetic cohort of {Cohort.Count} patients (seed {Options.Seed}, {Evaluations} candidates scored, time step {TimeStep.ToString("G6", CultureInfo.InvariantCulture)})");
        w.WriteLine();
        w.Write(Report);
        foreach (var c in Curves)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"curve {c.Group}: {c.Points} points, largest distance {c.MaxDistance:F3}, mean {c.MeanDistance:F3}"));
        if (Conflicts.Count > 0)
        {
            w.WriteLine("Targets that cannot all hold together:");
            foreach (var c in Conflicts) w.WriteLine("  " + c);
        }
        return w.ToString();
    }
}
