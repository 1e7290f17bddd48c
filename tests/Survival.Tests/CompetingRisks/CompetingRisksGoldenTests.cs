using System.Text.Json;
using Survival.CompetingRisks;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>Cumulative incidence, Gray's test and Fine–Gray against R (fixtures from Golden/R/competing-risks.R: survfit
/// with a factor status, cmprsk::cuminc, cmprsk::crr on mgus2 and random data with ties, groups, strata, delayed entry
/// and weights).</summary>
public class CompetingRisksGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("competing-risks");

    internal static (CompetingRisksData Data, JsonElement Fixture) Load(string name)
    {
        var f = Golden.Load("competing-risks", name);
        var input = f.GetProperty("input");
        var data = CompetingRisksData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Strings(input.GetProperty("status")),
            entry: input.TryGetProperty("entry", out var e) ? Golden.Numbers(e) : null,
            weight: input.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null,
            group: input.TryGetProperty("group", out var g) ? Golden.Strings(g) : null,
            strata: input.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null);
        return (data, f);
    }

    private static double?[] Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : (double?)null).ToArray()
        : [e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cumulative_incidence_matches_R_survfit(string name)
    {
        var (data, f) = Load(name);
        var times = Golden.Numbers(f.GetProperty("times"));
        var fit = CumulativeIncidence.Fit(data, new CumulativeIncidenceOptions { At = times });
        foreach (var expected in f.GetProperty("curves").EnumerateArray())
        {
            string group = expected.GetProperty("group").GetString()!;
            string cause = expected.GetProperty("cause").GetString()!;
            var curve = fit.Curve(cause, data.Rows.Group is null ? null : group);
            string what = $"{name} {group}/{cause}";
            var time = Golden.Numbers(expected.GetProperty("time"));
            Assert.Equal(time, curve.Steps.Select(s => s.Time).ToArray());
            var atRisk = Golden.Numbers(expected.GetProperty("atRisk"));
            var estimate = Golden.Numbers(expected.GetProperty("estimate"));
            var stdErr = Golden.Numbers(expected.GetProperty("stdErr"));
            var lower = Nullable(expected.GetProperty("lower"));
            var upper = Nullable(expected.GetProperty("upper"));
            var eventFree = fit.EventFree.Single(c => c.Group == curve.Group);
            var freeEstimate = Golden.Numbers(expected.GetProperty("eventFree").GetProperty("estimate"));
            var freeStdErr = Golden.Numbers(expected.GetProperty("eventFree").GetProperty("stdErr"));
            for (int j = 0; j < time.Length; j++)
            {
                Golden.Close(atRisk[j], curve.Steps[j].AtRisk, 1e-12, $"{what} atRisk[{j}]");
                Golden.Close(estimate[j], curve.Steps[j].Estimate, 1e-10, $"{what} estimate[{j}]");
                Golden.Close(stdErr[j], curve.Steps[j].StdErr, 1e-8, $"{what} stdErr[{j}]");
                Golden.Close(lower[j], curve.Steps[j].Lower, 1e-8, $"{what} lower[{j}]");
                Golden.Close(upper[j], curve.Steps[j].Upper, 1e-8, $"{what} upper[{j}]");
                Golden.Close(freeEstimate[j], eventFree.Steps[j].Estimate, 1e-10, $"{what} event-free[{j}]");
                Golden.Close(freeStdErr[j], eventFree.Steps[j].StdErr, 1e-8, $"{what} event-free stdErr[{j}]");
            }
            var at = expected.GetProperty("at");
            var atEstimate = Golden.Numbers(at.GetProperty("estimate"));
            var atStdErr = Golden.Numbers(at.GetProperty("stdErr"));
            for (int j = 0; j < atEstimate.Length; j++)
            {
                Golden.Close(atEstimate[j], curve.At[j].Estimate, 1e-10, $"{what} at estimate[{j}]");
                Golden.Close(atStdErr[j], curve.At[j].StdErr, 1e-8, $"{what} at stdErr[{j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gray_test_matches_R_cmprsk_cuminc(string name)
    {
        var (data, f) = Load(name);
        if (!f.TryGetProperty("gray", out var gray)) return;
        var causes = Golden.Strings(gray.GetProperty("cause"));
        var stat = Golden.Numbers(gray.GetProperty("stat"));
        var df = Golden.Numbers(gray.GetProperty("df"));
        var fit = CumulativeIncidence.Fit(data);
        Assert.Equal(causes.Length, fit.GrayTests.Count);
        for (int i = 0; i < causes.Length; i++)
        {
            var test = fit.GrayTests.Single(t => t.Cause == causes[i]);
            Golden.Close(stat[i], test.Test.ChiSquare, 1e-8, $"{name} Gray {causes[i]}");
            Assert.Equal((int)df[i], test.Test.DegreesOfFreedom);
        }
    }
}
