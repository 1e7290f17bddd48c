using Xunit;

namespace Survival.Api.Tests;

/// <summary>The README's quick start compiles (it is QuickStart.cs) and runs, and the README shows it unchanged.</summary>
public class ReadmeQuickStartTests
{
    [Fact]
    public void Readme_shows_the_compiled_quick_start()
    {
        string repo = Repo.Root;
        var source = File.ReadAllLines(Path.Combine(Repo.TestsDir, "QuickStart.cs"));
        int start = Array.FindIndex(source, l => l.Contains("// README:start")), end = Array.FindIndex(source, l => l.Contains("// README:end"));
        var code = source[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

        var readme = File.ReadAllLines(Path.Combine(repo, "README.md"));
        int open = Array.FindIndex(readme, l => l.Trim() == "```csharp");
        int close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        var shown = readme[(open + 1)..close].Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(code, shown);
    }

    [Fact]
    public void Readme_shows_the_compiled_cox_example_and_it_runs()
    {
        var source = File.ReadAllLines(Path.Combine(Repo.TestsDir, "QuickStart.cs"));
        int start = Array.FindIndex(source, l => l.Contains("// README:cox-start")), end = Array.FindIndex(source, l => l.Contains("// README:cox-end"));
        var code = source[(start + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var readme = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));
        int heading = Array.FindIndex(readme, l => l.StartsWith("### A Cox model with a cluster-robust variance", StringComparison.Ordinal));
        Assert.True(heading >= 0, "the README has no Cox example");
        int open = Array.FindIndex(readme, heading, l => l.Trim() == "```csharp");
        int close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        Assert.Equal(code, readme[(open + 1)..close].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray());

        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try { QuickStart.RunCox(); }
        finally { Console.SetOut(previous); }
        Assert.Contains("robust se", output.ToString());
    }

    [Fact]
    public void Quick_start_runs_and_prints_curves_and_the_test()
    {
        var previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try { QuickStart.Run(); }
        finally { Console.SetOut(previous); }
        var text = output.ToString();
        Assert.Contains("B: median", text);
        Assert.Contains("0.95LCL", text);          // R's print(survfit) table
        Assert.Contains("(O-E)^2/V", text);        // R's print(survdiff) table
        Assert.Contains("log-rank χ²", text);
    }
}
