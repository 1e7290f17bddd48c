using System.Text.Json;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>Complete Cox regression against R survival (fixtures from Golden/R/cox-complete.R): (start, stop] data,
/// robust variance, cox.zph, residuals, predicted survival and basehaz on heart, bladder2, lung, veteran and random
/// counting-process data with strata, ties, weights and clusters.</summary>
public class CoxCompleteGoldenTests
{
    public static TheoryData<string> Cases => Golden.Cases("cox-complete");

    internal static (CoxResult Fit, JsonElement Fixture) Run(string name)
    {
        var f = Golden.Load("cox-complete", name);
        var input = f.GetProperty("input");
        var stop = Golden.Numbers(input.GetProperty("stop"));
        var data = SurvivalData.Create(stop, Golden.Numbers(input.GetProperty("event")).Select(s => s == 1).ToArray(),
            entry: input.TryGetProperty("start", out var s0) ? Golden.Numbers(s0) : null,
            weight: input.TryGetProperty("weight", out var w) ? Golden.Numbers(w) : null,
            strata: input.TryGetProperty("strata", out var s) ? Golden.Strings(s) : null,
            id: input.TryGetProperty("cluster", out var c) ? Golden.Strings(c) : null);
        var x = new CovariateMatrix(stop.Length);
        foreach (var v in Golden.Strings(f.GetProperty("numeric")))
            x.AddNumeric(v, Golden.Numbers(input.GetProperty(v)));
        if (f.GetProperty("categorical").ValueKind != JsonValueKind.Array || f.GetProperty("categorical").GetArrayLength() > 0)
            foreach (var v in Golden.Strings(f.GetProperty("categorical")))
                x.AddCategorical(v, Factor.FromLabels(Golden.Strings(input.GetProperty(v)), Golden.Strings(f.GetProperty("levels").GetProperty(v)), v));
        var ties = f.GetProperty("ties").GetString() == "breslow" ? CoxTies.Breslow : CoxTies.Efron;
        // R's cluster(id) asks for the robust variance; robust = TRUE as well.
        bool? robust = f.GetProperty("robustOption").ValueKind == JsonValueKind.True || input.TryGetProperty("cluster", out _) ? true : null;
        return (CoxRegression.Fit(data, x, new CoxOptions { Ties = ties, Robust = robust }), f);
    }

    private static void Vector(JsonElement expected, IReadOnlyList<double> actual, double tol, string what)
    {
        var e = Golden.Numbers(expected);
        Assert.Equal(e.Length, actual.Count);
        for (int i = 0; i < e.Length; i++) Golden.Close(e[i], actual[i], tol, $"{what}[{i}]");
    }

    private static void Matrix(JsonElement expected, ResidualMatrix actual, double tol, string what)
    {
        var rows = expected.EnumerateArray().ToArray();
        Assert.Equal(rows.Length, actual.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            var r = Golden.Numbers(rows[i]);
            Assert.Equal(r.Length, actual.Columns.Count);
            for (int j = 0; j < r.Length; j++) Golden.Close(r[j], actual[i, j], tol, $"{what}[{i},{j}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_matches_R_coxph(string name)
    {
        var (fit, f) = Run(name);
        var coef = Golden.Numbers(f.GetProperty("coef"));
        var se = Golden.Numbers(f.GetProperty("se"));
        for (int j = 0; j < coef.Length; j++)
        {
            Golden.Close(coef[j], fit.Coefficients[j].Estimate, 1e-6, $"{name} coef[{j}]");
            Golden.Close(se[j], fit.Coefficients[j].StdErr, 1e-6, $"{name} se[{j}]");
        }
        var ll = Golden.Numbers(f.GetProperty("logLik"));
        Golden.Close(ll[0], fit.LogLikelihoodNull, 1e-9, name + " loglik null");
        Golden.Close(ll[1], fit.LogLikelihood, 1e-8, name + " loglik");
        Golden.Close(f.GetProperty("wald").GetDouble(), fit.Wald.ChiSquare, 1e-6, name + " Wald");
        Golden.Close(f.GetProperty("score").GetDouble(), fit.Score.ChiSquare, 1e-6, name + " score");
        Golden.Close(f.GetProperty("concordance").GetDouble(), fit.Concordance, 1e-9, name + " concordance");
        Vector(f.GetProperty("means"), fit.Means, 1e-12, name + " means");
        if (f.GetProperty("robustSe").ValueKind == JsonValueKind.Array)
        {
            Assert.True(fit.HasRobustVariance, name + ": R reports a robust variance");
            var rse = Golden.Numbers(f.GetProperty("robustSe"));
            for (int j = 0; j < rse.Length; j++) Golden.Close(rse[j], fit.Coefficients[j].RobustStdErr, 1e-6, $"{name} robust se[{j}]");
            Golden.Close(f.GetProperty("robustScore").GetDouble(), fit.RobustScore!.ChiSquare, 1e-6, name + " robust score");
        }
        else Assert.False(fit.HasRobustVariance, name + ": R reports no robust variance");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Proportional_hazards_test_matches_R_cox_zph(string name)
    {
        var (fit, f) = Run(name);
        foreach (var (key, transform) in new[] { ("km", ProportionalHazardsTransform.KaplanMeier), ("rank", ProportionalHazardsTransform.Rank), ("identity", ProportionalHazardsTransform.Identity) })
        {
            var z = f.GetProperty("zph").GetProperty(key);
            // R names a factor's term as written in the formula: factor(celltype).
            var names = Golden.Strings(z.GetProperty("names")).Select(n => n.StartsWith("factor(") ? n[7..^1] : n).ToArray();
            var chisq = Golden.Numbers(z.GetProperty("chisq"));
            var df = Golden.Numbers(z.GetProperty("df"));
            var test = ProportionalHazards.Test(fit, transform);
            var lines = test.Terms.Append(test.Global).ToArray();
            Assert.Equal(names, lines.Select(l => l.Name).ToArray());
            for (int i = 0; i < names.Length; i++)
            {
                Golden.Close(chisq[i], lines[i].Test.ChiSquare, 1e-6, $"{name} zph {key} {names[i]}");
                Assert.Equal((int)df[i], lines[i].Test.DegreesOfFreedom);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Residuals_match_R(string name)
    {
        var (fit, f) = Run(name);
        Vector(f.GetProperty("martingale"), CoxResiduals.Martingale(fit), 1e-7, name + " martingale");
        Vector(f.GetProperty("deviance"), CoxResiduals.Deviance(fit), 1e-7, name + " deviance");
        Vector(f.GetProperty("lp"), CoxResiduals.LinearPredictors(fit), 1e-7, name + " lp");
        Vector(f.GetProperty("risk"), CoxResiduals.RiskScores(fit), 1e-7, name + " risk");
        Matrix(f.GetProperty("score_resid"), CoxResiduals.Score(fit), 1e-7, name + " score");
        Matrix(f.GetProperty("dfbeta"), CoxResiduals.DfBeta(fit), 1e-7, name + " dfbeta");
        Matrix(f.GetProperty("dfbetas"), CoxResiduals.DfBetas(fit), 1e-7, name + " dfbetas");
        var schoenfeld = CoxResiduals.Schoenfeld(fit);
        Matrix(f.GetProperty("schoenfeld"), schoenfeld, 1e-7, name + " schoenfeld");
        Vector(f.GetProperty("schoenfeldTimes"), schoenfeld.Times!, 1e-12, name + " schoenfeld times");
        Matrix(f.GetProperty("scaledsch"), CoxResiduals.ScaledSchoenfeld(fit), 1e-6, name + " scaled schoenfeld");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predicted_survival_and_baseline_hazard_match_R(string name)
    {
        var (fit, f) = Run(name);
        var times = Golden.Numbers(f.GetProperty("times"));
        foreach (var p in f.GetProperty("predictions").EnumerateArray())
        {
            var profile = CovariateProfile.Empty;
            foreach (var kv in p.GetProperty("profile").EnumerateObject())
                profile = kv.Value.ValueKind == JsonValueKind.Number ? profile.With(kv.Name, kv.Value.GetDouble()) : profile.With(kv.Name, kv.Value.GetString()!);
            var curves = CoxPrediction.Survival(fit, profile, times);
            // R's summary lists the times of each stratum in turn.
            var at = curves.SelectMany(c => c.At).ToArray();
            Vector(p.GetProperty("surv"), at.Select(a => a.Survival).ToArray(), 1e-7, name + " surv");
            Vector(p.GetProperty("cumhaz"), at.Select(a => a.CumulativeHazard).ToArray(), 1e-7, name + " cumhaz");
            Vector(p.GetProperty("stdErr"), at.Select(a => a.StdErr).ToArray(), 1e-6, name + " std.err");
            Vector(p.GetProperty("lower"), at.Select(a => a.Lower ?? double.NaN).ToArray(), 1e-6, name + " lower");
            Vector(p.GetProperty("upper"), at.Select(a => a.Upper ?? double.NaN).ToArray(), 1e-6, name + " upper");
        }
        var bh = f.GetProperty("basehaz");
        var bt = Golden.Numbers(bh.GetProperty("time"));
        // R labels basehaz strata "sex=1"; the library's labels are the values.
        var strata = bh.GetProperty("strata").ValueKind == JsonValueKind.Array ? Golden.Strings(bh.GetProperty("strata")).Select(l => l[(l.IndexOf('=') + 1)..]).ToArray() : null;
        var centered = CoxPrediction.BaselineHazard(fit, centered: true, times: bt);
        var raw = CoxPrediction.BaselineHazard(fit, centered: false, times: bt);
        var hz = Golden.Numbers(bh.GetProperty("hazard"));
        var hz0 = Golden.Numbers(bh.GetProperty("hazard0"));
        for (int i = 0; i < bt.Length; i++)
        {
            int s = strata is null ? 0 : centered.Select((c, k) => (c, k)).Single(c => c.c.Stratum == strata[i]).k;
            Golden.Close(hz[i], centered[s].At[i].CumulativeHazard, 1e-7, $"{name} basehaz[{i}]");
            Golden.Close(hz0[i], raw[s].At[i].CumulativeHazard, 1e-7, $"{name} basehaz centered=FALSE[{i}]");
        }
    }
}
