using Xunit;

namespace Survival.Cli.Tests;

/// <summary>docs/cli-reference.md is written from the commands' System.CommandLine definitions: a command or option added,
/// renamed or re-described without regenerating the page fails here. To regenerate: <c>SURVIVAL_APPROVE_DOCS=1 dotnet test
/// tests/Survival.Cli.Tests --filter CliReference</c>, then review the diff.</summary>
public class CliReferenceTests
{
    private static string PagePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "docs", "cli-reference.md");
    }

    [Fact]
    public void The_reference_page_equals_the_commands_definitions()
    {
        string generated = CliReference.Markdown();
        string path = PagePath();
        if (Environment.GetEnvironmentVariable("SURVIVAL_APPROVE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }
        Assert.True(File.Exists(path), "docs/cli-reference.md is missing: run with SURVIVAL_APPROVE_DOCS=1");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    [Fact]
    public void Every_command_and_option_is_on_the_page()
    {
        string page = CliReference.Markdown();
        var root = new System.CommandLine.RootCommand(CommandRegistry.Description);
        CommandRegistry.AddAll(root);
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            Assert.Contains($"`survival {command.Name}`", page);
            foreach (var option in command.Options.Where(o => !o.Hidden)) Assert.Contains($"`{option.Name}`", page);
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            {
                Assert.Contains($"`survival {command.Name} {sub.Name}`", page);
                foreach (var option in sub.Options.Where(o => !o.Hidden)) Assert.Contains($"`{option.Name}`", page);
            }
        }
        // The JSON contracts moved here from the README.
        Assert.Contains("\"chiSquare\", \"df\", \"pValue\"", page);
        Assert.Contains("\"omitted\": { \"count\": 1, \"lines\": [ 15 ] }", page);
    }
}
