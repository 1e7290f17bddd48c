using Survival.CompetingRisks;

namespace Survival.Csv;

/// <summary>Competing-risks rows from a CSV table: the status column holds labels (the censoring label, or a cause as
/// written), the other columns as <see cref="SurvivalCsv"/> reads them.</summary>
public static class CompetingRisksCsv
{
    /// <summary>Builds competing-risks data from the table's columns (applying its missing-value policy first).</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">Time, status (<see cref="SurvivalColumns.Event"/>), optional entry, weight, group, strata.</param>
    /// <param name="censored">The status label meaning censored (default "0").</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule; the message names the file, line, column and value.</exception>
    public static CompetingRisksData ToData(CsvTable table, SurvivalColumns columns, string censored = "0")
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        table = table.OmitMissing(columns.Names);
        var time = table.Numbers(columns.Time);
        var status = table.Text(columns.Event).Select(s => s.Trim()).ToArray();
        var entry = columns.Entry is null ? null : table.Numbers(columns.Entry);
        var weight = columns.Weight is null ? null : table.Numbers(columns.Weight);
        var group = columns.Group is null ? null : table.Labels(columns.Group);
        var strata = columns.Strata is null ? null : table.Labels(columns.Strata);
        if (!status.Any(s => s != censored))
            throw new SurvivalInputException($"no row has a cause: every status is the censoring label \"{censored}\" (name another with --censored)",
                column: columns.Event, file: table.Source);
        try
        {
            var data = CompetingRisksData.Create(time, status, censored, entry, weight, group, strata);
            return table.Omitted.Count == 0 ? data : CompetingRisksData.FromCodes(data.Rows.WithOmitted(table.Omitted), data.Cause, data.Causes, censored);
        }
        catch (SurvivalInputException ex) when (ex.Row is long && ex.Input is not null)
        {
            throw SurvivalCsv.AtLine(table, columns, ex);
        }
    }
}
