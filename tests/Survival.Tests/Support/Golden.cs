using System.Text.Json;
using Xunit;

namespace Survival.Tests.Support;

/// <summary>Reads the golden fixtures written by the R scripts in Golden/R and compares numbers with R's NA as null.</summary>
internal static class Golden
{
    public static string Directory(string area) => Path.Combine(AppContext.BaseDirectory, "Golden", "fixtures", area);

    public static TheoryData<string> Cases(string area)
    {
        var data = new TheoryData<string>();
        foreach (var f in System.IO.Directory.GetFiles(Directory(area), "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    public static JsonElement Load(string area, string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory(area), name + ".json"))).RootElement;

    /// <summary>A numeric vector that jsonlite may have written as a scalar (length one).</summary>
    public static double[] Numbers(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.EnumerateArray().Select(Number).ToArray(),
        JsonValueKind.Number or JsonValueKind.String => [Number(e)],
        _ => throw new InvalidOperationException($"not numbers: {e}"),
    };

    private static double Number(JsonElement x) => x.ValueKind == JsonValueKind.String
        ? double.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : x.GetDouble();

    public static string[] Strings(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().Select(x => x.GetString()!).ToArray()
        : [e.GetString()!];

    public static double? Number(JsonElement e, string property)
        => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Asserts that <paramref name="actual"/> equals R's value within a relative tolerance, null meaning NA.</summary>
    public static void Close(double? expected, double? actual, double tolerance, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: R has NA, got {actual}");
            return;
        }
        Assert.True(actual is not null, $"{what}: R has {expected}, got null");
        double e = expected.Value, a = actual!.Value;
        Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e)), $"{what}: R {e:R}, got {a:R}");
    }

    /// <summary>The rows and numeric covariates of a parametric fixture (input.time, input.status, optional input.entry,
    /// and one input column per name in <c>covariates</c>).</summary>
    public static (SurvivalData Data, string[] Covariates, Survival.Regression.CovariateMatrix? X) ParametricInput(JsonElement fixture)
    {
        var input = fixture.GetProperty("input");
        var data = SurvivalData.Create(Numbers(input.GetProperty("time")), Numbers(input.GetProperty("status")).Select(s => s == 1).ToArray(),
            entry: input.TryGetProperty("entry", out var e) ? Numbers(e) : null);
        var covariates = Strings(fixture.GetProperty("covariates"));
        Survival.Regression.CovariateMatrix? x = null;
        if (covariates.Length > 0)
        {
            x = new Survival.Regression.CovariateMatrix(data.Count);
            foreach (var v in covariates) x.AddNumeric(v, Numbers(input.GetProperty(v)));
        }
        return (data, covariates, x);
    }
}
