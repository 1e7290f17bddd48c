using Survival.Comparison;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Comparison;

/// <summary>Trend test and pairwise comparisons against R (fixture from Golden/R/logrank.R: survdiff's O, E, V for the
/// trend statistic; survdiff on each pair with p.adjust).</summary>
public class TrendAndPairwiseGoldenTests
{
    [Theory]
    [InlineData("veteran")]
    [InlineData("ties")]
    public void Matches_R(string name)
    {
        var c = Golden.Load("logrank-extra", "trend-pairwise").GetProperty("cases").GetProperty(name);
        var input = c.GetProperty("input");
        var data = SurvivalData.Create(Golden.Numbers(input.GetProperty("time")),
            Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(), group: Golden.Strings(input.GetProperty("group")));
        var trend = LogRankTest.Compute(data).Trend();
        Golden.Close(c.GetProperty("trendChiSquare").GetDouble(), trend.ChiSquare, 1e-9, "trend");
        Golden.Close(c.GetProperty("trendPValue").GetDouble(), trend.PValue, 1e-9, "trend P");
        var pairs = c.GetProperty("pairs").EnumerateArray().ToArray();
        foreach (var (method, column) in new[] { (MultiplicityAdjustment.Holm, "holm"), (MultiplicityAdjustment.Bonferroni, "bonferroni"), (MultiplicityAdjustment.BenjaminiHochberg, "bh") })
        {
            var mine = PairwiseLogRank.Compute(data, method);
            Assert.Equal(pairs.Length, mine.Count);
            for (int i = 0; i < pairs.Length; i++)
            {
                Assert.Equal(pairs[i].GetProperty("first").GetString(), mine[i].First);
                Assert.Equal(pairs[i].GetProperty("second").GetString(), mine[i].Second);
                Golden.Close(pairs[i].GetProperty("p").GetDouble(), mine[i].Test.PValue, 1e-9, $"{name} pair {i} p");
                Golden.Close(pairs[i].GetProperty(column).GetDouble(), mine[i].AdjustedPValue, 1e-9, $"{name} pair {i} {column}");
            }
        }
    }

    [Fact]
    public void Reference_group_limits_the_pairs()
    {
        var data = SurvivalData.Create([1.0, 2, 3, 4, 5, 6], [true, true, true, true, false, true], group: ["a", "b", "c", "a", "b", "c"]);
        var vsB = PairwiseLogRank.Compute(data, reference: "b");
        Assert.Equal([("b", "a"), ("b", "c")], vsB.Select(p => (p.First, p.Second)));
        Assert.Throws<SurvivalInputException>(() => PairwiseLogRank.Compute(data, reference: "z"));
    }
}
