namespace Survival.Regression;

/// <summary>Residuals with one column per estimable coefficient: one row per input row (score, dfbeta, dfbetas), or one
/// row per event (Schoenfeld), with the event's time and stratum.</summary>
public sealed record ResidualMatrix
{
    private readonly double[][] _rows;

    internal ResidualMatrix(string[] columns, double[][] rows, double[]? times, string[]? strata)
    {
        Columns = ValueList<string>.Of(columns);
        _rows = rows;
        Times = times is null ? null : ValueList<double>.Of(times);
        Strata = strata is null ? null : ValueList<string>.Of(strata);
    }

    /// <summary>The coefficient of each column.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>Row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column] => _rows[row][column];

    /// <summary>Row <paramref name="row"/>.</summary>
    public IReadOnlyList<double> Row(int row) => ValueList<double>.Of(_rows[row]);

    /// <summary>The event time of each row (Schoenfeld residuals), or null.</summary>
    public IReadOnlyList<double>? Times { get; }

    /// <summary>The stratum of each row (Schoenfeld residuals of a stratified fit), or null.</summary>
    public IReadOnlyList<string>? Strata { get; }
}
