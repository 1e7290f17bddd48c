using System.Globalization;
using DuckDB.NET.Data;
using Survival.Csv;
using Survival.Estimation;
using Xunit;

namespace Survival.DuckDb.Tests;

/// <summary>The reduction SQL printed in docs/scaling-out.md runs as it is and, fed to <see cref="SurvivalCounts.Create"/>,
/// gives the row-level answer: the guide cannot drift from the library.</summary>
public class DocumentedSqlTests
{
    private static string DocumentedSql()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "scaling-out.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string text = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "scaling-out.md"));
        int start = text.IndexOf("```sql", StringComparison.Ordinal) + "```sql".Length;
        int end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end].Trim().TrimEnd(';');
    }

    [Fact]
    public void The_guide_sql_gives_the_row_level_answer()
    {
        var rng = new Random(20261124);
        const int n = 2000;
        var rows = Enumerable.Range(0, n).Select(_ =>
        {
            double time = rng.Next(1, 30) * 0.5;
            return (Time: time, Event: rng.Next(3) > 0 ? 1 : 0, Entry: rng.Next(4) == 0 ? time - 0.25 - rng.Next(0, 4) : (double?)null,
                Weight: (double)rng.Next(1, 4), Group: "arm" + rng.Next(2), Stratum: "site" + rng.Next(2));
        }).ToArray();

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE cohort (time DOUBLE, event INTEGER, entry DOUBLE, weight DOUBLE, grp VARCHAR, stratum VARCHAR)";
            create.ExecuteNonQuery();
        }
        using (var appender = connection.CreateAppender("cohort"))
        {
            foreach (var r in rows)
            {
                var row = appender.CreateRow().AppendValue(r.Time).AppendValue(r.Event);
                row = r.Entry is double e ? row.AppendValue(e) : row.AppendNullValue();
                row.AppendValue(r.Weight).AppendValue(r.Group).AppendValue(r.Stratum).EndRow();
            }
        }
        var time = new List<double>(); var events = new List<double>(); var censored = new List<double>();
        var entered = new List<double>(); var subjects = new List<double>(); var grp = new List<string>(); var stratum = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = DocumentedSql();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stratum.Add(reader.GetString(0)); grp.Add(reader.GetString(1)); time.Add(reader.GetDouble(2));
                events.Add(Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture));
                censored.Add(Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture));
                entered.Add(Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture));
                subjects.Add(Convert.ToDouble(reader.GetValue(6), CultureInfo.InvariantCulture));
            }
        }
        var counts = SurvivalCounts.Create(time.ToArray(), events.ToArray(), censored.ToArray(), entered.ToArray(),
            Factor.FromLabels(grp), Factor.FromLabels(stratum), subjects.ToArray());

        // Rows without an entry are at risk from the start: the guide's query enters them at −1, before every time.
        var data = SurvivalData.Create(rows.Select(r => r.Time).ToArray(), rows.Select(r => r.Event == 1).ToArray(),
            rows.Select(r => r.Entry ?? -1).ToArray(), rows.Select(r => r.Weight).ToArray(),
            rows.Select(r => r.Group).ToArray(), rows.Select(r => r.Stratum).ToArray());
        var options = new KaplanMeierOptions { TimeFix = false };
        var expected = KaplanMeier.Fit(data, options).Curves;
        var actual = KaplanMeier.Fit(counts, options).Curves;
        Assert.Equal(expected.Count, actual.Count);
        for (int c = 0; c < expected.Count; c++)
        {
            var e = expected[c].Steps.Where(s => s.Events + s.Censored > 0).ToArray();
            var a = actual[c].Steps.Where(s => s.Events + s.Censored > 0).ToArray();
            Assert.Equal(e.Select(s => (s.Time, s.AtRisk, s.Survival, s.StdErr)), a.Select(s => (s.Time, s.AtRisk, s.Survival, s.StdErr)));
        }
    }
}
