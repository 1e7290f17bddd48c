using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace Survival.CompetingRisks;

/// <summary>
/// Gray's (1988) k-sample test for the cumulative incidence of one cause, with strata, as R's <c>cmprsk::cuminc</c>
/// computes it (ρ = 0: the log-rank-type weight of the subdistribution hazard).
/// </summary>
/// <remarks>
/// <para>At each time with failures, the score of group i adds (1 − F̂(t−))^ρ [d₁ᵢ − d₁ Rᵢ/Σ R], where d₁ counts the
/// cause's failures and Rᵢ = nᵢ (1 − F̂ᵢ(t−))/Ŝᵢ(t−) is the group's subdistribution risk set (those still at risk,
/// and those already failed from another cause, weighted); F̂ and Ŝ are the group's cumulative incidence and
/// Kaplan–Meier of any failure. The variance is Gray's estimator built from the same quantities, with the corrections
/// for tied failures that cmprsk applies. Per stratum, summed; statistic sᵀV⁻¹s on groups − 1 df. Unweighted and without
/// delayed entry, as cmprsk. Reference: Gray RJ (1988), Ann Stat 16:1141–1154; cmprsk <c>crstm</c>.</para>
/// </remarks>
public static class GrayTest
{
    /// <summary>Gray's test for <paramref name="cause"/> across the groups of <paramref name="data"/>, stratified by its strata.</summary>
    /// <param name="data">Rows with groups (and optional strata); no weights or delayed entry.</param>
    /// <param name="cause">The cause, as written in the data.</param>
    /// <param name="rho">The power of the weight (1 − F(t−))^ρ; 0 (default) as cmprsk.</param>
    public static GrayTestResult Compute(CompetingRisksData data, string cause, double rho = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cause);
        var rows = data.Rows;
        if (rows.Group is null) throw new SurvivalInputException("Gray's test compares groups: the data have none", column: "group");
        if (rows.HasEntry) throw new SurvivalInputException("Gray's test (as cmprsk) does not handle delayed entry", column: "entry");
        if (rows.HasWeights) throw new SurvivalInputException("Gray's test (as cmprsk) does not handle case weights", column: "weight");
        if (!double.IsFinite(rho)) throw new SurvivalInputException("ρ must be a finite number", column: "rho", value: SurvivalData.Format(rho));
        int k = data.CodeOf(cause);
        int ng = rows.Group.Levels.Count;
        if (ng < 2) throw new SurvivalInputException("Gray's test needs at least two groups", column: "group");
        return FromCounts(CumulativeIncidence.CompositeCounts(data, keepStrata: true, timeFix: false), ng, data.Causes.Count, k, cause, rho);
    }

    /// <summary>Gray's test from per-time counts whose group is group × (cause + 1) (slot 0 censored), per stratum:
    /// every quantity of the test is a count at a time, so no pass reads the rows.</summary>
    /// <param name="counts">The composite counts (<see cref="CumulativeIncidence.CompositeCounts"/>).</param>
    /// <param name="ng">The number of groups.</param>
    /// <param name="causes">The number of causes.</param>
    /// <param name="cause">The cause tested (1-based code).</param>
    /// <param name="label">The cause as written in the data.</param>
    /// <param name="rho">The power of the weight (1 − F(t−))^ρ.</param>
    /// <param name="cancellationToken">Checked every 4096 times: a pass running beside the curves stops with them.</param>
    internal static GrayTestResult FromCounts(SurvivalCounts counts, int ng, int causes, int cause, string label, double rho = 0,
        CancellationToken cancellationToken = default)
    {
        int slots = causes + 1;
        var s = new double[ng - 1];
        var v = new double[ng - 1, ng - 1];
        for (int st = 0; st < counts.StratumCount; st++)
        {
            var (a, b) = counts.StratumRange(st);
            Stratum(counts, a, b, slots, cause, ng, rho, s, v, cancellationToken);
        }
        var vm = Matrix<double>.Build.DenseOfArray(v);
        var sv = Vector<double>.Build.DenseOfArray(s);
        // cmprsk solves V s directly (and stops with an error when V is singular, e.g. a group with no one at risk at
        // any failure of the cause); here a singular V gets a generalised inverse and df = its rank, as R's survdiff.
        int rank = vm.Rank();
        double stat = rank == ng - 1 ? sv * vm.Solve(sv) : sv * (vm.PseudoInverse() * sv);
        return new GrayTestResult(label, new ChiSquareTest(rank == 0 ? 0 : stat, rank), s);
    }

    /// <summary>Adds one stratum's scores and variance (cells [a, b) of the counts) to <paramref name="score"/> and
    /// <paramref name="variance"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Stratum(SurvivalCounts counts, int first, int end, int slots, int cause,
        int ng, double rho, double[] score, double[,] variance, CancellationToken cancellationToken)
    {
        int ng1 = ng - 1;
        var time = counts.Time;
        var group = counts.Group;
        var events = counts.Events;
        var censoredCount = counts.Censored;
        var atRisk = new double[ng];
        for (int x = first; x < end; x++) atRisk[group[x] / slots] += events[x] + censoredCount[x];
        var cifBefore = new double[ng];
        var cif = new double[ng];
        var kmBefore = new double[ng];
        var km = new double[ng];
        Array.Fill(kmBefore, 1);
        Array.Fill(km, 1);
        var v3 = new double[ng];
        var v2 = new double[ng1 * ng];
        var c = new double[ng * ng];
        var amat = new double[ng * ng];
        var v = new double[ng1 * ng1];
        var s = new double[ng1];
        var d = new double[3 * ng];
        var leaving = new double[ng];
        var invN = new double[ng];
        var ratio = new double[ng];
        double pooledBefore = 0, pooled = 0;
        // Each composite code's group and kind (0 censored, 1 the cause, 2 another cause), looked up rather than divided
        // per cell: at 10⁷ continuous times the two integer divisions per cell were a fifth of the pass.
        var groupOf = new int[ng * slots];
        var kindOf = new int[ng * slots];
        for (int code = 0; code < groupOf.Length; code++)
        {
            groupOf[code] = code / slots;
            int slot = code % slots;
            kindOf[code] = slot == 0 ? 0 : slot == cause ? 1 : 2;
        }
        int lo = first, sinceCheck = 0;
        while (lo < end)
        {
            if (++sinceCheck == 4096)
            {
                sinceCheck = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
            double t = time[lo];
            int hi = lo;
            for (int x = 0; x < d.Length; x++) d[x] = 0;
            for (int g = 0; g < ng; g++) leaving[g] = 0;
            for (; hi < end && time[hi] == t; hi++)
            {
                int code = group[hi], m = kindOf[code];
                int g = groupOf[code];
                d[m * ng + g] += m == 0 ? censoredCount[hi] : events[hi];
                leaving[g] += events[hi] + censoredCount[hi];
            }
            double nd1 = 0, nd2 = 0;
            for (int g = 0; g < ng; g++) { nd1 += d[1 * ng + g]; nd2 += d[2 * ng + g]; }
            if (nd1 > 0 || nd2 > 0)
            {
                // Each quotient is formed once per time (n/K⁻ per group, 1/n, 1/Σ n/K⁻, ...) and multiplied after: at 10⁷
                // continuous times the two dozen divisions per event time were most of the pass. cmprsk's crstm divides in
                // place; the products differ from its quotients in the last bits only.
                double tr = 0, tq = 0;
                for (int g = 0; g < ng; g++)
                {
                    if (atRisk[g] <= 0) continue;
                    invN[g] = 1 / atRisk[g];
                    ratio[g] = atRisk[g] / kmBefore[g];
                    double failed = d[1 * ng + g] + d[2 * ng + g];
                    km[g] = kmBefore[g] * (atRisk[g] - failed) * invN[g];
                    cif[g] = cifBefore[g] + kmBefore[g] * d[1 * ng + g] * invN[g];
                    tr += ratio[g];
                    tq += ratio[g] * (1 - cifBefore[g]);
                }
                double invTr = 1 / tr;
                pooled = pooledBefore + nd1 * invTr;
                double weight = rho == 0 ? 1 : Math.Pow(1 - pooledBefore, rho);
                double cScale = nd1 / (tr * (1 - pooledBefore));
                for (int x = 0; x < amat.Length; x++) amat[x] = 0;
                for (int i = 0; i < ng; i++)
                {
                    if (atRisk[i] <= 0) continue;
                    double t1 = ratio[i];
                    amat[i * ng + i] = weight * t1 * (1 - t1 * invTr);
                    c[i * ng + i] += amat[i * ng + i] * cScale;
                    for (int j = i + 1; j < ng; j++)
                    {
                        if (atRisk[j] <= 0) continue;
                        amat[i * ng + j] = -weight * t1 * ratio[j] * invTr;
                        c[i * ng + j] += amat[i * ng + j] * cScale;
                    }
                }
                for (int i = 1; i < ng; i++)
                    for (int j = 0; j < i; j++) { amat[i * ng + j] = amat[j * ng + i]; c[i * ng + j] = c[j * ng + i]; }
                double sScale = nd1 / tq;
                for (int i = 0; i < ng1; i++)
                    if (atRisk[i] > 0) s[i] += weight * (d[1 * ng + i] - sScale * ratio[i] * (1 - cifBefore[i]));
                if (nd1 > 0)
                {
                    for (int g = 0; g < ng; g++)
                    {
                        if (atRisk[g] <= 0) continue;
                        double t4 = km[g] > 0 ? 1 - (1 - pooled) / km[g] : 1;
                        double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * kmBefore[g] - 1) : 1;
                        double t3 = t5 * kmBefore[g] * nd1 * invTr * invN[g];
                        v3[g] += t4 * t4 * t3;
                        for (int i = 0; i < ng1; i++)
                        {
                            double t1 = amat[i * ng + g] - t4 * c[i * ng + g];
                            v2[i * ng + g] += t1 * t4 * t3;
                            for (int j = 0; j <= i; j++) v[i * ng1 + j] += t1 * (amat[j * ng + g] - t4 * c[j * ng + g]) * t3;
                        }
                    }
                }
                if (nd2 > 0)
                {
                    for (int g = 0; g < ng; g++)
                    {
                        if (km[g] <= 0 || d[2 * ng + g] <= 0) continue;
                        double t4 = (1 - pooled) / km[g];
                        double t5 = d[2 * ng + g] > 1 ? 1 - (d[2 * ng + g] - 1) / (atRisk[g] - 1) : 1;
                        double kn = kmBefore[g] * invN[g];
                        double t3 = t5 * kn * kn * d[2 * ng + g];
                        v3[g] += t4 * t4 * t3;
                        for (int i = 0; i < ng1; i++)
                        {
                            double t1 = t4 * c[i * ng + g];
                            v2[i * ng + g] -= t1 * t4 * t3;
                            for (int j = 0; j <= i; j++) v[i * ng1 + j] += t1 * t4 * c[j * ng + g] * t3;
                        }
                    }
                }
            }
            // The cells of this time leave the risk set.
            for (int g = 0; g < ng; g++) atRisk[g] -= leaving[g];
            if (nd1 > 0 || nd2 > 0)
            {
                pooledBefore = pooled;
                for (int g = 0; g < ng; g++) { cifBefore[g] = cif[g]; kmBefore[g] = km[g]; }
            }
            lo = hi;
        }
        for (int i = 0; i < ng1; i++)
            for (int j = 0; j <= i; j++)
                for (int g = 0; g < ng; g++)
                    v[i * ng1 + j] += c[i * ng + g] * c[j * ng + g] * v3[g] + c[i * ng + g] * v2[j * ng + g] + c[j * ng + g] * v2[i * ng + g];
        for (int i = 0; i < ng1; i++)
        {
            score[i] += s[i];
            for (int j = 0; j <= i; j++)
            {
                variance[i, j] += v[i * ng1 + j];
                if (j < i) variance[j, i] += v[i * ng1 + j];
            }
        }
    }
}
