using FsCheck;
using FsCheck.Xunit;
using Survival.Parametric;

namespace Survival.Tests.Properties;

public class ExponentialProperties
{
    [Property(MaxTest = 200)]
    public bool Scaling_time_scales_the_rate_and_limits_inversely(NonEmptyArray<int> raw, PositiveInt factor)
    {
        var v = raw.Get;
        var time = v.Select(x => 0.5 + Math.Abs(x % 40)).ToArray();
        var status = v.Select((x, i) => i % 2 == 0).ToArray();
        double k = factor.Get;
        var a = ExponentialModel.Fit(SurvivalData.Create(time, status));
        var b = ExponentialModel.Fit(SurvivalData.Create(time.Select(t => t * k).ToArray(), status));
        static bool Close(double? x, double? y) => x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) <= 1e-12 * Math.Max(1, Math.Abs(x.Value));
        return Close(a.Rate.Estimate / k, b.Rate.Estimate) && Close(a.Rate.Lower / k, b.Rate.Lower) && Close(a.Rate.Upper / k, b.Rate.Upper)
            && a.Rate.Lower <= a.Rate.Estimate && a.Rate.Estimate <= a.Rate.Upper;
    }
}
