using System.CommandLine;

namespace Survival.Cli.Tests;

/// <summary>Runs the CLI in-process, as Program.cs does, capturing stdout and stderr.</summary>
internal static class CliHarness
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        CommandRegistry.AddAll(root);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliRunner.Run(root, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command whose cancellation token is already cancelled (as after Ctrl+C).</summary>
    public static (int Exit, string Out, string Err) RunCancelled(params string[] args)
    {
        var root = new RootCommand("test");
        CommandRegistry.AddAll(root);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliRunner.Run(root, args, stdout, stderr, new CancellationToken(canceled: true));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command with <c>--format json</c>, asserts it succeeded, and returns the parsed JSON.</summary>
    public static System.Text.Json.JsonElement Json(params string[] args)
    {
        var (exit, stdout, stderr) = Run([.. args, "--format", "json"]);
        Xunit.Assert.True(exit == 0, stderr);
        return System.Text.Json.JsonDocument.Parse(stdout).RootElement;
    }

    /// <summary>Runs a command that must fail on its input and checks the CLI's error contract: exit code 2, one line on
    /// stderr, no stack trace. Returns that line for the test's own checks (what it names).</summary>
    public static string Fails(params string[] args)
    {
        var (exit, _, stderr) = Run(args);
        Xunit.Assert.True(exit == 2, $"exit code {exit}, expected 2: {stderr}");
        Xunit.Assert.Single(stderr.TrimEnd().Split('\n'));
        Xunit.Assert.DoesNotContain("   at ", stderr);
        return stderr;
    }

    /// <summary>A golden fixture's <c>input</c> object (one array per column, numbers as R wrote them) as a CSV file.</summary>
    public static string FixtureCsv(System.Text.Json.JsonElement input)
    {
        var columns = input.EnumerateObject().Select(p => (p.Name, Values: p.Value.EnumerateArray()
            .Select(x => x.ValueKind == System.Text.Json.JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToArray())).ToArray();
        var sb = new System.Text.StringBuilder(string.Join(",", columns.Select(c => c.Name))).Append('\n');
        for (int i = 0; i < columns[0].Values.Length; i++) sb.Append(string.Join(",", columns.Select(c => c.Values[i]))).Append('\n');
        return Csv(sb.ToString());
    }

    public static string Csv(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"survival-cli-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>R's aml data (survival package): time, status, x (Maintained / Nonmaintained).</summary>
    public const string Aml = "time,status,x\n9,1,Maintained\n13,1,Maintained\n13,0,Maintained\n18,1,Maintained\n23,1,Maintained\n28,0,Maintained\n31,1,Maintained\n34,1,Maintained\n45,0,Maintained\n48,1,Maintained\n161,0,Maintained\n5,1,Nonmaintained\n5,1,Nonmaintained\n8,1,Nonmaintained\n8,1,Nonmaintained\n12,1,Nonmaintained\n16,0,Nonmaintained\n23,1,Nonmaintained\n27,1,Nonmaintained\n30,1,Nonmaintained\n33,1,Nonmaintained\n43,1,Nonmaintained\n45,1,Nonmaintained\n";
}
