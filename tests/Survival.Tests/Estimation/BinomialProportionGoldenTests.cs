using Survival.Estimation;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Estimation;

/// <summary>Binomial intervals against R (Golden/R/binomial.R: binom.test, prop.test without correction, qbeta).</summary>
public class BinomialProportionGoldenTests
{
    [Fact]
    public void Matches_R()
    {
        foreach (var c in Golden.Load("binomial", "binomial").GetProperty("cases").EnumerateArray())
        {
            int x = c.GetProperty("x").GetInt32(), n = c.GetProperty("n").GetInt32();
            double level = c.GetProperty("level").GetDouble();
            foreach (var (method, name) in new[] { (BinomialIntervalMethod.ClopperPearson, "clopperPearson"), (BinomialIntervalMethod.Wilson, "wilson"), (BinomialIntervalMethod.Jeffreys, "jeffreys") })
            {
                var expected = Golden.Numbers(c.GetProperty(name));
                var mine = BinomialProportion.Compute(x, n, level, method);
                Golden.Close(expected[0], mine.Lower, 1e-9, $"{name} {x}/{n} @{level} lower");
                Golden.Close(expected[1], mine.Upper, 1e-9, $"{name} {x}/{n} @{level} upper");
            }
        }
    }

    [Fact]
    public void Invalid_counts_are_errors()
    {
        Assert.Throws<SurvivalInputException>(() => BinomialProportion.Compute(5, 4));
        Assert.Throws<SurvivalInputException>(() => BinomialProportion.Compute(0, 0));
        Assert.Throws<SurvivalInputException>(() => BinomialProportion.Compute(1, 4, 1.0));
    }
}
