using Survival.CompetingRisks;
using Survival.Regression;

namespace Survival.Tests.Support;

/// <summary>The Fine–Gray model as first written (per-row risk-set arrays, LINQ's stable sort), kept as the reference the
/// block form (<c>FineGrayModel</c>) is compared with: the same objective, derivatives, sandwich and baseline.</summary>
internal sealed class FineGrayReference
{
    public int N, P, Events, Competing;
    public double[] Time;
    public int[] Status; // 1 the cause, 2 another, 0 censored
    public double[][] X;  // [column][sorted row]
    public double[] G;    // Ĝ(tᵢ−) of each sorted row
    public int[] BlockStart; // first sorted row of each row's time block

    public FineGrayReference(CompetingRisksData data, int code, CovariateMatrix covariates)
    {
        var rows = data.Rows;
        N = rows.Count;
        P = covariates.Count;
        var order = Enumerable.Range(0, N).ToArray();
        var keys = rows.Time.ToArray();
        // A stable sort by time (R's order()): ties keep input order.
        order = order.OrderBy(i => keys[i]).ToArray();
        Time = order.Select(i => keys[i]).ToArray();
        Status = order.Select(i => data.CauseArray[i] == 0 ? 0 : data.CauseArray[i] == code ? 1 : 2).ToArray();
        X = new double[P][];
        for (int j = 0; j < P; j++)
        {
            var c = covariates.Column(j);
            var column = X[j] = new double[N];
            for (int i = 0; i < N; i++) column[i] = c[order[i]];
        }
        Events = Status.Count(s => s == 1);
        Competing = Status.Count(s => s == 2);
        BlockStart = new int[N];
        for (int i = 0; i < N; i++) BlockStart[i] = i > 0 && Time[i] == Time[i - 1] ? BlockStart[i - 1] : i;
        // Ĝ: Kaplan–Meier of the censoring times (censoring is the event; failures are censored), read just before
        // each row's time.
        G = new double[N];
        double g = 1;
        int a = 0;
        while (a < N)
        {
            int e = a;
            int censored = 0;
            while (e < N && Time[e] == Time[a]) { if (Status[e] == 0) censored++; e++; }
            for (int i = a; i < e; i++) G[i] = g;
            g *= 1 - (double)censored / (N - a);
            a = e;
        }
    }

    /// <summary>−ℓ(β), its gradient and Hessian (crr's crrfsv: the negative log pseudo-likelihood).</summary>
    public (double NegLogLik, double[] Score, double[,] Information) Evaluate(double[] beta, bool withDerivatives)
    {
        var (risk, s0, s1, s2) = RiskSets(beta, withDerivatives);
        double lik = 0;
        var score = new double[P];
        var info = new double[P, P];
        for (int i = 0; i < N; i++)
        {
            if (Status[i] != 1) continue;
            double eta = 0;
            for (int j = 0; j < P; j++) eta += X[j][i] * beta[j];
            lik += Math.Log(s0[i]) - eta;
            if (!withDerivatives) continue;
            for (int j = 0; j < P; j++)
            {
                double mean = s1![i * P + j] / s0[i];
                score[j] += mean - X[j][i];
                for (int l = 0; l < P; l++)
                    info[j, l] += s2![(i * P + j) * P + l] / s0[i] - mean * s1[i * P + l] / s0[i];
            }
        }
        return (lik, score, info);
    }

    /// <summary>The jumps of the baseline cumulative subdistribution hazard at the cause's distinct failure times,
    /// d(t)/S0(t) (the Breslow-type estimate crr returns as <c>bfitj</c>, covariates not centred).</summary>
    public (double[] Times, double[] Jumps) Baseline(double[] beta)
    {
        var (_, s0, _, _) = RiskSets(beta, withDerivatives: false);
        var times = new List<double>();
        var jumps = new List<double>();
        for (int i = 0; i < N; i++)
        {
            if (Status[i] != 1) continue;
            if (times.Count > 0 && times[^1] == Time[i]) jumps[^1] += 1 / s0[i];
            else { times.Add(Time[i]); jumps.Add(1 / s0[i]); }
        }
        return (times.ToArray(), jumps.ToArray());
    }

    /// <summary>For each failure row of the cause (indexed by its sorted position), the weighted risk-set sums S0, S1,
    /// S2: rows with tᵢ ≥ t, and earlier failures from other causes weighted by Ĝ(t−)/Ĝ(tᵢ−).</summary>
    private (double[] Risk, double[] S0, double[]? S1, double[]? S2) RiskSets(double[] beta, bool withDerivatives)
    {
        var risk = new double[N];
        for (int i = 0; i < N; i++)
        {
            double eta = 0;
            for (int j = 0; j < P; j++) eta += X[j][i] * beta[j];
            risk[i] = Math.Exp(eta);
        }
        var s0 = new double[N];
        var s1 = withDerivatives ? new double[N * P] : null;
        var s2 = withDerivatives ? new double[N * P * P] : null;
        // Suffix sums over rows with t ≥ t_block, prefix sums of competing failures before the block (÷ Ĝ(tᵢ−)).
        double suf0 = 0;
        var suf1 = new double[P];
        var suf2 = new double[P * P];
        double pre0 = 0;
        var pre1 = new double[P];
        var pre2 = new double[P * P];
        // Prefix sums at each block start (competing failures strictly before the block).
        var pre0At = new double[N];
        var pre1At = withDerivatives ? new double[N * P] : null;
        var pre2At = withDerivatives ? new double[N * P * P] : null;
        for (int i = 0; i < N; i++)
        {
            if (BlockStart[i] == i)
            {
                pre0At[i] = pre0;
                if (withDerivatives) { pre1.CopyTo(pre1At!, i * P); pre2.CopyTo(pre2At!, i * P * P); }
            }
            if (Status[i] == 2)
            {
                double w = risk[i] / G[i];
                pre0 += w;
                if (withDerivatives)
                    for (int j = 0; j < P; j++)
                    {
                        pre1[j] += w * X[j][i];
                        for (int l = 0; l < P; l++) pre2[j * P + l] += w * X[j][i] * X[l][i];
                    }
            }
        }
        for (int i = N - 1; i >= 0; i--)
        {
            double w = risk[i];
            suf0 += w;
            if (withDerivatives)
                for (int j = 0; j < P; j++)
                {
                    suf1[j] += w * X[j][i];
                    for (int l = 0; l < P; l++) suf2[j * P + l] += w * X[j][i] * X[l][i];
                }
            if (BlockStart[i] != i) continue;
            // Row i starts a block: every row of the block shares these sums; fill them for the block's failures.
            for (int r = i; r < N && BlockStart[r] == i; r++)
            {
                if (Status[r] != 1) continue;
                double g = G[i];
                s0[r] = suf0 + g * pre0At[i];
                if (!withDerivatives) continue;
                for (int j = 0; j < P; j++)
                {
                    s1![r * P + j] = suf1[j] + g * pre1At![i * P + j];
                    for (int l = 0; l < P; l++) s2![(r * P + j) * P + l] = suf2[j * P + l] + g * pre2At![(i * P + j) * P + l];
                }
            }
        }
        return (risk, s0, s1, s2);
    }

    /// <summary>Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ: the score residual ηᵢ and the censoring term ψᵢ of Fine &amp; Gray (1999), by
    /// running sums (crr's crrvv computes the same sums by nested loops).</summary>
    public double[,] Sandwich(double[] beta)
    {
        var (risk, s0, s1, _) = RiskSets(beta, withDerivatives: true);
        // Per failure row j of the cause: 1/S0, x̄/S0 and their Ĝ-weighted versions; cumulative sums over failures
        // with t ≤ tᵢ (D) and suffix sums over failures with t > tᵢ or ≥ u (C).
        var d0 = new double[N];      // Σ_{failures j, t_j ≤ t_i} 1/S0_j, at each row i
        var d1 = new double[N * P];  // Σ x̄_j/S0_j
        var cGt0 = new double[N];    // Σ_{failures j, t_j > t_i} Ĝ_j/S0_j
        var cGt1 = new double[N * P];
        var cGe0 = new double[N];    // Σ_{failures j, t_j ≥ t_i} Ĝ_j/S0_j
        var cGe1 = new double[N * P];
        {
            double a0 = 0;
            var a1 = new double[P];
            int i = 0;
            while (i < N)
            {
                int e = i;
                while (e < N && Time[e] == Time[i]) e++;
                for (int j = i; j < e; j++)
                    if (Status[j] == 1)
                    {
                        a0 += 1 / s0[j];
                        for (int k = 0; k < P; k++) a1[k] += s1![j * P + k] / s0[j] / s0[j];
                    }
                for (int j = i; j < e; j++) { d0[j] = a0; a1.CopyTo(d1, j * P); }
                i = e;
            }
            double c0 = 0;
            var c1 = new double[P];
            int hi = N;
            while (hi > 0)
            {
                int lo = BlockStart[hi - 1];
                for (int j = lo; j < hi; j++) { cGt0[j] = c0; Array.Copy(c1, 0, cGt1, j * P, P); }
                for (int j = lo; j < hi; j++)
                    if (Status[j] == 1)
                    {
                        c0 += G[j] / s0[j];
                        for (int k = 0; k < P; k++) c1[k] += G[j] * s1![j * P + k] / s0[j] / s0[j];
                    }
                for (int j = lo; j < hi; j++) { cGe0[j] = c0; Array.Copy(c1, 0, cGe1, j * P, P); }
                hi = lo;
            }
        }
        var meat = new double[P, P];
        var st = new double[P];
        var psiCumulative = new double[P]; // −Σ q(u)/R(u)² over censored rows at u ≤ current time
        var q = new double[P];
        double b0 = 0; // Σ_{competing failures before u} e^{xβ}/Ĝ
        var b1 = new double[P];
        int index = 0;
        while (index < N)
        {
            int e = index;
            while (e < N && Time[e] == Time[index]) e++;
            int censoredHere = 0;
            for (int j = index; j < e; j++) if (Status[j] == 0) censoredHere++;
            double atRisk = N - index;
            if (censoredHere > 0)
            {
                // q(u) = B1(u) C0(≥u) − B0(u) C1(≥u), u this block's time.
                for (int k = 0; k < P; k++) q[k] = b1[k] * cGe0[index] - b0 * cGe1[index * P + k];
                for (int k = 0; k < P; k++) psiCumulative[k] -= censoredHere * q[k] / (atRisk * atRisk);
            }
            for (int i = index; i < e; i++)
            {
                double r = risk[i];
                for (int k = 0; k < P; k++)
                {
                    double x = X[k][i];
                    double eta = -r * (x * d0[i] - d1[i * P + k]);
                    if (Status[i] == 1) eta += x - s1![i * P + k] / s0[i];
                    if (Status[i] == 2) eta -= r / G[i] * (x * cGt0[i] - cGt1[i * P + k]);
                    double psi = psiCumulative[k] + (Status[i] == 0 ? q[k] / atRisk : 0);
                    st[k] = eta + psi;
                }
                for (int k = 0; k < P; k++)
                    for (int l = 0; l < P; l++) meat[k, l] += st[k] * st[l];
            }
            for (int i = index; i < e; i++)
                if (Status[i] == 2)
                {
                    double w = risk[i] / G[i];
                    b0 += w;
                    for (int k = 0; k < P; k++) b1[k] += w * X[k][i];
                }
            index = e;
        }
        return meat;
    }
}
