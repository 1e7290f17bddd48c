namespace Survival.Csv;

/// <summary>Reads validated <see cref="SurvivalData"/> from a CSV file.</summary>
/// <remarks>Every value is checked as <see cref="CsvTable"/> and <see cref="SurvivalData.Create(ReadOnlySpan{double}, ReadOnlySpan{bool}, double[], double[], IReadOnlyList{string}, IReadOnlyList{string})"/>
/// describe; an error names the file, the physical line, the column and the value. No row is dropped.</remarks>
public static class SurvivalCsv
{
    /// <summary>Reads time-to-event data from <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <exception cref="SurvivalInputException">A problem with the file or a value.</exception>
    public static SurvivalData Read(string path, SurvivalColumns columns, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = CsvTable.Read(path, columns.Names, options);
        return ToData(table, columns);
    }

    /// <summary>Turns the columns of a table into validated data, translating row errors into file lines.</summary>
    /// <param name="table">A table holding <paramref name="columns"/>.</param>
    /// <param name="columns">The columns to use.</param>
    public static SurvivalData ToData(CsvTable table, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var time = table.Numbers(columns.Time);
        var status = table.Events(columns.Event);
        var entry = columns.Entry is null ? null : table.Numbers(columns.Entry);
        var weight = columns.Weight is null ? null : table.Numbers(columns.Weight);
        var group = columns.Group is null ? null : table.Labels(columns.Group);
        var strata = columns.Strata is null ? null : table.Labels(columns.Strata);
        try
        {
            return SurvivalData.Create(time, status, entry, weight, group, strata);
        }
        catch (SurvivalInputException ex) when (ex.Row is long row)
        {
            string column = ex.Column switch
            {
                "time" => columns.Time,
                "entry" => columns.Entry ?? "entry",
                "weight" => columns.Weight ?? "weight",
                "group" => columns.Group ?? "group",
                "strata" => columns.Strata ?? "strata",
                var c => c ?? "",
            };
            throw table.Bad(ex.Reason, column, (int)(row - 1), table.Text(column)[(int)(row - 1)]);
        }
    }
}
