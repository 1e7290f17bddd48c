namespace Survival.IntervalCensoring;

/// <summary>R's self-consistency loop for one Turnbull curve, on per-support-point sums rather than rows: each iteration
/// costs O(support points + distinct ranges), not a Kaplan–Meier fit over every row as R's loop does.</summary>
/// <remarks>Written here because no library offers R's variant (its support, its Aitken step and its stopping rule), and
/// matching R's iterates is what makes the result R's.</remarks>
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

    public TurnbullIteration(TurnbullSupport support, double[] weight)
    {
        _m = support.Points.Length;
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
            int below = LowerBound(support.Points, t); // points < t: the row is at risk at points[0 .. below]
            int lastAtRisk = TurnbullSupport.UpperBound(support.Points, t); // points ≤ t
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

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
