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

    /// <summary>The model's per-row arrays are rented, and a pooled array can be longer than the rows and hold an earlier
    /// fit's values past them: the checks (and the fit) read the first n only. 1000 rows, then 990 with a constant and a
    /// duplicated column (the same pool bucket of 1024, on this thread).</summary>
    [Fact]
    public void A_fit_after_a_larger_one_reads_only_its_own_rows()
    {
        const int n = 1000, m = 990;
        var first = new CovariateMatrix(n).AddNumeric("a", Column(n, 1)).AddNumeric("b", Column(n, 2)).AddNumeric("c", Column(n, 3));
        Assert.Equal(3, FineGray.Fit(Data(n), "1", first).Coefficients.Count);
        var data = Data(m);
        var constant = new CovariateMatrix(m).AddNumeric("a", Column(m, 4)).AddNumeric("k", Enumerable.Repeat(2.0, m).ToArray());
        Assert.Equal("k", Assert.Throws<SurvivalInputException>(() => FineGray.Fit(data, "1", constant)).Column);
        Assert.Equal(3, FineGray.Fit(Data(n), "1", first).Coefficients.Count);
        var a = Column(m, 5);
        var collinear = new CovariateMatrix(m).AddNumeric("a", a).AddNumeric("b", Column(m, 6)).AddNumeric("e", a.Select(v => 1 - v).ToArray());
        Assert.Equal("e", Assert.Throws<SurvivalInputException>(() => FineGray.Fit(data, "1", collinear)).Column);
        // And the same fit on fresh arrays and on pooled ones gives the same numbers.
        var x = new CovariateMatrix(m).AddNumeric("a", a).AddNumeric("b", Column(m, 6));
        var once = FineGray.Fit(data, "1", x);
        Assert.Equal(3, FineGray.Fit(Data(n), "1", first).Coefficients.Count);
        var again = FineGray.Fit(data, "1", x);
        Assert.Equal(once.Coefficients.Select(c => (c.Estimate, c.StdErr)), again.Coefficients.Select(c => (c.Estimate, c.StdErr)));
    }
}
