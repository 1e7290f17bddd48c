namespace Survival.MultiState;

/// <summary>
/// Products of the Aalen–Johansen transition matrices from any past event time up to the latest one, with their time
/// integrals, applied to a row vector: for times a..b (b the latest appended), M = H_a·H_(a+1)···H_b and
/// N = Σ_i (H_a···H_i)·δ_i, so that a row vector x carried from before time a to time b is x·M, and its integral over
/// the intervals that follow those times is x·N. The matrices need not be invertible (H is not once a state empties), so
/// nothing is divided out of a longer product.
/// </summary>
/// <remarks>
/// <para>Two consecutive ranges compose as (M₁, N₁)∘(M₂, N₂) = (M₁M₂, N₁ + M₁N₂), and a vector takes a range as
/// (x, area) ∘ (M, N) = (xM, area + xN).</para>
/// <para>The times are cut into blocks of about √T. Kept: each finished block's suffix products (from each of its times
/// to its end), for each finished block the product of it and every finished block after it, and the running product of
/// the block being filled. A range reaching the latest time is then at most three pieces: the suffix of its first
/// block, the whole blocks after it, and the running product; a range inside the block being filled is applied one
/// matrix at a time (at most √T of them). So a query costs O(s²) (O(√T·s²) at worst), appending costs O(s³), and finishing
/// the k-th block O(√T·s³ + k·s³): O(T·s³) in all, with O(T·s²) memory. (A segment tree answers any range, but composes
/// O(log T) matrices per query; every query of the estimator ends at the latest time.)</para>
/// </remarks>
internal sealed class TransitionProducts
{
    private readonly int _s, _sq, _block;
    private readonly double[] _suffix;            // per time of a finished block: its block's suffix from that time (M, then N)
    private readonly double[] _tailM, _tailN;     // per finished block k: blocks k … last finished
    private readonly double[] _runM, _runN;       // the block being filled: its start … latest
    private readonly double[] _h, _delta;         // the block being filled: its matrices and intervals
    private readonly double[] _scratch, _scratchN, _vector;
    private int _count;

    /// <param name="times">The number of event times that will be appended.</param>
    /// <param name="states">The number of states s.</param>
    /// <param name="scratch">Where the suffix products are rented.</param>
    public TransitionProducts(int times, int states, ScratchArrays scratch)
    {
        _s = states;
        _sq = states * states;
        _block = Math.Max(8, (int)Math.Ceiling(Math.Sqrt(Math.Max(times, 1))));
        int blocks = (Math.Max(times, 1) + _block - 1) / _block;
        _suffix = scratch.RentWritten<double>(2 * times * _sq);
        _tailM = new double[blocks * _sq];
        _tailN = new double[blocks * _sq];
        _runM = new double[_sq];
        _runN = new double[_sq];
        _h = new double[_block * _sq];
        _delta = new double[_block];
        _scratch = new double[_sq];
        _scratchN = new double[_sq];
        _vector = new double[states];
    }

    /// <summary>Appends the next time's matrix H (s × s, row-major) and the interval δ after it.</summary>
    public void Append(double[] h, double delta)
    {
        int sq = _sq, t = _count, at = t % _block;
        Array.Copy(h, 0, _h, at * sq, sq);
        _delta[at] = delta;
        if (at == 0)
        {
            // (M, N) of one time: (H, Hδ).
            for (int x = 0; x < sq; x++) { _runM[x] = h[x]; _runN[x] = h[x] * delta; }
        }
        else
        {
            // (M, N) ∘ (H, Hδ) = (MH, N + MHδ).
            Multiply(_runM, 0, h, 0, _scratch, 0);
            for (int x = 0; x < sq; x++) { _runM[x] = _scratch[x]; _runN[x] += _scratch[x] * delta; }
        }
        _count++;
        if (at == _block - 1) FinishBlock(t / _block, t - at, _block);
    }

    private void FinishBlock(int k, int first, int length)
    {
        int s = _s, sq = _sq, pair = 2 * sq;
        // Suffixes from the end: (H, Hδ) ∘ (M, N) = (HM, Hδ + HN) = (HM, H(δI + N)).
        int last = first + length - 1;
        for (int x = 0; x < sq; x++)
        {
            _suffix[last * pair + x] = _h[(length - 1) * sq + x];
            _suffix[last * pair + sq + x] = _h[(length - 1) * sq + x] * _delta[length - 1];
        }
        for (int t = last - 1; t >= first; t--)
        {
            int local = t - first;
            Multiply(_h, local * sq, _suffix, (t + 1) * pair, _suffix, t * pair);
            Array.Copy(_suffix, (t + 1) * pair + sq, _scratchN, 0, sq);
            for (int a = 0; a < s; a++) _scratchN[a * s + a] += _delta[local];
            Multiply(_h, local * sq, _scratchN, 0, _suffix, t * pair + sq);
        }
        // Every earlier block's tail takes this block on its right: (M, N) ∘ (B, C) = (MB, N + MC).
        for (int j = 0; j < k; j++)
        {
            Multiply(_tailM, j * sq, _suffix, first * pair + sq, _scratchN, 0);
            Multiply(_tailM, j * sq, _suffix, first * pair, _scratch, 0);
            for (int x = 0; x < sq; x++) { _tailN[j * sq + x] += _scratchN[x]; _tailM[j * sq + x] = _scratch[x]; }
        }
        Array.Copy(_suffix, first * pair, _tailM, k * sq, sq);
        Array.Copy(_suffix, first * pair + sq, _tailN, k * sq, sq);
    }

    /// <summary>Carries the augmented row <paramref name="z"/> = (x, area) (2s values) from before time
    /// <paramref name="first"/> to the latest time: x ← x·M and area += x·N; nothing when <paramref name="first"/> is past
    /// the latest time.</summary>
    public void Apply(int first, double[] z)
    {
        int latest = _count - 1;
        if (first > latest) return;
        int firstBlock = first / _block, latestBlock = latest / _block;
        int finished = (latest + 1) % _block == 0 ? latestBlock : latestBlock - 1;
        if (firstBlock > finished)
        {
            // Inside the block being filled: one matrix at a time.
            for (int t = first; t <= latest; t++)
            {
                int local = t % _block;
                Piece(z, _h, _h, local * _sq, _delta[local], 0);
            }
            return;
        }
        Piece(z, _suffix, _suffix, 2 * first * _sq, 1, _sq);
        if (firstBlock + 1 <= finished) Piece(z, _tailM, _tailN, (firstBlock + 1) * _sq, 1, 0);
        if (finished < latestBlock) Piece(z, _runM, _runN, 0, 1, 0);
    }

    // (x, area) ∘ (M, N·scale) = (xM, area + xN·scale), M at o and N at o + shift; a single time is (H, Hδ): M = N = H,
    // scale δ.
    private void Piece(double[] z, double[] m, double[] n, int o, double scale, int shift)
    {
        int s = _s;
        for (int b = 0; b < s; b++)
        {
            double pm = 0, pn = 0;
            for (int a = 0; a < s; a++)
            {
                pm += z[a] * m[o + a * s + b];
                pn += z[a] * n[o + shift + a * s + b];
            }
            _vector[b] = pm;
            z[s + b] += pn * scale;
        }
        Array.Copy(_vector, z, s);
    }

    // result (at or) = a (at oa) · b (at ob), s × s.
    private void Multiply(double[] a, int oa, double[] b, int ob, double[] result, int or)
    {
        int s = _s;
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double sum = 0;
                for (int c = 0; c < s; c++) sum += a[oa + i * s + c] * b[ob + c * s + j];
                result[or + i * s + j] = sum;
            }
    }
}
