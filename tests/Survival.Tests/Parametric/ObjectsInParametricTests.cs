using Survival.MultiState;
using Survival.Tests.MultiState;
using Survival.Parametric;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.Parametric;

/// <summary>Objects in for the families behind <see cref="ParametricModels"/> (Gompertz, interval-censored survreg) and
/// for the multi-state Cox model (issue 36): fitted from an application's objects with an incomplete row slipped in,
/// they give R's numbers (fixtures from Golden/R/gompertz.R, interval-censoring.R and multistate.R) and report the row
/// left out.</summary>
public class ObjectsInParametricTests
{
    private sealed record Row(double Time, bool Died, double Age, double Sex);

    [Fact]
    public void A_Gompertz_model_with_covariates_from_objects_is_Rs()
    {
        var c = Golden.Load("gompertz", "lung_covariates");
        var input = c.GetProperty("input");
        var time = Golden.Numbers(input.GetProperty("time"));
        var status = Golden.Numbers(input.GetProperty("status"));
        var age = Golden.Numbers(input.GetProperty("age"));
        var sex = Golden.Numbers(input.GetProperty("sex"));
        var rows = time.Select((t, i) => new Row(t, status[i] == 1, age[i], sex[i])).ToList();
        rows.Insert(7, new Row(100, true, double.NaN, 1));
        var fit = ParametricModels.Fit(rows, r => r.Time, r => r.Died, ParametricFamily.Gompertz,
            [Covariate.Numeric<Row>("age", r => r.Age), Covariate.Numeric<Row>("sex", r => r.Sex)]);
        Assert.IsType<GompertzFit>(fit);
        Golden.Close(c.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-6, "Gompertz loglik");
        var beta = Golden.Numbers(c.GetProperty("beta"));
        Golden.Close(c.GetProperty("shape").GetDouble(), fit.Parameters[0].Estimate, 1e-5, "shape");
        Golden.Close(beta[0], fit.Parameters[2].Estimate, 1e-5, "age");
        Golden.Close(beta[1], fit.Parameters[3].Estimate, 1e-5, "sex");
        Assert.Equal([8L], fit.Omitted.Positions);
        Assert.Contains("(1 observation deleted due to missingness)", fit.ToString());
    }

    [Fact]
    public void An_interval_censored_survreg_from_objects_is_Rs()
    {
        var c = Golden.Load("interval", "survreg_lognormal_covariates");
        var input = c.GetProperty("input");
        var left = Values(input.GetProperty("left"));
        var right = Values(input.GetProperty("right"));
        var x = Values(input.GetProperty("x"));
        var trt = Values(input.GetProperty("trt"));
        var rows = left.Select((l, i) => (Left: l, Right: right[i], X: x[i], Trt: trt[i])).ToList();
        rows.Add((double.NaN, double.NaN, 0.5, 1));          // no interval at all: left out, as R's na.omit
        var fit = ParametricModels.FitIntervals(rows, r => r.Left, r => r.Right, ParametricFamily.LogNormal,
            [Covariate.Numeric<(double Left, double Right, double X, double Trt)>("x", r => r.X), Covariate.Numeric<(double Left, double Right, double X, double Trt)>("trt", r => r.Trt)]);
        var coef = Golden.Numbers(c.GetProperty("coef"));
        for (int j = 0; j < coef.Length; j++) Golden.Close(coef[j], fit.Parameters[j].Estimate, 1e-6, $"coef {j}");
        Golden.Close(c.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, "loglik");
        Assert.Equal([(long)rows.Count], fit.Omitted.Positions);
    }

    private sealed record Visit(string Id, double Start, double Stop, string State, double Age, double Male);

    [Fact]
    public void A_multi_state_Cox_model_from_objects_is_Rs_coxph()
    {
        var c = MultiStateFixtures.Load("mgus2");
        var r = c.GetProperty("rows");
        var cox = c.GetProperty("cox");
        var columns = cox.GetProperty("columns").EnumerateArray().Select(Values).ToArray();   // age, male
        var id = Golden.Strings(r.GetProperty("id"));
        var start = Values(r.GetProperty("tstart"));
        var stop = Values(r.GetProperty("tstop"));
        var state = Golden.Strings(r.GetProperty("state"));
        var visits = id.Select((s, i) => new Visit(s, start[i], stop[i], state[i], columns[0][i], columns[1][i])).ToList();
        visits.Insert(0, new Visit("extra", 0, 12, "death", double.NaN, 1));   // a subject of one row whose age is missing
        var fit = MultiStateCox.Fit(visits, v => v.Stop, v => v.State, v => v.Id,
            [Covariate.Numeric<Visit>("age", v => v.Age), Covariate.Numeric<Visit>("male", v => v.Male)],
            entry: v => v.Start, states: Golden.Strings(c.GetProperty("stateLevels")));
        var coef = Values(cox.GetProperty("coef"));
        for (int i = 0; i < coef.Length; i++) Golden.Close(coef[i], fit.Fit.Coefficients[i].Estimate, 1e-7, fit.Terms[i].Name);
        Golden.Close(Values(cox.GetProperty("loglik"))[1], fit.Fit.LogLikelihood, 1e-9, "loglik");
        Assert.Equal([1L], fit.Fit.Omitted.Positions);
        Assert.Contains("(1 observation deleted due to missingness)", fit.ToString());
    }
}
