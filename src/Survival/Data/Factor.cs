using System.Globalization;

namespace Survival;

/// <summary>
/// A categorical column: one integer code per row and the ordered list of levels the codes index, as an R factor.
/// </summary>
/// <remarks>
/// Level order matters: it is the order of curves, of groups in a test, and the default reference level of a
/// regression (the first level). <see cref="FromLabels"/> orders levels as R's <c>factor()</c> does for the
/// column R's <c>read.csv</c> would produce: numerically when every label is a number, otherwise by ordinal string
/// comparison (R sorts in the session's locale; for ASCII letters of one case the two agree). Pass
/// <c>levels</c> explicitly to choose another order.
/// </remarks>
public sealed class Factor
{
    private readonly int[] _codes;
    private readonly string[] _levels;
    private readonly ValueList<string> _levelList;

    private Factor(int[] codes, string[] levels)
    {
        _codes = codes;
        _levels = levels;
        _levelList = new ValueList<string>(levels);
    }

    /// <summary>The number of rows.</summary>
    public int Count => _codes.Length;

    /// <summary>The 0-based level code of each row.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The levels in order; <c>Levels[Codes[i]]</c> is row <c>i</c>'s label.</summary>
    public IReadOnlyList<string> Levels => _levelList;

    /// <summary>The label of row <paramref name="row"/> (0-based).</summary>
    public string this[int row] => _levels[_codes[row]];

    internal int[] CodeArray => _codes;

    /// <summary>Builds a factor from one label per row.</summary>
    /// <param name="labels">The labels; none may be null.</param>
    /// <param name="levels">The level order; every label must be one of them. When null, the order described in the remarks.</param>
    /// <param name="name">The column's name, for error messages.</param>
    /// <exception cref="SurvivalInputException">A label is null or not among <paramref name="levels"/>, or the levels repeat.</exception>
    public static Factor FromLabels(IReadOnlyList<string> labels, IReadOnlyList<string>? levels = null, string name = "group")
    {
        ArgumentNullException.ThrowIfNull(labels);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] levelArray;
        if (levels is not null)
        {
            levelArray = levels.ToArray();
            for (int i = 0; i < levelArray.Length; i++)
            {
                if (levelArray[i] is null) throw new SurvivalInputException("a level is null", column: name);
                if (!index.TryAdd(levelArray[i], i))
                    throw new SurvivalInputException("levels must be distinct", column: name, value: levelArray[i]);
            }
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i] ?? throw new SurvivalInputException("the label is missing", column: name, row: i + 1);
                seen.Add(label);
            }
            levelArray = seen.ToArray();
            SortLevels(levelArray);
            for (int i = 0; i < levelArray.Length; i++) index[levelArray[i]] = i;
        }

        var codes = new int[labels.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            var label = labels[i] ?? throw new SurvivalInputException("the label is missing", column: name, row: i + 1);
            if (!index.TryGetValue(label, out codes[i]))
                throw new SurvivalInputException("the label is not one of the given levels", column: name, value: label, row: i + 1);
        }
        return new Factor(codes, levelArray);
    }

    /// <summary>Builds a factor from integer codes and their levels, without copying labels per row.</summary>
    /// <param name="codes">0-based codes, each in [0, levels.Count).</param>
    /// <param name="levels">The distinct levels, in order.</param>
    /// <param name="name">The column's name, for error messages.</param>
    /// <exception cref="SurvivalInputException">A code is out of range, or the levels repeat.</exception>
    public static Factor FromCodes(ReadOnlySpan<int> codes, IReadOnlyList<string> levels, string name = "group")
    {
        ArgumentNullException.ThrowIfNull(levels);
        var levelArray = levels.ToArray();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in levelArray)
        {
            if (level is null) throw new SurvivalInputException("a level is null", column: name);
            if (!distinct.Add(level)) throw new SurvivalInputException("levels must be distinct", column: name, value: level);
        }
        var copy = codes.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if ((uint)copy[i] >= (uint)levelArray.Length)
                throw new SurvivalInputException($"the code is outside 0..{levelArray.Length - 1}", column: name,
                    value: copy[i].ToString(CultureInfo.InvariantCulture), row: i + 1);
        }
        return new Factor(copy, levelArray);
    }

    /// <summary>A factor over codes the library has just computed and knows to be in range (no copy, no check).</summary>
    internal static Factor Trusted(int[] codes, string[] levels) => new(codes, levels);

    /// <summary>Sorts levels numerically when all are numbers, else ordinally (see remarks of <see cref="Factor"/>).</summary>
    internal static void SortLevels(string[] levels)
    {
        var numbers = new double[levels.Length];
        bool allNumeric = true;
        for (int i = 0; i < levels.Length && allNumeric; i++)
            allNumeric = double.TryParse(levels[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
        if (allNumeric) Array.Sort(numbers, levels);
        else Array.Sort(levels, StringComparer.Ordinal);
    }
}
