using System.Globalization;
using System.Text.Json;
using Survival.Regression;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Regression;

/// <summary>Building (start, stop] data: R's survSplit and tmerge(tdc), by hand and against R (fixtures from
/// Golden/R/counting-process.R).</summary>
public class CountingProcessTests
{
    [Fact]
    public void Split_cuts_each_interval_inside_it_and_keeps_the_event_on_the_last_piece()
    {
        var data = SurvivalData.Create([10.0, 5], [true, false], entry: [0, 4]);
        var split = CountingProcess.Split(data, [7, 3, 7, 12]);
        Assert.Equal([0.0, 3, 7, 4], split.Data.Entry.ToArray());
        Assert.Equal([3.0, 7, 10, 5], split.Data.Time.ToArray());
        Assert.Equal([false, false, true, false], split.Data.Event.ToArray());
        Assert.Equal([0, 0, 0, 1], split.SourceRow);
        Assert.Equal([1, 2, 3, 2], split.Episode);
        Assert.Equal(["1", "1", "1", "2"], Enumerable.Range(0, 4).Select(i => split.Data.Id![i]).ToArray());
    }

    [Fact]
    public void Merge_carries_the_last_value_at_or_before_each_interval()
    {
        var data = SurvivalData.Create([10.0, 6, 8], [true, false, true], id: ["a", "b", "c"]);
        var merged = CountingProcess.Merge(data, [("a", 5, 1), ("b", 0, 2), ("c", 8, 9), ("a", 7, 3), ("a", 7, 4)], initialValue: 0);
        Assert.Equal([0.0, 5, 7, 0, 0], merged.Data.Entry.ToArray());
        Assert.Equal([5.0, 7, 10, 6, 8], merged.Data.Time.ToArray());
        Assert.Equal([false, false, true, false, true], merged.Data.Event.ToArray());
        Assert.Equal([0.0, 1, 4, 2, 0], merged.Values!);
        Assert.Equal([1, 2, 3, 1, 1], merged.Episode);
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var data = SurvivalData.Create([10.0, 6], [true, false], id: ["a", "b"]);
        Assert.Contains("not in the data", Assert.Throws<SurvivalInputException>(() => CountingProcess.Merge(data, [("z", 1, 1)], 0)).Message);
        Assert.Contains("finite", Assert.Throws<SurvivalInputException>(() => CountingProcess.Merge(data, [("a", double.NaN, 1)], 0)).Message);
        Assert.Contains("subject id", Assert.Throws<SurvivalInputException>(() => CountingProcess.Merge(SurvivalData.Create([1.0], [true]), [], 0)).Message);
        Assert.Contains("repeats", Assert.Throws<SurvivalInputException>(() => CountingProcess.Merge(SurvivalData.Create([1.0, 2], [true, true], id: ["a", "a"]), [], 0)).Message);
        Assert.Contains("(0, 0]", Assert.Throws<SurvivalInputException>(() => CountingProcess.Split(SurvivalData.Create([0.0], [true]), [1])).Message);
        Assert.Contains("finite", Assert.Throws<SurvivalInputException>(() => CountingProcess.Split(data, [double.PositiveInfinity])).Message);
    }

    private static double[] NumbersOrNaN(JsonElement e) => e.EnumerateArray()
        .Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : x.GetString() is "NA" ? double.NaN : double.Parse(x.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The fit's coefficients (and standard errors, when given) equal R's to the iterative-fit tolerance.</summary>
    private static void SameAsR(CoxResult fit, double[] coef, double[]? se)
    {
        for (int j = 0; j < coef.Length; j++)
        {
            Golden.Close(coef[j], fit.Coefficients[j].Estimate, 1e-6, $"coef {j}");
            if (se is not null) Golden.Close(se[j], fit.Coefficients[j].StdErr, 1e-6, $"se {j}");
        }
    }

    [Fact]
    public void Split_matches_R_survSplit_and_leaves_the_fit_unchanged()
    {
        var f = Golden.Load("counting-process", "veteran_split");
        var input = f.GetProperty("input");
        var time = Golden.Numbers(input.GetProperty("time"));
        var data = SurvivalData.Create(time, Golden.Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray());
        var split = CountingProcess.Split(data, Golden.Numbers(f.GetProperty("cuts")));
        var expected = f.GetProperty("split");
        Assert.Equal(Golden.Numbers(expected.GetProperty("tstart")), split.Data.Entry.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("time")), split.Data.Time.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("status")).Select(s => s == 1), split.Data.Event.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("tgroup")).Select(g => (int)g), split.Episode);
        Assert.Equal(Golden.Numbers(expected.GetProperty("subject")).Select(s => (int)s - 1), split.SourceRow);
        var karno = Golden.Numbers(input.GetProperty("karno"));
        var trt = Golden.Numbers(input.GetProperty("trt"));
        var x = new CovariateMatrix(split.SourceRow.Count)
            .AddNumeric("karno", split.SourceRow.Select(r => karno[r]).ToArray())
            .AddNumeric("trt", split.SourceRow.Select(r => trt[r]).ToArray());
        var fit = CoxRegression.Fit(split.Data, x);
        SameAsR(fit, Golden.Numbers(f.GetProperty("coefSplit")), Golden.Numbers(f.GetProperty("seSplit")));
        SameAsR(fit, Golden.Numbers(f.GetProperty("coefUnsplit")), null);
    }

    [Fact]
    public void Merge_matches_R_tmerge_on_the_heart_transplant_data_and_coxph_on_it()
    {
        var f = Golden.Load("counting-process", "jasa_tmerge");
        var input = f.GetProperty("input");
        var ids = Golden.Numbers(input.GetProperty("id")).Select(i => ((int)i).ToString(CultureInfo.InvariantCulture)).ToArray();
        var futime = Golden.Numbers(input.GetProperty("futime"));
        var data = SurvivalData.Create(futime, Golden.Numbers(input.GetProperty("fustat")).Select(s => s == 1).ToArray(), id: ids);
        var wait = NumbersOrNaN(input.GetProperty("wait"));
        var changes = ids.Select((id, i) => (Id: id, Time: wait[i], Value: 1.0)).Where(c => !double.IsNaN(c.Time)).ToArray();
        var merged = CountingProcess.Merge(data, changes, initialValue: 0);
        var expected = f.GetProperty("merged");
        Assert.Equal(Golden.Numbers(expected.GetProperty("tstart")), merged.Data.Entry.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("tstop")), merged.Data.Time.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("death")).Select(s => s == 1), merged.Data.Event.ToArray());
        Assert.Equal(Golden.Numbers(expected.GetProperty("trans")), merged.Values!);
        var age = Golden.Numbers(input.GetProperty("age"));
        var x = new CovariateMatrix(merged.SourceRow.Count)
            .AddNumeric("age", merged.SourceRow.Select(r => age[r]).ToArray())
            .AddNumeric("trans", merged.Values!.ToArray());
        var fit = CoxRegression.Fit(merged.Data, x);
        SameAsR(fit, Golden.Numbers(f.GetProperty("coef")), Golden.Numbers(f.GetProperty("se")));
        Golden.Close(Golden.Numbers(f.GetProperty("loglik"))[1], fit.LogLikelihood, 1e-8, "loglik");
        // Each subject has one event at most: R's coxph(id = ) would not be robust, and neither is this fit.
        Assert.False(fit.HasRobustVariance);
    }
}
