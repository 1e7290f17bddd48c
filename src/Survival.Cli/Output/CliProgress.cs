using Spectre.Console;

namespace Survival.Cli;

/// <summary>Progress of long work as a bar on stderr (Spectre.Console) — only when stderr is a terminal and the command's
/// error writer is the console's, so pipelines, redirected logs and JSON consumers see nothing of it.</summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/> with a reporter of units done out of <paramref name="total"/>, drawn as a
    /// bar on a terminal; with none (null) where there is no terminal or <paramref name="quiet"/> asks for none.</summary>
    public static T Run<T>(TextWriter error, string stage, long total, bool quiet, Func<Reporter?, T> work)
    {
        if (quiet || !ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(true).HideCompleted(true).Start(context =>
        {
            var task = context.AddTask(stage, maxValue: Math.Max(1, total));
            return work(new Reporter(task));
        });
    }

    /// <summary>Takes the library's progress reports (units done, or <see cref="ProgressReport"/>) to the bar.</summary>
    internal sealed class Reporter(ProgressTask task) : IProgress<long>, IProgress<int>, IProgress<ProgressReport>
    {
        public void Report(long value) => task.Value = value;

        public void Report(int value) => task.Value = value;

        public void Report(ProgressReport value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
            task.Description = value.Stage;
        }
    }
}
