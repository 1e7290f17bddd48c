using System.Text.Json;
using Survival.Design;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Design;

public class ExponentialSampleSizeTests
{
    private static readonly JsonElement Fixture = Golden.Load("design", "eventtime");

    private static double N(JsonElement e, string property) => Golden.Numbers(e.GetProperty(property))[0];

    [Fact]
    public void Events_patients_and_power_match_R_qchisq_pchisq()
    {
        foreach (var c in Fixture.GetProperty("sampleSizes").EnumerateArray())
        {
            double m0 = N(c, "nullMedian"), m1 = N(c, "alternativeMedian"), a = N(c, "accrualTime"), f = N(c, "followUp");
            double alpha = N(c, "alpha"), power = N(c, "power");
            var exact = ExponentialSampleSize.ForPower(m0, m1, a, f, alpha, power);
            Assert.Equal(N(c, "exactEvents"), exact.Events);
            Assert.Equal(N(c, "exactPower"), exact.Power, 10);
            Assert.Equal((int)N(c, "exactPatients"), exact.Patients);
            Assert.Equal(N(c, "probabilityOfEvent"), exact.ProbabilityOfEvent, 13);
            var normal = ExponentialSampleSize.ForPower(m0, m1, a, f, alpha, power, ExponentialTestMethod.LogRateNormal);
            Assert.Equal(N(c, "normalEvents"), normal.Events);
            Assert.Equal(N(c, "normalPower"), normal.Power, 12);
            var of64 = ExponentialSampleSize.PowerOf(64, m0, m1, a, f, alpha);
            Assert.Equal(64 * N(c, "probabilityOfEvent"), of64.Events, 11);
            Assert.Equal(N(c, "power64"), of64.Power, 10);
        }
    }

    [Fact]
    public void Power_rises_with_events_and_one_fewer_event_misses_the_target()
    {
        var design = ExponentialSampleSize.ForPower(40, 52, 29, 36);
        Assert.True(design.Power >= 0.8);
        Assert.True(ExponentialSampleSize.PowerAtEvents(design.Events - 1, 40, 52) < 0.8);
        double previous = 0;
        for (int d = 1; d < 300; d += 7)
        {
            double p = ExponentialSampleSize.PowerAtEvents(d, 40, 52);
            Assert.True(p > previous);
            previous = p;
        }
    }

    [Fact]
    public void Probability_of_event_has_the_right_limits()
    {
        Assert.Equal(0.5, ExponentialSampleSize.ProbabilityOfEvent(10, 0, 10), 14);
        double tinyAccrual = ExponentialSampleSize.ProbabilityOfEvent(10, 1e-9, 10);
        Assert.Equal(0.5, tinyAccrual, 8);
        Assert.True(ExponentialSampleSize.ProbabilityOfEvent(10, 20, 10) < ExponentialSampleSize.ProbabilityOfEvent(10, 0, 20));
    }

    [Fact]
    public void Bad_settings_are_errors()
    {
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.ForPower(40, 40, 29, 36));
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.ForPower(40, 52, 0, 0));
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.ForPower(40, 52, 29, 36, alpha: 0.6));
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.ForPower(40, 52, 29, 36, power: 0.01));
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.PowerOf(0, 40, 52, 29, 36));
        Assert.Throws<SurvivalInputException>(() => ExponentialSampleSize.PowerAtEvents(0, 40, 52));
    }
}
