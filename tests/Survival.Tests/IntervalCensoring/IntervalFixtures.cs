using System.Globalization;
using System.Text.Json;
using Survival.Tests.Support;

namespace Survival.Tests.IntervalCensoring;

/// <summary>Reads the interval-censoring fixtures (Golden/R/interval-censoring.R), whose numbers are strings with R's
/// "NA" and "Inf".</summary>
internal static class IntervalFixtures
{
    public static double[] Values(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(Value).ToArray()
        : [Value(e)];

    public static double Value(JsonElement x) => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : x.GetString() switch
    {
        "NA" or "NaN" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var s => double.Parse(s!, CultureInfo.InvariantCulture),
    };

    /// <summary>R's NA as null.</summary>
    public static double? Nullable(double v) => double.IsNaN(v) ? null : v;

    public static SurvivalData Data(JsonElement fixture)
    {
        var input = fixture.GetProperty("input");
        var left = Values(input.GetProperty("left"));
        var right = Values(input.GetProperty("right"));
        double[]? w = input.TryGetProperty("w", out var wv) ? Values(wv) : null;
        string[]? g = input.TryGetProperty("g", out var gv) ? Golden.Strings(gv) : null;
        return SurvivalData.FromIntervals(left, right, w, g);
    }
}
