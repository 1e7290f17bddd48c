using System.Reflection;
using Xunit;

namespace Survival.Api.Tests;

/// <summary>
/// The shipped packages' public API is approved text: a change fails here until approved/ is updated, so API
/// changes are deliberate. To approve: run with SURVIVAL_APPROVE_API=1, review the diff of approved/, commit.
/// </summary>
public class PublicApiApprovalTests
{
    public static TheoryData<string> Assemblies => new() { "Survival", "Survival.Csv", "Survival.Plotting", "Survival.DuckDb", "Survival.Sql", "Survival.Digitizing", "Survival.ClickHouse" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_api_matches_the_approved_listing(string assemblyName)
    {
        string actual = PublicApiListing.For(Assembly.Load(assemblyName));
        string approvedPath = Path.Combine(AppContext.BaseDirectory, "approved", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable("SURVIVAL_APPROVE_API") == "1")
        {
            string source = Path.Combine(Repo.TestsDir, "approved", assemblyName + ".txt");
            File.WriteAllText(source, actual);
            return;
        }
        Assert.True(File.Exists(approvedPath), $"no approved listing for {assemblyName}: run with SURVIVAL_APPROVE_API=1");
        Assert.Equal(File.ReadAllText(approvedPath).ReplaceLineEndings("\n"), actual);
    }
}
