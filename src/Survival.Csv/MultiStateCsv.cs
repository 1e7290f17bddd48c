using Survival.MultiState;

namespace Survival.Csv;

/// <summary>Multi-state rows from a CSV table: the state column holds labels (a state entered, or censor, 0 or an
/// empty field for no transition); the other columns as <see cref="SurvivalCsv"/> reads them.</summary>
public static class MultiStateCsv
{
    /// <summary>Reads and validates multi-state rows.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="options">Reading options (delimiter, missing values and their policy).</param>
    /// <param name="states">Optional order of the entered states (R's factor levels).</param>
    /// <param name="censored">The state values meaning no transition; null for <see cref="MultiStateData.DefaultCensoringLabels"/>.</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule; the message names the file, line, column and value.</exception>
    public static MultiStateData Read(string path, MultiStateColumns columns, CsvReadOptions? options = null, IReadOnlyList<string>? states = null,
        IReadOnlyList<string>? censored = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return ToData(CsvTable.Read(path, columns.Names.ToArray(), options), columns, options, states, censored);
    }

    /// <summary>Builds multi-state data from a table's columns. Rows missing a value in any column but the state are
    /// left out and reported (or an error, as the table's policy says); an empty state is no transition, as R reads an
    /// empty label, and another missing-value text in the state column is an error naming the line.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns.</param>
    /// <param name="options">The reading options the table was read with (their missing-value texts).</param>
    /// <param name="states">Optional order of the entered states.</param>
    /// <param name="censored">The state values meaning no transition; null for the defaults.</param>
    public static MultiStateData ToData(CsvTable table, MultiStateColumns columns, CsvReadOptions? options = null, IReadOnlyList<string>? states = null,
        IReadOnlyList<string>? censored = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        table = table.OmitMissing(columns.Names.Where(c => c != columns.State));
        var markers = (options ?? new CsvReadOptions()).MissingValues;
        var stateText = table.Text(columns.State).Select(s => s.Trim()).ToArray();
        for (int i = 0; i < stateText.Length; i++)
            if (stateText[i].Length > 0 && markers.Contains(stateText[i]) && !(censored?.Contains(stateText[i]) ?? false))
                throw table.Bad("the state is missing: write the state entered, or censor, 0 or nothing for no transition", columns.State, i, stateText[i]);
        try
        {
            var data = MultiStateData.Create(table.Numbers(columns.Time), stateText, columns.Id is null ? null : table.Labels(columns.Id),
                columns.Entry is null ? null : table.Numbers(columns.Entry),
                columns.InitialState is null ? null : table.Labels(columns.InitialState),
                columns.Weight is null ? null : table.Numbers(columns.Weight),
                columns.Group is null ? null : table.Labels(columns.Group), states, censored);
            return table.Omitted.Count == 0 ? data : data.WithOmitted(table.Omitted);
        }
        catch (SurvivalInputException ex) when (ex.Row is long row && ex.Input is { } input)
        {
            string column = input switch
            {
                DataColumn.Time => columns.Time,
                DataColumn.Entry => columns.Entry ?? columns.Time,
                DataColumn.Weight => columns.Weight ?? "weight",
                DataColumn.Group => columns.Group ?? "group",
                DataColumn.InitialState => columns.InitialState ?? "istate",
                DataColumn.Id => columns.Id ?? columns.Time,
                _ => columns.State,
            };
            throw table.Bad(ex.Reason, column, (int)(row - 1), table.Text(column)[(int)(row - 1)]);
        }
    }
}
