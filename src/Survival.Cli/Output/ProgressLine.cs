namespace Survival.Cli.Output;

/// <summary>Progress of a long computation on stderr: a line at every tenth of the work (safe to call from any
/// thread; a redirected stderr gets whole lines, never carriage-return tricks).</summary>
internal sealed class ProgressLine(TextWriter error, string what, long total) : IProgress<int>
{
    private readonly object _gate = new();
    private int _shownTenths;

    public void Report(int value)
    {
        int tenths = total <= 0 ? 10 : (int)Math.Min(10, value * 10L / total);
        lock (_gate)
        {
            if (tenths <= _shownTenths) return;
            _shownTenths = tenths;
            error.WriteLine($"{what}: {tenths * 10}% ({value}/{total})");
        }
    }

    /// <summary>Ends with 100% if the last report did not reach it.</summary>
    public void Finish() => Report((int)Math.Min(int.MaxValue, total));
}
