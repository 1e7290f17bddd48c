using System.CommandLine;
using Survival.Csv;

namespace Survival.Cli;

/// <summary>The input options every data command shares: <c>--input --time --event [--group] [--entry] [--weight] [--strata] [--delimiter]</c>.</summary>
internal sealed class InputOptions
{
    public Option<string> Input { get; } = new("--input") { Description = "The CSV file, or a .parquet file (km and logrank; reduced inside DuckDB).", Required = true };
    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "Instead of --input: an ADO.NET connection string (e.g. \"Host=db;Database=registry;Username=me\"); the rows are reduced to per-time counts inside the database.",
    };
    public Option<string?> Table { get; } = new("--table") { Description = "With --connection: the table or view holding the rows (as the database spells it, e.g. registry.pfs)." };
    public Option<string?> Query { get; } = new("--query") { Description = "With --connection: a SELECT returning the rows, instead of --table." };
    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "With --connection: postgresql (default; Npgsql), duckdb (a DuckDB database file, e.g. \"Data Source=cohort.duckdb\") or clickhouse (HTTP, e.g. \"Host=127.0.0.1;Port=8123\"; a Distributed table is reduced on every shard).",
        DefaultValueFactory = _ => "postgresql",
    };
    public Option<string> Time { get; } = new("--time") { Description = "Column with the exit (event or censoring) time.", Required = true };
    public Option<string> Event { get; } = new("--event") { Description = "Column with the event indicator (1/0 or true/false).", Required = true };
    public Option<string?> Left { get; } = new("--left")
    {
        Description = "Interval-censored data (instead of --time/--event): column with each row's left end; missing (NA, empty) = left-censored, as R's Surv(type = \"interval2\").",
    };
    public Option<string?> Right { get; } = new("--right")
    {
        Description = "With --left: column with each row's right end; missing or Inf = right-censored; equal to the left end = an exact time.",
    };
    public Option<string?> EventValues { get; } = new("--event-values")
    {
        Description = "Comma-separated values of --event that mean the event, every other value a censoring, as R's Surv(time, status == 2) or status %in% c(...): e.g. 2 for pbc's death, or a label such as dead.",
    };
    public Option<string?> Group { get; } = new("--group") { Description = "Column with the group label." };
    public Option<string?> Entry { get; } = new("--entry") { Description = "Column with the delayed-entry time." };
    public Option<string?> Weight { get; } = new("--weight") { Description = "Column with frequency weights." };
    public Option<string?> Strata { get; } = new("--strata") { Description = "Column with the stratum label." };
    public Option<string?> Id { get; } = new("--id") { Description = "Column with the subject (cluster) id: rows of one subject are clustered in the robust variance (R id =)." };
    public Option<string> Delimiter { get; } = new("--delimiter") { Description = "Field separator (default ',').", DefaultValueFactory = _ => "," };
    public Option<string> MissingValues { get; } = new("--na")
    {
        Description = "Comma-separated texts that mean a missing value (default \"NA,\": NA and the empty field, as R's read.csv; e.g. \"NA,,.\" adds SAS's '.').",
        DefaultValueFactory = _ => "NA,",
    };
    public Option<string> Missing { get; } = new("--missing")
    {
        Description = "omit (default, R's na.omit: rows with a missing value in a column in use are left out and reported) or fail (an error naming the line).",
        DefaultValueFactory = _ => "omit",
    };

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="withGroup"/> etc. choose the optional ones;
    /// <paramref name="withDatabase"/> adds <c>--connection --table --query --provider</c> (then <c>--input</c> is optional).</summary>
    public void AddTo(Command command, bool withGroup = true, bool withStrata = false, bool withId = false, bool withDatabase = false)
    {
        if (withId) command.Options.Add(Id);
        command.Options.Add(Input);
        if (withDatabase)
        {
            Input.Required = false;
            command.Options.Add(Connection);
            command.Options.Add(Table);
            command.Options.Add(Query);
            command.Options.Add(Provider);
        }
        command.Options.Add(Time);
        command.Options.Add(Event);
        if (withGroup) command.Options.Add(Group);
        command.Options.Add(Entry);
        command.Options.Add(Weight);
        if (withStrata) command.Options.Add(Strata);
        command.Options.Add(Delimiter);
        command.Options.Add(MissingValues);
        command.Options.Add(Missing);
    }

    /// <summary>Adds <c>--event-values</c> to a command that reads a 0/1 event column.</summary>
    public void AddEventValuesTo(Command command) => command.Options.Add(EventValues);

    /// <summary>The values of <c>--event-values</c>, or null when not given.</summary>
    public IReadOnlyList<string>? EventValuesOf(ParseResult parse)
    {
        if (parse.GetValue(EventValues) is not { } text) return null;
        var values = CovariateOptions.Split(text);
        if (values.Length == 0) throw new SurvivalInputException("give at least one value that means the event", column: "--event-values", value: text);
        return values;
    }

    /// <summary>Says which values were read as the event (before a table), as R's call shows <c>status == 2</c>.</summary>
    public void DescribeEventValues(ParseResult parse, TextWriter output)
    {
        if (EventValuesOf(parse) is { } values)
            output.WriteLine($"event: {parse.GetValue(Event)} in {{{string.Join(", ", values)}}}; every other value is a censoring");
    }

    /// <summary>Adds <c>--left --right</c> (interval-censored input) to a command that also takes <c>--time --event</c>,
    /// which then become optional: one pair or the other is required (checked by <see cref="IsInterval"/>).</summary>
    public void AddIntervalsTo(Command command)
    {
        Time.Required = false;
        Event.Required = false;
        command.Options.Add(Left);
        command.Options.Add(Right);
    }

    /// <summary>Whether the rows are interval-censored (<c>--left</c>/<c>--right</c>); checks that exactly one way of giving
    /// times is used, as one-line errors.</summary>
    public bool IsInterval(ParseResult parse)
    {
        bool left = parse.GetValue(Left) is not null, right = parse.GetValue(Right) is not null;
        bool time = parse.GetValue(Time) is not null, status = parse.GetValue(Event) is not null;
        if (left || right)
        {
            if (time) throw new SurvivalInputException("give --time/--event or --left/--right (interval-censored), not both", column: "--time");
            if (status) throw new SurvivalInputException("give --time/--event or --left/--right (interval-censored), not both", column: "--event");
            if (!left) throw new SurvivalInputException("--right needs --left (the column of left ends)", column: "--left");
            if (!right) throw new SurvivalInputException("--left needs --right (the column of right ends)", column: "--right");
            foreach (var (option, name) in new[] { (Entry, "--entry"), (Id, "--id"), (EventValues, "--event-values") })
                if (parse.GetValue(option) is not null)
                    throw new SurvivalInputException("interval-censored rows take no " + name + " here", column: name);
            if (parse.GetValue(Connection) is not null || (parse.GetValue(Input) is { } path && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)))
                throw new SurvivalInputException("interval-censored rows are read from CSV; Parquet and database input are reduced to per-time counts, which intervals do not have",
                    column: "--left");
            return true;
        }
        if (!time) throw new SurvivalInputException("--time is required (or --left and --right for interval-censored rows)", column: "--time");
        if (!status) throw new SurvivalInputException("--event is required with --time", column: "--event");
        return false;
    }

    /// <summary>The interval columns the options name.</summary>
    public IntervalColumns IntervalColumns(ParseResult parse)
        => new(parse.GetValue(Left)!, parse.GetValue(Right)!, parse.GetValue(Weight), parse.GetValue(Group), parse.GetValue(Strata));

    /// <summary>Reads and validates interval-censored rows (CSV).</summary>
    public SurvivalData LoadIntervals(ParseResult parse)
        => SurvivalCsv.ReadIntervals(parse.GetValue(Input)!, IntervalColumns(parse), ReadOptions(parse));

    public CsvReadOptions ReadOptions(ParseResult parse)
    {
        string d = parse.GetValue(Delimiter) ?? ",";
        if (d == "\\t" || d == "tab") d = "\t";
        if (d.Length != 1) throw new SurvivalInputException("the delimiter must be a single character", column: "--delimiter", value: d);
        return new CsvReadOptions { Delimiter = d[0], MissingValues = Markers(parse), Missing = Policy(parse) };
    }

    /// <summary>The missing-value markers of <c>--na</c>: split at commas, each trimmed; an empty item is the empty field.</summary>
    public IReadOnlyList<string> Markers(ParseResult parse)
        => (parse.GetValue(MissingValues) ?? "NA,").Split(',').Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    public MissingValuePolicy Policy(ParseResult parse) => parse.GetValue(Missing) switch
    {
        "omit" => MissingValuePolicy.Omit,
        "fail" => MissingValuePolicy.Fail,
        var other => throw new SurvivalInputException("must be omit or fail", column: "--missing", value: other),
    };

    public SurvivalColumns Columns(ParseResult parse) => new(
        parse.GetValue(Time)!, parse.GetValue(Event)!, parse.GetValue(Entry), parse.GetValue(Weight),
        parse.GetValue(Group), parse.GetValue(Strata), parse.GetValue(Id)) { EventValues = EventValuesOf(parse) };

    /// <summary>Whether the input is reduced to per-time counts before it reaches .NET: a Parquet file (inside DuckDB) or a
    /// database (<c>--connection</c>, inside the database).</summary>
    public bool IsCounts(ParseResult parse)
    {
        bool database = parse.GetValue(Connection) is not null, file = parse.GetValue(Input) is not null;
        if (database && file) throw new SurvivalInputException("give --input or --connection, not both", column: "--connection");
        if (!database && !file) throw new SurvivalInputException("the data are needed: give --input FILE, or --connection with --table or --query", column: "--input");
        bool counts = database || parse.GetValue(Input)!.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (counts && parse.GetValue(EventValues) is not null)
            throw new SurvivalInputException("--event-values is read from CSV rows; Parquet and database input are reduced where they are, from a 0/1 event column (select status = 2 AS event in --query)",
                column: "--event-values");
        return counts;
    }

    /// <summary>Stops a command that needs rows when the input is read only as per-time counts (Parquet).</summary>
    public void RequireRows(ParseResult parse)
    {
        if (parse.GetValue(Input) is { } path && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            throw new SurvivalInputException("Parquet input is reduced to per-time counts, which km and logrank use; this command needs rows: convert the file to CSV",
                file: path);
    }

    /// <summary>Reads and validates the rows the options name (CSV).</summary>
    public SurvivalData Load(ParseResult parse)
    {
        RequireRows(parse);
        return CliProgress.Run(parse.InvocationConfiguration.Error, "reading", 0, quiet: false,
            progress => SurvivalCsv.Read(parse.GetValue(Input)!, Columns(parse), ReadOptions(parse), CliRunner.Cancellation, progress));
    }

    /// <summary>Reduces a Parquet input (inside DuckDB) or a database table or query (inside the database) to per-time counts,
    /// without loading the rows.</summary>
    public SurvivalCounts LoadCounts(ParseResult parse)
    {
        if (parse.GetValue(Connection) is not { } connectionString)
            return Survival.DuckDb.DuckDbCounts.Read(parse.GetValue(Input)!, Columns(parse), Policy(parse), Markers(parse), cancellationToken: CliRunner.Cancellation);
        var relation = Relation(parse);
        using var connection = DatabaseConnection.Open(parse.GetValue(Provider)!, connectionString);
        return Survival.Sql.SqlCounts.Read(connection, relation, Columns(parse), missing: Policy(parse), missingValues: Markers(parse),
            cancellationToken: CliRunner.Cancellation);
    }

    /// <summary>Competing-risks counts from a Parquet input or a database, reduced where the rows are.</summary>
    public Survival.CompetingRisks.CompetingRisksCounts LoadCompetingRisksCounts(ParseResult parse, string censored)
    {
        if (parse.GetValue(Connection) is not { } connectionString)
            return Survival.DuckDb.DuckDbCompetingRisks.Read(parse.GetValue(Input)!, Columns(parse), censored, Policy(parse), Markers(parse), CliRunner.Cancellation);
        var relation = Relation(parse);
        using var connection = DatabaseConnection.Open(parse.GetValue(Provider)!, connectionString);
        return Survival.Sql.SqlCounts.ReadCompetingRisks(connection, relation, Columns(parse), censored, missing: Policy(parse), missingValues: Markers(parse),
            cancellationToken: CliRunner.Cancellation);
    }

    private Survival.Sql.SqlRelation Relation(ParseResult parse) => (parse.GetValue(Table), parse.GetValue(Query)) switch
    {
        ({ } table, null) => Survival.Sql.SqlRelation.Table(table),
        (null, { } query) => Survival.Sql.SqlRelation.Query(query),
        (null, null) => throw new SurvivalInputException("--connection needs --table or --query", column: "--table"),
        _ => throw new SurvivalInputException("give --table or --query, not both", column: "--query"),
    };
}
