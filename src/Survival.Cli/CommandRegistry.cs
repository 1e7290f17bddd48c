using System.CommandLine;
using Survival.Cli.Commands;

namespace Survival.Cli;

/// <summary>The sub-commands of <c>survival</c>, one line each.</summary>
internal static class CommandRegistry
{
    /// <summary>The root command's description (its <c>--help</c> and the reference page).</summary>
    public const string Description = "Survival analysis at R survival parity: Kaplan–Meier, log-rank, Cox, parametric models, trial designs.";

    public static void AddAll(RootCommand root)
    {
        root.Subcommands.Add(KmCommand.Create());
        root.Subcommands.Add(LogRankCommand.Create());
        root.Subcommands.Add(CoxCommand.Create());
        root.Subcommands.Add(CumincCommand.Create());
        root.Subcommands.Add(MstateCommand.Create());
        root.Subcommands.Add(FineGrayCommand.Create());
        root.Subcommands.Add(AssessCommand.Create());
        root.Subcommands.Add(ExponentialCommand.Create());
        root.Subcommands.Add(ParametricCommand.Create());
        root.Subcommands.Add(DesignCommand.Create());
        root.Subcommands.Add(DigitizeCommand.Create());
        root.Subcommands.Add(ReconstructCommand.Create());
        root.Subcommands.Add(SynthesizeCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
    }
}
