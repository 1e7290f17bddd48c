namespace Survival.Reconstruction;

/// <summary>Rows of several arms held together, split by arm in the order the arms first appear, each value remembering
/// its 1-based position among all the rows so that an error names the row the user holds.</summary>
internal static class GroupedRows
{
    internal sealed record Arm<TValue>(string Group, List<TValue> Values, List<long> Positions);

    public static List<Arm<TValue>> Split<T, TValue>(IEnumerable<T> rows, Func<T, string?> group, Func<T, TValue> value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var arms = new List<Arm<TValue>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        long position = 0;
        foreach (var row in rows)
        {
            position++;
            string g = group(row) ?? throw new SurvivalInputException("the arm is missing (null): every row must name its arm", column: "group", row: position);
            if (!index.TryGetValue(g, out int k))
            {
                k = arms.Count;
                index.Add(g, k);
                arms.Add(new Arm<TValue>(g, [], []));
            }
            arms[k].Values.Add(value(row));
            arms[k].Positions.Add(position);
        }
        if (arms.Count == 0) throw new SurvivalInputException("there are no rows", column: "group");
        return arms;
    }

    /// <summary>Runs <paramref name="build"/> on one arm's values; an error naming a row within the arm is re-raised
    /// naming its position among all the rows.</summary>
    public static TResult AtPosition<TValue, TResult>(Arm<TValue> arm, Func<TResult> build)
    {
        try { return build(); }
        catch (SurvivalInputException ex) when (ex.Row is long r && r >= 1 && r <= arm.Positions.Count)
        {
            throw new SurvivalInputException(ex.Reason, column: ex.Column, value: ex.Value, row: arm.Positions[(int)(r - 1)], input: ex.Input);
        }
    }
}
