namespace Survival;

/// <summary>A square matrix kept by a result (a covariance or variance matrix): read-only, compared by value, so that
/// records holding one compare by their numbers, not by reference.</summary>
internal readonly record struct SquareMatrix
{
    private readonly ValueList<double> _cells;

    public SquareMatrix(double[,] values)
    {
        Size = values.GetLength(0);
        var cells = new double[Size * Size];
        for (int i = 0; i < Size; i++)
            for (int j = 0; j < Size; j++) cells[i * Size + j] = values[i, j];
        _cells = new ValueList<double>(cells);
    }

    /// <summary>The number of rows (and columns).</summary>
    public int Size { get; }

    /// <summary>The entry in row <paramref name="i"/>, column <paramref name="j"/>.</summary>
    public double this[int i, int j] => _cells[i * Size + j];
}
