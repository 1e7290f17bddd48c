using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Survival.Cli.Output;

/// <summary>The one JSON writer of the command line: camelCase names, <c>null</c> for R's NA and for non-finite numbers, indented.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new FiniteOrNull() },
    };

    /// <summary>JSON has no infinity or NaN: a non-finite number (an infinite limit of a diverging coefficient, R's Inf)
    /// is written as null, as R's jsonlite writes non-finite values with <c>na = "null"</c>.</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    /// <summary>Writes <paramref name="value"/> (a DTO made of records, lists and nullable numbers) as JSON.</summary>
    /// <summary>Writes the value with <c>"eventValues"</c> added at the top when the event was read from given values.</summary>
    public static void Write<T>(T value, TextWriter output, IReadOnlyList<string>? eventValues)
    {
        if (eventValues is null) { Write(value, output); return; }
        var node = JsonSerializer.SerializeToNode(value, Options)!.AsObject();
        node.Add("eventValues", new System.Text.Json.Nodes.JsonArray(eventValues.Select(v => (System.Text.Json.Nodes.JsonNode?)v).ToArray()));
        output.WriteLine(node.ToJsonString(Options));
    }

    public static void Write<T>(T value, TextWriter output)
    {
        output.WriteLine(JsonSerializer.Serialize(value, Options));
    }
}
