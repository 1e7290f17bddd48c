using System.CommandLine;
using System.Globalization;
using Survival.Csv;
using Survival.Regression;

namespace Survival.Cli;

/// <summary>The covariate options of the regression commands (<c>cox</c>, <c>finegray</c>): <c>--covariates</c>,
/// <c>--categorical</c>, <c>--reference</c>, and the one rule that turns CSV columns into a <see cref="CovariateMatrix"/>.</summary>
internal sealed class CovariateOptions
{
    public Option<string> Covariates { get; } = new("--covariates") { Description = "Comma-separated covariate columns; a column whose values are not all numbers is categorical (treatment coding, first level as reference).", Required = true };
    public Option<string?> Categorical { get; } = new("--categorical") { Description = "Comma-separated columns to treat as categorical even if numeric." };
    public Option<string?> Reference { get; } = new("--reference") { Description = "Reference levels, e.g. celltype=squamous,stage=I." };

    public void AddTo(Command command)
    {
        command.Options.Add(Covariates);
        command.Options.Add(Categorical);
        command.Options.Add(Reference);
    }

    /// <summary>The covariate column names.</summary>
    public string[] Names(ParseResult parse)
    {
        var names = Split(parse.GetValue(Covariates)!);
        if (names.Length == 0) throw new SurvivalInputException("name at least one covariate", column: "--covariates");
        return names;
    }

    /// <summary>The covariates from <paramref name="table"/> (rows with missing values already left out): a column is
    /// numeric when all its values are numbers and it is not named by <c>--categorical</c>.</summary>
    public CovariateMatrix Build(ParseResult parse, CsvTable table, int rows)
    {
        var names = Names(parse);
        var forced = new HashSet<string>(Split(parse.GetValue(Categorical) ?? ""), StringComparer.Ordinal);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in Split(parse.GetValue(Reference) ?? ""))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) throw new SurvivalInputException("expected column=level", column: "--reference", value: part);
            references[part[..eq]] = part[(eq + 1)..];
        }
        foreach (var key in references.Keys)
            if (!names.Contains(key)) throw new SurvivalInputException("a reference names a column that is not a covariate", column: "--reference", value: key);
        var x = new CovariateMatrix(rows);
        foreach (var name in names)
        {
            var text = table.Text(name);
            bool numeric = !forced.Contains(name) && text.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (numeric) x.AddNumeric(name, table.Numbers(name));
            else x.AddCategorical(name, Factor.FromLabels(table.Labels(name), name: name), references.GetValueOrDefault(name));
        }
        return x;
    }

    /// <summary>Comma-separated times ≥ 0 (for <c>--at</c>).</summary>
    public static double[] Times(string? text, string option = "--at")
    {
        var times = new List<double>();
        foreach (var part in Split(text ?? ""))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !double.IsFinite(t) || t < 0)
                throw new SurvivalInputException("a time must be a number ≥ 0", column: option, value: part);
            times.Add(t);
        }
        return times.ToArray();
    }

    public static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
