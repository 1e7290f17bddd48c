using System.Text;
using Survival.Csv;
using Xunit;

namespace Survival.Csv.Tests;

/// <summary>A seeded mutation fuzzer over valid files: whatever the bytes, the reader answers with data or a
/// <see cref="SurvivalInputException"/>, never another exception.</summary>
public class CsvFuzzTests
{
    [Fact]
    public void Mutated_files_give_data_or_a_clear_error()
    {
        var seed = Encoding.UTF8.GetBytes("time,status,arm,entry\n1.5,1,a,0\n2,0,b,0.5\n\"3\",true,a,1\n4e0,FALSE,b,0\n");
        byte[] alphabet = Encoding.UTF8.GetBytes(",\"\n\r01-.eE aZ;\t\u00e9") ;
        var random = new Random(424242);
        var columns = new SurvivalColumns("time", "status", Entry: "entry", Group: "arm");
        int errors = 0, successes = 0;
        for (int k = 0; k < 3000; k++)
        {
            var bytes = ByteMutator.Mutate(seed, alphabet, random, duplicateLines: false);
            try
            {
                using var stream = new MemoryStream(bytes);
                SurvivalCsv.ToData(CsvTable.Read(stream, "fuzz.csv", columns.Names), columns);
                successes++;
            }
            catch (SurvivalInputException)
            {
                errors++;
            }
        }
        Assert.True(errors > 0 && successes > 0, $"errors {errors}, successes {successes}");
    }
}
