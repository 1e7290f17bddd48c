using System.Diagnostics;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Ctrl+C: the command stops with exit code 130 and one line, writes no file, and prints no progress in a pipe.</summary>
public class CancellationCommandTests
{
    private static readonly string[] LongSimulation =
    [
        "design", "tte-simulate", "--standard-median", "40", "--standard-ess", "50", "--delta", "12", "--stop-below", "0.035",
        "--accrual-rate", "2.2", "--max-patients", "64", "--look-every", "6", "--follow-up", "36", "--true-medians", "40,52",
        "--replicates", "20000000", "--seed", "9",
    ];

    [Theory]
    [InlineData("km")]
    [InlineData("cox")]
    [InlineData("cuminc")]
    [InlineData("design")]
    public void A_cancelled_command_exits_130_with_one_line(string command)
    {
        string csv = CliHarness.Csv(CliHarness.Aml);
        string[] args = command switch
        {
            "km" => ["km", "--input", csv, "--time", "time", "--event", "status"],
            "cox" => ["cox", "--input", csv, "--time", "time", "--event", "status", "--covariates", "x"],
            "cuminc" => ["cuminc", "--input", csv, "--time", "time", "--event", "status"],
            _ => LongSimulation,
        };
        var (exit, stdout, stderr) = CliHarness.RunCancelled(args);
        Assert.Equal(130, exit);
        Assert.Equal("", stdout);
        Assert.Equal("error: cancelled", stderr.TrimEnd());
    }

    [Fact]
    public void A_cancelled_run_leaves_no_file()
    {
        using var folder = new TempFolder("survival-cli-cancel-");
        var (exit, _, _) = CliHarness.RunCancelled("km", "--input", CliHarness.Csv(CliHarness.Aml), "--time", "time", "--event", "status",
            "--plot", folder.File("km.png"));
        Assert.Equal(130, exit);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    /// <summary>The real thing: SIGINT to a running <c>survival</c> process in the middle of a 20-million-trial simulation.</summary>
    [Fact]
    public async Task Sigint_stops_a_running_process_with_exit_code_130()
    {
        if (!OperatingSystem.IsLinux()) return; // SIGINT by kill(1)
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "Survival.Cli.dll"), .. LongSimulation]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(2500); // started and simulating (the whole run would take minutes)
        Assert.False(process.HasExited, "the simulation ended before it could be interrupted");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(process.WaitForExit(30_000), "the process did not stop after SIGINT");
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal("error: cancelled", (await stderr).TrimEnd());
    }
}
