using System.CommandLine;
using Survival.Cli;
using Survival.Cli.Commands;

// The survival command. Each sub-command lives in its own file under Commands/ and is added here.
var root = new RootCommand("Survival analysis at R survival parity: Kaplan–Meier, log-rank, Cox, parametric models, trial designs.");
CommandRegistry.AddAll(root);
return CliRunner.Run(root, args, Console.Out, Console.Error);
