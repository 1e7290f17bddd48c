using System.CommandLine;

namespace Survival.Cli;

/// <summary>
/// Runs the command line with the one error contract: a usage or input error prints one line on stderr and
/// returns exit code 2; it never shows a stack trace.
/// </summary>
internal static class CliRunner
{
    /// <summary>Exit code for invalid input or options.</summary>
    public const int InputError = 2;

    /// <summary>Exit code for a defect in the tool (an unexpected exception).</summary>
    public const int InternalError = 1;

    /// <summary>Exit code when the user cancelled (Ctrl+C), as shells report a process ended by SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;

    private static readonly AsyncLocal<CancellationToken> CurrentCancellation = new();

    /// <summary>The token of the command being run: cancelled by Ctrl+C (Program.cs) or by the caller of
    /// <see cref="Run"/>; commands pass it to every library call that can run long.</summary>
    public static CancellationToken Cancellation => CurrentCancellation.Value;

    /// <summary>The library's option properties and the command-line options that set them: an error the library reports
    /// against a property is reported against the option the user typed.</summary>
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        ["ConfidenceLevel"] = "--conf-level",
        ["Robust"] = "--robust",
        ["At"] = "--at",
        // group-sequential designs: rpact's argument names, the CLI's options
        ["kMax"] = "--kmax",
        ["sided"] = "--sided",
        ["typeOfDesign"] = "--type",
        ["deltaWT"] = "--delta-wt",
        ["gammaA"] = "--gamma",
        ["gammaB"] = "--gamma-beta",
        ["constantBoundsHP"] = "--hp-bound",
        ["informationRates"] = "--information-rates",
        ["futilityBounds"] = "--futility-bounds",
        ["typeBetaSpending"] = "--beta-spending",
        ["bindingFutility"] = "--binding",
        ["twoSidedPower"] = "--two-sided-power",
        ["alpha"] = "--alpha",
        ["beta"] = "--beta",
        // survival designs
        ["hazardRatio"] = "--hazard-ratio",
        ["median1"] = "--median1",
        ["median2"] = "--median2",
        ["lambda1"] = "--lambda1",
        ["lambda2"] = "--lambda2",
        ["pi1"] = "--pi1",
        ["pi2"] = "--pi2",
        ["eventTime"] = "--event-time",
        ["piecewiseSurvivalTime"] = "--piecewise-time",
        ["thetaH0"] = "--theta-h0",
        ["accrualTime"] = "--accrual-time",
        ["accrualIntensity"] = "--accrual-intensity",
        ["followUpTime"] = "--follow-up",
        ["maxNumberOfSubjects"] = "--max-subjects",
        ["maxNumberOfEvents"] = "--max-events",
        ["dropoutRate1"] = "--dropout-rate",
        ["dropoutRate2"] = "--dropout-rate2",
        ["dropoutTime"] = "--dropout-time",
        ["allocationRatioPlanned"] = "--allocation-ratio",
        ["typeOfComputation"] = "--formula",
        ["maxNumberOfIterations"] = "--iterations",
    };

    private static SurvivalInputException InCliTerms(SurvivalInputException ex)
        => ex.Column is { } column && ex.File is null && OptionOf.TryGetValue(column, out var option)
            ? new SurvivalInputException(ex.Reason, column: option, value: ex.Value, row: ex.Row, innerException: ex)
            : ex;

    public static int Run(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        CurrentCancellation.Value = cancellation;
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) stderr.WriteLine($"error: {error.Message}");
                return InputError;
            }
            var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parse.Invoke(config);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return Cancelled;
        }
        catch (SurvivalInputException ex)
        {
            stderr.WriteLine($"error: {InCliTerms(ex).Message}");
            return InputError;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InputError;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InputError;
        }
        catch (UnauthorizedAccessException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InputError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A defect, not bad input: still one line, never a stack trace; exit code 1 tells it apart from input errors.
            stderr.WriteLine($"error: internal error ({ex.GetType().Name}): {ex.Message} — please report it");
            return InternalError;
        }
    }
}
