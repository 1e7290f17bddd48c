using System.Globalization;

namespace Survival.Reconstruction;

/// <summary>Patients rebuilt from published curves, arm by arm (<see cref="GuyotReconstruction"/>).</summary>
public sealed record ReconstructionResult
{
    internal ReconstructionResult(ValueList<ReconstructedArm> arms) => Arms = arms;

    /// <summary>One entry per digitised curve, in the order given.</summary>
    public ValueList<ReconstructedArm> Arms { get; }

    /// <summary>The arm reconstructed from the curve of group <paramref name="group"/>.</summary>
    /// <param name="group">The arm's name.</param>
    /// <exception cref="KeyNotFoundException">No curve has that group (the message lists the arms).</exception>
    public ReconstructedArm this[string group]
        => Arms.FirstOrDefault(a => a.Group == group)
            ?? throw new KeyNotFoundException($"no arm '{group}': the arms are {string.Join(", ", Arms.Select(a => a.Group ?? "(unnamed)"))}");

    /// <summary>The reconstructed patients as ordinary input to every estimator: one row per patient, grouped by arm
    /// when the curves have groups.</summary>
    public SurvivalData ToSurvivalData()
    {
        var time = Arms.SelectMany(a => a.Time).ToArray();
        var status = Arms.SelectMany(a => a.Event).ToArray();
        if (Arms.All(a => a.Group is null)) return SurvivalData.Create(time, status);
        var levels = Arms.Select(a => a.Group!).ToArray();
        var codes = Arms.SelectMany((a, i) => Enumerable.Repeat(i, a.N)).ToArray();
        return SurvivalData.FromFactors(time, status, group: Factor.FromCodes(codes, levels, "group"));
    }

    /// <summary>The reconstruction report: for each arm its patients, events, the fit to the digitised points, the numbers at
    /// risk published and reconstructed, and any assumption made.</summary>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine("Patients reconstructed from digitised curves (Guyot et al., BMC Med Res Methodol 2012;12:9)");
        foreach (var a in Arms) w.Write(a.ToString());
        return w.ToString();
    }
}
