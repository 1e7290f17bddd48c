namespace Survival.Cli.Output;

/// <summary>The rows left out for missing values, as every data command's JSON reports them:
/// <c>"omitted": { "count": 1, "lines": [ 15 ] }</c> (file lines for CSV, row positions for Parquet; the first 100).</summary>
internal sealed record OmittedJson(int Count, IReadOnlyList<long> Lines)
{
    public static OmittedJson From(OmittedRows omitted) => new(omitted.Count, omitted.Positions);
}
