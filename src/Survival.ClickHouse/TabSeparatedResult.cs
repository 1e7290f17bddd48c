using System.Data;
using System.Globalization;
using System.Text;

namespace Survival.ClickHouse;

/// <summary>Reads ClickHouse's <c>TabSeparatedWithNamesAndTypes</c> output: a line of names, a line of types, then one
/// line per row with tab-separated, backslash-escaped values and <c>\N</c> for NULL.</summary>
internal static class TabSeparatedResult
{
    public static DataTable Read(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        string? names = reader.ReadLine();
        if (names is null) return table;
        string? types = reader.ReadLine() ?? throw new FormatException("ClickHouse returned names without types");
        var nameList = Split(names).Select(n => n ?? "").ToArray();
        var typeList = Split(types).Select(t => t ?? "").ToArray();
        var parsers = new Func<string, object>[nameList.Length];
        for (int c = 0; c < nameList.Length; c++)
        {
            var (type, parse) = TypeOf(typeList[c]);
            // DataTable needs distinct column names; ClickHouse allows repeats.
            string name = nameList[c];
            for (int k = 1; table.Columns.Contains(name); k++) name = nameList[c] + "_" + k.ToString(CultureInfo.InvariantCulture);
            table.Columns.Add(name, type);
            parsers[c] = parse;
        }
        var values = new object[nameList.Length];
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            var fields = Split(line);
            if (fields.Count != nameList.Length) throw new FormatException($"ClickHouse returned a row of {fields.Count} fields for {nameList.Length} columns");
            for (int c = 0; c < values.Length; c++) values[c] = fields[c] is { } text ? parsers[c](text) : DBNull.Value;
            table.Rows.Add(values);
        }
        return table;
    }

    /// <summary>The .NET type of a ClickHouse type and how to read its text (wrappers such as <c>Nullable</c> removed).</summary>
    private static (Type Type, Func<string, object> Parse) TypeOf(string clickHouseType)
    {
        string type = clickHouseType;
        foreach (var wrapper in new[] { "Nullable(", "LowCardinality(" })
            while (type.StartsWith(wrapper, StringComparison.Ordinal) && type.EndsWith(')')) type = type[wrapper.Length..^1];
        if (type is "Float32" or "Float64") return (typeof(double), ParseDouble);
        if (type is "Int8" or "Int16" or "Int32" or "Int64" or "UInt8" or "UInt16" or "UInt32")
            return (typeof(long), s => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (type == "UInt64") return (typeof(ulong), s => ulong.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture));
        if (type.StartsWith("Decimal", StringComparison.Ordinal))
            return (typeof(decimal), s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (type == "Bool") return (typeof(bool), s => s == "true" || s == "1");
        if (type is "String" || type.StartsWith("FixedString", StringComparison.Ordinal) || type.StartsWith("Enum", StringComparison.Ordinal))
            return (typeof(string), s => s);
        if (type.StartsWith("Date", StringComparison.Ordinal))
            return (typeof(DateTime), s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
        // Anything else (arrays, tuples, UUIDs, 128-bit integers) is kept as its text, of a type the reduction does not
        // take as a number or a label it must read.
        return (typeof(object), s => s);
    }

    private static object ParseDouble(string s) => s switch
    {
        "nan" or "-nan" or "+nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>The fields of a line, unescaped; null for <c>\N</c>.</summary>
    private static List<string?> Split(string line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        bool escaped = false, isNull = false;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || (!escaped && line[i] == '\t'))
            {
                fields.Add(isNull && field.Length == 0 ? null : field.ToString());
                field.Clear();
                isNull = false;
                continue;
            }
            char c = line[i];
            if (escaped)
            {
                escaped = false;
                if (c == 'N' && field.Length == 0 && (i + 1 == line.Length || line[i + 1] == '\t'))
                {
                    isNull = true;
                    continue;
                }
                field.Append(c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'b' => '\b', 'f' => '\f', '0' => '\0', 'a' => '\a', 'v' => '\v', _ => c });
            }
            else if (c == '\\') escaped = true;
            else field.Append(c);
        }
        return fields;
    }
}
