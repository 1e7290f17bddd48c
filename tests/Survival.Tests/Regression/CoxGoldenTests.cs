using System.Text.Json;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>Cox regression against R's coxph (fixtures from Golden/R/cox.R).</summary>
public class CoxGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("cox");

    private static (CoxResult Fit, JsonElement Fixture) Run(string name)
    {
        var f = Golden.Load("cox", name);
        var input = f.GetProperty("input");
        var time = Golden.Numbers(input.GetProperty("time"));
        var data = SurvivalData.Create(time, Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            strata: input.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null);
        var x = new CovariateMatrix(time.Length);
        foreach (var v in Golden.Strings(f.GetProperty("numeric")))
            x.AddNumeric(v, Golden.Numbers(input.GetProperty(v)));
        foreach (var v in Golden.Strings(f.GetProperty("categorical")))
            x.AddCategorical(v, Factor.FromLabels(Golden.Strings(input.GetProperty(v)), Golden.Strings(f.GetProperty("levels").GetProperty(v)), v));
        var ties = f.GetProperty("ties").GetString() == "breslow" ? CoxTies.Breslow : CoxTies.Efron;
        return (CoxRegression.Fit(data, x, new CoxOptions { Ties = ties }), f);
    }

    private static double?[] Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : (double?)null).ToArray()
        : [e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_coxph(string name)
    {
        var (fit, f) = Run(name);
        var coef = Nullable(f.GetProperty("coef"));
        var se = Nullable(f.GetProperty("se"));
        bool separated = Golden.Strings(f.GetProperty("warnings")).Length > 0;
        Assert.Equal(coef.Length, fit.Coefficients.Count);
        if (separated)
        {
            // Monotone likelihood: the estimate diverges; R and this library stop at different large values, both flag it.
            Assert.Contains(fit.Coefficients, c => c.MayBeInfinite);
            Assert.Contains(fit.Warnings, w => w.Kind == FitWarningKind.PossiblyInfinite && w.Parameter is not null && w.Message.Contains("may be infinite"));
            return;
        }
        for (int j = 0; j < coef.Length; j++)
        {
            Golden.Close(coef[j], fit.Coefficients[j].Estimate, 1e-6, $"{name} coef[{j}]");
            Golden.Close(coef[j] is null ? null : se[j], fit.Coefficients[j].StdErr, 1e-6, $"{name} se[{j}]");
        }
        var ll = Golden.Numbers(f.GetProperty("logLik"));
        Golden.Close(ll[0], fit.LogLikelihoodNull, 1e-9, name + " loglik null");
        Golden.Close(ll[1], fit.LogLikelihood, 1e-8, name + " loglik");
        Golden.Close(f.GetProperty("lr").GetDouble(), fit.LikelihoodRatio.ChiSquare, 1e-6, name + " LR");
        Golden.Close(f.GetProperty("wald").GetDouble(), fit.Wald.ChiSquare, 1e-6, name + " Wald");
        Golden.Close(f.GetProperty("score").GetDouble(), fit.Score.ChiSquare, 1e-6, name + " score");
        Assert.Equal(f.GetProperty("df").GetInt32(), fit.LikelihoodRatio.DegreesOfFreedom);
        Golden.Close(f.GetProperty("concordance").GetDouble(), fit.Concordance, 1e-9, name + " concordance");
    }
}

public class TwoGroupSummaryTests
{
    [Fact]
    public void Combines_medians_log_rank_and_the_cox_hazard_ratio()
    {
        // aml: the Cox fixture aml_ties (R: coxph(Surv(time, status) ~ factor(x))) checks the coefficient against R;
        // the summary must carry exactly the library's pieces.
        var f = Golden.Load("cox", "aml_ties").GetProperty("input");
        var data = SurvivalData.Create(Golden.Numbers(f.GetProperty("time")), Golden.Numbers(f.GetProperty("status")).Select(s => s == 1).ToArray(),
            group: Golden.Strings(f.GetProperty("x")));
        var summary = Survival.Comparison.TwoGroupSummary.Compute(data);
        Assert.Equal("Maintained", summary.First.Group);
        Assert.Equal(Survival.Comparison.LogRankTest.Compute(data).PValue, summary.LogRank.PValue);
        var expected = Golden.Numbers(Golden.Load("cox", "aml_ties").GetProperty("coef"))[0];
        Golden.Close(Math.Exp(expected), summary.HazardRatio.HazardRatio, 1e-6, "HR");
        Assert.Throws<SurvivalInputException>(() => Survival.Comparison.TwoGroupSummary.Compute(data, reference: "nope"));
    }
}
