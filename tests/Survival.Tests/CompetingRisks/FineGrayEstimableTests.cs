using Survival.CompetingRisks;
using Survival.Regression;
using Xunit;

namespace Survival.Tests.CompetingRisks;

/// <summary>Covariates without an estimate are named before the fit (crr stops with "system is exactly singular"): a
/// constant column, and a column that is a linear combination of the earlier ones after centring, in any position.</summary>
public class FineGrayEstimableTests
{
    private static CompetingRisksData Data(int n)
    {
        var random = new Random(35);
        var time = Enumerable.Range(0, n).Select(_ => Math.Round(1 + 20 * random.NextDouble(), 1)).ToArray();
        var status = Enumerable.Range(0, n).Select(i => (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return CompetingRisksData.Create(time, status);
    }

    private static double[] Column(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
    }

    [Fact]
    public void A_combination_of_earlier_columns_is_named()
    {
        const int n = 60;
        double[] a = Column(n, 1), b = Column(n, 2), c = Column(n, 3);
        var combination = a.Select((v, i) => 2 * v - b[i] + 3).ToArray();
        var x = new CovariateMatrix(n).AddNumeric("a", a).AddNumeric("b", b).AddNumeric("c", c).AddNumeric("d", combination);
        var e = Assert.Throws<SurvivalInputException>(() => FineGray.Fit(Data(n), "1", x));
        Assert.Contains("linear combination of a, b, c", e.Message);
        Assert.Equal("d", e.Column);
        // In the middle of the columns too (the basis then has a column of its own).
        var middle = new CovariateMatrix(n).AddNumeric("a", a).AddNumeric("b", b).AddNumeric("d", combination).AddNumeric("c", c);
        Assert.Equal("d", Assert.Throws<SurvivalInputException>(() => FineGray.Fit(Data(n), "1", middle)).Column);
        // Two columns equal up to a shift and a scale.
        var shifted = new CovariateMatrix(n).AddNumeric("a", a).AddNumeric("e", a.Select(v => 5 - 0.5 * v).ToArray());
        Assert.Equal("e", Assert.Throws<SurvivalInputException>(() => FineGray.Fit(Data(n), "1", shifted)).Column);
    }

    [Fact]
    public void Independent_columns_fit_and_a_constant_one_is_named()
    {
        const int n = 60;
        var x = new CovariateMatrix(n).AddNumeric("a", Column(n, 1)).AddNumeric("b", Column(n, 2)).AddNumeric("c", Column(n, 3));
        var fit = FineGray.Fit(Data(n), "1", x);
        Assert.Equal(3, fit.Coefficients.Count);
        Assert.All(fit.Coefficients, c => Assert.True(double.IsFinite(c.StdErr) && c.StdErr > 0));
        var constant = new CovariateMatrix(n).AddNumeric("a", Column(n, 1)).AddNumeric("k", Enumerable.Repeat(2.0, n).ToArray());
        var e = Assert.Throws<SurvivalInputException>(() => FineGray.Fit(Data(n), "1", constant));
        Assert.Equal("k", e.Column);
        Assert.Contains("constant", e.Message);
    }
}
