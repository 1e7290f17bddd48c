using System.Text.Json;
using Survival.Estimation;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Estimation;

/// <summary>Kaplan–Meier against R survival (fixtures from Golden/R/km.R): every step, quantile, landmark and RMST.</summary>
public class KaplanMeierGoldenTests
{
    private const double Tol = 1e-9;

    public static TheoryData<string> Cases => Golden.Cases("km");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_survfit(string name)
    {
        var fixture = Golden.Load("km", name);
        var input = fixture.GetProperty("input");
        var data = SurvivalData.Create(
            Golden.Numbers(input.GetProperty("time")),
            Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            entry: input.TryGetProperty("entry", out var e) ? Golden.Numbers(e) : null,
            weight: input.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null,
            group: input.TryGetProperty("group", out var g) ? Golden.Strings(g) : null,
            strata: input.TryGetProperty("strata", out var st) ? Golden.Strings(st) : null,
            id: input.TryGetProperty("id", out var id) ? Golden.Strings(id) : null);
        var options = new KaplanMeierOptions
        {
            ConfidenceLevel = fixture.GetProperty("confLevel").GetDouble(),
            Transform = fixture.GetProperty("confType").GetString() switch
            {
                "plain" => ConfidenceIntervalTransform.Plain,
                "log" => ConfidenceIntervalTransform.Log,
                "log-log" => ConfidenceIntervalTransform.LogLog,
                "logit" => ConfidenceIntervalTransform.Logit,
                "arcsin" => ConfidenceIntervalTransform.Arcsin,
                var other => throw new InvalidOperationException(other),
            },
            TimeFix = fixture.GetProperty("timefix").GetBoolean(),
            Variance = fixture.GetProperty("robust").GetString() switch
            {
                "default" => KaplanMeierVariance.Auto,
                "true" => KaplanMeierVariance.Robust,
                "false" => KaplanMeierVariance.Greenwood,
                var other => throw new InvalidOperationException(other),
            },
        };
        var fit = KaplanMeier.Fit(data, options);
        var times = Golden.Numbers(fixture.GetProperty("times"));
        var expectedCurves = fixture.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(expectedCurves.Length, fit.Curves.Count);
        for (int c = 0; c < expectedCurves.Length; c++)
            CompareCurve(expectedCurves[c], fit.Curves[c], times, $"{name}[{c}]");
    }

    private static void CompareCurve(JsonElement expected, SurvivalCurve curve, double[] times, string where)
    {
        if (expected.GetProperty("group").ValueKind == JsonValueKind.String)
            Assert.Equal(expected.GetProperty("group").GetString(), curve.Group);
        if (expected.TryGetProperty("stratum", out var stratum) && stratum.ValueKind == JsonValueKind.String)
            Assert.Equal(stratum.GetString(), curve.Stratum);
        Assert.Equal(expected.GetProperty("n").GetDouble(), curve.N);

        var steps = expected.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(steps.Length, curve.Steps.Count);
        for (int i = 0; i < steps.Length; i++)
        {
            var r = steps[i];
            var s = curve.Steps[i];
            string at = $"{where} step {i}";
            Golden.Close(Golden.Number(r, "time"), s.Time, Tol, at + " time");
            Golden.Close(Golden.Number(r, "atRisk"), s.AtRisk, Tol, at + " atRisk");
            Golden.Close(Golden.Number(r, "events"), s.Events, Tol, at + " events");
            Golden.Close(Golden.Number(r, "censored"), s.Censored, Tol, at + " censored");
            Golden.Close(Golden.Number(r, "survival"), s.Survival, Tol, at + " survival");
            Golden.Close(Golden.Number(r, "stdErr"), s.StdErr, Tol, at + " stdErr");
            Golden.Close(Golden.Number(r, "lower"), s.Lower, Tol, at + " lower");
            Golden.Close(Golden.Number(r, "upper"), s.Upper, Tol, at + " upper");
            Golden.Close(Golden.Number(r, "cumHaz"), s.CumulativeHazard, Tol, at + " cumHaz");
            Golden.Close(Golden.Number(r, "cumHazStdErr"), s.CumulativeHazardStdErr, Tol, at + " cumHazStdErr");
        }

        foreach (var q in expected.GetProperty("quantiles").EnumerateArray())
        {
            double p = q.GetProperty("p").GetDouble();
            var mine = curve.Quantile(p);
            Golden.Close(Golden.Number(q, "estimate"), mine.Estimate, Tol, $"{where} q{p} estimate");
            Golden.Close(Golden.Number(q, "lower"), mine.Lower, Tol, $"{where} q{p} lower");
            Golden.Close(Golden.Number(q, "upper"), mine.Upper, Tol, $"{where} q{p} upper");
        }

        var atExpected = expected.GetProperty("at").EnumerateArray().ToArray();
        var atMine = curve.SurvivalAt(atExpected.Select(a => a.GetProperty("time").GetDouble()).ToArray());
        Assert.Equal(atExpected.Length, atMine.Count);
        for (int i = 0; i < atExpected.Length; i++)
        {
            var r = atExpected[i];
            var m = atMine[i];
            string at = $"{where} at {m.Time}";
            Golden.Close(Golden.Number(r, "atRisk"), m.AtRisk, Tol, at + " atRisk");
            Golden.Close(Golden.Number(r, "events"), m.Events, Tol, at + " events");
            Golden.Close(Golden.Number(r, "censored"), m.Censored, Tol, at + " censored");
            Golden.Close(Golden.Number(r, "survival"), m.Survival, Tol, at + " survival");
            Golden.Close(Golden.Number(r, "stdErr"), m.StdErr, Tol, at + " stdErr");
            Golden.Close(Golden.Number(r, "lower"), m.Lower, Tol, at + " lower");
            Golden.Close(Golden.Number(r, "upper"), m.Upper, Tol, at + " upper");
        }

        if (expected.TryGetProperty("rmean", out var rm) && rm.ValueKind == JsonValueKind.Object)
        {
            var mine = curve.RestrictedMean(rm.GetProperty("tau").GetDouble());
            Golden.Close(Golden.Number(rm, "estimate"), mine.Estimate, Tol, where + " rmean");
            Golden.Close(Golden.Number(rm, "stdErr"), mine.StdErr, Tol, where + " se(rmean)");
        }
    }
}
