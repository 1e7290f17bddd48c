namespace Survival.MultiState;

/// <summary>
/// Range products of the Aalen–Johansen transition matrices, with their time integrals: for event times a..b (in order),
/// M = H_a·H_(a+1)···H_b and N = Σ_i (H_a···H_i)·δ_i, so that a row vector x carried from before time a to time b is
/// x·M, and its integral over the intervals that follow those times is x·N. Appended one time at a time, queried for any
/// range in O(log T) products of s × s matrices (a segment tree; the matrices need not be invertible, as H is not once a
/// state empties).
/// </summary>
/// <remarks>Two consecutive ranges compose as (M₁, N₁)∘(M₂, N₂) = (M₁M₂, N₁ + M₁N₂). Unset leaves are (I, 0).</remarks>
internal sealed class TransitionProducts
{
    private readonly int _s;
    private readonly int _size;
    private readonly double[] _m;
    private readonly double[] _n;

    /// <param name="times">The number of event times (leaves).</param>
    /// <param name="states">The number of states s.</param>
    public TransitionProducts(int times, int states)
    {
        _s = states;
        _size = 1;
        while (_size < Math.Max(times, 1)) _size <<= 1;
        int nodes = 2 * _size, sq = states * states;
        _m = new double[nodes * sq];
        _n = new double[nodes * sq];
        for (int node = 0; node < nodes; node++)
            for (int a = 0; a < states; a++) _m[node * sq + a * states + a] = 1;
    }

    /// <summary>Sets time <paramref name="t"/>'s matrix H and interval δ (N = H·δ), and updates the ranges above it.</summary>
    public void Set(int t, double[] h, double delta)
    {
        int sq = _s * _s, node = _size + t;
        for (int x = 0; x < sq; x++)
        {
            _m[node * sq + x] = h[x];
            _n[node * sq + x] = h[x] * delta;
        }
        for (node >>= 1; node >= 1; node >>= 1)
            Compose(_m, _n, 2 * node * sq, _m, _n, (2 * node + 1) * sq, _m, _n, node * sq);
    }

    /// <summary>The pair (M, N) of times <paramref name="first"/>..<paramref name="last"/> (inclusive), written to
    /// <paramref name="m"/> and <paramref name="n"/>; (I, 0) when the range is empty.</summary>
    public void Query(int first, int last, double[] m, double[] n, double[] scratchM, double[] scratchN)
    {
        int s = _s, sq = s * s;
        // Left part (in order) in m/n, right part (in order) in scratch.
        Identity(m, n);
        Identity(scratchM, scratchN);
        if (first > last) return;
        var tmpM = new double[sq];
        var tmpN = new double[sq];
        int l = first + _size, r = last + _size + 1;
        while (l < r)
        {
            if ((l & 1) == 1)
            {
                Compose(m, n, 0, _m, _n, l * sq, tmpM, tmpN, 0);
                Array.Copy(tmpM, m, sq);
                Array.Copy(tmpN, n, sq);
                l++;
            }
            if ((r & 1) == 1)
            {
                r--;
                Compose(_m, _n, r * sq, scratchM, scratchN, 0, tmpM, tmpN, 0);
                Array.Copy(tmpM, scratchM, sq);
                Array.Copy(tmpN, scratchN, sq);
            }
            l >>= 1;
            r >>= 1;
        }
        Compose(m, n, 0, scratchM, scratchN, 0, tmpM, tmpN, 0);
        Array.Copy(tmpM, m, sq);
        Array.Copy(tmpN, n, sq);
    }

    private void Identity(double[] m, double[] n)
    {
        Array.Clear(m, 0, _s * _s);
        Array.Clear(n, 0, _s * _s);
        for (int a = 0; a < _s; a++) m[a * _s + a] = 1;
    }

    /// <summary>(M, N) at <paramref name="o"/> = (M₁, N₁) at <paramref name="o1"/> ∘ (M₂, N₂) at <paramref name="o2"/>:
    /// M = M₁M₂, N = N₁ + M₁N₂.</summary>
    private void Compose(double[] m1, double[] n1, int o1, double[] m2, double[] n2, int o2, double[] m, double[] n, int o)
    {
        int s = _s;
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                double pm = 0, pn = 0;
                for (int c = 0; c < s; c++)
                {
                    double x = m1[o1 + a * s + c];
                    pm += x * m2[o2 + c * s + b];
                    pn += x * n2[o2 + c * s + b];
                }
                m[o + a * s + b] = pm;
                n[o + a * s + b] = n1[o1 + a * s + b] + pn;
            }
    }
}
