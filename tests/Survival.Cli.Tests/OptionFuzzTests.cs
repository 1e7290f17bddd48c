using Xunit;

namespace Survival.Cli.Tests;

/// <summary>A seeded fuzzer over option values: each option of <c>km</c>, <c>cox</c> and <c>parametric</c> is given random
/// text (numbers in every form, NaN, infinities, separators, Unicode, empty) on R's aml data. Whatever the value, the
/// command either succeeds (exit 0) or refuses with the CLI's error contract (exit 2, one line, no stack trace); any other
/// outcome fails. A value the fuzzer ever finds failing belongs in <see cref="EdgeValues"/>.</summary>
public class OptionFuzzTests
{
    private static readonly string[] Pieces =
    [
        "0", "1", "0.95", "-1", "1e308", "1e-320", "NaN", "Infinity", "-Infinity", "∞", ",", ",,", " ", "", ".", "e", "+", "-",
        "12,24", "0x10", "1_000", "１", "\u00a0", "NA", "log", "log-log", "plain", "arcsin", "logit", "efron", "breslow", "weibull",
        "gengamma", "age=50", "=", "\"", "'", "x", "time", "status", "km", "rank", "identity", "greenwood", "robust", "9999999999",
    ];

    private static readonly (string Command, string[] Base, string[] Options)[] Commands =
    [
        ("km", ["--group", "x"], ["--conf-level", "--conf-type", "--at", "--variance", "--na"]),
        ("cox", ["--covariates", "x"], ["--conf-level", "--ties", "--zph-transform", "--residuals", "--at", "--predict", "--na"]),
        ("parametric", [], ["--dist", "--conf-level", "--at", "--compare", "--horizon", "--na"]),
    ];

    /// <summary>Edge values checked every run as fixed cases (the place for a value the fuzzer finds).</summary>
    public static TheoryData<string, string, string> EdgeValues => new()
    {
        { "km", "--at", "1e308" },
        { "km", "--conf-level", "NaN" },
        { "cox", "--predict", "x=" },
        { "parametric", "--horizon", "-Infinity" },
    };

    [Fact]
    public void Random_option_values_succeed_or_fail_with_one_clear_line()
    {
        var random = new Random(34_2026);
        string input = CliHarness.Csv(CliHarness.Aml);
        int succeeded = 0, refused = 0;
        for (int k = 0; k < 240; k++)
        {
            var (command, baseArgs, options) = Commands[random.Next(Commands.Length)];
            string option = options[random.Next(options.Length)];
            int parts = 1 + random.Next(3);
            string value = string.Concat(Enumerable.Range(0, parts).Select(_ => Pieces[random.Next(Pieces.Length)]));
            if (Check(command, option, value, input, baseArgs) == 0) succeeded++; else refused++;
        }
        Assert.True(succeeded > 0 && refused > 0, $"succeeded {succeeded}, refused {refused}");
    }

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void Fixed_cases(string command, string option, string value)
    {
        var baseArgs = Commands.Single(c => c.Command == command).Base;
        Check(command, option, value, CliHarness.Csv(CliHarness.Aml), baseArgs);
    }

    private static int Check(string command, string option, string value, string input, string[] baseArgs)
    {
        string[] args = [command, "--input", input, "--time", "time", "--event", "status", .. baseArgs, option, value, "--format", "json"];
        var (exit, _, stderr) = CliHarness.Run(args);
        string what = $"{string.Join(' ', args.Where(a => a != input))}: exit {exit}, stderr {stderr}";
        Assert.True(exit is 0 or 2, what);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        if (exit == 2 && !stderr.Contains("Required argument missing", StringComparison.Ordinal) && !stderr.Contains("Unrecognized", StringComparison.Ordinal))
            Assert.True(stderr.TrimEnd().Split('\n').Length == 1, what);
        return exit;
    }
}
