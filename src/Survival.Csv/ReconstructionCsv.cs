using System.Globalization;
using Survival.Reconstruction;

namespace Survival.Csv;

/// <summary>The files of reconstruction from published curves: digitised points (<c>group,time,survival</c>), published
/// numbers at risk (<c>time,atRisk[,group]</c>) and the reconstructed patients (<c>group,time,event</c>).</summary>
public static class ReconstructionCsv
{
    /// <summary>Reads digitised curves: columns <c>time</c> and <c>survival</c>, and <c>group</c> when there are several
    /// curves (rows of one group need not be together). Groups keep the order they first appear in.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="scale">How the survival column is written.</param>
    /// <param name="kind">Whether it is survival or a cumulative incidence.</param>
    /// <exception cref="SurvivalInputException">The file has no points, a value is not a number, or a point breaks a rule
    /// of <see cref="DigitizedCurve.Create"/>; the message names the file, line, column and value.</exception>
    public static IReadOnlyList<DigitizedCurve> ReadCurves(string path, CurveScale scale = CurveScale.Proportion, CurveKind kind = CurveKind.Survival)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool grouped = CsvTable.HeaderOf(path).Contains("group");
        var table = CsvTable.Read(path, grouped ? ["group", "time", "survival"] : ["time", "survival"]);
        if (table.RowCount == 0) throw new SurvivalInputException("the file has no points (only a header)", file: path);
        var time = table.Numbers("time");
        var value = table.Numbers("survival");
        var groups = grouped ? table.Labels("group") : Enumerable.Repeat("", table.RowCount).ToArray();
        var curves = new List<DigitizedCurve>();
        foreach (var rows in ByGroup(groups))
        {
            string? name = grouped ? groups[rows[0]] : null;
            try
            {
                curves.Add(DigitizedCurve.Create(rows.Select(r => time[r]).ToArray(), rows.Select(r => value[r]).ToArray(), name, scale, kind));
            }
            catch (SurvivalInputException e) when (e.Row is long row)
            {
                int at = rows[(int)row - 1];
                string column = e.Column ?? "survival";
                throw table.Bad(e.Reason, column, at, table.Text(column)[at]);
            }
        }
        return curves;
    }

    /// <summary>Reads published numbers at risk: columns <c>time</c> and <c>atRisk</c>, and <c>group</c> for several arms;
    /// each arm's rows in time order, starting at 0.</summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>Each arm's table by group name ("" when the file has no group column).</returns>
    /// <exception cref="SurvivalInputException">The file has no rows, a value is not a number, times go backwards, a count
    /// rises or is not whole; the message names the file, line, column and value.</exception>
    public static IReadOnlyDictionary<string, AtRiskTable> ReadAtRisk(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool grouped = CsvTable.HeaderOf(path).Contains("group");
        var table = CsvTable.Read(path, grouped ? ["group", "time", "atRisk"] : ["time", "atRisk"]);
        if (table.RowCount == 0) throw new SurvivalInputException("the file has no rows (only a header)", file: path);
        var time = table.Numbers("time");
        var count = table.Numbers("atRisk");
        var groups = grouped ? table.Labels("group") : Enumerable.Repeat("", table.RowCount).ToArray();
        var result = new Dictionary<string, AtRiskTable>(StringComparer.Ordinal);
        foreach (var rows in ByGroup(groups))
        {
            string name = groups[rows[0]];
            try
            {
                result[name] = AtRiskTable.Create(rows.Select(r => time[r]).ToArray(), rows.Select(r => count[r]).ToArray(), grouped ? name : null);
            }
            catch (SurvivalInputException e) when (e.Row is long row)
            {
                int at = rows[(int)row - 1];
                string column = e.Column ?? "atRisk";
                throw table.Bad(e.Reason, column, at, table.Text(column)[at]);
            }
        }
        return result;
    }

    /// <summary>Writes the reconstructed patients, one row each: <c>group,time,event</c> (event 1 or 0; group empty for a
    /// single unnamed curve), written whole or not at all.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="result">The reconstruction.</param>
    public static void WritePatients(string path, ReconstructionResult result)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(result);
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("group,time,event");
            foreach (var arm in result.Arms)
                for (int i = 0; i < arm.N; i++)
                    w.WriteLine($"{Quote(arm.Group ?? "")},{arm.Time[i].ToString("R", CultureInfo.InvariantCulture)},{(arm.Event[i] ? 1 : 0)}");
        });
    }

    /// <summary>Writes grouped rows as <c>group,time,event</c> (event 1 or 0), written whole or not at all: the file
    /// <c>survival synthesize</c> writes, read back by <c>SurvivalCsv</c> with <c>--group group</c>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="data">The rows; each row's group label, or empty without groups.</param>
    public static void WriteRows(string path, SurvivalData data)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("group,time,event");
            for (int i = 0; i < data.Count; i++)
                w.WriteLine($"{Quote(data.Group?[i] ?? "")},{data.Time[i].ToString("R", CultureInfo.InvariantCulture)},{(data.Event[i] ? 1 : 0)}");
        });
    }

    /// <summary>Writes digitised points: <c>group,time,survival</c>, written whole or not at all.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="points">The points, each with its curve's group.</param>
    public static void WritePoints(string path, IEnumerable<(string Group, double Time, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(points);
        Survival.IO.AtomicFile.WriteText(path, w =>
        {
            w.WriteLine("group,time,survival");
            foreach (var (group, time, value) in points)
                w.WriteLine($"{Quote(group)},{time.ToString("R", CultureInfo.InvariantCulture)},{value.ToString("R", CultureInfo.InvariantCulture)}");
        });
    }

    private static IEnumerable<int[]> ByGroup(string[] groups)
    {
        var order = new List<string>();
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < groups.Length; i++)
        {
            if (!rows.TryGetValue(groups[i], out var list))
            {
                rows[groups[i]] = list = [];
                order.Add(groups[i]);
            }
            list.Add(i);
        }
        return order.Select(g => rows[g].ToArray());
    }

    private static string Quote(string text) => text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
