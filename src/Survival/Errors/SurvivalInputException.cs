namespace Survival;

/// <summary>
/// The one error type for input the library cannot accept: a bad value, a bad row, a bad option.
/// It carries where the problem is, as far as it is known: the file, the 1-based line, the column and the
/// offending value for file input; the 1-based row for in-memory input.
/// </summary>
/// <remarks>
/// Every entry point validates at its boundary and throws this exception (never a bare
/// <see cref="IndexOutOfRangeException"/> or a silently dropped row). The command line turns it into exit
/// code 2 and the single line given by <see cref="Exception.Message"/>.
/// </remarks>
public class SurvivalInputException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words a user can act on; location details are appended.</param>
    /// <param name="file">The input file, when the data came from one.</param>
    /// <param name="line">The 1-based physical line in <paramref name="file"/>.</param>
    /// <param name="column">The column (header name) or field name.</param>
    /// <param name="value">The offending value as it was written.</param>
    /// <param name="row">The 1-based data row, for in-memory input.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    /// <param name="input">Which input of the data the error concerns, when it is one of them.</param>
    public SurvivalInputException(
        string message,
        string? file = null,
        long? line = null,
        string? column = null,
        string? value = null,
        long? row = null,
        Exception? innerException = null,
        DataColumn? input = null)
        : base(Compose(message, file, line, column, value, row), innerException)
    {
        Input = input;
        Reason = message;
        File = file;
        Line = line;
        Column = column;
        Value = value;
        Row = row;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The input file, when known.</summary>
    public string? File { get; }

    /// <summary>The 1-based physical line in <see cref="File"/>, when known.</summary>
    public long? Line { get; }

    /// <summary>The column or field name, when known.</summary>
    public string? Column { get; }

    /// <summary>The offending value as written, when known.</summary>
    public string? Value { get; }

    /// <summary>Which input of the data the error concerns (time, entry, weight, …), when it is one of them: a reader maps
    /// it to its own column name.</summary>
    public DataColumn? Input { get; }

    /// <summary>The 1-based data row of in-memory input, when known.</summary>
    public long? Row { get; }

    private static string Compose(string message, string? file, long? line, string? column, string? value, long? row)
    {
        var where = new List<string>(4);
        if (file is not null) where.Add(line is null ? file : $"{file}:{line}");
        else if (line is not null) where.Add($"line {line}");
        if (row is not null) where.Add($"row {row}");
        if (column is not null) where.Add($"column '{column}'");
        if (value is not null) where.Add($"value '{value}'");
        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
