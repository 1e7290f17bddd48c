using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Survival;

/// <summary>
/// Stable least-significant-digit radix sort of 64-bit keys carrying an <see cref="int"/> payload, and the order-preserving
/// map from <see cref="double"/> to such keys. Used to reduce rows to per-time counts in O(n) passes.
/// </summary>
/// <remarks>
/// Written by hand because neither the BCL nor MathNet.Numerics offers a radix sort: <see cref="Array.Sort(Array)"/> is a
/// comparison sort (introsort, O(n log n) compares), and a stable key–payload radix sort over 8-bit digits is the
/// standard way to sort 10^7 doubles in a handful of linear passes (8-bit digits: 256 buckets keep the scatter within
/// cache; measured at 10^7 continuous times, 0.4–0.55 s against 0.9–1.0 s with 11-bit digits, issue 20). All eight digit
/// histograms are taken in one pass,
/// and a digit whose values are all equal (e.g. the sign and exponent bits of times in a narrow range) costs no pass.
/// Double keys: for x ≥ 0 the IEEE-754 bits with the sign bit set, for x &lt; 0 the complement of the bits; −0 is
/// mapped to +0. Unsigned order of keys is then numeric order of finite doubles.
/// </remarks>
internal static class RadixSort
{
    private const int DigitBits = 8;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits;

    /// <summary>The order-preserving key of a finite double.</summary>
    public static ulong Key(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x == 0 ? 0.0 : x);
        return (bits & 0x8000_0000_0000_0000UL) == 0 ? bits | 0x8000_0000_0000_0000UL : ~bits;
    }

    /// <summary>The double whose <see cref="Key"/> is <paramref name="key"/>.</summary>
    public static double Value(ulong key)
        => BitConverter.UInt64BitsToDouble((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key);

    /// <summary>The fewest items for which the sort runs on several threads.</summary>
    internal const int ParallelThreshold = 1 << 20;

    /// <summary>Sorts <paramref name="keys"/>[<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// ascending, stably, moving <paramref name="payload"/> (and <paramref name="weights"/> when it is not null) along. The
    /// scratch arrays are used over the same range; the result is left in the input arrays.</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="payload">The items moving with the keys.</param>
    /// <param name="weights">Weights moving with the keys, or null.</param>
    /// <param name="start">The first position sorted.</param>
    /// <param name="length">The number of positions sorted.</param>
    /// <param name="keyScratch">Scratch for keys, at least as long as <paramref name="keys"/>.</param>
    /// <param name="payloadScratch">Scratch for the payload, as long.</param>
    /// <param name="weightScratch">Scratch for the weights, as long (null without weights).</param>
    /// <param name="maxThreads">A bound on the threads (0: all cores, at most 8). From <see cref="ParallelThreshold"/> items
    /// up, each pass is split into contiguous chunks, one a thread: a chunk's items go, in order, to the positions that
    /// follow the same digit's items of the chunks before it, so the result is the same stable order on any number of
    /// threads.</param>
    public static void Sort(ulong[] keys, int[] payload, double[]? weights, int start, int length,
        ulong[] keyScratch, int[] payloadScratch, double[]? weightScratch, int maxThreads = 0)
    {
        if (length < 2) return;
        int threads = Threads(length, maxThreads);
        var chunks = new Chunk[threads];
        for (int t = 0; t < threads; t++)
            chunks[t] = new Chunk(start + (int)((long)length * t / threads), start + (int)((long)length * (t + 1) / threads));
        // All eight digit histograms in one pass: their totals show which digits are trivial (every key alike), and each
        // chunk's histogram of the first digit sorted is already the one its scatter needs.
        Run(threads, t => chunks[t].CountAllDigits(keys));
        var totals = new int[Digits * Buckets];
        foreach (var chunk in chunks)
            for (int i = 0; i < totals.Length; i++) totals[i] += chunk.Histogram[i];

        var source = new Arrays(keys, payload, weights);
        var target = new Arrays(keyScratch, payloadScratch, weights is null ? null : weightScratch);
        bool first = true;
        for (int d = 0; d < Digits; d++)
        {
            if (Trivial(totals.AsSpan(d * Buckets, Buckets), length)) continue;
            int shift = d * DigitBits;
            // After a pass the chunks hold other items: count this digit afresh (the first pass reuses the counts above).
            if (!first) Run(threads, t => chunks[t].CountDigit(source.Keys, d));
            first = false;
            int sum = start;
            for (int b = 0; b < Buckets; b++)
                foreach (var chunk in chunks)
                {
                    chunk.Offsets[b] = sum;
                    sum += chunk.Histogram[d * Buckets + b];
                }
            var (from, to) = (source, target);
            Run(threads, t => chunks[t].Scatter(from, to, shift));
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source.Keys, keys))
        {
            // The sorted data are in the caller's scratch: copy them back into the caller's arrays.
            Array.Copy(source.Keys, start, keys, start, length);
            Array.Copy(source.Payload, start, payload, start, length);
            if (weights is not null) Array.Copy(source.Weights!, start, weights, start, length);
        }
    }

    /// <summary>The threads a linear pass over <paramref name="items"/> items is split among: 1 below
    /// <see cref="ParallelThreshold"/>, else all cores, at most 8 and at most <paramref name="maxThreads"/> when it is
    /// positive.</summary>
    internal static int Threads(int items, int maxThreads = 0)
        => items < ParallelThreshold ? 1 : Math.Max(1, Math.Min(maxThreads > 0 ? maxThreads : 8, Environment.ProcessorCount));

    /// <summary>Runs <paramref name="body"/> for each of <paramref name="threads"/> parts, on the calling thread when there
    /// is one.</summary>
    internal static void Run(int threads, Action<int> body)
    {
        if (threads == 1) body(0);
        else Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }

    private static bool Trivial(ReadOnlySpan<int> histogram, int count)
    {
        foreach (int h in histogram)
        {
            if (h == count) return true;
            if (h != 0) return false;
        }
        return false;
    }

    private readonly record struct Arrays(ulong[] Keys, int[] Payload, double[]? Weights);

    /// <summary>One thread's contiguous share of the items: its digit histograms and scatter positions.</summary>
    private sealed class Chunk(int start, int end)
    {
        public int[] Histogram { get; } = new int[Digits * Buckets];

        public int[] Offsets { get; } = new int[Buckets];

        public void CountAllDigits(ulong[] keys)
        {
            ref int bins = ref MemoryMarshal.GetArrayDataReference(Histogram);
            for (int i = start; i < end; i++)
            {
                ulong k = keys[i];
                for (int d = 0; d < Digits; d++) Unsafe.Add(ref bins, d * Buckets + (int)((k >> (d * DigitBits)) & (Buckets - 1)))++;
            }
        }

        public void CountDigit(ulong[] keys, int d)
        {
            var bins = Histogram.AsSpan(d * Buckets, Buckets);
            bins.Clear();
            int shift = d * DigitBits;
            ref int bin = ref MemoryMarshal.GetReference(bins);
            for (int i = start; i < end; i++) Unsafe.Add(ref bin, (int)((keys[i] >> shift) & (Buckets - 1)))++;
        }

        /// <summary>The sort's inner loop: references instead of indexers drop the bounds checks the JIT cannot prove away
        /// (the bucket and the target position come from the data). Positions are in range by construction (the offsets are
        /// prefix sums of this digit's histograms over the same items).</summary>
        public void Scatter(Arrays from, Arrays to, int shift)
        {
            ref ulong key = ref MemoryMarshal.GetArrayDataReference(from.Keys);
            ref int item = ref MemoryMarshal.GetArrayDataReference(from.Payload);
            ref ulong keyOut = ref MemoryMarshal.GetArrayDataReference(to.Keys);
            ref int itemOut = ref MemoryMarshal.GetArrayDataReference(to.Payload);
            ref int offset = ref MemoryMarshal.GetArrayDataReference(Offsets);
            if (from.Weights is { } weights)
            {
                ref double weight = ref MemoryMarshal.GetArrayDataReference(weights);
                ref double weightOut = ref MemoryMarshal.GetArrayDataReference(to.Weights!);
                for (int i = start; i < end; i++)
                {
                    ulong k = Unsafe.Add(ref key, i);
                    int o = Unsafe.Add(ref offset, (int)((k >> shift) & (Buckets - 1)))++;
                    Unsafe.Add(ref keyOut, o) = k;
                    Unsafe.Add(ref itemOut, o) = Unsafe.Add(ref item, i);
                    Unsafe.Add(ref weightOut, o) = Unsafe.Add(ref weight, i);
                }
            }
            else
            {
                for (int i = start; i < end; i++)
                {
                    ulong k = Unsafe.Add(ref key, i);
                    int o = Unsafe.Add(ref offset, (int)((k >> shift) & (Buckets - 1)))++;
                    Unsafe.Add(ref keyOut, o) = k;
                    Unsafe.Add(ref itemOut, o) = Unsafe.Add(ref item, i);
                }
            }
        }
    }
}
