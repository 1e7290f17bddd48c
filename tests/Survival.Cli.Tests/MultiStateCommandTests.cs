using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Survival.Cli.Tests;

/// <summary>Multi-state data through the CLI contract: <c>mstate</c> and <c>cox --state</c> against R's survfit and
/// coxph (fixtures from Golden/R/multistate.R), <c>--event-values</c> on pbc against R's <c>Surv(time, status == 2)</c>,
/// and the one-line errors.</summary>
public class MultiStateCommandTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Golden", "multistate");

    private static JsonElement Fixture(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, name + ".json"))).RootElement;

    private static double Value(JsonElement x) => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : x.ValueKind == JsonValueKind.Array ? Value(x[0]) : x.GetString() switch
    {
        "NA" => double.NaN,
        var s => double.Parse(s!, CultureInfo.InvariantCulture),
    };

    private static double[] Values(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(Value).ToArray() : [Value(e)];

    private static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToArray();

    /// <summary>The fixture's rows (and Cox covariates) as a CSV file.</summary>
    private static string RowsCsv(JsonElement c)
    {
        var rows = c.GetProperty("rows");
        var columns = new List<(string Name, string[] Values)>
        {
            ("id", Strings(rows.GetProperty("id"))), ("tstart", Strings(rows.GetProperty("tstart"))),
            ("tstop", Strings(rows.GetProperty("tstop"))), ("state", Strings(rows.GetProperty("state"))),
        };
        foreach (var optional in new[] { "istate", "weight", "group" })
            if (rows.TryGetProperty(optional, out var v) && v.ValueKind == JsonValueKind.Array) columns.Add((optional, Strings(v)));
        if (c.TryGetProperty("cox", out var cox))
        {
            var names = Strings(cox.GetProperty("covariates"));
            var values = cox.GetProperty("columns").EnumerateArray().ToArray();
            for (int k = 0; k < names.Length; k++) columns.Add((names[k], Strings(values[k])));
        }
        var sb = new StringBuilder(string.Join(",", columns.Select(x => x.Name))).Append('\n');
        for (int i = 0; i < columns[0].Values.Length; i++) sb.Append(string.Join(",", columns.Select(x => x.Values[i]))).Append('\n');
        return CliHarness.Csv(sb.ToString());
    }

    [Theory]
    [InlineData("mgus2")]
    [InlineData("illness_death")]
    public void Mstate_prints_Rs_state_probabilities_rmean_and_transitions(string name)
    {
        var c = Fixture(name);
        var args = new List<string> { "mstate", "--input", RowsCsv(c), "--id", "id", "--entry", "tstart", "--time", "tstop", "--state", "state",
            "--states", string.Join(",", Strings(c.GetProperty("stateLevels"))), "--group", "group",
            "--at", string.Join(",", Values(c.GetProperty("at")).Select(t => t.ToString("R", CultureInfo.InvariantCulture))),
            "--rmean", c.GetProperty("horizon").GetDouble().ToString("R", CultureInfo.InvariantCulture) };
        if (c.GetProperty("rows").TryGetProperty("istate", out var ist) && ist.ValueKind == JsonValueKind.Array) args.AddRange(["--istate", "istate"]);
        var json = CliHarness.Json([.. args]);
        var states = Strings(c.GetProperty("states"));
        Assert.Equal(states, Strings(json.GetProperty("states")));
        var transitions = json.GetProperty("transitions").EnumerateArray().ToArray();
        foreach (var t in c.GetProperty("transitions").EnumerateArray())
            Assert.Contains(transitions, x => x.GetProperty("from").GetString() == t.GetProperty("from").GetString()
                && x.GetProperty("to").GetString() == t.GetProperty("to").GetString() && x.GetProperty("events").GetInt32() == t.GetProperty("events").GetInt32());
        foreach (var rc in c.GetProperty("curves").EnumerateArray())
        {
            string g = rc.GetProperty("group").GetString()!;
            var curve = json.GetProperty("curves").EnumerateArray().Single(x => x.GetProperty("group").GetString() == g);
            var steps = curve.GetProperty("steps").EnumerateArray().ToArray();
            var pstate = rc.GetProperty("pstate").EnumerateArray().Select(Values).ToArray();
            var stderr = rc.GetProperty("stderr").EnumerateArray().Select(Values).ToArray();
            var nrisk = rc.GetProperty("nrisk").EnumerateArray().Select(Values).ToArray();
            Assert.Equal(pstate.Length, steps.Length);
            for (int i = 0; i < steps.Length; i++)
                for (int k = 0; k < states.Length; k++)
                {
                    Assert.Equal(pstate[i][k], steps[i].GetProperty("probability").GetProperty(states[k]).GetDouble(), 9);
                    Assert.Equal(stderr[i][k], steps[i].GetProperty("stdErr").GetProperty(states[k]).GetDouble(), 9);
                    Assert.Equal((int)nrisk[i][k], steps[i].GetProperty("atRisk").GetProperty(states[k]).GetInt32());
                }
            var at = rc.GetProperty("at");
            var atP = at.GetProperty("pstate").EnumerateArray().Select(Values).ToArray();
            var atLo = at.GetProperty("lower").EnumerateArray().Select(Values).ToArray();
            var jsonAt = curve.GetProperty("at").EnumerateArray().ToArray();
            Assert.Equal(atP.Length, jsonAt.Length);
            for (int i = 0; i < atP.Length; i++)
                for (int k = 0; k < states.Length; k++)
                {
                    Assert.Equal(atP[i][k], jsonAt[i].GetProperty("probability").GetProperty(states[k]).GetDouble(), 9);
                    var lo = jsonAt[i].GetProperty("lower").GetProperty(states[k]);
                    if (double.IsNaN(atLo[i][k])) Assert.Equal(JsonValueKind.Null, lo.ValueKind);
                    else Assert.Equal(atLo[i][k], lo.GetDouble(), 9);
                }
            var rmean = Values(rc.GetProperty("rmean"));
            var rmeanSe = Values(rc.GetProperty("rmeanStdErr"));
            for (int k = 0; k < states.Length; k++)
            {
                var r = curve.GetProperty("rmean").GetProperty(states[k]);
                Assert.Equal(rmean[k], r.GetProperty("estimate").GetDouble(), 8);
                Assert.Equal(rmeanSe[k], r.GetProperty("stdErr").GetDouble(), 8);
            }
        }
    }

    [Fact]
    public void Cox_with_state_fits_Rs_multi_state_model_with_a_transition_on_each_coefficient()
    {
        var c = Fixture("mgus2");
        var cox = c.GetProperty("cox");
        var json = CliHarness.Json("cox", "--input", RowsCsv(c), "--id", "id", "--entry", "tstart", "--time", "tstop", "--state", "state",
            "--states", "pcm,death", "--covariates", "age,male");
        var coefficients = json.GetProperty("coefficients").EnumerateArray().ToArray();
        var names = Strings(cox.GetProperty("names"));
        var coef = Values(cox.GetProperty("coef"));
        var v = cox.GetProperty("var").EnumerateArray().Select(Values).ToArray();
        Assert.Equal(names.Length, coefficients.Length);
        foreach (var m in cox.GetProperty("map").EnumerateArray())
        {
            int k = m.GetProperty("index").GetInt32() - 1;
            Assert.Equal(names[k], coefficients[k].GetProperty("name").GetString());
            Assert.Equal(m.GetProperty("transition").GetString(), coefficients[k].GetProperty("transition").GetString());
            Assert.Equal(coef[k], coefficients[k].GetProperty("estimate").GetDouble(), 7);
            Assert.Equal(Math.Sqrt(v[k][k]), coefficients[k].GetProperty("robustStdErr").GetDouble(), 8);
        }
        Assert.Equal(Value(cox.GetProperty("loglik")[1]), json.GetProperty("logLikelihood").GetDouble(), 7);
    }

    [Fact]
    public void Event_values_read_pbc_as_R_reads_status_equal_to_2()
    {
        var r = Fixture("pbc-event-values");
        string csv = Path.Combine(Dir, "pbc.csv");
        // Without --event-values the 0/1/2 status is refused, naming the line and value.
        Assert.Contains("status", CliHarness.Fails("km", "--input", csv, "--time", "time", "--event", "status"), StringComparison.Ordinal);

        var km = CliHarness.Json("km", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2");
        Assert.Equal(["2"], Strings(km.GetProperty("eventValues")));
        var curve = km.GetProperty("curves")[0];
        Assert.Equal(Value(r.GetProperty("median")), curve.GetProperty("median").GetProperty("estimate").GetDouble(), 9);
        Assert.Equal(Value(r.GetProperty("lower")), curve.GetProperty("median").GetProperty("lower").GetDouble(), 9);
        Assert.Equal(r.GetProperty("events").GetInt32(), curve.GetProperty("events").GetDouble(), 9);
        // A label means the same; several values are R's %in%.
        var byLabel = CliHarness.Json("km", "--input", csv, "--time", "time", "--event", "label", "--event-values", "dead");
        Assert.Equal(curve.GetProperty("median").GetProperty("estimate").GetDouble(), byLabel.GetProperty("curves")[0].GetProperty("median").GetProperty("estimate").GetDouble());
        var either = CliHarness.Json("km", "--input", csv, "--time", "time", "--event", "status", "--event-values", "1,2");
        Assert.Equal(Value(r.GetProperty("eitherMedian")), either.GetProperty("curves")[0].GetProperty("median").GetProperty("estimate").GetDouble(), 9);

        var logrank = CliHarness.Json("logrank", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2", "--group", "trt");
        Assert.Equal(Value(r.GetProperty("logrankChisq")), logrank.GetProperty("chiSquare").GetDouble(), 9);
        var cox = CliHarness.Json("cox", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2", "--covariates", "age,trt");
        var coef = Values(r.GetProperty("coxCoef"));
        for (int k = 0; k < coef.Length; k++) Assert.Equal(coef[k], cox.GetProperty("coefficients")[k].GetProperty("estimate").GetDouble(), 7);
        Assert.Equal(["2"], Strings(cox.GetProperty("eventValues")));
        var exp = CliHarness.Json("exponential", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2");
        Assert.Equal(["2"], Strings(exp.GetProperty("eventValues")));
        var weibull = CliHarness.Json("parametric", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2", "--dist", "weibull", "--covariates", "age");
        Assert.Equal(["2"], Strings(weibull.GetProperty("eventValues")));
        // The table output says which values were the event.
        var (exit, table, _) = CliHarness.Run("km", "--input", csv, "--time", "time", "--event", "status", "--event-values", "2");
        Assert.Equal(0, exit);
        Assert.Contains("event: status in {2}; every other value is a censoring", table, StringComparison.Ordinal);
    }

    /// <summary>Competing risks as multi-state rows without ids or start times (R's Surv(time, state)), with the
    /// censoring label named: the absorbing states' probabilities are cuminc's cumulative incidences.</summary>
    [Fact]
    public void Mstate_without_ids_is_competing_risks_and_agrees_with_cuminc()
    {
        string csv = CliHarness.Csv("time,state\n3,relapse\n5,none\n5,death\n8,relapse\n9,relapse\n12,none\n13,death\n15,relapse\n18,none\n21,death\n");
        var ms = CliHarness.Json("mstate", "--input", csv, "--time", "time", "--state", "state", "--censored", "none");
        Assert.Equal(["(s0)", "death", "relapse"], Strings(ms.GetProperty("states")));
        var cif = CliHarness.Json("cuminc", "--input", csv, "--time", "time", "--event", "state", "--censored", "none");
        foreach (var curve in cif.GetProperty("curves").EnumerateArray())
        {
            string cause = curve.GetProperty("cause").GetString()!;
            var steps = ms.GetProperty("curves")[0].GetProperty("steps").EnumerateArray().ToArray();
            foreach (var step in curve.GetProperty("steps").EnumerateArray())
            {
                var match = steps.Single(x => x.GetProperty("time").GetDouble() == step.GetProperty("time").GetDouble());
                Assert.Equal(step.GetProperty("estimate").GetDouble(), match.GetProperty("probability").GetProperty(cause).GetDouble(), 12);
                Assert.Equal(step.GetProperty("stdErr").GetDouble(), match.GetProperty("stdErr").GetProperty(cause).GetDouble(), 12);
            }
        }
    }

    [Fact]
    public void Bad_multi_state_input_is_a_one_line_error_naming_the_line()
    {
        string csv = CliHarness.Csv("id,tstart,tstop,state\n1,0,5,ill\n1,4,9,dead\n2,0,7,censor\n");
        var error = CliHarness.Fails("mstate", "--input", csv, "--id", "id", "--entry", "tstart", "--time", "tstop", "--state", "state");
        Assert.Contains("overlapping", error, StringComparison.Ordinal);
        Assert.Contains(":3, column 'tstart', value '4'", error, StringComparison.Ordinal);
        Assert.Contains("--state", CliHarness.Fails("cox", "--input", csv, "--id", "id", "--entry", "tstart", "--time", "tstop", "--state", "state",
            "--event", "state", "--covariates", "tstart"), StringComparison.Ordinal);
        Assert.Contains("id", CliHarness.Fails("mstate", "--input", csv, "--entry", "tstart", "--time", "tstop", "--state", "state"), StringComparison.Ordinal);
        Assert.Contains("--event-values", CliHarness.Fails("km", "--input", csv, "--left", "tstart", "--right", "tstop", "--event-values", "2"), StringComparison.Ordinal);
    }
}
