using System.CommandLine;
using Survival.Cli;
using Survival.Cli.Commands;

// The survival command. Each sub-command lives in its own file under Commands/ and is added here.
var root = new RootCommand(CommandRegistry.Description);
CommandRegistry.AddAll(root);

// Ctrl+C cancels the command's token: long work (simulations, database reductions, fits, CSV loads) stops at its next
// check, the runner prints one line and exits 130, and files are never left half-written (they are written atomically).
// Work that takes no token is given three seconds; a second Ctrl+C ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return; // the second Ctrl+C: let it end the process
    e.Cancel = true;
    cancellation.Cancel();
    _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ =>
    {
        Console.Error.WriteLine("error: cancelled");
        Environment.Exit(CliRunner.Cancelled);
    }, TaskScheduler.Default);
};
return CliRunner.Run(root, args, Console.Out, Console.Error, cancellation.Token);
