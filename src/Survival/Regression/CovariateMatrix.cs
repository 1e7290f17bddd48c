namespace Survival.Regression;

/// <summary>
/// Covariates for a regression, one column per coefficient: numeric columns as given, categorical columns expanded by
/// treatment coding (one 0/1 column per level other than the reference, named <c>name=level</c>, as R's
/// <c>contr.treatment</c> names them <c>namelevel</c>).
/// </summary>
public sealed class CovariateMatrix
{
    private readonly List<string> _names = new();
    private readonly List<double[]> _columns = new();
    private readonly List<CovariateTerm> _terms = new();

    /// <summary>Creates an empty matrix for <paramref name="rows"/> rows.</summary>
    /// <param name="rows">The number of rows (must equal the data's).</param>
    public CovariateMatrix(int rows)
    {
        if (rows < 1) throw new SurvivalInputException("a covariate matrix needs at least one row");
        Rows = rows;
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The column (coefficient) names, in order.</summary>
    public IReadOnlyList<string> Names => ValueList<string>.Of(_names);

    /// <summary>The number of columns.</summary>
    public int Count => _columns.Count;

    /// <summary>Column <paramref name="j"/>.</summary>
    public ReadOnlySpan<double> Column(int j) => _columns[j];

    /// <summary>Column <paramref name="j"/>'s storage, for the library's own passes (not to be written).</summary>
    internal double[] ColumnArray(int j) => _columns[j];

    internal double this[int row, int column] => _columns[column][row];

    /// <summary>The terms (covariates as the user named them): a numeric covariate is one column, a categorical one is
    /// one column per level other than the reference (R's <c>assign</c>).</summary>
    public IReadOnlyList<CovariateTerm> Terms => ValueList<CovariateTerm>.Of(_terms);

    /// <summary>Adds a numeric covariate (finite values).</summary>
    /// <param name="name">The coefficient's name.</param>
    /// <param name="values">One value per row.</param>
    public CovariateMatrix AddNumeric(string name, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (values.Length != Rows) throw new SurvivalInputException($"has {values.Length} values but the data have {Rows} rows", column: name);
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) throw new SurvivalInputException("a covariate must be a finite number", column: name, value: SurvivalData.Format(values[i]), row: i + 1);
        AddTerm(new CovariateTerm(name, _columns.Count, 1, null, null));
        Add(name, values.ToArray());
        return this;
    }

    /// <summary>Adds a categorical covariate by treatment coding against <paramref name="reference"/> (default: the first level, as R).</summary>
    /// <param name="name">The covariate's name.</param>
    /// <param name="factor">One level per row.</param>
    /// <param name="reference">The reference level; null for the first level.</param>
    public CovariateMatrix AddCategorical(string name, Factor factor, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(factor);
        if (factor.Count != Rows) throw new SurvivalInputException($"has {factor.Count} values but the data have {Rows} rows", column: name);
        int refCode = reference is null ? 0 : IndexOf(factor.Levels, reference, name);
        var codes = factor.Codes;
        AddTerm(new CovariateTerm(name, _columns.Count, factor.Levels.Count - 1, factor.Levels, factor.Levels[refCode]));
        for (int level = 0; level < factor.Levels.Count; level++)
        {
            if (level == refCode) continue;
            var column = new double[Rows];
            for (int i = 0; i < Rows; i++) column[i] = codes[i] == level ? 1 : 0;
            Add($"{name}={factor.Levels[level]}", column);
        }
        return this;
    }

    /// <summary>The rows <paramref name="rows"/> of this matrix, in that order (a row may repeat), with the same terms:
    /// the covariates of rows split or extended elsewhere (<see cref="CountingProcessRows.SourceRow"/>).</summary>
    internal CovariateMatrix Gather(IReadOnlyList<int> rows)
    {
        var gathered = new CovariateMatrix(rows.Count);
        for (int j = 0; j < _columns.Count; j++)
        {
            var source = _columns[j];
            var column = new double[rows.Count];
            for (int i = 0; i < column.Length; i++) column[i] = source[rows[i]];
            gathered._names.Add(_names[j]);
            gathered._columns.Add(column);
        }
        gathered._terms.AddRange(_terms);
        return gathered;
    }

    private static int IndexOf(IReadOnlyList<string> levels, string reference, string name)
    {
        for (int i = 0; i < levels.Count; i++) if (levels[i] == reference) return i;
        throw new SurvivalInputException($"the reference level is not one of {string.Join(", ", levels)}", column: name, value: reference);
    }

    private void AddTerm(CovariateTerm term)
    {
        if (_terms.Any(t => t.Name == term.Name)) throw new SurvivalInputException("covariate names must be distinct", column: term.Name);
        _terms.Add(term);
    }

    private void Add(string name, double[] column)
    {
        if (_names.Contains(name)) throw new SurvivalInputException("covariate names must be distinct", column: name);
        _names.Add(name);
        _columns.Add(column);
    }
}
