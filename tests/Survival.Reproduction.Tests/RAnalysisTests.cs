using System.Security.Cryptography;
using System.Text.Json;
using MaintenanceTrial;
using Xunit;

namespace PaperReproduction.Tests;

/// <summary>
/// The proof on R's side, without R: fixtures/r-paper.json holds R survival's value of every target, computed by
/// samples/data/check-targets.R from the endpoints.csv the reproduction writes (see fixtures/README.md).
/// </summary>
public class RAnalysisTests
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "r-paper.json"))).RootElement;

    private static readonly IReadOnlyDictionary<string, double?> Library =
        PaperTargets.Check(CohortFile.Read(CohortFile.Locate()).Select(r => r.ToPatient()).ToArray()).ToDictionary(c => c.Target.Id, c => c.Reproduced);

    private static double? RValue(string id)
    {
        Assert.True(Fixture.GetProperty("values").TryGetProperty(id, out var v), $"R computed no value for {id}");
        return v.ValueKind == JsonValueKind.Null ? null : v.GetDouble();
    }

    [Fact]
    public void The_fixture_was_made_from_the_endpoints_the_reproduction_writes_now()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"survival-paper-r-{Guid.NewGuid():N}");
        PaperReport.Run(CohortFile.Locate(), dir, TextWriter.Null);
        string md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(Path.Combine(dir, "endpoints.csv"))));
        Assert.True(md5 == Fixture.GetProperty("endpoints_md5").GetString(),
            "endpoints.csv changed since R analysed it: regenerate fixtures/r-paper.json (fixtures/README.md)");
        Directory.Delete(dir, recursive: true);
    }

    public static TheoryData<string> TargetIds => new(PaperTargets.All.Select(t => t.Id));

    [Theory]
    [MemberData(nameof(TargetIds))]
    public void R_and_the_library_agree_and_R_meets_the_target(string id)
    {
        var target = PaperTargets.All.Single(t => t.Id == id);
        double? r = RValue(id);
        double? library = Library[id];
        if (r is null || library is null)
            Assert.True(r is null && library is null, $"{id}: R {r?.ToString() ?? "NR"}, library {library?.ToString() ?? "NR"}");
        else
            Assert.True(Math.Abs(r.Value - library.Value) <= 1e-9 * Math.Max(1, Math.Abs(r.Value)), $"{id}: R {r}, library {library}");
        Assert.True(target.Accepts(r), $"{id}: paper {target.Reported}, R {r?.ToString() ?? "NR"}");
    }
}
