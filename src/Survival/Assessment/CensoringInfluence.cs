namespace Survival.Assessment;

/// <summary>Inverse-probability-of-censoring weights from the censoring Kaplan–Meier and the influence of the censoring
/// model on a weighted mean, as riskRegression's <c>Score</c> with <c>cens.model = "km"</c>.</summary>
/// <remarks>
/// <para>With distinct times u₁ &lt; … &lt; u_U, Y(u) = #{T ≥ u}, censorings c(u) and events d(u) at u, the censoring
/// survival is G(u) = Π_{v ≤ u} (1 − c(v)/(Y(v) − d(v))) (prodlim's reverse Kaplan–Meier: events at a tied time leave
/// the censoring risk set first). A row is weighted 1/G(Tᵢ−) when its event is by τ and 1/G(τ) when it is still event-free
/// at τ.</para>
/// <para>Estimating G moves a weighted mean (1/n)Σⱼ vⱼ: row k adds (1/n)Σⱼ vⱼ φₖ(sⱼ), with sⱼ = Tⱼ− or τ and φₖ the
/// influence of row k on the Nelson–Aalen censoring hazard Λ_C(s):
/// φₖ(s) = n·1{k censored, Tₖ within s}/Y(Tₖ) − Σ_{u ≤ min(Tₖ, s)} n·c(u)/Y(u)² (since d(1/G) = dΛ_C/G). The sum over j
/// is grouped by the index of sⱼ, so all rows take O(n + U). Gerds &amp; Schumacher (2006), Biom J 48:1029; Blanche et
/// al. (2013), Stat Med 32:5381; riskRegression <c>getInfluenceFunctionBrierKMCensoringTerm</c>.</para>
/// </remarks>
internal sealed class CensoringInfluence
{
    private readonly double[] _unique;
    private readonly double[] _atRisk;      // Y(u_m)
    private readonly double[] _survivalAfter;   // G(u_m)
    private readonly double[] _m;           // M[m] = Σ_{index < m} n c/Y²
    private readonly int[] _index;          // each row's distinct-time index
    private readonly bool[] _censored;
    private readonly int _n;

    public CensoringInfluence(double[] time, bool[] censored)
    {
        _n = time.Length;
        _censored = censored;
        // Distinct times and each row's index among them, by one radix sort of the times.
        var keys = new ulong[_n];
        var order = new int[_n];
        for (int i = 0; i < _n; i++) { keys[i] = RadixSort.Key(time[i]); order[i] = i; }
        RadixSort.Sort(keys, order, null, 0, _n, new ulong[_n], new int[_n], null);
        _index = new int[_n];
        var unique = new List<double>();
        for (int k = 0; k < _n; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1]) unique.Add(time[order[k]]);
            _index[order[k]] = unique.Count - 1;
        }
        _unique = unique.ToArray();
        int u = _unique.Length;
        var c = new double[u];
        var d = new double[u];
        for (int i = 0; i < _n; i++)
        {
            if (censored[i]) c[_index[i]]++; else d[_index[i]]++;
        }
        _atRisk = new double[u];
        _survivalAfter = new double[u];
        _m = new double[u + 1];
        double y = _n, g = 1;
        for (int m = 0; m < u; m++)
        {
            _atRisk[m] = y;
            if (c[m] > 0) g *= 1 - c[m] / (y - d[m]);
            _survivalAfter[m] = g;
            _m[m + 1] = _m[m] + _n * c[m] / (y * y);
            y -= c[m] + d[m];
        }
    }

    /// <summary>The distinct times, ascending.</summary>
    public double[] UniqueTimes => _unique;

    /// <summary>Row i's distinct-time index.</summary>
    public int IndexOf(int row) => _index[row];

    /// <summary>The number of distinct times ≤ τ.</summary>
    public int CountUpTo(double tau)
    {
        int m = Array.BinarySearch(_unique, tau);
        return m >= 0 ? m + 1 : ~m;
    }

    /// <summary>G just before the distinct time with index m (1 before the first).</summary>
    public double SurvivalBefore(int index) => index == 0 ? 1 : _survivalAfter[index - 1];

    /// <summary>G at τ, given the count of distinct times ≤ τ.</summary>
    public double SurvivalAt(int countUpTo) => countUpTo == 0 ? 1 : _survivalAfter[countUpTo - 1];

    /// <summary>For every row k and each of the value vectors v, (1/n) Σⱼ v[j]·φₖ(sⱼ), where sⱼ covers the distinct
    /// times with index below <paramref name="included"/>[j] (Tⱼ− covers indices below Tⱼ's; τ covers those ≤ τ).</summary>
    public double[][] Terms(double[][] values, int[] included)
    {
        int u = _unique.Length, q = values.Length;
        // Per value vector: suffix[m] = Σ_{bucket ≥ m} V, prefix[m] = Σ_{bucket < m} V·M[bucket].
        var suffix = new double[q][];
        var prefix = new double[q][];
        for (int v = 0; v < q; v++)
        {
            var bucket = new double[u + 1];
            var x = values[v];
            for (int j = 0; j < _n; j++) bucket[included[j]] += x[j];
            var suf = suffix[v] = new double[u + 2];
            for (int m = u; m >= 0; m--) suf[m] = suf[m + 1] + bucket[m];
            var pre = prefix[v] = bucket;   // reused in place: pre[m] becomes Σ_{< m}
            double run = 0;
            for (int m = 0; m <= u; m++)
            {
                double next = run + bucket[m] * _m[m];
                pre[m] = run;
                run = next;
            }
        }
        var result = new double[q][];
        for (int v = 0; v < q; v++) result[v] = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            int next = _index[k] + 1;
            double jump = _censored[k] ? _n / _atRisk[_index[k]] : 0;
            double mk = _m[next];
            for (int v = 0; v < q; v++)
            {
                double s = suffix[v][next];
                double before = next <= u ? prefix[v][next] : 0;
                result[v][k] = (jump * s - mk * s - before) / _n;
            }
        }
        return result;
    }
}
