using System.Runtime.CompilerServices;
using Survival.Regression;

namespace Survival.CompetingRisks;

/// <summary>
/// The rows of a Fine–Gray fit sorted by time, with the censoring distribution: crr's objective, its derivatives and its
/// sandwich, each by running sums over blocks of tied times (see <see cref="FineGray"/>'s remarks for the model).
/// </summary>
/// <remarks>
/// <para>Everything a risk set needs is kept per block of tied times that holds a failure of the cause (an "event
/// block"): with d failures at t, the log pseudo-likelihood gains d·log S0(t) − Σ xᵀβ over them, the score
/// d·S1(t)/S0(t) − Σ x and the information d·(S2/S0 − S1S1ᵀ/S0²), Breslow's ties as crr. S0, S1, S2 are the weighted
/// risk-set sums: a suffix sum over the rows with tᵢ ≥ t plus Ĝ(t−) times a prefix sum of e^{xᵀβ}/Ĝ(tᵢ−) over the
/// other causes' earlier failures, the prefix recorded at each event block on a forward pass and the suffix taken on a
/// backward one. Per event block, not per row: at 10⁶ rows the per-row arrays of S1 and S2 were 15 fresh arrays of n
/// doubles an evaluation, and faulting fresh memory in cost more than the sums. The buffers are made once per fit and
/// reused (and not recomputed for the β they already hold); the fit is single-threaded.</para>
/// <para>The per-row arrays (the sort's keys and order, the status, the covariate columns in time order, e^{xᵀβ}) are
/// rented (<see cref="ScratchArrays"/>) and returned when the model is disposed: a later fit in the process reuses their
/// pages instead of faulting in some 50 MB afresh at 10⁶ rows (on the CI class of machine most of a fit's time). Rented
/// arrays may be longer than <see cref="N"/>: everything here reads the first N.</para>
/// </remarks>
internal sealed class FineGrayModel : IDisposable
{
    private readonly ScratchArrays _rented = new();

    /// <summary>Rows and covariates.</summary>
    public int N { get; }

    /// <summary>Covariates.</summary>
    public int P { get; }

    /// <summary>Failures of the cause.</summary>
    public int Events { get; }

    /// <summary>Failures of other causes.</summary>
    public int Competing { get; }

    /// <summary>Covariate columns in time order: [column][sorted row].</summary>
    public double[][] X { get; }

    private readonly ulong[] _timeKey;        // sorted times as RadixSort keys (equal keys: equal times)
    private readonly byte[] _status;          // 1 the cause, 2 another cause, 0 censored
    private readonly int[] _blockStart;       // first row of each block of tied times, and N at the end
    private readonly double[] _g;             // Ĝ(t−) of each block
    private readonly int[] _eventBlock;       // the block of each event block
    private readonly int[] _eventCount;       // d: the cause's failures in each event block
    private readonly double[] _failureX;      // Σ x over the cause's failures, per covariate
    // Reused buffers: e^{xᵀβ} per row; per event block the prefix sums of the other causes' failures and S0, S1, S2.
    private readonly double[] _risk;
    private readonly double[] _pre0, _pre1, _pre2, _s0, _s1, _s2;
    // The sort's key scratch, memory already touched: the collinearity check's first basis column (fresh arrays of n
    // doubles cost more here than the passes over them).
    private readonly ulong[] _scratch;
    // The β whose sums the buffers hold (null: none), and whether with S1 and S2.
    private double[]? _lastBeta;
    private bool _lastWithDerivatives;

    public FineGrayModel(CompetingRisksData data, int code, CovariateMatrix covariates)
    {
        var rows = data.Rows;
        N = rows.Count;
        P = covariates.Count;
        // A stable sort by time (R's order(): ties keep input order).
        var keys = _rented.RentWritten<ulong>(N);
        var order = _rented.RentWritten<int>(N);
        var times = rows.Time;
        for (int i = 0; i < N; i++) { keys[i] = RadixSort.Key(times[i]); order[i] = i; }
        _scratch = _rented.RentWritten<ulong>(N);
        RadixSort.Sort(keys, order, null, 0, N, _scratch, _rented.RentWritten<int>(N), null);
        _timeKey = keys;
        _status = _rented.RentWritten<byte>(N);
        var cause = data.CauseArray;
        for (int i = 0; i < N; i++)
        {
            int row = order[i];
            _status[i] = (byte)(cause[row] == 0 ? 0 : cause[row] == code ? 1 : 2);
            if (_status[i] == 1) Events++;
            else if (_status[i] == 2) Competing++;
        }
        X = new double[P][];
        for (int j = 0; j < P; j++)
        {
            var c = covariates.Column(j);
            var column = X[j] = _rented.RentWritten<double>(N);
            for (int i = 0; i < N; i++) column[i] = c[order[i]];
        }
        var starts = new List<int>();
        var eventBlocks = new List<int>();
        var eventCounts = new List<int>();
        var g = new List<double>();
        _failureX = new double[P];
        // Ĝ: Kaplan–Meier of the censoring times (censoring is the event; failures are censored), read just before
        // each block's time.
        double survival = 1;
        for (int a = 0; a < N;)
        {
            int e = a, censored = 0, failures = 0;
            while (e < N && _timeKey[e] == _timeKey[a])
            {
                if (_status[e] == 0) censored++;
                else if (_status[e] == 1)
                {
                    failures++;
                    for (int j = 0; j < P; j++) _failureX[j] += X[j][e];
                }
                e++;
            }
            if (failures > 0) { eventBlocks.Add(starts.Count); eventCounts.Add(failures); }
            starts.Add(a);
            g.Add(survival);
            survival *= 1 - (double)censored / (N - a);
            a = e;
        }
        starts.Add(N);
        _blockStart = starts.ToArray();
        _g = g.ToArray();
        _eventBlock = eventBlocks.ToArray();
        _eventCount = eventCounts.ToArray();
        int events = _eventBlock.Length;
        _risk = _rented.RentWritten<double>(N);
        _pre0 = new double[events];
        _pre1 = new double[events * P];
        _pre2 = new double[events * P * P];
        _s0 = new double[events];
        _s1 = new double[events * P];
        _s2 = new double[events * P * P];
    }

    /// <summary>Throws when a covariate is constant or a linear combination of the earlier ones (after centring): crr
    /// stops with "system is exactly singular" there; this names the column. Modified Gram–Schmidt on the centred
    /// columns: a residual sum of squares at most 1e-18 of the column's own is a linear combination.</summary>
    public void CheckEstimable(IReadOnlyList<string> names)
    {
        // The orthonormal basis so far: the first column's in the sort's key scratch, later ones in arrays of their own;
        // the last column's residual in the risk buffer (free until the fit starts).
        var first = System.Runtime.InteropServices.MemoryMarshal.Cast<ulong, double>(_scratch.AsSpan(0, N));
        var later = new List<double[]>();
        for (int j = 0; j < P; j++)
        {
            var col = X[j].AsSpan(0, N);
            bool constant = true;
            for (int i = 1; i < col.Length && constant; i++) constant = col[i] == col[0];
            if (constant) throw new SurvivalInputException("the covariate is constant: its coefficient is not estimable", column: names[j]);
            if (P == 1) return;
            double[]? own = j > 0 && j < P - 1 ? _rented.RentWritten<double>(N) : null;
            Span<double> residual = j == 0 ? first : j == P - 1 ? _risk.AsSpan(0, N) : own.AsSpan(0, N);
            double mean = 0;
            foreach (double v in col) mean += v;
            mean /= N;
            double norm = 0;
            for (int i = 0; i < N; i++) { residual[i] = col[i] - mean; norm += residual[i] * residual[i]; }
            if (j > 0)
            {
                Project(first, residual);
                foreach (var q in later) Project(q, residual);
                double left = 0;
                foreach (double v in residual) left += v * v;
                if (left <= 1e-18 * norm)
                    throw new SurvivalInputException($"the covariate is a linear combination of {string.Join(", ", names.Take(j))} (collinear): its coefficient is not estimable",
                        column: names[j]);
                if (j == P - 1) return;
                Normalize(residual, left);
                later.Add(own!);
            }
            else Normalize(residual, norm);
        }

        static void Project(ReadOnlySpan<double> q, Span<double> v)
        {
            double dot = 0;
            for (int i = 0; i < v.Length; i++) dot += q[i] * v[i];
            for (int i = 0; i < v.Length; i++) v[i] -= dot * q[i];
        }

        static void Normalize(Span<double> v, double squares)
        {
            double scale = 1 / Math.Sqrt(squares);
            for (int i = 0; i < v.Length; i++) v[i] *= scale;
        }
    }

    /// <summary>−ℓ(β), its gradient and Hessian (crr's crrfsv: the negative log pseudo-likelihood).</summary>
    public (double NegLogLik, double[] Score, double[,] Information) Evaluate(double[] beta, bool withDerivatives)
    {
        RiskSums(beta, withDerivatives);
        double lik = 0;
        for (int j = 0; j < P; j++) lik -= beta[j] * _failureX[j];
        var score = new double[P];
        var info = new double[P, P];
        for (int e = 0; e < _eventBlock.Length; e++)
        {
            double d = _eventCount[e], s0 = _s0[e];
            lik += d * Math.Log(s0);
            if (!withDerivatives) continue;
            for (int j = 0; j < P; j++)
            {
                double mean = _s1[e * P + j] / s0;
                score[j] += d * mean;
                for (int l = 0; l < P; l++)
                    info[j, l] += d * (_s2[(e * P + Math.Max(j, l)) * P + Math.Min(j, l)] / s0 - mean * _s1[e * P + l] / s0);
            }
        }
        if (withDerivatives) for (int j = 0; j < P; j++) score[j] -= _failureX[j];
        return (lik, score, info);
    }

    /// <summary>The jumps of the baseline cumulative subdistribution hazard at the cause's distinct failure times,
    /// d(t)/S0(t) (the Breslow-type estimate crr returns as <c>bfitj</c>, covariates not centred).</summary>
    public (double[] Times, double[] Jumps) Baseline(double[] beta)
    {
        RiskSums(beta, withDerivatives: false);
        var times = new double[_eventBlock.Length];
        var jumps = new double[_eventBlock.Length];
        for (int e = 0; e < times.Length; e++)
        {
            times[e] = RadixSort.Value(_timeKey[_blockStart[_eventBlock[e]]]);
            jumps[e] = _eventCount[e] / _s0[e];
        }
        return (times, jumps);
    }

    /// <summary>S0, S1, S2 of every event block at β (<see cref="_s0"/>, <see cref="_s1"/>, <see cref="_s2"/>, whose
    /// lower triangle alone is filled: S2 is symmetric), and
    /// e^{xᵀβ} of every row (<see cref="_risk"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RiskSums(double[] beta, bool withDerivatives)
    {
        // The fit asks for the same β more than once (the last Newton step, the information, the sandwich, the baseline):
        // the buffers still hold its sums.
        if (_lastBeta is not null && (_lastWithDerivatives || !withDerivatives) && beta.AsSpan().SequenceEqual(_lastBeta)) return;
        _lastBeta = null;
        int p = P;
        // Forward: e^{xᵀβ}, and the prefix sums of the other causes' failures strictly before each event block.
        double pre0 = 0;
        Span<double> pre1 = stackalloc double[p];
        Span<double> pre2 = stackalloc double[p * p];
        pre1.Clear();
        pre2.Clear();
        int next = 0;
        int blocks = _blockStart.Length - 1;
        for (int b = 0; b < blocks; b++)
        {
            if (next < _eventBlock.Length && _eventBlock[next] == b)
            {
                _pre0[next] = pre0;
                if (withDerivatives) { pre1.CopyTo(_pre1.AsSpan(next * p, p)); pre2.CopyTo(_pre2.AsSpan(next * p * p, p * p)); }
                next++;
            }
            for (int i = _blockStart[b]; i < _blockStart[b + 1]; i++)
            {
                double eta = 0;
                for (int j = 0; j < p; j++) eta += X[j][i] * beta[j];
                double r = _risk[i] = Math.Exp(eta);
                // Every row adds, the other causes' failures with their weight and the rest with 0: a branch on the
                // status (about one row in five) mispredicts more often than the additions cost.
                double w = _status[i] == 2 ? r / _g[b] : 0;
                pre0 += w;
                if (withDerivatives) AddMoments(w, i, pre1, pre2);
            }
        }
        // Backward: the suffix sums over the rows with tᵢ ≥ t, completed at each event block.
        double suf0 = 0;
        Span<double> suf1 = stackalloc double[p];
        Span<double> suf2 = stackalloc double[p * p];
        suf1.Clear();
        suf2.Clear();
        int e = _eventBlock.Length - 1;
        for (int b = blocks - 1; b >= 0; b--)
        {
            for (int i = _blockStart[b + 1] - 1; i >= _blockStart[b]; i--)
            {
                double w = _risk[i];
                suf0 += w;
                if (withDerivatives) AddMoments(w, i, suf1, suf2);
            }
            if (e < 0 || _eventBlock[e] != b) continue;
            double g = _g[b];
            _s0[e] = suf0 + g * _pre0[e];
            if (withDerivatives)
            {
                for (int j = 0; j < p; j++) _s1[e * p + j] = suf1[j] + g * _pre1[e * p + j];
                for (int k = 0; k < p * p; k++) _s2[e * p * p + k] = suf2[k] + g * _pre2[e * p * p + k];
            }
            e--;
        }
        _lastBeta = (double[])beta.Clone();
        _lastWithDerivatives = withDerivatives;
    }

    /// <summary>Adds w·x and the lower triangle of w·xxᵀ of sorted row <paramref name="i"/> to the running sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddMoments(double w, int i, Span<double> first, Span<double> second)
    {
        int p = P;
        for (int j = 0; j < p; j++)
        {
            double wx = w * X[j][i];
            first[j] += wx;
            for (int l = 0; l <= j; l++) second[j * p + l] += wx * X[l][i];
        }
    }

    /// <summary>Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ: the score residual ηᵢ and the censoring term ψᵢ of Fine &amp; Gray (1999), by
    /// running sums over blocks (crr's crrvv computes the same sums by nested loops).</summary>
    public double[,] Sandwich(double[] beta)
    {
        RiskSums(beta, withDerivatives: true);
        int p = P, events = _eventBlock.Length;
        // Per event block e: Ĝ·d/S0 and Ĝ·d·S1/S0², summed over the event blocks from e on (the failures at or after it).
        var tail0 = new double[events + 1];
        var tail1 = new double[(events + 1) * p];
        for (int e = events - 1; e >= 0; e--)
        {
            double g = _g[_eventBlock[e]], d = _eventCount[e], s0 = _s0[e];
            tail0[e] = tail0[e + 1] + g * d / s0;
            for (int k = 0; k < p; k++) tail1[e * p + k] = tail1[(e + 1) * p + k] + g * d * _s1[e * p + k] / s0 / s0;
        }
        var meat = new double[p, p];
        var st = new double[p];
        var psiCumulative = new double[p]; // −Σ q(u)/R(u)² over censored rows at u ≤ current time
        var q = new double[p];
        double b0 = 0;                     // Σ_{other causes' failures before u} e^{xβ}/Ĝ
        var b1 = new double[p];
        double d0 = 0;                     // Σ_{failures j, t_j ≤ t} 1/S0_j
        var d1 = new double[p];            // Σ S1_j/S0_j²
        var mean = new double[p];
        int next = 0;                      // the first event block at or after the current block
        int blocks = _blockStart.Length - 1;
        for (int b = 0; b < blocks; b++)
        {
            int from = _blockStart[b], to = _blockStart[b + 1];
            bool eventBlock = next < events && _eventBlock[next] == b;
            // Failures strictly after this time start at the next event block, at or after it at this one.
            int after = eventBlock ? next + 1 : next;
            double s0 = 0;
            if (eventBlock)
            {
                s0 = _s0[next];
                double d = _eventCount[next];
                d0 += d / s0;
                for (int k = 0; k < p; k++)
                {
                    mean[k] = _s1[next * p + k] / s0;
                    d1[k] += d * _s1[next * p + k] / s0 / s0;
                }
            }
            int censoredHere = 0;
            for (int i = from; i < to; i++) if (_status[i] == 0) censoredHere++;
            double atRisk = N - from;
            if (censoredHere > 0)
            {
                // q(u) = B1(u) C0(≥u) − B0(u) C1(≥u), u this block's time.
                for (int k = 0; k < p; k++) q[k] = b1[k] * tail0[next] - b0 * tail1[next * p + k];
                for (int k = 0; k < p; k++) psiCumulative[k] -= censoredHere * q[k] / (atRisk * atRisk);
            }
            double g = _g[b];
            for (int i = from; i < to; i++)
            {
                double r = _risk[i];
                int status = _status[i];
                for (int k = 0; k < p; k++)
                {
                    double x = X[k][i];
                    double eta = -r * (x * d0 - d1[k]);
                    if (status == 1) eta += x - mean[k];
                    if (status == 2) eta -= r / g * (x * tail0[after] - tail1[after * p + k]);
                    double psi = psiCumulative[k] + (status == 0 ? q[k] / atRisk : 0);
                    st[k] = eta + psi;
                }
                for (int k = 0; k < p; k++)
                    for (int l = 0; l < p; l++) meat[k, l] += st[k] * st[l];
            }
            for (int i = from; i < to; i++)
                if (_status[i] == 2)
                {
                    double w = _risk[i] / g;
                    b0 += w;
                    for (int k = 0; k < p; k++) b1[k] += w * X[k][i];
                }
            if (eventBlock) next++;
        }
        return meat;
    }

    /// <summary>Returns the rented per-row arrays; the model is not used after.</summary>
    public void Dispose() => _rented.Dispose();
}
