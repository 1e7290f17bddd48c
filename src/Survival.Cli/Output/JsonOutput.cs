using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Survival.Cli.Output;

/// <summary>The one JSON writer of the command line: camelCase names, <c>null</c> for R's NA, indented.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> (a DTO made of records, lists and nullable numbers) as JSON.</summary>
    public static void Write<T>(T value, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(value, Options));
    }
}
