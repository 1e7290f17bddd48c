using System.Globalization;
using Survival.CompetingRisks;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Sql.Tests;

/// <summary>What every engine must satisfy: counts reduced in the database equal the row path, bad values are named,
/// missing values are left out as R's na.omit. Each engine's test class runs these against its own server.</summary>
public static class CountsContract
{
    /// <summary>Random rows: heavy ties and zeros, three arms, two sites, optional delayed entry and weights, and (with
    /// <paramref name="missing"/>) a few NULL times and NULL or "NA" arms that both paths leave out.</summary>
    public static List<CohortRow> Cohort(int seed, int n, bool entry, bool weights, bool fractional, bool missing)
    {
        var rng = new Random(seed);
        var rows = new List<CohortRow>(n);
        for (int i = 0; i < n; i++)
        {
            double time = rng.Next(0, 40) * 0.25;
            double? start = entry ? time - 0.5 - rng.Next(0, 8) * 0.25 : null;
            double? w = weights ? (fractional ? Math.Round(rng.NextDouble() * 3, 6) : rng.Next(0, 4)) : null;
            string arm = "arm" + rng.Next(3), site = "site" + rng.Next(2);
            int status = rng.Next(3) > 0 ? 1 : 0;
            if (missing && i % 97 == 5) rows.Add(new CohortRow(i + 1, null, status, start, w, arm, site));
            else if (missing && i % 97 == 50) rows.Add(new CohortRow(i + 1, time, status, start, w, i % 2 == 0 ? "NA" : null, site));
            else rows.Add(new CohortRow(i + 1, time, status, start, w, arm, site));
        }
        return rows;
    }

    public static SurvivalColumns Columns(bool entry, bool weights, bool strata) =>
        new("time", "status", entry ? "entry" : null, weights ? "weight" : null, "arm", strata ? "site" : null, Id: "id");

    /// <summary>The row path: the complete rows through <see cref="SurvivalData"/>.</summary>
    public static SurvivalData Rows(IReadOnlyList<CohortRow> cohort, SurvivalColumns columns)
    {
        var kept = cohort.Where(r => r.Time is not null && r.Arm is not null && r.Arm != "NA").ToArray();
        return SurvivalData.Create(kept.Select(r => r.Time!.Value).ToArray(), kept.Select(r => r.Status == 1).ToArray(),
            columns.Entry is null ? null : kept.Select(r => r.Entry!.Value).ToArray(),
            columns.Weight is null ? null : kept.Select(r => r.Weight!.Value).ToArray(),
            kept.Select(r => r.Arm!).ToArray(), columns.Strata is null ? null : kept.Select(r => r.Site!).ToArray());
    }

    public static void EqualsTheRowPath(TestDatabase db, bool entry, bool weights, bool fractional, bool strata, bool missing)
    {
        var cohort = Cohort(entry ? 11 : 7, 3000, entry, weights, fractional, missing);
        string table = db.Load(cohort);
        var columns = Columns(entry, weights, strata);
        var rows = Rows(cohort, columns);
        var actual = SqlCounts.Read(db.Connection, SqlRelation.Table(table), columns);
        double tolerance = fractional ? 1e-12 : 0;

        var expected = SurvivalCounts.FromData(rows);
        Assert.Equal(expected.CellCount, actual.CellCount);
        Assert.Equal(expected.GroupLevels, actual.GroupLevels);
        Assert.Equal(expected.StratumLevels, actual.StratumLevels);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Same(expected.Events, actual.Events, tolerance);
        Same(expected.Censored, actual.Censored, tolerance);
        Same(expected.Entered, actual.Entered, tolerance);
        Assert.Equal(expected.Subjects.ToArray(), actual.Subjects.ToArray());

        // Omitted rows are given by their position in the database's scan, which is not the order of loading: PostgreSQL
        // puts a short row into the room left on an earlier page. The positions must name exactly the rows with a missing
        // value, found here through the id.
        var missingIds = cohort.Where(r => r.Time is null || r.Arm is null || r.Arm == "NA").Select(r => r.Id).ToHashSet();
        Assert.Equal(missingIds.Count, actual.Omitted.Count);
        if (db.GlobalRowNumbers)
        {
            Assert.Equal(missingIds.Order(), actual.Omitted.Positions.Select(p => db.IdsAt(table, p).Single()).Order());
        }
        else
        {
            // Per-shard positions: each names a row with a missing value on some shard.
            Assert.Equal(missingIds.Count, actual.Omitted.Positions.Count);
            Assert.All(actual.Omitted.Positions, p => Assert.Contains(db.IdsAt(table, p), missingIds.Contains));
        }

        // Counts carry no rows, so Greenwood's variance (R's robust default for fractional weights needs rows).
        var options = new KaplanMeierOptions { Variance = KaplanMeierVariance.Greenwood };
        var km = KaplanMeier.Fit(rows, options);
        var pushed = KaplanMeier.Fit(actual, options);
        CurveAssert.SameCurves(km, pushed, tolerance, tau: 8); // with Nelson–Aalen and RMST
        foreach (var weighting in new[] { LogRankWeighting.LogRank, LogRankWeighting.PetoPeto })
        {
            var test = new LogRankOptions { Weighting = weighting };
            Close(LogRankTest.Compute(rows, test).ChiSquare, LogRankTest.Compute(actual, test).ChiSquare, fractional ? 1e-10 : 0);
        }
        if (!weights)
        {
            var (fe, fa) = (FollowUp.Compute(rows), FollowUp.Compute(actual));
            Assert.Equal((fe.Median, fe.Minimum, fe.Maximum, fe.CensoredCount), (fa.Median, fa.Minimum, fa.Maximum, fa.CensoredCount));
        }
    }

    private static void Same(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], tolerance);
    }

    private static void Close(double expected, double actual, double tolerance) => CurveAssert.Close(expected, actual, tolerance);

    private static SurvivalInputException Bad(TestDatabase db, string table, SurvivalColumns columns, MissingValuePolicy missing = MissingValuePolicy.Omit)
        => Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Table(table), columns, missing: missing));

    /// <summary>Each check names the table, the row (scan order, 1-based), the column and the value.</summary>
    public static void BadValuesAreNamed(TestDatabase db)
    {
        var cohort = Cohort(3, 50, entry: true, weights: true, fractional: false, missing: false);
        var columns = Columns(entry: true, weights: true, strata: true);
        void Check(Func<CohortRow, CohortRow> spoil, string column, string value, string reason)
        {
            var rows = cohort.Select((r, i) => i == 36 ? spoil(r) : r).ToList();
            string table = db.Load(rows);
            var e = Bad(db, table, columns);
            Assert.Equal(($"table {table}", column, db.RowOf(table, 36)), (e.File, e.Column, e.Row));
            // Values are shown as the database prints them (DuckDB writes -3.0 and inf, PostgreSQL -3 and Infinity).
            Assert.True(value == e.Value || Parse(value).Equals(Parse(e.Value!)), $"value {e.Value}");
            Assert.Contains(reason, e.Message);
            Assert.Contains("(subject id = 37)", e.Message);
        }
        Check(r => r with { Time = -3, Entry = -4 }, "time", "-3", "≥ 0");
        Check(r => r with { Time = double.PositiveInfinity }, "time", "Infinity", "finite");
        Check(r => r with { Time = double.NaN }, "time", "NaN", "finite");
        Check(r => r with { Status = 3 }, "status", "3", "0/1");
        Check(r => r with { Weight = -0.5 }, "weight", "-0.5", "weight must be ≥ 0");
        Check(r => r with { Entry = r.Time }, "entry", r(cohort[36].Time), "before the exit");
        // A blank label is missing by default (the empty text is a marker); without that marker it is an error.
        var blank = db.Load(cohort.Select((r, i) => i == 36 ? r with { Arm = " " } : r).ToList());
        Assert.Equal(1, SqlCounts.Read(db.Connection, SqlRelation.Table(blank), columns).Omitted.Count);
        var b = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Table(blank), columns, missingValues: ["NA"]));
        Assert.Equal(("arm", " ", db.RowOf(blank, 36)), (b.Column, b.Value, b.Row));
        Assert.Contains("blank", b.Message);

        // R's 1/2 coding: a status whose largest value is 2 makes a 0 invalid.
        string coded = db.Values("(time, status)", "(1.0, 2), (2.0, 0), (3.0, 1)");
        var zero = Bad(db, coded, new SurvivalColumns("time", "status"));
        Assert.Equal(("status", "0", 2L), (zero.Column, zero.Value, zero.Row));
        Assert.Contains("coded 1/2", zero.Message);
        var oneTwo = SqlCounts.Read(db.Connection, SqlRelation.Table(db.Values("(time, status)", "(1.0, 2), (2.0, 1), (3.0, 2)")), new SurvivalColumns("time", "status"));
        Assert.Equal([1.0, 0.0, 1.0], oneTwo.Events.ToArray());

        // Unknown columns list those there are; a time stored as text is the wrong type.
        string small = db.Values("(t, d, label)", "(1.0, 1, 'a'), (2.0, 0, 'b')");
        var unknown = Bad(db, small, new SurvivalColumns("time", "d"));
        Assert.Equal("time", unknown.Column);
        Assert.Contains("the columns are t, d, label", unknown.Message);
        var wrong = Bad(db, small, new SurvivalColumns("label", "d"));
        Assert.Contains("wrong type", wrong.Message);
        Assert.Equal("label", wrong.Column);

        // A query that does not run is a clear error, not a provider exception.
        var broken = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Query("SELECT no_such FROM nowhere"), new SurvivalColumns("t", "d")));
        Assert.Equal("query", broken.File);
        Assert.NotNull(broken.InnerException);
    }

    private static double Parse(string value) => value.ToLowerInvariant() switch
    {
        "inf" or "infinity" => double.PositiveInfinity,
        "nan" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };

    private static string r(double? value) => value!.Value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Missing values: text markers and NULL are left out and counted; with <see cref="MissingValuePolicy.Fail"/>
    /// the first is named; the status may be boolean or text.</summary>
    public static void MissingValuesAndStatusTypes(TestDatabase db)
    {
        string text = db.Values("(t, d, g)", "(1.0, 'true', 'a'), (2.0, 'NA', 'a'), (3.0, 'false', 'b'), (4.0, '1', NULL), (5.0, '0', 'b')");
        var counts = SqlCounts.Read(db.Connection, SqlRelation.Table(text), new SurvivalColumns("t", "d", Group: "g"));
        Assert.Equal(2, counts.Omitted.Count);
        Assert.Equal([2L, 4L], counts.Omitted.Positions);
        Assert.Equal([1.0, 3.0, 5.0], counts.Time.ToArray());
        Assert.Equal([1.0, 0.0, 0.0], counts.Events.ToArray());
        var fail = Bad(db, text, new SurvivalColumns("t", "d", Group: "g"), MissingValuePolicy.Fail);
        Assert.Equal(("d", "NA", 2L), (fail.Column, fail.Value, fail.Row));
        var none = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Query($"SELECT * FROM {text} WHERE d = 'NA'"), new SurvivalColumns("t", "d")));
        Assert.Contains("every row has a missing value", none.Message);

        string boolean = db.Values("(t, d)", "(1.0, true), (2.0, false), (2.0, true)");
        var b = SqlCounts.Read(db.Connection, SqlRelation.Query($"SELECT t * 2 AS t2, d FROM {boolean}"), new SurvivalColumns("t2", "d"));
        Assert.Equal([2.0, 4.0], b.Time.ToArray());
        Assert.Equal([1.0, 1.0], b.Events.ToArray());
        Assert.Equal([0.0, 1.0], b.Censored.ToArray());
    }

    /// <summary>R's near-tie rule collapses a delayed-entry interval: an error naming the row, unless timeFix is off.</summary>
    public static void CollapsedIntervalIsNamed(TestDatabase db)
    {
        string table = db.Values("(id, s, t, d)", "(1, 0.0, 0.1, 1), (2, 0.3, 0.30000000000000004, 1), (3, 0.0, 0.7, 0), (4, 0.2, 1.2, 1)");
        var columns = new SurvivalColumns("t", "d", Entry: "s", Id: "id");
        var e = Assert.Throws<SurvivalInputException>(() => SqlCounts.Read(db.Connection, SqlRelation.Table(table), columns));
        Assert.Equal(("s", 2L), (e.Column, e.Row));
        Assert.Contains("timefix", e.Message);
        Assert.Equal(3.0, SqlCounts.Read(db.Connection, SqlRelation.Query($"SELECT * FROM {table} WHERE id <> 2"), columns).Subjects.ToArray().Sum());
    }

    /// <summary>Competing risks through the database equal the rows (cumulative incidence and Gray's test).</summary>
    public static void CompetingRisksEqualTheRows(TestDatabase db)
    {
        var rng = new Random(5);
        var values = new List<string>();
        var time = new List<double>();
        var status = new List<string>();
        var group = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            double t = rng.Next(1, 40) * 0.5;
            string s = rng.Next(5) switch { 0 or 1 => "0", 2 => "relapse", 3 => "death", _ => "toxicity" };
            string g = rng.Next(2) == 0 ? "A" : "B";
            if (i % 60 == 7) { values.Add($"({t.ToString(CultureInfo.InvariantCulture)}, NULL, '{g}')"); continue; }
            time.Add(t); status.Add(s); group.Add(g);
            values.Add($"({t.ToString(CultureInfo.InvariantCulture)}, '{s}', '{g}')");
        }
        string table = db.Values("(t, cause, g)", string.Join(", ", values));
        var options = new CumulativeIncidenceOptions { At = [3, 10] };
        var pushed = CumulativeIncidence.Fit(SqlCounts.ReadCompetingRisks(db.Connection, SqlRelation.Table(table), new SurvivalColumns("t", "cause", Group: "g")), options);
        var direct = CumulativeIncidence.Fit(CompetingRisksData.Create(time.ToArray(), status, group: group), options);
        Assert.Equal(direct.Causes, pushed.Causes);
        Assert.Equal(direct.Curves.Count, pushed.Curves.Count);
        for (int c = 0; c < direct.Curves.Count; c++)
        {
            Assert.Equal((direct.Curves[c].Group, direct.Curves[c].Cause), (pushed.Curves[c].Group, pushed.Curves[c].Cause));
            Assert.Equal(direct.Curves[c].Steps, pushed.Curves[c].Steps);
        }
        Assert.Equal(direct.GrayTests.Select(t => t.Test.ChiSquare), pushed.GrayTests.Select(t => t.Test.ChiSquare));
        Assert.Equal(5, pushed.Omitted.Count);
        // The same through a query (the relation is wrapped, not named).
        var queried = CumulativeIncidence.Fit(SqlCounts.ReadCompetingRisks(db.Connection, SqlRelation.Query($"SELECT * FROM {table} WHERE t >= 0"),
            new SurvivalColumns("t", "cause", Group: "g")), options);
        Assert.Equal(pushed.Curves.SelectMany(c => c.Steps), queried.Curves.SelectMany(c => c.Steps));
    }

    /// <summary>The SQL of each dialect that the engine can run, executed as printed and finished by
    /// <see cref="SqlCounts.FromReader"/>, equals <see cref="SqlCounts.Read"/>.</summary>
    public static void DialectSqlRunsAsPrinted(TestDatabase db, SqlDialect dialect, Func<string, string>? translate = null)
    {
        var cohort = Cohort(13, 2000, entry: true, weights: true, fractional: false, missing: true);
        string table = db.Load(cohort);
        var columns = Columns(entry: true, weights: true, strata: true);
        var expected = SqlCounts.Read(db.Connection, SqlRelation.Table(table), columns);
        string sql = SqlCounts.ReductionSql(dialect, SqlRelation.Table(table), columns);
        using var command = db.Connection.CreateCommand();
        command.CommandText = translate is null ? sql : translate(sql);
        using var reader = command.ExecuteReader();
        var actual = SqlCounts.FromReader(reader, table);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Events.ToArray(), actual.Events.ToArray());
        Assert.Equal(expected.Censored.ToArray(), actual.Censored.ToArray());
        Assert.Equal(expected.Entered.ToArray(), actual.Entered.ToArray());
        Assert.Equal(expected.Subjects.ToArray(), actual.Subjects.ToArray());
        Assert.Equal(expected.GroupLevels, actual.GroupLevels);
        Assert.Equal(expected.StratumLevels, actual.StratumLevels);
    }

    /// <summary>A plain counts table (as a Spark job might write it) read through <see cref="SqlCounts.FromReader"/>.</summary>
    public static void PlainCountsTableReads(TestDatabase db)
    {
        var cohort = Cohort(17, 500, entry: false, weights: false, fractional: false, missing: false);
        var rows = Rows(cohort, Columns(false, false, false));
        var expected = SurvivalCounts.FromData(rows);
        string table = db.Load(cohort);
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"SELECT arm AS grp, time, SUM(status) AS events, COUNT(*) - SUM(status) AS censored FROM {table} GROUP BY arm, time";
        using var reader = command.ExecuteReader();
        var actual = SqlCounts.FromReader(reader);
        Assert.Equal(expected.Time.ToArray(), actual.Time.ToArray());
        Assert.Equal(expected.Events.ToArray(), actual.Events.ToArray());
        Assert.Equal(expected.Censored.ToArray(), actual.Censored.ToArray());
        Assert.Equal(expected.GroupLevels, actual.GroupLevels);
        Assert.Equal(KaplanMeier.Fit(rows).Curves.SelectMany(c => c.Steps), KaplanMeier.Fit(actual).Curves.SelectMany(c => c.Steps));
    }
}
