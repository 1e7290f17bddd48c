using System.Text;
using Survival.Csv;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>A CSV load reports the rows read and stops when cancelled part-way (checked every 65,536 rows).</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-csv-cancel-");

    public void Dispose() => _folder.Dispose();

    private string File200k()
    {
        var sb = new StringBuilder("time,status\n");
        for (int i = 0; i < 200_000; i++) sb.Append(1 + i % 997).Append(',').Append(i % 3 == 0 ? 0 : 1).Append('\n');
        string path = _folder.File("rows.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private sealed class Recorder(Action<ProgressReport> also) : IProgress<ProgressReport>
    {
        public List<ProgressReport> Reports { get; } = [];

        public void Report(ProgressReport value)
        {
            lock (Reports) Reports.Add(value);
            also(value);
        }
    }

    [Fact]
    public void A_load_reports_rows_and_is_unchanged_by_it()
    {
        string path = File200k();
        var recorder = new Recorder(_ => { });
        var data = SurvivalCsv.Read(path, new SurvivalColumns("time", "status"), progress: recorder);
        Assert.Equal(200_000, data.Count);
        Assert.Equal([65_536L, 131_072L, 196_608L], recorder.Reports.Select(r => r.Done));
        Assert.All(recorder.Reports, r => Assert.Equal("reading", r.Stage));
        Assert.Equal(data.Time.ToArray(), SurvivalCsv.Read(path, new SurvivalColumns("time", "status")).Time.ToArray());
    }

    [Fact]
    public void A_load_cancelled_part_way_throws_and_returns_nothing()
    {
        string path = File200k();
        using var cancellation = new CancellationTokenSource();
        var recorder = new Recorder(_ => cancellation.Cancel());
        Assert.Throws<OperationCanceledException>(() => SurvivalCsv.Read(path, new SurvivalColumns("time", "status"), cancellationToken: cancellation.Token, progress: recorder));
        Assert.Single(recorder.Reports); // cancelled at the first report, stopped at the next check
        Assert.Throws<OperationCanceledException>(() => SurvivalCsv.Read(path, new SurvivalColumns("time", "status"), cancellationToken: cancellation.Token));
    }
}
