using System.Text;
using Survival.Csv;
using Survival.Tests.Shared;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>A seeded mutation fuzzer over the committed corpus (<c>FuzzCorpus/*.csv</c>: plain, CR LF with quoted
/// delimiters and missing values, BOM with padded fields and extreme numbers, Unicode and quoted line breaks): each
/// mutated file is read from disk by <see cref="SurvivalCsv.Read"/> (the columnar fast path, which declines to the table
/// path) and from a stream by the table path alone. The two must agree exactly — the same rows, times, events, entries,
/// groups and omitted lines, or the same <see cref="SurvivalInputException"/> message — so no path silently drops,
/// adds or changes a row; any other exception fails. A case that ever fails belongs in the corpus as a regression seed.</summary>
public sealed class ReaderAgreementFuzzTests : IDisposable
{
    private readonly TempFolder _folder = new("survival-fuzz-");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus"), "*.csv").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Both_readers_agree_on_every_mutation(string seedFile)
    {
        var seed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus", seedFile));
        byte[] alphabet = Encoding.UTF8.GetBytes(",;\"\n\r01-.eE+ aNZ\t\u00e9\u00a0");
        var random = new Random(seedFile.Length * 7919 + 34);
        var columns = new SurvivalColumns("time", "status", Entry: "entry", Group: "arm");
        int agreedData = 0, agreedErrors = 0;
        string path = _folder.File("fuzz.csv");
        for (int k = 0; k < 600; k++)
        {
            var content = ByteMutator.Mutate(seed, alphabet, random, duplicateLines: true);
            File.WriteAllBytes(path, content);
            var fromFile = Outcome(() => SurvivalCsv.Read(path, columns));
            var fromTable = Outcome(() =>
            {
                using var stream = new MemoryStream(content);
                return SurvivalCsv.ToData(CsvTable.Read(stream, path, columns.Names), columns);
            });
            Assert.True(fromFile == fromTable, $"mutation {k} of {seedFile}: file path gave\n{fromFile}\ntable path gave\n{fromTable}\ninput:\n{Encoding.UTF8.GetString(content)}");
            if (fromFile.StartsWith("error", StringComparison.Ordinal)) agreedErrors++; else agreedData++;
        }
        Assert.True(agreedData > 0 && agreedErrors > 0, $"data {agreedData}, errors {agreedErrors}");
    }

    /// <summary>What a read gave, as text: every value of every row and the omitted lines, or the error message.</summary>
    private static string Outcome(Func<SurvivalData> read)
    {
        SurvivalData data;
        try { data = read(); }
        catch (SurvivalInputException e) { return "error: " + e.Message; }
        var sb = new StringBuilder().Append(data.Count).Append(" rows; omitted ").Append(data.Omitted).Append('\n');
        for (int i = 0; i < data.Count; i++)
        {
            sb.Append(data.Time[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(data.Event[i] ? 1 : 0)
              .Append(',').Append(data.HasEntry ? data.Entry[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "-")
              .Append(',').Append(data.Group is { } g ? g[i] : "-").Append('\n');
        }
        return sb.ToString();
    }
}
