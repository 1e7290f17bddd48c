using FsCheck;
using FsCheck.Xunit;
using Survival.Regression;

namespace Survival.Tests.Properties;

/// <summary>Properties of the Cox fit that hold for any data.</summary>
public class CoxProperties
{
    [Property(MaxTest = 60)]
    public bool Invariant_to_row_order(NonEmptyArray<int> raw, int seed)
    {
        var values = raw.Get;
        if (values.Length < 4) return true;
        var time = values.Select(v => 1 + Math.Abs(v % 20) / 2.0).ToArray();
        var status = values.Select((v, i) => i % 3 != 0).ToArray();
        var z = values.Select((v, i) => (double)((v >> 3) % 5) + i % 2).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => new Random(seed + i).Next()).ToArray();
        CoxResult Fit(int[] idx) => CoxRegression.Fit(
            SurvivalData.Create(idx.Select(i => time[i]).ToArray(), idx.Select(i => status[i]).ToArray()),
            new CovariateMatrix(idx.Length).AddNumeric("z", idx.Select(i => z[i]).ToArray()));
        var a = Fit(Enumerable.Range(0, values.Length).ToArray());
        var b = Fit(order);
        // Under monotone likelihood the estimate does not exist (β → ±∞): where it stops depends on rounding, so only
        // the flag must agree.
        if (a.Coefficients[0].MayBeInfinite || b.Coefficients[0].MayBeInfinite || !a.Converged || !b.Converged)
            return a.Coefficients[0].MayBeInfinite == b.Coefficients[0].MayBeInfinite || !a.Converged || !b.Converged;
        // The iteration stops on the log-likelihood's relative change (1e-9), which pins β to about 1e-8: summation
        // order moves β within that, so β is compared at 1e-6 (the iterative-fit tolerance), the rest at 1e-8.
        static bool Close(double? x, double? y, double tol) => x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) <= tol * Math.Max(1, Math.Abs(x.Value));
        return Close(a.LogLikelihood, b.LogLikelihood, 1e-8) && Close(a.Coefficients[0].Estimate, b.Coefficients[0].Estimate, 1e-6)
            && Close(a.Score.ChiSquare, b.Score.ChiSquare, 1e-8) && Close(a.Concordance, b.Concordance, 1e-12);
    }

    /// <summary>Issue 20: the one-covariate sweep (sums in locals) visits the same risk sets with the same sums, bit for
    /// bit, as the general sweep: ties, strata, weights, and with and without the second moments.</summary>
    [Property(MaxTest = 100)]
    public bool One_covariate_sweep_equals_the_general_sweep(NonEmptyArray<int> raw, bool weighted, bool strata, bool second)
    {
        var values = raw.Get;
        var time = values.Select(v => 1 + Math.Abs(v % 13) / 3.0).ToArray();
        var data = SurvivalData.Create(time, values.Select((v, i) => (v & 2) == 0 || i == 0).ToArray(),
            weight: weighted ? values.Select(v => 0.5 + Math.Abs(v % 4) * 0.3).ToArray() : null,
            strata: strata ? values.Select(v => (v & 4) == 0 ? "a" : "b").ToArray() : null);
        var x = new CovariateMatrix(values.Length).AddNumeric("z", values.Select(v => (v >> 3) % 7 / 3.0).ToArray());
        var sets = new CoxRiskSets(data, x, timeFix: true);
        var risk = values.Select((v, i) => (1 + Math.Abs(v % 5)) * 0.37).ToArray();
        var one = new List<double[]>();
        var any = new List<double[]>();
        static double[] Record(CoxRiskSets.RiskSums s, bool second) =>
            [s.Time, s.Stratum, s.DeathStart, s.DeathEnd, s.S0, s.S1[0], second ? s.S2![0, 0] : 0, s.E0, s.E1[0], second ? s.E2![0, 0] : 0,
             s.Deaths, s.DeadWeight, s.AtRiskWeight, s.AtRisk];
        sets.SweepRisk([0], risk, second, s => one.Add(Record(s, second)));
        sets.SweepRiskAny([0], risk, second, s => any.Add(Record(s, second)));
        return one.Count == any.Count && one.Zip(any).All(p => p.First.SequenceEqual(p.Second));
    }

    /// <summary>Issue 20: with a few distinct linear predictors and whole weights the concordance keeps the weight at
    /// risk per rank in a short array; it must equal the Fenwick-tree walk bit for bit (ties in time and in η, strata).</summary>
    [Property(MaxTest = 100)]
    public bool Few_distinct_concordance_equals_the_tree_walk(NonEmptyArray<int> raw, bool weighted, bool strata, byte levels)
    {
        var values = raw.Get;
        var time = values.Select(v => 1 + Math.Abs(v % 11) / 2.0).ToArray();
        var data = SurvivalData.Create(time, values.Select((v, i) => (v & 2) == 0 || i == 0).ToArray(),
            weight: weighted ? values.Select(v => (double)(1 + Math.Abs(v % 4))).ToArray() : null,
            strata: strata ? values.Select(v => (v & 4) == 0 ? "a" : "b").ToArray() : null);
        int k = 1 + levels % 6;
        var x = new CovariateMatrix(values.Length).AddNumeric("z", values.Select(v => (double)Math.Abs((v >> 3) % k)).ToArray());
        var sets = new CoxRiskSets(data, x, timeFix: true);
        var eta = sets.X[0].Select(v => v * 0.7).ToArray();
        var ranks = CoxConcordance.DistinctSorted(eta, out int distinct);
        var fast = CoxConcordance.Compute(sets, eta);
        var tree = CoxConcordance.ComputeTree(sets, eta, ranks, distinct);
        return fast is null ? tree is null : tree is not null && BitConverter.DoubleToInt64Bits(fast.Value) == BitConverter.DoubleToInt64Bits(tree.Value);
    }

    /// <summary>Issue 20: the fused one-covariate walk of the likelihood gives the general walk's log-likelihood, score and
    /// information bit for bit: Breslow and Efron, tied times, strata, weights, β = 0 and away from it.</summary>
    [Property(MaxTest = 100)]
    public bool Fused_likelihood_walk_equals_the_general_walk(NonEmptyArray<int> raw, bool weighted, bool strata, bool efron, sbyte b)
    {
        var values = raw.Get;
        var time = values.Select(v => 1 + Math.Abs(v % 9) / 2.0).ToArray();
        var data = SurvivalData.Create(time, values.Select((v, i) => (v & 2) == 0 || i == 0).ToArray(),
            weight: weighted ? values.Select(v => 0.5 + Math.Abs(v % 4) * 0.3).ToArray() : null,
            strata: strata ? values.Select(v => (v & 4) == 0 ? "a" : "b").ToArray() : null);
        var x = new CovariateMatrix(values.Length).AddNumeric("z", values.Select(v => (v >> 3) % 7 / 3.0).ToArray());
        var sets = new CoxRiskSets(data, x, timeFix: true);
        var ties = efron ? CoxTies.Efron : CoxTies.Breslow;
        double[] beta = [b / 50.0];
        var fused = CoxRegression.Evaluate(sets, [0], ties, beta, general: false);
        var plain = CoxRegression.Evaluate(sets, [0], ties, beta, general: true);
        static bool Same(double p, double q) => BitConverter.DoubleToInt64Bits(p) == BitConverter.DoubleToInt64Bits(q);
        return Same(fused.LogLik, plain.LogLik) && Same(fused.Score[0], plain.Score[0]) && Same(fused.Information[0, 0], plain.Information[0, 0]);
    }
}


public class CoxNoInformationTests
{
    [Xunit.Fact]
    public void Covariate_constant_within_every_event_risk_set_is_NA_as_in_R()
    {
        // Found by the row-order property. R: coxph(Surv(c(1,1.5,1.5,1), c(0,1,1,0)) ~ c(0,0,0,1)) gives coef NA and
        // loglik -0.6931472 = log(1/2) twice: both deaths at 1.5 share a risk set of two with z = 0.
        var fit = CoxRegression.Fit(SurvivalData.Create([1, 1.5, 1.5, 1], [false, true, true, false]),
            new CovariateMatrix(4).AddNumeric("z", [0.0, 0, 0, 1]));
        Xunit.Assert.Null(fit.Coefficients[0].Estimate);
        Xunit.Assert.Equal(Math.Log(0.5), fit.LogLikelihood, 12);
        Xunit.Assert.Contains(fit.Warnings, w => w.Kind is Survival.FitWarningKind.Aliased or Survival.FitWarningKind.NoInformation && w.Message.Contains("not estimable"));
    }
}
