using Survival.Tests.Shared;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Output files from the command line: a figure whose folder does not exist or cannot be written is a one-line
/// error (exit 2) before any input is read, and a figure is written whole, with no temporary file left beside it.</summary>
public class OutputFileTests
{
    [Theory]
    [InlineData("km")]
    [InlineData("cuminc")]
    [InlineData("parametric")]
    public void Plot_into_a_missing_folder_fails_before_reading_the_input(string command)
    {
        string figure = Path.Combine(Path.GetTempPath(), $"survival-no-such-{Guid.NewGuid():N}", "figure.png");
        // The input does not exist either: the folder is checked first, so the error names --plot, not the input.
        var (exit, stdout, stderr) = CliHarness.Run(command, "--input", "/no/such/input.csv", "--time", "t", "--event", "e", "--plot", figure);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("--plot", stderr);
        Assert.Contains("does not exist", stderr);
        Assert.DoesNotContain("input.csv", stderr);
    }

    [Fact]
    public void Plot_into_an_unwritable_folder_fails_before_any_work()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self")) return; // /proc takes no files, even from root
        var stderr = CliHarness.Fails("km", "--input", CliHarness.Csv(CliHarness.Aml), "--time", "time", "--event", "status", "--plot", "/proc/figure.png");
        Assert.Contains("cannot be written", stderr);
    }

    [Fact]
    public void A_figure_is_written_whole_with_nothing_left_beside_it()
    {
        using var folder = new TempFolder("survival-cli-out-");
        string figure = folder.File("km.svg");
        var (exit, _, stderr) = CliHarness.Run("km", "--input", CliHarness.Csv(CliHarness.Aml), "--time", "time", "--event", "status", "--group", "x", "--plot", figure);
        Assert.True(exit == 0, stderr);
        Assert.Equal([figure], Directory.GetFiles(folder.Path));
        Assert.EndsWith("</svg>", File.ReadAllText(figure).TrimEnd());
    }
}
