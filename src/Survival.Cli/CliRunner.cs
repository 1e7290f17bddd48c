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

    /// <summary>The library's option properties and the command-line options that set them: an error the library reports
    /// against a property is reported against the option the user typed.</summary>
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        ["ConfidenceLevel"] = "--conf-level",
        ["Robust"] = "--robust",
        ["At"] = "--at",
    };

    private static SurvivalInputException InCliTerms(SurvivalInputException ex)
        => ex.Column is { } column && ex.File is null && OptionOf.TryGetValue(column, out var option)
            ? new SurvivalInputException(ex.Reason, column: option, value: ex.Value, row: ex.Row, innerException: ex)
            : ex;

    public static int Run(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
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
