using System.CommandLine;
using System.Reflection;

namespace Survival.Cli.Commands;

/// <summary><c>survival version</c>: the library's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of the Survival library.");
        command.SetAction(parse =>
        {
            var version = typeof(SurvivalData).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        });
        return command;
    }
}
