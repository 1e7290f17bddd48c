using System.CommandLine;

namespace Survival.Cli;

/// <summary>The shared <c>--conf-level</c> option (R's <c>conf.int = 0.95</c> default); the library checks its range.</summary>
internal static class ConfidenceLevelOption
{
    public static Option<double> Create() => new("--conf-level")
    {
        Description = "Confidence level (default 0.95).",
        DefaultValueFactory = _ => 0.95,
    };
}
