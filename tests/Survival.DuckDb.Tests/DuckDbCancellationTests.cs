using System.Diagnostics;
using Survival.DuckDb;
using Xunit;

namespace Survival.DuckDb.Tests;

/// <summary>A DuckDB reduction stops when cancelled: before it starts, and part-way through a query DuckDB is interrupted
/// in (no partial counts).</summary>
public class DuckDbCancellationTests
{
    [Fact]
    public void A_cancelled_token_stops_the_reduction_before_it_starts()
    {
        var e = Assert.ThrowsAny<OperationCanceledException>(() => DuckDbCounts.FromRelation("(SELECT 1.0 AS time, 1 AS status)",
            new SurvivalColumns("time", "status"), cancellationToken: new CancellationToken(canceled: true)));
        Assert.NotNull(e);
        string csv = Path.Combine(Path.GetTempPath(), $"survival-cr-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, "time,status\n1,1\n2,2\n3,0\n");
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => DuckDbCompetingRisks.Read(csv, new SurvivalColumns("time", "status"),
                cancellationToken: new CancellationToken(canceled: true)));
            Assert.Equal(3, DuckDbCompetingRisks.Read(csv, new SurvivalColumns("time", "status")).Counts.Time.Length);
        }
        finally { File.Delete(csv); }
    }

    [Fact]
    public void A_running_query_is_interrupted()
    {
        // Two billion generated rows: minutes of work, interrupted after half a second.
        const string relation = "(SELECT (range % 1000)::DOUBLE + 1 AS time, (range % 3 > 0)::INTEGER AS status FROM range(2000000000))";
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => DuckDbCounts.FromRelation(relation, new SurvivalColumns("time", "status"),
            cancellationToken: cancellation.Token));
        // Not a timing test: an uninterrupted query would run for minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }
}
