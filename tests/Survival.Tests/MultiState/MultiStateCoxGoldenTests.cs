using Survival.MultiState;
using Survival.Tests.Support;
using Xunit;
using static Survival.Tests.IntervalCensoring.IntervalFixtures;

namespace Survival.Tests.MultiState;

/// <summary>The multi-state Cox model against R's coxph(Surv(tstart, tstop, state) ~ x, id = id) (fixtures from
/// Golden/R/multistate.R: mgus2, myeloid and illness–death data): R's coefficient names and transitions, coefficients,
/// robust and naive variances, log-likelihoods and iteration counts.</summary>
public class MultiStateCoxGoldenTests
{
    [Theory]
    [InlineData("mgus2")]
    [InlineData("myeloid")]
    [InlineData("illness_death_s0")]
    public void Matches_R_coxph(string name)
    {
        var (cox, data, fit) = Fitted(name);
        Assert.Equal(Golden.Strings(cox.GetProperty("names")), fit.Terms.Select(t => t.Name));
        foreach (var m in cox.GetProperty("map").EnumerateArray())
        {
            var term = fit.Terms[m.GetProperty("index").GetInt32() - 1];
            Assert.Equal(m.GetProperty("covariate").GetString(), term.Covariate);
            Assert.Equal(m.GetProperty("transition").GetString(), term.Transition.Label);
        }
        var coef = Values(cox.GetProperty("coef"));
        var v = MultiStateFixtures.Matrix(cox.GetProperty("var"));
        var naive = MultiStateFixtures.Matrix(cox.GetProperty("naiveVar"));
        var loglik = Values(cox.GetProperty("loglik"));
        Assert.Equal(cox.GetProperty("iter").GetInt32(), fit.Fit.Iterations);
        // R's print: a block per transition, the states, and n counting the data's rows (not the stacked ones).
        string printed = fit.ToString();
        Assert.Contains($"n= {data.Count}, number of events= {data.Transitions.Sum(t => t.Events)}", printed, StringComparison.Ordinal);
        Assert.Contains(" States:  1= " + data.States[0], printed, StringComparison.Ordinal);
        Assert.Contains("1:2 (", printed, StringComparison.Ordinal);
        Golden.Close(loglik[0], fit.Fit.LogLikelihoodNull, 1e-9, $"{name} loglik0");
        Golden.Close(loglik[1], fit.Fit.LogLikelihood, 1e-9, $"{name} loglik");
        for (int i = 0; i < coef.Length; i++)
        {
            Golden.Close(coef[i], fit.Fit.Coefficients[i].Estimate, 1e-7, $"{name} {fit.Terms[i].Name}");
            for (int j = 0; j < coef.Length; j++)
            {
                Relative(v[i][j], fit.Fit.RobustCovariance(i, j)!.Value, $"{name} robust var[{i},{j}]");
                Relative(naive[i][j], fit.Fit.Covariance(i, j), $"{name} naive var[{i},{j}]");
            }
        }
    }

    /// <summary>survfit(fit, newdata) for a multi-state coxph: the profile's state probabilities at every time, from
    /// each transition's Efron baseline hazard and a matrix exponential per time step (R's stype = 2).</summary>
    [Theory]
    [InlineData("mgus2")]
    [InlineData("myeloid")]
    [InlineData("illness_death_s0")]
    public void Predicted_state_probabilities_match_R_survfit_of_the_fit(string name)
    {
        var (cox, data, fit) = Fitted(name);
        var r = cox.GetProperty("prediction");
        var profile = r.GetProperty("profile").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var prediction = MultiStateCox.Predict(fit, profile);
        var time = Values(r.GetProperty("time"));
        var pstate = MultiStateFixtures.Matrix(r.GetProperty("pstate"));
        Assert.Equal(time, prediction.Times.ToArray());
        Assert.Equal(Values(r.GetProperty("p0")), prediction.Initial.ToArray());
        for (int i = 0; i < time.Length; i++)
            for (int k = 0; k < pstate[i].Length; k++)
                Golden.Close(pstate[i][k], prediction.Probability[i][k], 1e-10, $"{name} t={time[i]} pstate[{k}]");
        Assert.Throws<SurvivalInputException>(() => MultiStateCox.Predict(fit, new Dictionary<string, double> { ["nope"] = 1 }));
    }

    /// <summary>The fixture's model fitted by the library.</summary>
    private static (System.Text.Json.JsonElement Cox, MultiStateData Data, MultiStateCoxResult Fit) Fitted(string name)
    {
        var c = MultiStateFixtures.Load(name);
        var cox = c.GetProperty("cox");
        var data = MultiStateFixtures.Data(c);
        var covariates = Golden.Strings(cox.GetProperty("covariates"));
        var columns = cox.GetProperty("columns").EnumerateArray().Select(Values).ToArray();
        var x = new Survival.Regression.CovariateMatrix(data.Count);
        for (int k = 0; k < covariates.Length; k++) x.AddNumeric(covariates[k], columns[k]);
        return (cox, data, MultiStateCox.Fit(data, x));
    }

    /// <summary>Variances are small (1e-5 for age), so they are compared relative to the matrix's scale.</summary>
    private static void Relative(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-7 * Math.Abs(expected) + 1e-14, $"{what}: R {expected:R}, got {actual:R}");
}
