using System.Globalization;

namespace Survival.Regression;

/// <summary>A covariate profile for <see cref="CoxPrediction"/>: a value for each numeric covariate and a level for each
/// categorical one (R's <c>newdata</c> row). Immutable; <see cref="With(string, double)"/> returns a new profile.</summary>
public sealed record CovariateProfile
{
    private readonly IReadOnlyDictionary<string, string> _values;

    private CovariateProfile(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>A profile with no values yet.</summary>
    public static CovariateProfile Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The profile with a numeric covariate set.</summary>
    /// <param name="name">The covariate.</param>
    /// <param name="value">Its value.</param>
    public CovariateProfile With(string name, double value) => With(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The profile with a covariate set from text: a number for a numeric covariate, a level for a categorical one.</summary>
    /// <param name="name">The covariate.</param>
    /// <param name="value">Its value or level.</param>
    public CovariateProfile With(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var copy = new Dictionary<string, string>(_values, StringComparer.Ordinal) { [name] = value };
        return new CovariateProfile(copy);
    }

    /// <summary>Parses <c>a=1,b=0,arm=B</c>.</summary>
    /// <param name="text">Comma-separated name=value pairs.</param>
    public static CovariateProfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var profile = Empty;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || eq == part.Length - 1) throw new SurvivalInputException("expected name=value", column: "profile", value: part);
            profile = profile.With(part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
        return profile;
    }

    /// <summary>The values as given, by covariate.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary><c>a=1, b=0</c>.</summary>
    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The covariate columns of the profile, for the model's terms.</summary>
    internal double[] Columns(IReadOnlyList<CovariateTerm> terms, int columns)
    {
        var z = new double[columns];
        foreach (var name in _values.Keys)
            if (!terms.Any(t => t.Name == name)) throw new SurvivalInputException($"is not a covariate of the model ({string.Join(", ", terms.Select(t => t.Name))})", column: name);
        foreach (var term in terms)
        {
            if (!_values.TryGetValue(term.Name, out var text))
                throw new SurvivalInputException("the profile gives no value for this covariate", column: term.Name);
            if (term.Levels is null)
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new SurvivalInputException("a numeric covariate needs a finite number", column: term.Name, value: text);
                z[term.FirstColumn] = v;
                continue;
            }
            int level = -1;
            for (int i = 0; i < term.Levels.Count; i++) if (term.Levels[i] == text) level = i;
            if (level < 0) throw new SurvivalInputException($"is not a level ({string.Join(", ", term.Levels)})", column: term.Name, value: text);
            int column = term.FirstColumn;
            for (int i = 0; i < term.Levels.Count; i++)
            {
                if (term.Levels[i] == term.Reference) continue;
                if (i == level) z[column] = 1;
                column++;
            }
        }
        return z;
    }
}
