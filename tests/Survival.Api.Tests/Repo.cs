namespace Survival.Api.Tests;

/// <summary>The repository's root, found from the test binaries (CallerFilePath is path-mapped in CI builds).</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string TestsDir => Path.Combine(Root, "tests", "Survival.Api.Tests");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) return dir.FullName;
        throw new InvalidOperationException("Survival.sln not found above " + AppContext.BaseDirectory);
    }
}
