namespace Survival.IntervalCensoring;

/// <summary>R's self-consistency loop for one Turnbull curve.</summary>
/// <remarks>
/// <para>Written here because no library offers R's variant (its support, its Aitken step and its stopping rule), and
/// matching R's iterates is what makes the result R's.</para>
/// <para>Two ways to do R's arithmetic. <b>As R rounds</b> (when the interval rows' ranges hold at most
/// <see cref="FaithfulWork"/> support points in all): each row's mass sum and each point's weight are summed in R's
/// order in 80-bit long double as R's <c>sum()</c>/<c>colSums</c> do (<see cref="LongDoubleSum"/>), the likelihood as the
/// reference BLAS <c>dgemv</c> does, and the weighted Kaplan–Meier step as <c>survfitkm.c</c> does (at-risk weights
/// summed backwards in R's sort order, S ×= (n − d)/n), so the iterates are R's to the last bit and where R's slow,
/// rounding-sensitive iterations stop is where the library's stop. <b>On sums per support point</b> (larger data): identical
/// intervals merged, prefix sums, O(support points + distinct intervals) an iteration instead of R's O(rows × support
/// points); the same algorithm, which can stop elsewhere than R where R's iteration is slow (within R's own distance
/// from the converged estimate).</para>
/// </remarks>
internal sealed class TurnbullIteration
{
    private readonly int _m;
    private readonly int[] _start, _end;
    private readonly double[] _count, _weight; // per distinct range: rows (for the likelihood) and their total weight
    private readonly double[] _fixedAtRisk, _fixedDeaths;
    private double[] _survival;
    // Work buffers, reused by every iteration (an iteration allocates nothing).
    private readonly double[] _prefix, _difference, _atRisk;
    private readonly int[] _active;

    /// <summary>Above this many (row, support point) pairs in the interval rows' ranges the iteration works on sums per
    /// support point rather than in R's order and rounding.</summary>
    internal const long FaithfulWork = 400_000;

    private readonly bool _faithful;
    // As R rounds: the interval rows in input order, and the Kaplan–Meier rows in R's sort order (time, then position).
    private readonly int[] _rowStart = [], _rowEnd = [];
    private readonly double[] _rowWeight = [];
    private readonly double[] _kmTime = [], _kmWeight = [];
    private readonly int[] _kmPoint = [];   // the support point of a pseudo row, −1 for an input row
    private readonly bool[] _kmEvent = [];
    private readonly double[] _rowSum = [], _nRisk = [], _nEvent = [];
    private readonly LongDoubleSum[] _columns = [];

    public TurnbullIteration(TurnbullSupport support, double[] weight, bool? faithful = null)
    {
        _m = support.Points.Length;
        long work = 0;
        for (int r = 0; r < support.CensoredRows.Length; r++) work += support.RangeEnd[r] - support.RangeStart[r];
        _faithful = faithful ?? work <= FaithfulWork;
        if (_faithful)
        {
            _rowStart = support.RangeStart;
            _rowEnd = support.RangeEnd;
            _rowWeight = support.CensoredRows.Select(i => weight[i]).ToArray();
            _rowSum = new double[_rowStart.Length];
            _columns = new LongDoubleSum[_m];
            _nRisk = new double[_m];
            _nEvent = new double[_m];
            // survfitKM's rows: the exact and right-censored rows in input order, then one pseudo row per support point;
            // sorted by time with ties in that order (R's order() is stable).
            int f = support.FixedRows.Length;
            var order = Enumerable.Range(0, f + _m).ToArray();
            double TimeOf(int k) => k < f ? support.FixedTime[k] : support.Points[k - f];
            Array.Sort(order, (a, b) => TimeOf(a) != TimeOf(b) ? TimeOf(a).CompareTo(TimeOf(b)) : a.CompareTo(b));
            _kmTime = order.Select(TimeOf).ToArray();
            _kmWeight = order.Select(k => k < f ? weight[support.FixedRows[k]] : 0).ToArray();
            _kmPoint = order.Select(k => k < f ? -1 : k - f).ToArray();
            _kmEvent = order.Select(k => k >= f || support.FixedEvent[k]).ToArray();
        }
        var ranges = new Dictionary<(int, int), int>();
        var start = new List<int>();
        var end = new List<int>();
        var count = new List<double>();
        var total = new List<double>();
        for (int r = 0; r < support.CensoredRows.Length; r++)
        {
            var key = (support.RangeStart[r], support.RangeEnd[r]);
            if (!ranges.TryGetValue(key, out int k))
            {
                ranges[key] = k = start.Count;
                start.Add(key.Item1);
                end.Add(key.Item2);
                count.Add(0);
                total.Add(0);
            }
            count[k] += 1;
            total[k] += weight[support.CensoredRows[r]];
        }
        (_start, _end, _count, _weight) = (start.ToArray(), end.ToArray(), count.ToArray(), total.ToArray());

        // The exact and right-censored rows: weight at risk at each support point (time ≥ point) and events there.
        _fixedAtRisk = new double[_m];
        _fixedDeaths = new double[_m];
        var atOrAfter = new double[_m + 1];
        for (int r = 0; r < support.FixedRows.Length; r++)
        {
            double w = weight[support.FixedRows[r]], t = support.FixedTime[r];
            int below = SortedSearch.CountBelow(support.Points, t); // points < t: the row is at risk at points[0 .. below]
            int lastAtRisk = SortedSearch.CountAtOrBelow(support.Points, t); // points ≤ t
            atOrAfter[lastAtRisk] += w;
            if (support.FixedEvent[r] && below < _m && support.Points[below] == t) _fixedDeaths[below] += w;
        }
        // at risk at point j: rows with time ≥ point j, i.e. whose count of points ≤ time exceeds j.
        double suffix = 0;
        for (int j = _m; j >= 1; j--)
        {
            suffix += atOrAfter[j];
            _fixedAtRisk[j - 1] = suffix;
        }

        // R's start: S = 1 − cumsum(column sums of the indicator matrix) / total.
        var columns = new double[_m + 1];
        double all = 0;
        for (int k = 0; k < _start.Length; k++)
        {
            columns[_start[k]] += _count[k];
            columns[_end[k]] -= _count[k];
            all += _count[k] * (_end[k] - _start[k]);
        }
        _survival = new double[_m];
        double running = 0, cumulative = 0;
        for (int j = 0; j < _m; j++)
        {
            running += columns[j];
            cumulative += running;
            _survival[j] = 1 - cumulative / all;
        }
        PseudoWeights = new double[_m];
        _prefix = new double[_m + 1];
        _difference = new double[_m + 1];
        _atRisk = new double[_m];
        _active = new int[_m + 1];
    }

    /// <summary>The weight the interval rows put on each support point in the last iteration.</summary>
    public double[] PseudoWeights { get; private set; }

    /// <summary>Runs R's loop; returns the iterations used and whether the test passed.</summary>
    public (int Iterations, bool Converged) Run(double tolerance, int maxIterations, CancellationToken cancellationToken)
    {
        var jumps = new double[_m];
        var jump1 = new double[_m];
        var jump2 = new double[_m];
        var aitken1 = new double[_m];
        var aitken2 = new double[_m];
        var jsave = new double[_m];
        var accelerated = new double[_m];
        var old = (double[])_survival.Clone();
        double eps = 1;
        int iteration = 0;
        while (eps > tolerance)
        {
            if (iteration >= maxIterations) return (iteration, false);
            cancellationToken.ThrowIfCancellationRequested();
            iteration++;
            double previous = 1;
            for (int j = 0; j < _m; j++) { jumps[j] = previous - _survival[j]; previous = _survival[j]; }
            (aitken2, aitken1) = (aitken1, aitken2);
            for (int j = 0; j < _m; j++) { aitken1[j] = jumps[j] - jump1[j]; jsave[j] = jumps[j]; }
            if (iteration % 5 == 0)
            {
                double oldLik = LogLikelihood(jumps);
                for (int j = 0; j < _m; j++)
                {
                    double a = jump2[j] - aitken2[j] * aitken2[j] / (aitken1[j] - aitken2[j]);
                    accelerated[j] = a <= 0 || a >= 1 || double.IsNaN(a) ? jsave[j] : a;
                }
                double newLik = LogLikelihood(accelerated);
                if (!(newLik < oldLik)) Array.Copy(accelerated, jumps, _m);
            }
            (jump2, jump1) = (jump1, jump2);
            Array.Copy(jsave, jump1, _m);
            Distribute(jumps);
            KaplanMeierAtPoints();
            if (iteration % 5 < 2) eps = 1;
            else
            {
                eps = 0;
                for (int j = 0; j < _m; j++) eps = Math.Max(eps, Math.Abs(old[j] - _survival[j]));
            }
            Array.Copy(_survival, old, _m);
        }
        return (iteration, true);
    }

    /// <summary>Σ over rows of log Σ_{j ∈ row} p_j (R's unweighted likelihood for the Aitken check).</summary>
    private double LogLikelihood(double[] p)
    {
        if (_faithful)
        {
            // R: sum(log(wtmat %*% p)) — each row's sum by the reference BLAS (in double, points in order), the logs summed
            // in long double (all ≤ 0: their magnitudes are summed).
            var total = new LongDoubleSum();
            for (int r = 0; r < _rowStart.Length; r++)
            {
                double row = 0;
                for (int j = _rowStart[r]; j < _rowEnd[r]; j++) row += p[j];
                double log = Math.Log(row);
                if (!(log <= 0)) return FastLogLikelihood(p); // a mass sum above 1 (not reached by R's iterates)
                total.Add(-log);
            }
            return -total.ToDouble();
        }
        return FastLogLikelihood(p);
    }

    private double FastLogLikelihood(double[] p)
    {
        var prefix = Prefix(p);
        double sum = 0;
        for (int k = 0; k < _start.Length; k++) sum += _count[k] * Math.Log(prefix[_end[k]] - prefix[_start[k]]);
        return sum;
    }

    private double[] Prefix(double[] p)
    {
        var prefix = _prefix;
        for (int j = 0; j < _m; j++) prefix[j + 1] = prefix[j] + p[j];
        return prefix;
    }

    /// <summary>Each range's weight spread over its points in proportion to p: PseudoWeights_j = p_j Σ_{ranges ∋ j} w / Σ_{range} p.</summary>
    private void Distribute(double[] p)
    {
        if (_faithful)
        {
            // R: wt2 <- wtmat %*% diag(p); wt2 <- (lwt / apply(wt2, 1, sum)) * wt2; apply(wt2, 2, sum) — row sums and column
            // sums in long double, rows in input order.
            for (int r = 0; r < _rowStart.Length; r++)
            {
                var sum = new LongDoubleSum();
                for (int j = _rowStart[r]; j < _rowEnd[r]; j++) sum.Add(p[j]);
                _rowSum[r] = sum.ToDouble();
            }
            Array.Clear(_columns);
            for (int r = 0; r < _rowStart.Length; r++)
            {
                double factor = _rowWeight[r] / _rowSum[r];
                for (int j = _rowStart[r]; j < _rowEnd[r]; j++) _columns[j].Add(factor * p[j]);
            }
            for (int j = 0; j < _m; j++) PseudoWeights[j] = _columns[j].ToDouble();
            return;
        }
        var prefix = Prefix(p);
        var difference = _difference;
        var active = _active;
        Array.Clear(difference);
        Array.Clear(active);
        for (int k = 0; k < _start.Length; k++)
        {
            double v = _weight[k] / (prefix[_end[k]] - prefix[_start[k]]);
            difference[_start[k]] += v;
            difference[_end[k]] -= v;
            active[_start[k]]++;
            active[_end[k]]--;
        }
        double running = 0;
        int covering = 0;
        var w = PseudoWeights;
        for (int j = 0; j < _m; j++)
        {
            running += difference[j];
            covering += active[j];
            // Where no range covers the point the sum is 0 exactly (not the rounding residue of the running sum).
            if (covering == 0) running = 0;
            w[j] = p[j] * running;
        }
    }

    /// <summary>The weighted Kaplan–Meier estimate at the support points (where every event is).</summary>
    private void KaplanMeierAtPoints()
    {
        if (_faithful)
        {
            // survfitkm.c: walking back through the rows in sort order, n at risk and events summed in double, one time
            // at a time; then S ×= (n − d)/n forward where an event row has weight.
            double nRisk = 0;
            for (int k = _kmTime.Length - 1; k >= 0;)
            {
                double t = _kmTime[k], events = 0;
                int point = -1;
                for (; k >= 0 && _kmTime[k] == t; k--)
                {
                    double w = _kmPoint[k] >= 0 ? PseudoWeights[_kmPoint[k]] : _kmWeight[k];
                    if (_kmPoint[k] >= 0) point = _kmPoint[k];
                    nRisk += w;
                    if (_kmEvent[k]) events += w;
                }
                if (point >= 0) { _nRisk[point] = nRisk; _nEvent[point] = events; }
            }
            // survfitkm.c multiplies by 1 − d/n on its robust-variance path, which R takes whenever a weight is fractional
            // (nearly always here), and by (n − d)/n otherwise.
            bool fractional = false;
            foreach (double w in _kmWeight) fractional |= w != Math.Floor(w);
            foreach (double w in PseudoWeights) fractional |= w != Math.Floor(w);
            double km = 1;
            for (int j = 0; j < _m; j++)
            {
                if (_nEvent[j] > 0) km *= fractional ? 1 - _nEvent[j] / _nRisk[j] : (_nRisk[j] - _nEvent[j]) / _nRisk[j];
                _survival[j] = km;
            }
            return;
        }
        double suffix = 0;
        var atRisk = _atRisk;
        for (int j = _m - 1; j >= 0; j--)
        {
            suffix += PseudoWeights[j];
            atRisk[j] = _fixedAtRisk[j] + suffix;
        }
        double s = 1;
        for (int j = 0; j < _m; j++)
        {
            double d = _fixedDeaths[j] + PseudoWeights[j];
            if (d > 0) s *= 1 - d / atRisk[j];
            _survival[j] = s;
        }
    }
}
