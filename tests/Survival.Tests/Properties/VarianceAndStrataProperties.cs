using FsCheck.Xunit;
using Survival.Comparison;
using Survival.Estimation;

namespace Survival.Tests.Properties;

/// <summary>R's default variance rule for Kaplan–Meier and its robust variance, and survdiff's treatment of a stratum
/// holding one group, on arbitrary data.</summary>
public class VarianceAndStrataProperties
{
    private static (double[] Time, bool[] Status) Rows(int[] raw)
        => (raw.Select(x => 1 + Math.Abs(x % 40) / 2.0).ToArray(), raw.Select(x => (x & 1) == 0).ToArray());

    [Property(MaxTest = 150)]
    public bool With_whole_number_weights_and_no_id_the_default_is_Greenwood(int[] raw)
    {
        if (raw is null || raw.Length == 0) return true;
        var (time, status) = Rows(raw);
        var weight = raw.Select(x => (double)(1 + Math.Abs(x % 3))).ToArray();
        var data = SurvivalData.Create(time, status, weight: weight);
        var auto = KaplanMeier.Fit(data);
        var greenwood = KaplanMeier.Fit(data, new KaplanMeierOptions { Variance = KaplanMeierVariance.Greenwood });
        return auto.Variance == KaplanMeierVariance.Greenwood && auto.Curves[0].Steps.SequenceEqual(greenwood.Curves[0].Steps);
    }

    [Property(MaxTest = 150)]
    public bool With_a_fractional_weight_the_default_is_robust(int[] raw)
    {
        if (raw is null || raw.Length == 0) return true;
        var (time, status) = Rows(raw);
        var weight = raw.Select((x, i) => i == 0 ? 0.5 : 1.0).ToArray();
        var fit = KaplanMeier.Fit(SurvivalData.Create(time, status, weight: weight));
        var robust = KaplanMeier.Fit(SurvivalData.Create(time, status, weight: weight), new KaplanMeierOptions { Variance = KaplanMeierVariance.Robust });
        return fit.Variance == KaplanMeierVariance.Robust && fit.Curves[0].Steps.SequenceEqual(robust.Curves[0].Steps);
    }

    /// <summary>The closed form used without delayed entry equals R's recursion over every cluster (which the id path
    /// runs): one id per row.</summary>
    [Property(MaxTest = 150)]
    public bool Robust_closed_form_equals_the_per_cluster_recursion(int[] raw)
    {
        if (raw is null || raw.Length == 0) return true;
        var (time, status) = Rows(raw);
        var weight = raw.Select(x => 0.25 + Math.Abs(x % 7) / 3.0).ToArray();
        var robust = new KaplanMeierOptions { Variance = KaplanMeierVariance.Robust };
        var closed = KaplanMeier.Fit(SurvivalData.Create(time, status, weight: weight), robust).Curves[0].Steps;
        var ids = Enumerable.Range(0, raw.Length).Select(i => "s" + i).ToArray();
        var recursion = KaplanMeier.Fit(SurvivalData.Create(time, status, weight: weight, id: ids), robust).Curves[0].Steps;
        for (int j = 0; j < closed.Count; j++)
        {
            double a = closed[j].StdErr ?? 0, b = recursion[j].StdErr ?? 0;
            if (Math.Abs(a - b) > 1e-10 * Math.Max(1, a)) return false;
            if (Math.Abs(closed[j].CumulativeHazardStdErr - recursion[j].CumulativeHazardStdErr) > 1e-10 * Math.Max(1, closed[j].CumulativeHazardStdErr)) return false;
        }
        return true;
    }

    [Property(MaxTest = 150)]
    public bool A_stratum_with_one_group_changes_neither_chi_square_nor_O_minus_E(int[] raw, int[] extra)
    {
        if (raw is null || raw.Length < 2 || extra is null || extra.Length == 0) return true;
        var (time, status) = Rows(raw);
        var group = raw.Select((_, i) => i % 2 == 0 ? "a" : "b").ToArray();
        var (extraTime, extraStatus) = Rows(extra);
        var only = LogRankTest.Compute(SurvivalData.Create(time, status, group: group, strata: group.Select(_ => "s").ToArray()));
        var with = LogRankTest.Compute(SurvivalData.Create([.. time, .. extraTime], [.. status, .. extraStatus],
            group: [.. group, .. extra.Select(_ => "a")], strata: [.. group.Select(_ => "s"), .. extra.Select(_ => "t")]));
        bool sameChi = Math.Abs(only.ChiSquare - with.ChiSquare) <= 1e-9 * Math.Max(1, only.ChiSquare) && only.DegreesOfFreedom == with.DegreesOfFreedom;
        bool sameDiff = only.Groups.Zip(with.Groups).All(p => Math.Abs((p.First.Observed - p.First.Expected) - (p.Second.Observed - p.Second.Expected)) < 1e-9);
        return sameChi && sameDiff;
    }
}
