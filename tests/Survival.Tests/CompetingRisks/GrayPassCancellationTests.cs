using Survival.CompetingRisks;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>With 2¹⁶ cells or more, Gray's tests run on tasks beside the curves. A cancelled or failed fit must not leave
/// them running: it throws only once every pass has ended, and the passes themselves stop on the token.</summary>
public class GrayPassCancellationTests
{
    // Two groups, two causes and censoring on 80,000 distinct times (fixed seed): above the 2¹⁶ cells that start the tasks.
    private static CompetingRisksData Large()
    {
        var random = new Random(5);
        int n = 80_000;
        var time = new double[n];
        var status = new string[n];
        var group = new string[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = i + 1 + random.NextDouble() * 0.5;
            int u = random.Next(3);
            status[i] = u == 0 ? "0" : u == 1 ? "1" : "2";
            group[i] = random.Next(2) == 0 ? "A" : "B";
        }
        return CompetingRisksData.Create(time, status, group: group);
    }

    [Fact]
    public void A_fit_cancelled_while_its_Gray_passes_run_throws_only_after_they_have_ended()
    {
        var data = Large();
        using var cancellation = new CancellationTokenSource();
        using var slowRunning = new ManualResetEventSlim();
        // Cause 2's pass, as it starts, takes 500 ms before its first time; cause 1's pass waits until that one runs, then
        // cancels the fit and goes on to its first check of the token. The fit (waiting on cause 1's pass, or still at its
        // curves) then has a pass still running: one that threw without waiting for it would leave it running.
        var watch = new CumulativeIncidence.GrayPassWatch
        {
            Started = cause =>
            {
                if (cause == "2")
                {
                    slowRunning.Set();
                    Thread.Sleep(500);
                }
                else
                {
                    Assert.True(slowRunning.Wait(TimeSpan.FromSeconds(30)));
                    cancellation.Cancel();
                }
            },
        };
        CumulativeIncidence.GrayPassWatch.Current.Value = watch;
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => CumulativeIncidence.Fit(data, cancellationToken: cancellation.Token));
            Assert.Equal(0, Volatile.Read(ref watch.Running));
        }
        finally { CumulativeIncidence.GrayPassWatch.Current.Value = null; }
    }

    [Fact]
    public void An_uncancelled_large_fit_runs_its_Gray_passes_on_tasks_and_returns_both_tests()
    {
        var data = Large();
        int started = 0;
        var watch = new CumulativeIncidence.GrayPassWatch { Started = _ => Interlocked.Increment(ref started) };
        CumulativeIncidence.GrayPassWatch.Current.Value = watch;
        try
        {
            var fit = CumulativeIncidence.Fit(data);
            Assert.Equal(2, started); // the tasks ran (the path the cancellation test exercises)
            Assert.Equal(0, watch.Running);
            Assert.Equal(2, fit.GrayTests.Count);
            // The same statistics as the serial pass.
            for (int k = 0; k < 2; k++)
            {
                var serial = GrayTest.Compute(data, (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(serial.Test.ChiSquare, fit.GrayTests[k].Test.ChiSquare, 12);
            }
        }
        finally { CumulativeIncidence.GrayPassWatch.Current.Value = null; }
    }

    [Fact]
    public void A_Gray_pass_stops_on_a_cancelled_token()
    {
        var data = Large();
        var counts = CumulativeIncidence.CompositeCounts(data, keepStrata: true, timeFix: false);
        Assert.Throws<OperationCanceledException>(() =>
            GrayTest.FromCounts(counts, 2, 2, 1, "1", cancellationToken: new CancellationToken(canceled: true)));
        Assert.True(GrayTest.FromCounts(counts, 2, 2, 1, "1").Test.ChiSquare >= 0);
    }
}
