using FsCheck.Xunit;
using Survival.Estimation;
using Survival.Reconstruction;

namespace Survival.Tests.Properties;

/// <summary>Properties of Guyot's reconstruction on arbitrary data and arbitrary digitising noise.</summary>
public class ReconstructionProperties
{
    /// <summary>The exact corners of a Kaplan–Meier curve with its full risk table (every distinct time) give the original
    /// curve back: the patients, the events, and S at every event time.</summary>
    [Property(MaxTest = 80)]
    public bool Exact_coordinates_with_the_full_table_give_the_original_curve(int[] raw)
    {
        if (raw is null || raw.Length < 2) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 40) / 2.0).ToArray();
        var status = raw.Select((x, i) => i == 0 || (x & 3) != 0).ToArray();
        var curve = KaplanMeier.Fit(SurvivalData.Create(time, status)).Curves[0];
        var table = AtRiskTable.FromCurve(curve, [0, .. curve.Steps.Select(s => s.Time)]);
        var arm = GuyotReconstruction.Reconstruct(new ArmEvidence(DigitizedCurve.FromCurve(curve), table));
        return arm.N == curve.N && arm.Events == (int)curve.Events
            && curve.Steps.Where(s => s.Events > 0).All(s => Math.Abs(arm.Curve.SurvivalProbability(s.Time) - s.Survival) < 1e-12);
    }

    /// <summary>Whatever the noise, the cleaned curve is monotone within [0, 1], the patients add up, no event count exceeds
    /// the number at risk, and every reconstructed number at risk is at most the printed one.</summary>
    [Property(MaxTest = 120)]
    public bool Noisy_points_give_a_consistent_cohort(int[] raw, int[] noise, byte size)
    {
        if (raw is null || raw.Length < 2 || noise is null) return true;
        var time = raw.Select(x => 1 + Math.Abs(x % 60) / 3.0).ToArray();
        var status = raw.Select((x, i) => i == 0 || (x % 3) != 0).ToArray();
        var curve = KaplanMeier.Fit(SurvivalData.Create(time, status)).Curves[0];
        var exact = DigitizedCurve.FromCurve(curve);
        var noisy = DigitizedCurve.Create(
            exact.Points.Select((p, i) => p.Time + (noise.Length > 0 ? noise[i % noise.Length] % 5 / 20.0 : 0)).Select(t => Math.Max(0, t)).ToArray(),
            exact.Points.Select((p, i) => Math.Clamp(p.Survival + (noise.Length > 0 ? noise[(i + 1) % noise.Length] % 7 / 300.0 : 0), -0.04, 1.04)).ToArray());
        for (int k = 1; k < noisy.Cleaned.Count; k++)
            if (noisy.Cleaned[k].Time < noisy.Cleaned[k - 1].Time || noisy.Cleaned[k].Survival > noisy.Cleaned[k - 1].Survival) return false;
        if (noisy.Cleaned.Any(p => p.Survival < 0 || p.Survival > 1)) return false;
        double end = curve.Steps[^1].Time;
        int rows = 2 + size % 8;
        var table = AtRiskTable.FromCurve(curve, Enumerable.Range(0, rows).Select(i => end * i / rows).ToArray());
        var arm = GuyotReconstruction.Reconstruct(new ArmEvidence(noisy, table));
        return arm.N == curve.N && arm.Events + arm.Censored == arm.N
            && arm.Curve.Steps.All(s => s.Events <= s.AtRisk)
            && arm.AtRisk.All(a => a.Reconstructed <= a.Published);
    }
}
