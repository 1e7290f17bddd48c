using System.Globalization;
using Survival.Estimation;

namespace Survival.Reconstruction;

/// <summary>One arm's reconstructed patients, with the report that says how well they reproduce what was published.</summary>
/// <remarks>
/// <para><see cref="MaxAbsDifference"/> and <see cref="MeanAbsDifference"/> compare the Kaplan–Meier curve of the
/// reconstructed patients (<see cref="Curve"/>, fitted by <see cref="KaplanMeier"/>) with every digitised point as given
/// (<see cref="DigitizedCurve.Points"/>): the distance from the point to the step function's graph, vertical segments
/// included — 0 when the point's value lies between the curve's value just before its time, S(t−), and at it, S(t), and
/// otherwise the distance to the nearer of the two. A digitiser reads both corners of each drop, so the graph, not the
/// right-continuous value alone, is what the points trace.</para>
/// </remarks>
public sealed record ReconstructedArm
{
    private ReconstructedArm(ArmEvidence evidence, ValueList<double> time, ValueList<bool> status, SurvivalCurve curve,
        double maxAbs, double meanAbs, ValueList<AtRiskComparison> atRisk, ValueList<string> assumptions)
    {
        Evidence = evidence;
        Time = time;
        Event = status;
        Curve = curve;
        MaxAbsDifference = maxAbs;
        MeanAbsDifference = meanAbs;
        AtRisk = atRisk;
        Assumptions = assumptions;
    }

    /// <summary>The arm, or null for a single curve.</summary>
    public string? Group => Evidence.Group;

    /// <summary>What the reconstruction started from.</summary>
    public ArmEvidence Evidence { get; }

    /// <summary>Each reconstructed patient's time (event or censoring).</summary>
    public ValueList<double> Time { get; }

    /// <summary>Each reconstructed patient's status: true for an event.</summary>
    public ValueList<bool> Event { get; }

    /// <summary>The number of patients.</summary>
    public int N => Time.Count;

    /// <summary>The number of events.</summary>
    public int Events => Event.Count(e => e);

    /// <summary>The number censored.</summary>
    public int Censored => N - Events;

    /// <summary>The Kaplan–Meier curve of the reconstructed patients (R <c>survfit</c> defaults).</summary>
    public SurvivalCurve Curve { get; }

    /// <summary>The largest distance from a digitised point to <see cref="Curve"/> (remarks).</summary>
    public double MaxAbsDifference { get; }

    /// <summary>The mean distance from the digitised points to <see cref="Curve"/> (remarks).</summary>
    public double MeanAbsDifference { get; }

    /// <summary>Each published number at risk beside the reconstructed one (empty without a table).</summary>
    public ValueList<AtRiskComparison> AtRisk { get; }

    /// <summary>What the reconstruction had to assume where the publication is silent (no table, no patients count,
    /// a loop that did not settle); empty when nothing was assumed beyond Guyot's algorithm.</summary>
    public ValueList<string> Assumptions { get; }

    internal static ReconstructedArm Create(ArmEvidence evidence, double[] time, bool[] status, ValueList<string> assumptions)
    {
        var data = SurvivalData.Create(time, status);
        var curve = KaplanMeier.Fit(data).Curves[0];
        double max = 0, sum = 0;
        foreach (var p in evidence.Curve.Points)
        {
            double distance = Distance(curve, p);
            max = Math.Max(max, distance);
            sum += distance;
        }
        var atRisk = evidence.AtRisk is { } table
            ? ValueList<AtRiskComparison>.Of(table.Times.Select((t, i) => new AtRiskComparison(t, table.Counts[i], (int)curve.NumberAtRisk(t))))
            : ValueList<AtRiskComparison>.Empty;
        return new ReconstructedArm(evidence, new ValueList<double>(time), new ValueList<bool>(status), curve,
            max, sum / evidence.Curve.Points.Count, atRisk, assumptions);
    }

    /// <summary>The distance from a point to the step function's graph, vertical segments included.</summary>
    internal static double Distance(SurvivalCurve curve, CurvePoint p)
    {
        double at = curve.SurvivalProbability(p.Time);
        double before = LeftLimit(curve, p.Time);
        double hi = Math.Max(at, before), lo = Math.Min(at, before);
        return p.Survival > hi ? p.Survival - hi : p.Survival < lo ? lo - p.Survival : 0;
    }

    private static double LeftLimit(SurvivalCurve curve, double t)
    {
        var steps = curve.Steps;
        int lo = 0, hi = steps.Count - 1, last = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (steps[mid].Time < t) { last = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return last >= 0 ? steps[last].Survival : 1;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"{(Group is null ? "" : $"group={Group}: ")}n={N}, events={Events}, censored={Censored}"
            + (Evidence.TotalEvents is int e ? $" (published events {e})" : ""));
        w.WriteLine($"  digitised points {Evidence.Curve.Points.Count} ({Evidence.Curve.PointsAdjusted} moved by cleaning); "
            + $"reconstructed KM vs points: max |diff| {MaxAbsDifference:0.0000}, mean |diff| {MeanAbsDifference:0.0000}");
        if (AtRisk.Count > 0)
            w.WriteLine("  at risk (time: published/reconstructed): "
                + string.Join("  ", AtRisk.Select(a => $"{a.Time:0.###}: {a.Published}/{a.Reconstructed}")));
        foreach (var a in Assumptions) w.WriteLine($"  assumed: {a}");
        return w.ToString();
    }
}
