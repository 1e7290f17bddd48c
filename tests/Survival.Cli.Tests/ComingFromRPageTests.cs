using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>docs/coming-from-r.md cannot rot: every C# member it names (`Type.Member` in a table's C# column) exists in a
/// shipped assembly, and every command line it shows (`survival command --option …`) names a real command and real
/// options of it.</summary>
public partial class ComingFromRPageTests
{
    private static string Page()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine(dir!.FullName, "docs", "coming-from-r.md"));
    }

    /// <summary>The cells of each table row (a line starting with '|'), header and separator rows left out.</summary>
    private static IEnumerable<string[]> Rows(string page)
        => page.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| R |", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray());

    [GeneratedRegex(@"`([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)`")]
    private static partial Regex Member();

    [GeneratedRegex(@"`survival ([^`]+)`")]
    private static partial Regex CommandLine();

    /// <summary>The shipped packages' public types by name, a generic type under its name without the arity
    /// (<c>RiskModel.Predict</c> names the member of <c>RiskModel&lt;T&gt;</c>).</summary>
    private static ILookup<string, Type> ShippedTypes()
        => new[]
        {
            typeof(SurvivalData).Assembly, typeof(Survival.Csv.SurvivalCsv).Assembly, typeof(Survival.Plotting.KaplanMeierPlot).Assembly,
            typeof(Survival.Sql.SqlCounts).Assembly, typeof(Survival.DuckDb.DuckDbCounts).Assembly, typeof(Survival.ClickHouse.ClickHouseDatabase).Assembly,
            typeof(Survival.Digitizing.FigureDigitizer).Assembly,
        }.SelectMany(a => a.GetExportedTypes()).ToLookup(t => t.Name.Split('`')[0]);

    /// <summary>Checks every <c>`Type.Member`</c> in the C# column (the second cell) of <paramref name="rows"/> and
    /// returns how many were checked.</summary>
    private static int CheckMembers(IEnumerable<string[]> rows, string where)
    {
        var types = ShippedTypes();
        int checkedMembers = 0;
        foreach (var cells in rows)
            foreach (Match m in Member().Matches(cells[1]))
            {
                string type = m.Groups[1].Value, member = m.Groups[2].Value;
                Assert.True(types.Contains(type), $"{where} names {type}, which is not a public type");
                Assert.True(types[type].Any(t => t.GetMember(member, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).Length > 0),
                    $"{where} names {type}.{member}, which is not a public member");
                checkedMembers++;
            }
        return checkedMembers;
    }

    [Fact]
    public void Every_CSharp_member_named_exists()
    {
        int checkedMembers = CheckMembers(Rows(Page()), "docs/coming-from-r.md");
        Assert.True(checkedMembers >= 30, $"only {checkedMembers} members found: the page's tables changed shape");
    }

    /// <summary>The README's "What it does" table names C# entry points (column 2): each exists in a shipped package.</summary>
    [Fact]
    public void Every_CSharp_member_in_the_readme_table_exists()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Survival.sln"))) dir = dir.Parent;
        string readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        int start = readme.IndexOf("## What it does", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no 'What it does' table");
        string table = readme[start..readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal)];
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| area", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | "));
        int checkedMembers = CheckMembers(rows, "README");
        Assert.True(checkedMembers >= 20, $"only {checkedMembers} members found in the README's table");
        Assert.Contains("(docs/cli-reference.md)", readme);
        Assert.Contains("(docs/coming-from-r.md)", readme);
    }

    [Fact]
    public void Every_command_and_option_shown_exists()
    {
        var root = new RootCommand("test");
        CommandRegistry.AddAll(root);
        int checkedLines = 0;
        foreach (var cells in Rows(Page()))
        {
            foreach (Match m in CommandLine().Matches(cells[2]))
            {
                var words = m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Command command = root;
                int k = 0;
                while (k < words.Length && !words[k].StartsWith("--", StringComparison.Ordinal))
                {
                    var sub = command.Subcommands.FirstOrDefault(c => c.Name == words[k]);
                    if (sub is null) break;   // a value, e.g. --dist gompertz
                    command = sub;
                    k++;
                }
                Assert.True(command != root, $"docs/coming-from-r.md shows `survival {m.Groups[1].Value}`: no such command");
                foreach (var option in words.Skip(k).Where(w => w.StartsWith("--", StringComparison.Ordinal)))
                    Assert.True(command.Options.Any(o => o.Name == option || o.Aliases.Contains(option)),
                        $"docs/coming-from-r.md shows `survival {m.Groups[1].Value}`: {command.Name} has no option {option}");
                checkedLines++;
            }
        }
        Assert.True(checkedLines >= 25, $"only {checkedLines} command lines found: the page's tables changed shape");
    }
}
