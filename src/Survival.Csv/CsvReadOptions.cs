namespace Survival.Csv;

/// <summary>How a CSV file is read.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The defaults: comma-separated, RFC 4180 quoting, invariant-culture numbers.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>The field separator (ASCII). Default <c>','</c>.</summary>
    public char Delimiter { get; init; } = ',';
}
