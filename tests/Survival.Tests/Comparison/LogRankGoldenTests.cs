using Survival.Comparison;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Comparison;

/// <summary>The log-rank family against R (fixtures from Golden/R/logrank.R: survdiff, and the textbook formulas for
/// the weights survdiff lacks).</summary>
public class LogRankGoldenTests
{
    private const double Tol = 1e-9;

    public static TheoryData<string> Cases => Golden.Cases("logrank");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R(string name)
    {
        var fixture = Golden.Load("logrank", name);
        var input = fixture.GetProperty("input");
        var data = SurvivalData.Create(
            Golden.Numbers(input.GetProperty("time")),
            Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            group: Golden.Strings(input.GetProperty("group")),
            strata: input.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null);
        var options = new LogRankOptions
        {
            Weighting = fixture.GetProperty("weighting").GetString() switch
            {
                "log-rank" => LogRankWeighting.LogRank,
                "fleming-harrington" => LogRankWeighting.FlemingHarrington,
                "gehan" => LogRankWeighting.GehanBreslow,
                "tarone-ware" => LogRankWeighting.TaroneWare,
                "peto" => LogRankWeighting.PetoPeto,
                "modified-peto" => LogRankWeighting.ModifiedPeto,
                var other => throw new InvalidOperationException(other),
            },
            Rho = fixture.GetProperty("rho").GetDouble(),
            Gamma = fixture.GetProperty("gamma").GetDouble(),
        };
        var result = LogRankTest.Compute(data, options);
        var expected = fixture.GetProperty("expected");
        Assert.Equal(Golden.Strings(fixture.GetProperty("groups")), result.Groups.Select(g => g.Group).ToArray());
        var obs = Golden.Numbers(expected.GetProperty("observed"));
        var exp = Golden.Numbers(expected.GetProperty("expected"));
        for (int g = 0; g < obs.Length; g++)
        {
            Golden.Close(obs[g], result.Groups[g].Observed, Tol, $"{name} observed[{g}]");
            Golden.Close(exp[g], result.Groups[g].Expected, Tol, $"{name} expected[{g}]");
        }
        Golden.Close(expected.GetProperty("chiSquare").GetDouble(), result.ChiSquare, Tol, name + " chi-square");
        Assert.Equal(expected.GetProperty("df").GetInt32(), result.DegreesOfFreedom);
        Golden.Close(expected.GetProperty("pValue").GetDouble(), result.PValue, 1e-8, name + " P");
        if (expected.TryGetProperty("variance", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            var rows = v.EnumerateArray().ToArray();
            for (int i = 0; i < rows.Length; i++)
            {
                var row = Golden.Numbers(rows[i]);
                for (int j = 0; j < row.Length; j++) Golden.Close(row[j], result.Variance(i, j), Tol, $"{name} var[{i},{j}]");
            }
        }
    }
}
