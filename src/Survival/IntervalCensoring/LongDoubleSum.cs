using System.Numerics;

namespace Survival.IntervalCensoring;

/// <summary>
/// A running sum of non-negative doubles in the x87 80-bit extended format (64-bit significand, round to nearest even),
/// rounded to a double at the end: what R's <c>sum()</c>, <c>colSums</c> and <c>cumsum</c> compute on x86-64, where they
/// accumulate in <c>long double</c>.
/// </summary>
/// <remarks>Written by hand because .NET has no extended-precision type and no library offers one, and R's Turnbull
/// iteration is sensitive to the last bit of these sums: where the iteration is slow, which Aitken steps R keeps depends
/// on them, so reproducing R's iterates needs R's rounding. Only non-negative terms are needed (masses, weights and
/// magnitudes of log-likelihoods), which keeps the addition to one case; subnormal and infinite values are not.</remarks>
internal struct LongDoubleSum
{
    private ulong _mantissa; // normalised: top bit set, or 0 for zero
    private int _exponent;   // value = mantissa · 2^exponent

    /// <summary>Adds x ≥ 0 (finite, normal or 0) with one rounding to the 64-bit significand.</summary>
    public void Add(double x)
    {
        if (x == 0) return;
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong m = ((ulong)bits & 0xFFFFFFFFFFFFFUL) | (1UL << 52);
        int e = biased - 1075 - 11; // m << 11 has its top bit at 63
        m <<= 11;
        if (_mantissa == 0) { _mantissa = m; _exponent = e; return; }
        ulong a = _mantissa, b = m;
        int ea = _exponent, eb = e;
        if (eb > ea) { (a, b) = (b, a); (ea, eb) = (eb, ea); }
        int shift = ea - eb;
        // Both significands at bit 126 of a 128-bit word (room for the carry), the smaller shifted right with a sticky bit.
        UInt128 wa = (UInt128)a << 63;
        UInt128 wb = (UInt128)b << 63;
        if (shift >= 127) wb = 1; // only stickiness remains
        else if (shift > 0)
        {
            UInt128 lost = wb & ((UInt128.One << shift) - 1);
            wb >>= shift;
            if (lost != 0) wb |= 1;
        }
        UInt128 sum = wa + wb;
        int top = (sum >> 127) != 0 ? 127 : 126;
        // Keep 64 bits from `top` down; round the rest to nearest, ties to even.
        int drop = top - 63;
        ulong kept = (ulong)(sum >> drop);
        UInt128 rest = sum & ((UInt128.One << drop) - 1);
        UInt128 half = UInt128.One << (drop - 1);
        if (rest > half || (rest == half && (kept & 1) == 1))
        {
            kept++;
            if (kept == 0) { kept = 1UL << 63; drop++; } // carried out of 64 bits
        }
        _mantissa = kept;
        _exponent = ea - 63 + drop;
    }

    /// <summary>The sum rounded to a double (nearest, ties to even), as R's <c>(double) s</c>.</summary>
    public readonly double ToDouble()
    {
        if (_mantissa == 0) return 0;
        ulong r = _mantissa >> 11, rest = _mantissa & 0x7FF;
        int e = _exponent + 11;
        if (rest > 0x400 || (rest == 0x400 && (r & 1) == 1))
        {
            r++;
            if (r == 1UL << 53) { r >>= 1; e++; }
        }
        return Math.ScaleB(r, e);
    }
}
