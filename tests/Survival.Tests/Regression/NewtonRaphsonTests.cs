using FsCheck.Xunit;
using Survival.CompetingRisks;
using Survival.Parametric;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>The shared Newton–Raphson's honesty: "converged" only when the convergence test passed, iterations counted as
/// R counts them (each pulled-back step is one), and the last iterate R returns when it runs out.</summary>
public class NewtonRaphsonTests
{
    private static readonly NewtonRule[] Rules = [NewtonRule.Coxph, NewtonRule.Agreg, NewtonRule.Survreg];

    /// <summary>ℓ(b) = 10 − (b − 1)², worked by hand: from ℓ(0) = 9 one Newton step lands on the maximum b = 1 (ℓ = 10,
    /// |1 − 9/10| = 0.1: not yet); the next step stays at 1 and |1 − 10/10| = 0 passes: converged on the second
    /// evaluation.</summary>
    [Fact]
    public void A_quadratic_converges_on_the_second_evaluation_by_every_rule()
    {
        foreach (var rule in Rules)
        {
            var fit = NewtonRaphson.Maximize([0.0], b => (10 - (b[0] - 1) * (b[0] - 1), [-2 * (b[0] - 1)], new[,] { { 2.0 } }), 20, 1e-9, rule);
            Assert.True(fit.Converged, rule.ToString());
            Assert.Equal(1.0, fit.Estimate[0]);
            Assert.Equal(2, fit.Iterations);
            Assert.Equal(10.0, fit.LogLikelihood);
        }
    }

    /// <summary>A score that points downhill (every step lowers ℓ) is where the old loop, after 30 halvings that gave up,
    /// took the step and called the tiny change "converged". Now halving never ends the iteration: each rule runs out,
    /// reports not converged, and returns a point no worse than the start (the last good one), or survreg's last try.</summary>
    [Fact]
    public void Step_halving_that_cannot_ascend_never_reports_convergence()
    {
        foreach (var rule in Rules)
        {
            // ℓ(b) = −b², but the "score" claims ℓ rises towards b → +∞ from anywhere.
            var fit = NewtonRaphson.Maximize([0.0], b => (-b[0] * b[0], [1.0], new[,] { { 1.0 } }), 25, 1e-9, rule);
            Assert.False(fit.Converged, rule.ToString());
            Assert.Equal(25, fit.Iterations);
            if (rule != NewtonRule.Survreg) Assert.Equal(0.0, fit.Estimate[0]);
        }
    }

    /// <summary>A likelihood that is not finite beyond b = 0.5 (as an overflowing exp): R pulls back towards the last good
    /// point ((new + h·old)/(h + 1) in coxph) until the value is finite and higher, counting each try.</summary>
    [Fact]
    public void Non_finite_values_are_pulled_back_and_counted()
    {
        static (double, double[], double[,]) Evaluate(double[] b) =>
            b[0] > 0.5 ? (double.NaN, [double.NaN], new[,] { { double.NaN } }) : (10 - (b[0] - 1) * (b[0] - 1), [-2 * (b[0] - 1)], new[,] { { 2.0 } });
        var fit = NewtonRaphson.Maximize([0.0], Evaluate, 50, 1e-9, NewtonRule.Coxph);
        // Tries: 1 (NaN), 1/2 = 0.5 (finite, better), then steps from 0.5 to 1 (NaN) and back to (1 + 0.5)/2 = 0.75 (NaN),
        // (0.75 + 2·0.5)/3 = 0.5833 (NaN), … ever closer to 0.5, whose ℓ never rises again: the maximum over b ≤ 0.5.
        Assert.True(fit.Estimate[0] <= 0.5);
        Assert.True(double.IsFinite(fit.LogLikelihood));
        Assert.Equal(9.75, NewtonRaphson.Maximize([0.0], Evaluate, 2, 1e-9, NewtonRule.Coxph).LogLikelihood);
    }

    /// <summary>Property: whatever the rule, data and limit, a fit that reports convergence passed its test (the relative
    /// change of ℓ at the point returned is within ε of the best point before it), and one that does not used every
    /// iteration it was allowed.</summary>
    [Property(MaxTest = 200)]
    public bool Converged_means_the_test_passed_and_not_converged_means_the_limit_was_reached(int[] raw, byte limit, byte which)
    {
        if (raw is null || raw.Length < 2) return true;
        // A concave one-parameter likelihood Σ (y_i b − e^{b x_i}) with x from the data: Poisson-like, maximum finite or not.
        var x = raw.Select(v => (v % 7) / 2.0).ToArray();
        var y = raw.Select(v => Math.Abs(v % 5) / 3.0).ToArray();
        (double, double[], double[,]) Evaluate(double[] b)
        {
            double ll = 0, u = 0, info = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double e = Math.Exp(b[0] * x[i]);
                ll += y[i] * x[i] * b[0] - e;
                u += y[i] * x[i] - x[i] * e;
                info += x[i] * x[i] * e;
            }
            return (ll, [u], new[,] { { info == 0 ? 1 : info } });
        }
        var rule = Rules[which % 3];
        int maxIterations = 1 + limit % 25;
        var fit = NewtonRaphson.Maximize([0.0], Evaluate, maxIterations, 1e-9, rule);
        if (!fit.Converged) return fit.Iterations == maxIterations;
        if (fit.Iterations > maxIterations) return false;
        // The point returned is (at worst within ε of) a maximum: one more Newton step would change ℓ by at most a hair.
        var again = NewtonRaphson.Maximize(fit.Estimate, Evaluate, 1, 1e-9, rule);
        return Math.Abs(again.LogLikelihood - fit.LogLikelihood) <= 1e-6 * Math.Max(1, Math.Abs(fit.LogLikelihood));
    }
}

/// <summary>Every parametric and Fine–Gray fit that runs out of iterations says so: <c>Converged</c> false, the iterations
/// used, a <see cref="FitWarningKind.NotConverged"/> warning, and R's words in the printed summary.</summary>
public class HonestConvergenceTests
{
    private static SurvivalData Lung()
    {
        var f = Support.Golden.Load("convergence", "lung_iter20").GetProperty("input");
        return SurvivalData.Create(Support.Golden.Numbers(f.GetProperty("time")), Support.Golden.Numbers(f.GetProperty("status")).Select(s => s == 1).ToArray());
    }

    [Theory]
    [InlineData(AftDistribution.Weibull)]
    [InlineData(AftDistribution.LogNormal)]
    [InlineData(AftDistribution.LogLogistic)]
    public void Aft_fit_stopped_after_one_iteration_is_not_converged(AftDistribution distribution)
    {
        var fit = AftModel.Fit(Lung(), distribution, options: new ParametricOptions { MaxIterations = 1 });
        Assert.False(fit.Converged);
        Assert.Equal(1, fit.Iterations);
        var warning = Assert.Single(fit.Warnings);
        Assert.Equal(FitWarningKind.NotConverged, warning.Kind);
        Assert.Contains("Ran out of iterations (1) and did not converge", fit.ToString());
        var full = AftModel.Fit(Lung(), distribution);
        Assert.True(full.Converged);
        Assert.Empty(full.Warnings);
        Assert.True(full.Iterations <= 30);
    }

    [Fact]
    public void Weibull_Gompertz_and_generalized_gamma_say_when_they_ran_out()
    {
        var one = new ParametricOptions { MaxIterations = 1 };
        var weibull = WeibullModel.Fit(Lung(), one);
        Assert.False(weibull.Converged);
        Assert.Contains(weibull.Warnings, w => w.Kind == FitWarningKind.NotConverged);
        Assert.True(WeibullModel.Fit(Lung()).Converged);
        var gompertz = GompertzModel.Fit(Lung(), options: one);
        Assert.False(gompertz.Converged);
        Assert.Contains("Ran out of iterations (1)", gompertz.ToString());
        var gompertzFull = GompertzModel.Fit(Lung());
        Assert.True(gompertzFull.Converged);
        Assert.Empty(gompertzFull.Warnings);
        Assert.True(GeneralizedGammaModel.Fit(Lung()).Converged);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<SurvivalInputException>(() => AftModel.Fit(Lung(), options: new ParametricOptions { MaxIterations = 0 }));
        Assert.Throws<SurvivalInputException>(() => AftModel.Fit(Lung(), options: new ParametricOptions { Epsilon = 0 }));
        Assert.Throws<SurvivalInputException>(() => AftModel.Fit(Lung(), options: new ParametricOptions { Epsilon = double.NaN }));
    }

    [Fact]
    public void Fine_Gray_stopped_by_its_limit_is_R_s_crr_with_its_warning()
    {
        // crr_iter1: cmprsk::crr(maxiter = 1) reports converged FALSE; the fixture test checks the coefficients.
        var f = Support.Golden.Load("convergence", "crr_iter1").GetProperty("input");
        var status = Support.Golden.Numbers(f.GetProperty("cause")).Select(c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var data = CompetingRisksData.Create(Support.Golden.Numbers(f.GetProperty("time")), status);
        var x = new Survival.Regression.CovariateMatrix(data.Count).AddNumeric("age", Support.Golden.Numbers(f.GetProperty("age")));
        var fit = FineGray.Fit(data, "1", x, new FineGrayOptions { MaxIterations = 1 });
        Assert.False(fit.Converged);
        Assert.Equal(FitWarningKind.NotConverged, Assert.Single(fit.Warnings).Kind);
        Assert.Contains("Ran out of iterations (1) and did not converge", fit.ToString());
    }
}
