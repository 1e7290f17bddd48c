namespace Survival.Assessment;

/// <summary>A Fenwick (binary indexed) tree of weights over score ranks 1..m: add and prefix sum in O(log m).</summary>
/// <remarks>Written here because it is twelve lines and no dependency of the core offers one; R's concordance walks a
/// balanced binary tree to the same end (O(log m) per row).</remarks>
internal sealed class WeightTree
{
    private readonly double[] _tree;

    public WeightTree(int ranks) => _tree = new double[ranks + 1];

    /// <summary>The weight added so far, over all ranks.</summary>
    public double Total { get; private set; }

    public void Add(int rank, double weight)
    {
        Total += weight;
        for (int i = rank; i < _tree.Length; i += i & -i) _tree[i] += weight;
    }

    /// <summary>The weight at ranks 1..<paramref name="rank"/>.</summary>
    public double Prefix(int rank)
    {
        double s = 0;
        for (int i = rank; i > 0; i -= i & -i) s += _tree[i];
        return s;
    }

    /// <summary>(weight above, weight below, weight at) <paramref name="rank"/>.</summary>
    public (double Greater, double Less, double Tied) Around(int rank)
    {
        double below = Prefix(rank - 1), atOrBelow = Prefix(rank);
        return (Total - atOrBelow, below, atOrBelow - below);
    }

    public void Clear()
    {
        Array.Clear(_tree);
        Total = 0;
    }
}
