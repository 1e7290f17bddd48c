using Survival.Parametric;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Parametric;

/// <summary>The generalized gamma against an independent maximum-likelihood fit written in R (Golden/R/gengamma.R: flexsurv's
/// log-likelihood maximised by optim from several starts; flexsurv is not in Debian), and its special cases.</summary>
public class GeneralizedGammaTests
{
    public static TheoryData<string> Cases => Golden.Cases("gengamma");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_an_independent_maximum_likelihood_fit_in_R(string name)
    {
        var c = Golden.Load("gengamma", name);
        var (data, covariates, x) = Golden.ParametricInput(c);
        var fit = GeneralizedGammaModel.Fit(data, x);
        Assert.True(fit.Converged, name + " converged");
        Golden.Close(c.GetProperty("mu").GetDouble(), fit.Parameters[0].Estimate, 1e-5, name + " mu");
        Golden.Close(Math.Exp(c.GetProperty("logSigma").GetDouble()), fit.Parameters[1].Estimate, 1e-5, name + " sigma");
        Golden.Close(c.GetProperty("Q").GetDouble(), fit.Parameters[2].Estimate, 1e-5, name + " Q");
        var beta = Golden.Numbers(c.GetProperty("beta"));
        for (int j = 0; j < beta.Length; j++) Golden.Close(beta[j], fit.Parameters[j + 3].Estimate, 1e-5, $"{name} {covariates[j]}");
        double r = c.GetProperty("logLik").GetDouble();
        Assert.True(fit.LogLikelihood >= r - 1e-9, $"{name}: library {fit.LogLikelihood}, R {r}");
        Golden.Close(r, fit.LogLikelihood, 1e-8, name + " loglik");
        var v = c.GetProperty("vcov").EnumerateArray().Select(Golden.Numbers).ToArray();
        for (int i = 0; i < v.Length; i++)
            for (int j = 0; j < v.Length; j++) Golden.Close(v[i][j], fit.Covariance(i, j), 1e-3, $"{name} vcov[{i},{j}]");
    }

    private static SurvivalData Sample(int seed, bool entry, int n = 200)
    {
        // Weibull draws (shape 1.5, scale 3), 200 rows, every third censored at 80% of its time.
        var rng = new Random(seed);
        var time = Enumerable.Range(0, n).Select(i => 3 * Math.Pow(-Math.Log(1 - rng.NextDouble()), 1 / 1.5) * (i % 3 == 0 ? 0.8 : 1)).ToArray();
        var status = time.Select((_, i) => i % 3 != 0).ToArray();
        var start = entry ? time.Select((t, i) => i % 2 == 0 ? t * 0.4 : 0).ToArray() : null;
        return SurvivalData.Create(time, status, entry: start);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.7)]
    [InlineData(0.3)]
    [InlineData(2.5)]
    [InlineData(0.0004)]
    public void The_analytic_gradient_equals_central_differences_of_the_log_likelihood(double q)
    {
        foreach (bool entry in new[] { false, true })
        {
            // 40 rows: near Q = 0 each evaluation meets the incomplete gamma at γ = Q⁻² ≈ 10⁶, which is slow.
            var model = new GeneralizedGammaModel.Likelihood(Sample(3, entry, 40), null);
            double[] theta = [0.8, -0.3, q];
            var gradient = model.Gradient(theta);
            for (int k = 0; k < 3; k++)
            {
                // A step of 1e-4: smaller ones meet the rounding of the incomplete gamma at γ = Q⁻² ≈ 10⁶ (near Q = 0).
                double h = 1e-4;
                var plus = (double[])theta.Clone();
                var minus = (double[])theta.Clone();
                plus[k] += h;
                minus[k] -= h;
                double numeric = (model.LogLikelihood(plus) - model.LogLikelihood(minus)) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"Q={q} entry={entry} θ[{k}]: analytic {gradient[k]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Q_one_is_the_Weibull_and_Q_zero_the_log_normal()
    {
        var data = Sample(7, entry: false);
        var model = new GeneralizedGammaModel.Likelihood(data, null);
        var weibull = AftModel.Fit(data, AftDistribution.Weibull);
        var lognormal = AftModel.Fit(data, AftDistribution.LogNormal);
        // The generalized gamma's log-likelihood at (μ, log σ, Q = 1) is the Weibull's at (μ, log σ), and at Q = 0 the log-normal's.
        double atWeibull = model.LogLikelihood([weibull.Parameters[0].Estimate, Math.Log(weibull.Scale), 1]);
        Assert.Equal(weibull.LogLikelihood, atWeibull, 9);
        double atLogNormal = model.LogLikelihood([lognormal.Parameters[0].Estimate, Math.Log(lognormal.Scale), 0]);
        Assert.Equal(lognormal.LogLikelihood, atLogNormal, 9);
        // The fit is at least as good as either special case, and S(t) agrees with the Weibull curve at Q = 1.
        var fit = GeneralizedGammaModel.Fit(data);
        Assert.True(fit.LogLikelihood >= Math.Max(weibull.LogLikelihood, lognormal.LogLikelihood) - 1e-9);
        double s = GeneralizedGammaFit.Survival([weibull.Parameters[0].Estimate, Math.Log(weibull.Scale), 1], 2.0, []);
        Assert.Equal(weibull.SurvivalAt(2.0).Estimate!.Value, s, 10);
    }

    [Fact]
    public void Fits_are_invariant_to_time_units_up_to_the_location()
    {
        var data = Sample(11, entry: false);
        var scaled = SurvivalData.Create(data.Time.ToArray().Select(t => t * 30.4375).ToArray(), data.Event.ToArray());
        var a = GeneralizedGammaModel.Fit(data);
        var b = GeneralizedGammaModel.Fit(scaled);
        Assert.Equal(a.Parameters[0].Estimate + Math.Log(30.4375), b.Parameters[0].Estimate, 5);
        Assert.Equal(a.Parameters[1].Estimate, b.Parameters[1].Estimate, 5);
        Assert.Equal(a.Parameters[2].Estimate, b.Parameters[2].Estimate, 5);
        Assert.Equal(a.LogLikelihood - data.Event.ToArray().Count(e => e) * Math.Log(30.4375), b.LogLikelihood, 6);
    }

    [Fact]
    public void A_likelihood_rising_towards_an_infinite_Q_is_an_error_that_says_so()
    {
        // 80 Weibull draws (seed 7): R's optim runs to Q = 27, 29, 35 from three starts with σ → 0; no interior maximum.
        var rng = new Random(7);
        var time = Enumerable.Range(0, 80).Select(i => 3 * Math.Pow(-Math.Log(1 - rng.NextDouble()), 1 / 1.5) * (i % 3 == 0 ? 0.8 : 1)).ToArray();
        var error = Assert.Throws<SurvivalInputException>(() => GeneralizedGammaModel.Fit(SurvivalData.Create(time, time.Select((_, i) => i % 3 != 0).ToArray())));
        Assert.Contains("no interior maximum", error.Message);
        Assert.Contains("+∞", error.Message);
    }

    [Fact]
    public void Predictions_have_limits_and_bad_input_is_a_clear_error()
    {
        var fit = GeneralizedGammaModel.Fit(Sample(5, entry: true));
        var s = fit.SurvivalAt(2);
        Assert.InRange(s.Estimate!.Value, s.Lower!.Value, s.Upper!.Value);
        var median = fit.Quantile(0.5);
        Assert.InRange(median.Estimate!.Value, median.Lower!.Value, median.Upper!.Value);
        Assert.Equal(0.5, fit.SurvivalAt(median.Estimate.Value).Estimate!.Value, 6);
        Assert.True(fit.RestrictedMean(3).Estimate > 0);
        Assert.Contains("times > 0", Assert.Throws<SurvivalInputException>(() => GeneralizedGammaModel.Fit(SurvivalData.Create([0.0, 1], [true, true]))).Message);
    }
}
