using FsCheck;
using FsCheck.Xunit;
using Survival.CompetingRisks;
using Survival.Estimation;

namespace Survival.Tests.Properties;

/// <summary>Properties of cumulative incidence that hold for any data (issue 18).</summary>
public class CompetingRisksProperties
{
    private static (double[] Time, string[] Status, string[] Group, double[] Entry, double[] Weight) Draw(int[] values, int causes)
    {
        var time = values.Select((v, i) => 1 + Math.Abs(v % 13) + (i % 2) * 0.5).ToArray();
        var status = values.Select((v, i) => { int c = Math.Abs(v + 3 * i) % (causes + 1); return c == 0 ? "0" : "c" + c; }).ToArray();
        var group = values.Select((v, i) => i % 3 == 0 ? "a" : "b").ToArray();
        var entry = time.Select((t, i) => i % 4 == 0 ? t / 3 : 0).ToArray();
        var weight = values.Select(v => 0.5 + Math.Abs(v % 4) / 2.0).ToArray();
        return (time, status, group, entry, weight);
    }

    private static bool Close(double a, double b, double tol) => Math.Abs(a - b) <= tol * Math.Max(1, Math.Abs(a));

    /// <summary>R's near-tie rule applied while the curves read the cells (no merged counts made) gives the curves of the
    /// same rows whose times were mapped to their representatives beforehand with the rule off: times as 0.1 + 0.2 and 0.3,
    /// groups, two causes, with and without weights and delayed entry (Gray's tests, as cmprsk, do not merge near-ties).</summary>
    [Property(MaxTest = 80)]
    public bool Near_ties_merged_while_reading_equal_times_mapped_beforehand(NonEmptyArray<int> raw, bool weighted, bool delayed)
    {
        var (time, status, group, entry, weight) = Draw(raw.Get, 2);
        // Every other time nudged by a few ulps or written as a sum, so that the rule has ties to merge.
        var nudged = time.Select((t, i) => (i % 3) switch { 0 => t, 1 => (t - 0.3) + 0.1 + 0.2, _ => t * (1 + 4e-16) }).ToArray();
        var entries = delayed ? entry.Select((e, i) => e > 0 ? Math.Min(e, nudged[i] / 2) : 0).ToArray() : null;
        var data = CompetingRisksData.Create(nudged, status, group: group, entry: entries, weight: weighted ? weight : null);
        var cuts = TimeFix.CutsOf(data.Rows);
        var mapped = cuts is null ? nudged : nudged.Select(t => TimeFix.Map(cuts, t)).ToArray();
        var mappedEntries = entries is null || cuts is null ? entries : entries.Select(e => TimeFix.Map(cuts, e)).ToArray();
        var fixedData = CompetingRisksData.Create(mapped, status, group: group, entry: mappedEntries, weight: weighted ? weight : null);
        var a = CumulativeIncidence.Fit(data);
        var b = CumulativeIncidence.Fit(fixedData, new CumulativeIncidenceOptions { TimeFix = false });
        if (a.Curves.Count != b.Curves.Count) return false;
        for (int c = 0; c < a.Curves.Count; c++)
        {
            var x = a.Curves[c].Steps;
            var y = b.Curves[c].Steps;
            if (x.Count != y.Count) return false;
            for (int k = 0; k < x.Count; k++)
                if (x[k].Time != y[k].Time || !Close(x[k].Estimate, y[k].Estimate, 1e-12) || !Close(x[k].StdErr, y[k].StdErr, 1e-9)
                    || !Close(x[k].AtRisk, y[k].AtRisk, 1e-12)) return false;
        }
        return true;
    }

    /// <summary>Unweighted rows without delayed entry: the curves and their standard errors from the table's counts alone
    /// (no records) equal those from the cells' records, the path weighted and delayed-entry rows take: ties, near-ties,
    /// groups, one to three causes, and curves that reach S = 0.</summary>
    [Property(MaxTest = 150)]
    public bool Counts_alone_equal_the_cells_records(NonEmptyArray<int> raw, byte causeCount, bool nearTies)
    {
        int causes = 1 + causeCount % 3;
        var (time, status, group, _, _) = Draw(raw.Get, causes);
        var times = nearTies ? time.Select((t, i) => i % 3 == 1 ? (t - 0.3) + 0.1 + 0.2 : t).ToArray() : time;
        var data = CompetingRisksData.Create(times, status, group: group);
        var a = CumulativeIncidence.Fit(data);
        var b = CumulativeIncidence.Fit(data, null, default, forceCellRecords: true);
        var curvesA = a.Curves.Concat(a.EventFree).ToArray();
        var curvesB = b.Curves.Concat(b.EventFree).ToArray();
        if (curvesA.Length != curvesB.Length) return false;
        for (int c = 0; c < curvesA.Length; c++)
        {
            var x = curvesA[c].Steps;
            var y = curvesB[c].Steps;
            if (x.Count != y.Count) return false;
            for (int k = 0; k < x.Count; k++)
                if (x[k].Time != y[k].Time || x[k].Estimate != y[k].Estimate || !Close(x[k].StdErr, y[k].StdErr, 1e-12)
                    || x[k].AtRisk != y[k].AtRisk) return false;
        }
        return true;
    }

    /// <summary>The Fine–Gray model by event blocks (<c>FineGrayModel</c>: risk sums kept per block of tied failure times,
    /// the sandwich from sums over blocks) gives the per-row reference's objective, score, information, sandwich and
    /// baseline jumps, with ties, two covariates and an arbitrary β.</summary>
    [Property(MaxTest = 100)]
    public bool Fine_Gray_by_blocks_equals_the_per_row_reference(NonEmptyArray<int> raw, sbyte b0, sbyte b1)
    {
        var (time, status, _, _, _) = Draw(raw.Get, 2);
        if (!status.Contains("c1")) return true;
        var data = CompetingRisksData.Create(time, status);
        var x = new Survival.Regression.CovariateMatrix(time.Length)
            .AddNumeric("a", raw.Get.Select(v => (double)(v % 5)).ToArray())
            .AddNumeric("b", raw.Get.Select((v, i) => i % 3 + (v & 1) * 0.5).ToArray());
        int code = data.CodeOf("c1");
        using var blocks = new FineGrayModel(data, code, x);
        var reference = new Survival.Tests.Support.FineGrayReference(data, code, x);
        double[] beta = [b0 / 50.0, b1 / 50.0];
        foreach (bool derivatives in new[] { true, false })
        {
            var a = blocks.Evaluate(beta, derivatives);
            var r = reference.Evaluate(beta, derivatives);
            if (!Close(r.NegLogLik, a.NegLogLik, 1e-11)) return false;
            for (int j = 0; j < 2; j++)
            {
                if (!Close(r.Score[j], a.Score[j], 1e-10)) return false;
                for (int l = 0; l < 2; l++) if (!Close(r.Information[j, l], a.Information[j, l], 1e-10)) return false;
            }
        }
        var meatA = blocks.Sandwich(beta);
        var meatR = reference.Sandwich(beta);
        for (int j = 0; j < 2; j++) for (int l = 0; l < 2; l++) if (!Close(meatR[j, l], meatA[j, l], 1e-10)) return false;
        var (timesA, jumpsA) = blocks.Baseline(beta);
        var (timesR, jumpsR) = reference.Baseline(beta);
        if (!timesA.SequenceEqual(timesR)) return false;
        for (int k = 0; k < jumpsA.Length; k++) if (!Close(jumpsR[k], jumpsA[k], 1e-12)) return false;
        return blocks.Events == reference.Events && blocks.Competing == reference.Competing;
    }

    [Property(MaxTest = 80)]
    public bool One_cause_is_one_minus_Kaplan_Meier(NonEmptyArray<int> raw, bool delayed, bool weighted)
    {
        var (time, status, _, entry, weight) = Draw(raw.Get, 1);
        if (status.All(s => s == "0")) return true;
        var data = CompetingRisksData.Create(time, status, entry: delayed ? entry : null, weight: weighted ? weight : null);
        var ci = CumulativeIncidence.Fit(data);
        var km = KaplanMeier.Fit(data.Rows, new KaplanMeierOptions { Variance = KaplanMeierVariance.Robust }).Curves[0];
        var curve = ci.Curves[0];
        var free = ci.EventFree[0];
        // Every KM step time is a step of the incidence curve (which also has the censoring-only times).
        foreach (var step in km.Steps)
        {
            var match = curve.Steps.FirstOrDefault(s => s.Time == step.Time);
            if (match is null) return false;
            if (!Close(1 - step.Survival, match.Estimate, 1e-12)) return false;
            if (!Close(step.Survival, free.Steps.First(s => s.Time == step.Time).Estimate, 1e-12)) return false;
            // The infinitesimal-jackknife standard error of 1 − S is that of S (the robust KM variance).
            if (step.StdErr is double se && !Close(se, match.StdErr, 1e-7)) return false;
        }
        return true;
    }

    [Property(MaxTest = 80)]
    public bool Causes_and_event_free_add_to_one(NonEmptyArray<int> raw, bool delayed, bool weighted)
    {
        var (time, status, group, entry, weight) = Draw(raw.Get, 3);
        if (status.All(s => s == "0")) return true;
        var data = CompetingRisksData.Create(time, status, entry: delayed ? entry : null, weight: weighted ? weight : null, group: group);
        var ci = CumulativeIncidence.Fit(data);
        foreach (var free in ci.EventFree)
        {
            var curves = ci.Curves.Where(c => c.Group == free.Group).ToArray();
            for (int j = 0; j < free.Steps.Count; j++)
                if (!Close(1, free.Steps[j].Estimate + curves.Sum(c => c.Steps[j].Estimate), 1e-12)) return false;
        }
        return true;
    }

    [Property(MaxTest = 60)]
    public bool Invariant_to_row_order(NonEmptyArray<int> raw, int seed, bool weighted)
    {
        var (time, status, group, _, weight) = Draw(raw.Get, 2);
        if (status.All(s => s == "0")) return true;
        var order = Enumerable.Range(0, time.Length).OrderBy(i => new Random(seed + i).Next()).ToArray();
        CumulativeIncidenceResult Fit(int[] idx) => CumulativeIncidence.Fit(CompetingRisksData.Create(
            idx.Select(i => time[i]).ToArray(), idx.Select(i => status[i]).ToArray(), weight: weighted ? idx.Select(i => weight[i]).ToArray() : null,
            group: idx.Select(i => group[i]).ToArray()));
        var a = Fit(Enumerable.Range(0, time.Length).ToArray());
        var b = Fit(order);
        for (int c = 0; c < a.Curves.Count; c++)
            for (int j = 0; j < a.Curves[c].Steps.Count; j++)
            {
                var x = a.Curves[c].Steps[j];
                var y = b.Curves[c].Steps[j];
                if (x.Time != y.Time || !Close(x.Estimate, y.Estimate, 1e-12) || !Close(x.StdErr, y.StdErr, 1e-9)) return false;
            }
        for (int k = 0; k < a.GrayTests.Count; k++)
            if (!Close(a.GrayTests[k].Test.ChiSquare, b.GrayTests[k].Test.ChiSquare, 1e-9)) return false;
        return true;
    }
}
