using Survival.Endpoints;
using Xunit;

namespace Survival.Tests.Endpoints;

public class TrialEndpointsTests
{
    private static readonly DateOnly Asct = new(2014, 1, 1);

    [Fact]
    public void Progression_then_death_gives_pfs_at_progression_and_os_at_death()
    {
        // 2014-01-01 → 2015-01-01 is 365 days = 365/30.4375 months; → 2016-01-01 is 730 days.
        var e = TrialEndpoints.Derive(new PatientDates("P1", Asct, new(2016, 1, 1), Progression: new(2015, 1, 1), Death: new(2016, 1, 1), BestResponse: new(2014, 4, 1)));
        Assert.Equal(new EventTime(365 / 30.4375, true), e.ProgressionFreeSurvival);
        Assert.Equal(new EventTime(730 / 30.4375, true), e.OverallSurvival);
        // DoR: 2014-04-01 → 2015-01-01 = 275 days.
        Assert.Equal(new EventTime(275 / 30.4375, true), e.DurationOfResponse);
        Assert.Equal(90 / 30.4375, e.TimeToResponse);
    }

    [Fact]
    public void Alive_without_progression_is_censored_at_last_contact_for_every_endpoint()
    {
        var e = TrialEndpoints.Derive(new PatientDates("P2", Asct, new(2014, 3, 2), BestResponse: new(2014, 2, 1)));
        Assert.Equal(new EventTime(60 / 30.4375, false), e.ProgressionFreeSurvival);
        Assert.Equal(new EventTime(60 / 30.4375, false), e.OverallSurvival);
        Assert.Equal(new EventTime(29 / 30.4375, false), e.DurationOfResponse);
    }

    [Fact]
    public void Death_without_progression_is_a_pfs_event_and_non_responders_have_no_dor()
    {
        var e = TrialEndpoints.Derive(new PatientDates("P3", Asct, new(2014, 1, 31), Death: new(2014, 1, 31)));
        Assert.True(e.ProgressionFreeSurvival.Event);
        Assert.Equal(30 / 30.4375, e.ProgressionFreeSurvival.Months);
        Assert.Null(e.DurationOfResponse);
        Assert.Null(e.TimeToResponse);
    }

    [Theory]
    [InlineData("2013-12-01", null, null, null, "progression 2013-12-01 is before the origin")]
    [InlineData("2015-01-01", "2014-06-01", "2014-06-01", null, "death 2014-06-01 is before progression")]
    [InlineData(null, null, null, "2014-12-01", "best response 2014-12-01 is after last contact")]
    public void Impossible_orders_name_the_patient_and_dates(string? progression, string? death, string? lastContactOverride, string? response, string expected)
    {
        var last = lastContactOverride is null ? new DateOnly(2014, 6, 1) : DateOnly.Parse(lastContactOverride);
        var p = new PatientDates("P9", Asct, last,
            progression is null ? null : DateOnly.Parse(progression), death is null ? null : DateOnly.Parse(death), response is null ? null : DateOnly.Parse(response));
        var ex = Assert.Throws<SurvivalInputException>(() => TrialEndpoints.Derive(p));
        Assert.Contains("patient P9", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Dates_after_the_cut_off_are_errors()
    {
        var ex = Assert.Throws<SurvivalInputException>(() => TrialEndpoints.Derive(
            new PatientDates("P4", Asct, new(2021, 1, 1)), new EndpointOptions { CutOff = new(2020, 10, 1) }));
        Assert.Contains("after the data cut-off", ex.Message);
    }
}
