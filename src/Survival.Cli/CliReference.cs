using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;

namespace Survival.Cli;

/// <summary>
/// The command-line reference (<c>docs/cli-reference.md</c>) written from the commands' own System.CommandLine
/// definitions — every command, sub-command and option with its description, whether it is required and its default —
/// after the conventions and JSON contracts every command shares. A test regenerates it and fails when the committed
/// page differs, so the page cannot drift from the code (<c>SURVIVAL_APPROVE_DOCS=1 dotnet test</c> rewrites it).
/// </summary>
internal static class CliReference
{
    /// <summary>The page.</summary>
    public static string Markdown()
    {
        var root = new RootCommand(CommandRegistry.Description);
        CommandRegistry.AddAll(root);
        var md = new StringBuilder();
        md.Append("""
            # The `survival` command: reference

            Generated from the commands' definitions (`src/Survival.Cli/CliReference.cs`; a test keeps this page equal to
            them). Run a command with `--help` for the same text in the terminal. Installed as a dotnet tool the command is
            `survival`; from a clone, `dotnet run --project src/Survival.Cli -- <command> …`. Which R call each command
            matches is in [Coming from R](coming-from-r.md).

            ## Conventions and JSON contracts

            """).Append('\n');
        md.Append(Conventions.Trim()).Append("\n\n## Commands\n\n");
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
            md.Append("- [`survival ").Append(command.Name).Append("`](#").Append(Anchor("survival " + command.Name)).Append(") — ")
              .Append(FirstSentence(command.Description)).Append('\n');
        md.Append('\n');
        foreach (var command in root.Subcommands.Where(c => !c.Hidden)) Write(md, command, "survival " + command.Name, 3);
        return md.ToString().TrimEnd() + "\n";
    }

    private static void Write(StringBuilder md, Command command, string path, int level)
    {
        md.Append(new string('#', level)).Append(" `").Append(path).Append("`\n\n");
        if (!string.IsNullOrWhiteSpace(command.Description)) md.Append(command.Description.Trim()).Append("\n\n");
        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption && o is not VersionOption).ToArray();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToArray();
        if (subcommands.Length > 0)
        {
            md.Append("Sub-commands: ").Append(string.Join(", ", subcommands.Select(c => $"[`{c.Name}`](#{Anchor(path + " " + c.Name)})"))).Append(".\n\n");
        }
        if (options.Length > 0)
        {
            md.Append("| option | required | default | description |\n|---|---|---|---|\n");
            foreach (var option in options)
            {
                string names = string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Where(a => a != option.Name).Order(StringComparer.Ordinal)).Select(a => $"`{a}`"));
                string required = option.Required ? "yes" : "";
                string value = option.HasDefaultValue ? Default(option.GetDefaultValue()) : "";
                md.Append("| ").Append(names).Append(" | ").Append(required).Append(" | ").Append(value).Append(" | ")
                  .Append(Cell(option.Description)).Append(" |\n");
            }
            md.Append('\n');
        }
        foreach (var sub in subcommands) Write(md, sub, path + " " + sub.Name, level + 1);
    }

    /// <summary>A default value as the command line spells it (booleans lower case, lists comma-separated).</summary>
    private static string Default(object? value) => value switch
    {
        null => "",
        bool b => b ? "`true`" : "`false`",
        Enum e => $"`{e.ToString().ToLowerInvariant()}`",
        string s when s.Length == 0 => "",
        string s => $"`{s}`",
        System.Collections.IEnumerable list => list.Cast<object>().Any() ? $"`{string.Join(",", list.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture)))}`" : "",
        _ => $"`{Convert.ToString(value, CultureInfo.InvariantCulture)}`",
    };

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim();

    private static string FirstSentence(string? text)
    {
        text = (text ?? "").Trim();
        int end = text.IndexOf(". ", StringComparison.Ordinal);
        return Cell(end < 0 ? text : text[..(end + 1)]);
    }

    /// <summary>The anchor GitHub and DocFX give a heading: lower case, spaces to hyphens, other punctuation dropped.</summary>
    private static string Anchor(string heading) =>
        new(heading.ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());

    /// <summary>What every command shares: output formats and the JSON contracts, exit codes, missing values, CSV input,
    /// and the kinds of rows (interval-censored, multi-state) some commands read.</summary>
    private const string Conventions = """
        ### Output, exit codes and cancellation

        `km` prints R's `print`/`summary` tables or, with `--format json`, `{ "curves": [ { "group", "n", "events",
        "median": {estimate, lower, upper}, "steps": [...], "at": [...] } ], "variance", "omitted" }` (camelCase, `null` for
        NA); the variance is R's default (`robust` for fractional weights or an `--id` with repeated events, else
        `greenwood`), or `--variance greenwood|robust`. `logrank` prints
        `{ "chiSquare", "df", "pValue", "groups": [ { "group", "n", "observed", "expected" } ] }`. `exponential` prints
        `{ "events", "exposure", "rate": {…}, "mean": {…}, "median": {…}, "logLikelihood" }` (one per group under `"groups"`).
        `cox` prints `{ "coefficients": [ { "name", "estimate", "stdErr", "robustStdErr", "hazardRatio", "lower", "upper", "z",
        "pValue" } ], "logLikelihoodNull", "logLikelihood", "likelihoodRatio": {chiSquare, df, pValue}, "wald", "score",
        "robustScore", "clusters", "concordance", "converged", "iterations", "means", "warnings", … }`, and with `--zph` `"proportionalHazards": { "transform", "terms":
        [ { "name", "chiSquare", "df", "pValue" } ], "global": {…} }`, with `--residuals` `"residuals": { "martingale": [one per
        row used, file order], "schoenfeld": [[one per coefficient], one row per event], … }`, with `--predict`/`--at`
        `"predictions": [ { "profile", "stratum", "at": [ { "time", "atRisk", "survival", "stdErr", "lower", "upper",
        "cumulativeHazard" } ] } ]` (see [cox.md](cox.md)); a covariate column whose values are not all numbers is
        categorical (first level the reference, as R). `parametric`
        prints `{ "distribution", "parameters": [ { "name", "estimate", "stdErr", "lower", "upper" } ], "logLikelihood", "aic",
        "bic", "at": [ { "time", "survival", "lower", "upper" } ], "converged", "iterations", "warnings" }` (R's `survreg` names: `(Intercept)`, the covariates,
        `Log(scale)`; S(t) at the covariates' means), or with `--compare` the fits ranked by AIC. Every iterative fit (`cox`,
        `parametric`, `finegray`) says whether R's convergence test passed (`"converged"`), the iterations used (each
        step-halving counted, as R's `iter`) and R's warnings; a fit that runs out of iterations prints R's last iterate, its
        warning on stderr too, and exits 0 as R returns it (see [reliability.md](reliability.md)). Invalid input or options
        exit with code 2 and one line on stderr naming the file, line, column and value; never a stack trace. Ctrl+C stops a
        command with exit code 130 and one line (`error: cancelled`), leaving no half-written file; long work draws a progress
        bar on stderr only when stderr is a terminal ([reliability.md](reliability.md) lists every guarantee and its
        test). `km` and
        `logrank` also read `.parquet` files (through DuckDB, as counts); `cox` and `exponential` need CSV rows.

        ### Missing values

        `NA` and the empty field mean "missing" (R's `read.csv`; `--na "NA,,."` adds
        SAS's `.`, any list is allowed). A row with a missing value in a column the command uses — time, event, entry, weight,
        group, strata, covariates — is left out, as R's default `na.omit`; columns it does not use do not matter, and a
        covariate is numeric when all its other values are numbers. It is always reported: the tables say "1 observation
        deleted due to missingness" as R does, and every JSON output has `"omitted": { "count": 1, "lines": [ 15 ] }` (file
        lines; the first 100). `--missing fail` turns a missing value into the usual error naming the file, line, column and
        value. The same holds for Parquet (SQL `NULL`) and, in C#, `SurvivalData.From` (a `NaN` or `null` selector result),
        `SurvivalCsv.Read` (`CsvReadOptions.MissingValues`, `.Missing`) and `DuckDbCounts.Read`; the rows left out are on the
        result (`SurvivalData.Omitted`, `SurvivalCounts.Omitted`).

        ### CSV input

        CSV input (`Survival.Csv`): columns by name, events `0/1`, `true/false` or R's `1/2` coding (a status whose largest
        value is 2: 1 = censored, 2 = event, as R's `Surv()` reads `lung`), invariant-culture numbers, BOM, CRLF, quoted
        fields, `--delimiter`. Nothing else is dropped or coerced.

        ### Interval-censored rows

        `km`, `logrank` and `parametric` take `--left L --right R` instead of `--time/--event`:
        each row's event lies in (left, right], a missing left end is left-censoring and a missing or `Inf` right end
        right-censoring, as R's `Surv(type = "interval2")`. `km` gives R `survfit`'s Turnbull estimate (`"method": "turnbull"`,
        with `"intervals": [ { "lower", "upper", "time", "probability" } ]` per curve), `logrank` the generalised log-rank test
        (`"method": "generalized-logrank"`), `parametric` interval-censored `survreg`. See [interval-censoring.md](interval-censoring.md).

        ### Multi-state rows

        `mstate` reads rows (id, start, stop, state entered at stop — `censor`, `0` or empty for none),
        an optional initial state per subject (`--istate`, R's `istate`) and groups, checks them as R's `survcheck` (an
        overlap or gap in one subject's rows is an error naming the line), and prints R `survfit`'s Aalen–Johansen estimate:
        `{ "states", "transitions": [ { "from", "to", "events" } ], "curves": [ { "group", "steps": [ { "time", "atRisk":
        {state: n}, "probability": {state: p}, "stdErr": {state: se}, … } ], "at": [ { "time", "probability", "stdErr", "lower",
        "upper" } ], "rmean": { state: {estimate, stdErr} } } ] }`; `--plot` draws the stacked state occupancy. `cox --state`
        fits R's multi-state `coxph` (one coefficient per covariate and transition, Efron ties, robust variance by `--id`),
        each coefficient with its `"transition": "a->b"`. `--event-values 2` (or a label such as `dead`; several separated by
        commas) on `km`, `logrank`, `cox`, `exponential` and `parametric` reads the event as R's `Surv(time, status == 2)`:
        those values are the event, every other value a censoring; the output says so (`"eventValues"`). See
        [multi-state.md](multi-state.md).

        ### Model assessment

        `assess` fits a Cox, AFT or Fine–Gray model on `--train` and assesses it on `--test` (or
        on its own data): Harrell's and Uno's C (R `survival::concordance`, infinitesimal-jackknife standard errors), the
        time-dependent AUC and Brier score with the null model and the integrated Brier score (`riskRegression::Score` with
        Kaplan–Meier censoring weights and influence-function standard errors), and calibration by deciles of predicted risk
        with the calibration slope and figure: `{ "concordance": { "harrell": {estimate, stdErr, lower, upper}, "uno": {…} },
        "auc": [ { "time", "estimate", "stdErr", "lower", "upper" } ], "brier": [ { …, "null" } ], "integratedBrier": {…},
        "calibration": [ { "time", "groups": [ { "predicted", "observed", "lower", "upper", "n" } ] } ] }`. `--risk-score col`
        assesses a score column instead. See [assessment.md](assessment.md).

        ### Patients from a published figure

        `digitize` traces the coloured step curves of a PNG or JPEG of a Kaplan–Meier
        figure into points (`group,time,survival`; calibration: two pixel positions and their values per axis), and
        `reconstruct` rebuilds one row per patient (`group,time,event`) from the points and the published numbers at risk by
        Guyot et al.'s algorithm (BMC Med Res Methodol 2012;12:9), with an accuracy report per arm
        (`{ "groups": [ { "group", "n", "events", "censored", "maxAbsDifference", "meanAbsDifference", "atRisk": [ { "time",
        "published", "reconstructed" } ] } ] }`). The rows are ordinary input to every command. The whole path, image → KM, HR
        and parametric extrapolation, is in [reconstruction.md](reconstruction.md) and
        `dotnet run --project samples/FigureReconstruction`.

        ### Synthetic cohorts to published numbers

        `synthesize` searches (seeded, deterministic on any number of cores) for
        rows `group,time,event` whose analysis meets a paper's printed numbers at their printed precision — n, events, medians
        with limits, landmark survival with limits, numbers at risk, median follow-up, log-rank P, Cox hazard ratio with limits —
        under optional constraints (maximum follow-up, accrual and administrative cut-off), with digitised curves as soft
        targets. It prints `{ "targets": [ { "name", "published", "reproduced", "met" } ], "met", "total", … }` and exits 0
        when all are met, 1 when some are not (the cohort is still written), 2 for an invalid targets file (the message names
        the JSON path). See [synthesis.md](synthesis.md), including what it achieves today.

        """;
}
