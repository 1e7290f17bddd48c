using System.CommandLine;

namespace Survival.Cli.Output;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>A human-readable table, like R's <c>print</c>/<c>summary</c>.</summary>
    Table,

    /// <summary>The JSON shape documented for each command.</summary>
    Json,
}

/// <summary>The shared <c>--format table|json</c> option.</summary>
internal static class FormatOption
{
    public static Option<OutputFormat> Create() => new("--format")
    {
        Description = "Output format: table (default) or json.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };
}
