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
        _unique = time.Distinct().Order().ToArray();
        int u = _unique.Length;
        var c = new double[u];
        var d = new double[u];
        _index = new int[_n];
        for (int i = 0; i < _n; i++)
        {
            int m = Array.BinarySearch(_unique, time[i]);
            _index[i] = m;
            if (censored[i]) c[m]++; else d[m]++;
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

    /// <summary>For every row k, (1/n) Σⱼ values[j]·φₖ(sⱼ), where sⱼ covers the distinct times with index below
    /// <paramref name="included"/>[j] (Tⱼ− covers indices below Tⱼ's; τ covers those ≤ τ).</summary>
    public double[] Term(double[] values, int[] included)
    {
        int u = _unique.Length;
        var bucket = new double[u + 1];
        for (int j = 0; j < _n; j++) if (values[j] != 0) bucket[included[j]] += values[j];
        // suffix[m] = Σ_{q ≥ m} V[q]; prefix[m] = Σ_{q < m} V[q]·M[q]
        var suffix = new double[u + 2];
        for (int q = u; q >= 0; q--) suffix[q] = suffix[q + 1] + bucket[q];
        var prefix = new double[u + 2];
        for (int q = 0; q <= u; q++) prefix[q + 1] = prefix[q] + bucket[q] * _m[q];
        var result = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            int next = _index[k] + 1;
            double jump = _censored[k] ? _n / _atRisk[_index[k]] : 0;
            result[k] = (jump * suffix[next] - _m[next] * suffix[next] - prefix[next]) / _n;
        }
        return result;
    }
}
