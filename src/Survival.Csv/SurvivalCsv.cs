namespace Survival.Csv;

/// <summary>Reads validated <see cref="SurvivalData"/> from a CSV file.</summary>
/// <remarks>Every value is checked as <see cref="CsvTable"/> and <see cref="SurvivalData.Create(ReadOnlySpan{double}, ReadOnlySpan{bool}, double[], double[], IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{string})"/>
/// describe; an error names the file, the physical line, the column and the value. A row with a missing value in a
/// column in use (<see cref="CsvReadOptions.MissingValues"/>: <c>NA</c> or an empty field by default) is left out, as R's
/// <c>na.omit</c>, and listed in <see cref="SurvivalData.Omitted"/> by its file line; with
/// <see cref="MissingValuePolicy.Fail"/> it is an error instead. No other row is dropped.</remarks>
public static class SurvivalCsv
{
    /// <summary>Reads time-to-event data from <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the load (checked every 65,536 rows): <see cref="OperationCanceledException"/>.</param>
    /// <param name="progress">Receives the rows read ("reading", out of the rows the file's size suggests).</param>
    /// <exception cref="SurvivalInputException">A problem with the file or a value.</exception>
    public static SurvivalData Read(string path, SurvivalColumns columns, CsvReadOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        cancellationToken.ThrowIfCancellationRequested();
        MemoryEstimate.Check(path, columns.Names.Count, table: false);
        // Valid files take the columnar path (no string per field); anything it declines is read again through the table,
        // whose errors name the line, column and value.
        if (options is null || !(options.Delimiter > 127 || options.Delimiter is '"' or '\r' or '\n')) // an invalid delimiter: the table path reports it
        {
            var fast = ColumnarCsvReader.TryRead(path, columns, options ?? CsvReadOptions.Default, cancellationToken: cancellationToken, progress: progress);
            if (fast is not null) return fast;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var table = CsvTable.Read(path, columns.Names, options);
        return ToData(table, columns);
    }

    /// <summary>Turns the columns of a table into validated data, translating row errors into file lines. Rows with a
    /// missing value in <paramref name="columns"/> are left out first (<see cref="CsvTable.OmitMissing"/>); to leave out
    /// rows missing in other columns too (covariates), call <see cref="CsvTable.OmitMissing"/> with all of them first.</summary>
    /// <param name="table">A table holding <paramref name="columns"/>.</param>
    /// <param name="columns">The columns to use.</param>
    public static SurvivalData ToData(CsvTable table, SurvivalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        table = table.OmitMissing(columns.Names);
        var time = table.Numbers(columns.Time);
        var status = columns.EventValues is { } values ? table.EventsWhere(columns.Event, values) : table.Events(columns.Event);
        var entry = columns.Entry is null ? null : table.Numbers(columns.Entry);
        var weight = columns.Weight is null ? null : table.Numbers(columns.Weight);
        var group = columns.Group is null ? null : table.Labels(columns.Group);
        var strata = columns.Strata is null ? null : table.Labels(columns.Strata);
        var id = columns.Id is null ? null : table.Labels(columns.Id);
        try
        {
            var data = SurvivalData.Create(time, status, entry, weight, group, strata, id);
            return table.Omitted.Count == 0 ? data : data.WithOmitted(table.Omitted);
        }
        catch (SurvivalInputException ex) when (ex.Row is long && ex.Input is not null)
        {
            throw AtLine(table, columns, ex);
        }
    }

    /// <summary>Reads interval-censored rows (R's <c>Surv(left, right, type = "interval2")</c>) from <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="columns">The columns to use.</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <remarks>A missing left end is a left-censored row, a missing right end (or <c>Inf</c>) a right-censored one; a row
    /// missing both, or missing its weight, group or stratum, is left out and reported as any missing value (an error under
    /// <see cref="MissingValuePolicy.Fail"/>). Errors name the file, line, column and value.</remarks>
    /// <exception cref="SurvivalInputException">A problem with the file or a value.</exception>
    public static SurvivalData ReadIntervals(string path, IntervalColumns columns, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        MemoryEstimate.Check(path, columns.Names.Count, table: true);
        return ToIntervalData(CsvTable.Read(path, columns.Names, options), columns);
    }

    /// <summary>Turns the columns of a table into validated interval-censored data (as <see cref="ReadIntervals"/>), with
    /// errors at file lines.</summary>
    /// <param name="table">A table holding <paramref name="columns"/>.</param>
    /// <param name="columns">The columns to use.</param>
    public static SurvivalData ToIntervalData(CsvTable table, IntervalColumns columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        table = table.OmitMissing(new[] { columns.Weight, columns.Group, columns.Strata }.OfType<string>()).OmitMissingInAll([columns.Left, columns.Right]);
        var left = table.IntervalEnds(columns.Left);
        var right = table.IntervalEnds(columns.Right);
        var weight = columns.Weight is null ? null : table.Numbers(columns.Weight);
        var group = columns.Group is null ? null : Factor.FromLabels(table.Labels(columns.Group), name: "group");
        var strata = columns.Strata is null ? null : Factor.FromLabels(table.Labels(columns.Strata), name: "strata");
        try
        {
            var data = SurvivalData.FromIntervalFactors(left, right, weight, group, strata);
            return table.Omitted.Count == 0 ? data : data.WithOmitted(table.Omitted);
        }
        catch (SurvivalInputException ex) when (ex.Row is long && ex.Input is not null)
        {
            throw IntervalAtLine(table, columns, ex);
        }
    }

    /// <summary>An error about row r of interval data read from <paramref name="table"/>, at its file line; any other as it is.</summary>
    /// <param name="table">The table the data came from.</param>
    /// <param name="columns">The columns used.</param>
    /// <param name="error">The error.</param>
    public static SurvivalInputException IntervalInFileTerms(CsvTable table, IntervalColumns columns, SurvivalInputException error)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(error);
        return error.Row is long && error.Input is not null && error.File is null ? IntervalAtLine(table, columns, error) : error;
    }

    private static SurvivalInputException IntervalAtLine(CsvTable table, IntervalColumns columns, SurvivalInputException ex)
    {
        int row = (int)(ex.Row!.Value - 1);
        string column = ex.Input switch
        {
            DataColumn.Time => columns.Left,
            DataColumn.Upper => columns.Right,
            DataColumn.Weight => columns.Weight ?? "weight",
            DataColumn.Group => columns.Group ?? "group",
            _ => columns.Strata ?? "strata",
        };
        return table.Bad(ex.Reason, column, row, table.Text(column)[row]);
    }

    /// <summary>An error the core raised about row r of data read from <paramref name="table"/> (by
    /// <see cref="ToData"/>), restated with the file's line, the column's name in the file and the value as written; any
    /// other error as it is. For errors that estimators raise later (a time ≤ 0 for a log-time model).</summary>
    /// <param name="table">The table the data came from.</param>
    /// <param name="columns">The columns used.</param>
    /// <param name="error">The error.</param>
    public static SurvivalInputException InFileTerms(CsvTable table, SurvivalColumns columns, SurvivalInputException error)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(error);
        return error.Row is long && error.Input is not null && error.File is null ? AtLine(table, columns, error) : error;
    }

    /// <summary>An error about row r of the data validated from <paramref name="table"/> (1-based, as the core reports
    /// it), restated with the file's line, the column's name in the file and the value as written.</summary>
    internal static SurvivalInputException AtLine(CsvTable table, SurvivalColumns columns, SurvivalInputException ex)
    {
        long row = ex.Row!.Value;
        string column = ex.Input switch
        {
            DataColumn.Time => columns.Time,
            DataColumn.Event => columns.Event,
            DataColumn.Entry => columns.Entry ?? "entry",
            DataColumn.Weight => columns.Weight ?? "weight",
            DataColumn.Group => columns.Group ?? "group",
            DataColumn.Strata => columns.Strata ?? "strata",
            _ => columns.Id ?? "id",
        };
        return table.Bad(ex.Reason, column, (int)(row - 1), table.Text(column)[(int)(row - 1)]);
    }
}
