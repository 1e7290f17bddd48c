using Survival.IntervalCensoring;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.IntervalCensoring;

/// <summary>The emulated long-double sum against R's <c>sum()</c> (x86-64, 80-bit accumulation), to the last bit.</summary>
public class LongDoubleSumTests
{
    [Fact]
    public void Equals_Rs_sum_bit_for_bit_where_double_accumulation_does_not()
    {
        var c = Golden.Load("interval", "long_double_sums");
        var vectors = c.GetProperty("vectors").EnumerateArray().Select(Values).ToArray();
        var sums = Values(c.GetProperty("sums"));
        int differsFromDouble = 0;
        for (int i = 0; i < vectors.Length; i++)
        {
            var s = new LongDoubleSum();
            double naive = 0;
            foreach (double x in vectors[i]) { s.Add(x); naive += x; }
            Assert.Equal(BitConverter.DoubleToInt64Bits(sums[i]), BitConverter.DoubleToInt64Bits(s.ToDouble()));
            if (naive != sums[i]) differsFromDouble++;
        }
        Assert.True(differsFromDouble > 20, $"only {differsFromDouble} sums tell the formats apart");
    }
}
