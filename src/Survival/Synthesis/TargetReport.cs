using System.Globalization;

namespace Survival.Synthesis;

/// <summary>A cohort checked against published targets (<see cref="CohortTargets.Evaluate"/>): every target with the
/// cohort's value and whether it is met. A target is never reported met that is not.</summary>
public sealed record TargetReport
{
    internal TargetReport(ValueList<TargetResult> results) => Results = results;

    /// <summary>Every target, in the targets file's order.</summary>
    public ValueList<TargetResult> Results { get; }

    /// <summary>How many targets are met.</summary>
    public int Met => Results.Count(r => r.Met);

    /// <summary>How many targets there are.</summary>
    public int Total => Results.Count;

    /// <summary>Whether every target is met.</summary>
    public bool AllMet => Met == Total;

    /// <summary>A table: target, published, reproduced, met; then "K of N targets met".</summary>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        int width = Math.Max(6, Results.Select(r => r.Target.Name.Length).DefaultIfEmpty(0).Max());
        w.WriteLine($"{"target".PadRight(width)}  {"published",10}  {"reproduced",12}  met");
        foreach (var r in Results)
        {
            string reproduced = r.Reproduced is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "NR";
            w.WriteLine($"{r.Target.Name.PadRight(width)}  {r.Target.Printed,10}  {reproduced,12}  {(r.Met ? "yes" : "NO")}");
        }
        w.WriteLine($"{Met} of {Total} targets met");
        return w.ToString();
    }
}
