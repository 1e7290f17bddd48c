using System.Text.Json;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>Numerical extremes against R (fixtures from Golden/R/extremes.R): times from 1e-300 to 1e300, weights from
/// 1e-12 to 1e12, a million tied events at one time, a group of one, all events at time 0 and a covariate of 1e8 scale —
/// Kaplan–Meier, the log-rank test, Cox (Efron and Breslow) and the Weibull model give R's numbers, or R's error as a
/// clear one.</summary>
public class ExtremesGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("extremes");

    private static SurvivalData Data(JsonElement f, out double[] x)
    {
        if (f.TryGetProperty("generated", out _))
        {
            // The million-ties rule the R script states: time 1 for i < 900000, else 2; status unless i % 10 == 0; x = i % 2.
            const int n = 1_000_000;
            var time = new double[n];
            var status = new bool[n];
            x = new double[n];
            for (int i = 0; i < n; i++) { time[i] = i < 900_000 ? 1 : 2; status[i] = i % 10 != 0; x[i] = i % 2; }
            return SurvivalData.Create(time, status);
        }
        var input = f.GetProperty("input");
        x = Golden.Numbers(input.GetProperty("x"));
        return SurvivalData.Create(Golden.Numbers(input.GetProperty("time")), Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            weight: input.TryGetProperty("w", out var w) ? Golden.Numbers(w) : null,
            group: input.TryGetProperty("g", out var g) ? Golden.Strings(g) : null);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kaplan_Meier_matches_R(string name)
    {
        var f = Golden.Load("extremes", name);
        var data = Data(f, out _);
        var km = f.GetProperty("km");
        var ungrouped = data.Group is null ? data : SurvivalData.Create(data.Time, data.Event, weight: data.HasWeights ? data.Weight.ToArray() : null);
        var curve = Assert.Single(KaplanMeier.Fit(ungrouped).Curves);
        var time = Golden.Numbers(km.GetProperty("time"));
        var surv = Golden.Numbers(km.GetProperty("surv"));
        var atRisk = Golden.Numbers(km.GetProperty("n_risk"));
        var se = km.GetProperty("std_err").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null).ToArray();
        var lower = km.GetProperty("lower").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null).ToArray();
        var upper = km.GetProperty("upper").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null).ToArray();
        Assert.Equal(time.Length, curve.Steps.Count);
        for (int i = 0; i < time.Length; i++)
        {
            var s = curve.Steps[i];
            Assert.Equal(time[i], s.Time);
            Golden.Close(atRisk[i], s.AtRisk, 1e-12, $"{name} n.risk[{i}]");
            Golden.Close(surv[i], s.Survival, 1e-12, $"{name} surv[{i}]");
            Golden.Close(se[i], se[i] is null ? null : s.StdErr, 1e-9, $"{name} se[{i}]"); // of S (robust with fractional weights, as R)
            Golden.Close(lower[i], s.Lower, 1e-9, $"{name} lower[{i}]");
            Golden.Close(upper[i], s.Upper, 1e-9, $"{name} upper[{i}]");
        }
        Golden.Close(Golden.Number(km, "median"), curve.Median.Estimate, 1e-12, name + " median");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Log_rank_matches_R(string name)
    {
        var f = Golden.Load("extremes", name);
        if (!f.TryGetProperty("logrank", out var lr)) return;
        var test = LogRankTest.Compute(Data(f, out _));
        Golden.Close(lr.GetProperty("chisq").GetDouble(), test.ChiSquare, 1e-9, name + " chisq");
        // R orders the groups as sorted factor levels.
        var groups = test.Groups.OrderBy(g => g.Group, StringComparer.Ordinal).ToArray();
        var observed = Golden.Numbers(lr.GetProperty("observed"));
        var expected = Golden.Numbers(lr.GetProperty("expected"));
        for (int j = 0; j < groups.Length; j++)
        {
            Golden.Close(observed[j], groups[j].Observed, 1e-12, $"{name} O[{j}]");
            Golden.Close(expected[j], groups[j].Expected, 1e-9, $"{name} E[{j}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cox_matches_R(string name)
    {
        var f = Golden.Load("extremes", name);
        var data = Data(f, out var x);
        foreach (var (property, ties) in new[] { ("cox_efron", CoxTies.Efron), ("cox_breslow", CoxTies.Breslow) })
        {
            var r = f.GetProperty(property);
            var fit = CoxRegression.Fit(data, new CovariateMatrix(data.Count).AddNumeric("x", x), new CoxOptions { Ties = ties });
            string what = $"{name} {ties}";
            Assert.True(fit.Converged, what);
            Assert.Equal(r.GetProperty("iter").GetInt32(), fit.Iterations);
            bool infinite = Golden.Strings(r.GetProperty("warnings")).Any(w => w.Contains("may be infinite", StringComparison.Ordinal));
            Assert.Equal(infinite, fit.Warnings.Any(w => w.Kind == FitWarningKind.PossiblyInfinite));
            // Weights from 1e-12 to 1e12 on a 0/1 covariate: R's own sums lose digits to cancellation there (its one Newton
            // step is 1.2e-6 from the exact one, which Exact_first_step_under_extreme_weights checks the library against).
            double tolerance = name.StartsWith("weights", StringComparison.Ordinal) ? 2e-6 : 1e-6;
            Golden.Close(r.GetProperty("coef").GetDouble(), fit.Coefficients[0].Estimate, tolerance, what + " coef");
            Golden.Close(r.GetProperty("se").GetDouble(), fit.Coefficients[0].StdErr, tolerance, what + " se");
            Golden.Close(Golden.Numbers(r.GetProperty("loglik"))[1], fit.LogLikelihood, 1e-9, what + " loglik");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Weibull_matches_R_or_is_refused_as_R_cannot(string name)
    {
        var f = Golden.Load("extremes", name);
        var data = Data(f, out _);
        if (!f.TryGetProperty("weibull", out var r))
        {
            // Times of 0: R's survreg stops ("Invalid survival times for this distribution"); so does the library.
            var e = Assert.Throws<SurvivalInputException>(() => AftModel.Fit(data, AftDistribution.Weibull));
            Assert.Contains("> 0", e.Message);
            return;
        }
        var fit = AftModel.Fit(data, AftDistribution.Weibull);
        Assert.True(fit.Converged, name);
        Golden.Close(r.GetProperty("coef").GetDouble(), fit["(Intercept)"].Estimate, 1e-6, name + " intercept");
        Golden.Close(r.GetProperty("log_scale").GetDouble(), fit["Log(scale)"].Estimate, 1e-6, name + " log scale");
        Golden.Close(r.GetProperty("loglik").GetDouble(), fit.LogLikelihood, 1e-8, name + " loglik");
    }

    /// <summary>Weights from 1e-12 to 1e12 on a 0/1 covariate: the fit converges after one Newton step (as R), and that
    /// step, U(0)/I(0), is computed here exactly enough in <see cref="decimal"/> (28 digits; every weight and sum is exact
    /// there, and at β = 0 the Efron and Breslow terms are ratios of them). The library gives it to 1e-12; R's value
    /// (fixture) is 1.2e-6 away, its sums having cancelled.</summary>
    [Fact]
    public void Exact_first_step_under_extreme_weights()
    {
        var f = Golden.Load("extremes", "weights_1e-12_to_1e12");
        var input = f.GetProperty("input");
        var time = Golden.Numbers(input.GetProperty("time"));
        var status = Golden.Numbers(input.GetProperty("status"));
        var x = Golden.Numbers(input.GetProperty("x"));
        var w = Golden.Numbers(input.GetProperty("w"));
        foreach (var ties in new[] { CoxTies.Efron, CoxTies.Breslow })
        {
            decimal u = 0, information = 0;
            foreach (double t in time.Distinct().Order())
            {
                var deaths = Enumerable.Range(0, time.Length).Where(i => time[i] == t && status[i] == 1).ToArray();
                if (deaths.Length == 0) continue;
                var risk = Enumerable.Range(0, time.Length).Where(i => time[i] >= t).ToArray();
                decimal s0 = risk.Sum(i => (decimal)w[i]), s1 = risk.Sum(i => (decimal)w[i] * (decimal)x[i]);
                decimal d0 = deaths.Sum(i => (decimal)w[i]), d1 = deaths.Sum(i => (decimal)w[i] * (decimal)x[i]);
                decimal meanWeight = d0 / deaths.Length;
                for (int k = 0; k < deaths.Length; k++)
                {
                    decimal fraction = ties == CoxTies.Efron ? (decimal)k / deaths.Length : 0;
                    decimal a0 = s0 - fraction * d0, a1 = s1 - fraction * d1;
                    decimal p = a1 / a0; // x is 0/1: the mean of x² is the mean of x
                    u -= meanWeight * p;
                    information += meanWeight * (p - p * p);
                }
                u += d1;
            }
            double exact = (double)(u / information);
            var fit = CoxRegression.Fit(SurvivalData.Create(time, status.Select(v => v == 1).ToArray(), weight: w),
                new CovariateMatrix(time.Length).AddNumeric("x", x), new CoxOptions { Ties = ties });
            Assert.Equal(1, fit.Iterations);
            Golden.Close(exact, fit.Coefficients[0].Estimate, 1e-12, $"{ties} exact step");
        }
    }
}
