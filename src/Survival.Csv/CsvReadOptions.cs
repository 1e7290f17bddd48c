namespace Survival.Csv;

/// <summary>How a CSV file is read.</summary>
public sealed record CsvReadOptions
{
    // The marker lists come first: static initializers run in order, and Default's instance needs them.
    /// <summary>The markers of R's <c>read.csv</c> (<c>na.strings = "NA"</c>, and an empty numeric field): <c>NA</c> and the empty field.</summary>
    public static IReadOnlyList<string> RMissingValues { get; } = Array.AsReadOnly(["NA", ""]);

    /// <summary>SAS's numeric missing value, <c>.</c>, with R's markers: add it with <c>MissingValues = CsvReadOptions.SasMissingValues</c>.</summary>
    public static IReadOnlyList<string> SasMissingValues { get; } = Array.AsReadOnly(["NA", "", "."]);

    /// <summary>The defaults: comma-separated, RFC 4180 quoting, invariant-culture numbers, <c>NA</c> and the empty field
    /// as missing values, rows with a missing value left out (R's <c>read.csv</c> and <c>na.omit</c>).</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The field separator (ASCII). Default <c>','</c>.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The texts that mean "missing" in any column the analysis uses, compared after trimming spaces, case-sensitive.
    /// Default <see cref="RMissingValues"/> (<c>NA</c> and the empty field); an empty list makes no value missing.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = RMissingValues;

    /// <summary>What a missing value does. Default <see cref="MissingValuePolicy.Omit"/> (R's <c>na.omit</c>): the row is
    /// left out and reported in <see cref="SurvivalData.Omitted"/>.</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Omit;
}
