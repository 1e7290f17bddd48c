using System.Data;
using Xunit;

namespace Survival.Sql.Tests;

/// <summary>A seeded fuzzer over counts tables read by <see cref="SqlCounts.FromReader"/> (what a Spark job or a warehouse
/// writes): random column sets, types (double, integer, decimal, text, boolean, NULL) and values (negative, fractional,
/// NaN, infinite, huge, blank labels). The reader answers with counts or a <see cref="SurvivalInputException"/>, never
/// another exception; counts it returns hold every event and censoring of the table, none dropped or added.</summary>
public class CountsReaderFuzzTests
{
    private static readonly string[] Names = ["time", "events", "censored", "entered", "subjects", "grp", "stratum", "other", "TIME", "Events"];

    private static object Value(Random random, Type type)
    {
        if (random.Next(12) == 0) return DBNull.Value;
        double[] specials = [0, 1, 2, -1, 0.5, 1e300, -0.0, double.NaN, double.PositiveInfinity, 3.25, 1e-300, 7];
        double v = random.Next(3) == 0 ? specials[random.Next(specials.Length)] : random.Next(1, 50) / (random.Next(2) == 0 ? 1.0 : 4.0);
        return type == typeof(double) ? v
            : type == typeof(long) ? (object)(long)(double.IsFinite(v) ? Math.Clamp(v, -1e15, 1e15) : 0)
            : type == typeof(decimal) ? (decimal)(double.IsFinite(v) ? Math.Clamp(v, -1e15, 1e15) : 0)
            : type == typeof(bool) ? v > 0.5
            : random.Next(5) == 0 ? "" : random.Next(2) == 0 ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "arm" + random.Next(3);
    }

    [Fact]
    public void Random_counts_tables_give_counts_or_a_clear_error()
    {
        var random = new Random(34_1204);
        Type[] types = [typeof(double), typeof(double), typeof(long), typeof(decimal), typeof(string), typeof(bool)];
        int read = 0, refused = 0;
        for (int k = 0; k < 1500; k++)
        {
            var table = new DataTable();
            foreach (var name in Names.Where(_ => random.Next(3) > 0).Distinct(StringComparer.OrdinalIgnoreCase))
                table.Columns.Add(name, name is "grp" or "stratum" && random.Next(3) > 0 ? typeof(string) : types[random.Next(types.Length)]);
            int rows = random.Next(0, 8);
            for (int r = 0; r < rows; r++)
                table.Rows.Add(table.Columns.Cast<System.Data.DataColumn>().Select(c => Value(random, c.DataType)).ToArray());
            SurvivalCounts counts;
            try
            {
                using var reader = table.CreateDataReader();
                counts = SqlCounts.FromReader(reader, "fuzz");
            }
            catch (SurvivalInputException)
            {
                refused++;
                continue;
            }
            read++;
            // Whatever was read holds the table's totals.
            double Total(string name) => table.Columns.Contains(name) ? table.Rows.Cast<DataRow>().Sum(row => Convert.ToDouble(row[name], System.Globalization.CultureInfo.InvariantCulture)) : 0;
            Assert.Equal(Total("events"), counts.Events.ToArray().Sum(), 9);
            Assert.Equal(Total("censored"), counts.Censored.ToArray().Sum(), 9);
        }
        Assert.True(read > 0 && refused > 0, $"read {read}, refused {refused}");
    }

    /// <summary>Found by the fuzzer: a text or boolean in a counts column was converted (or crashed with a
    /// FormatException); it is an error naming the row, the column and the value.</summary>
    [Theory]
    [InlineData("arm1")]
    [InlineData("3.25")]
    [InlineData(true)]
    public void A_count_that_is_not_a_number_is_named(object value)
    {
        var table = new DataTable();
        table.Columns.Add("time", typeof(double));
        table.Columns.Add("events", value.GetType());
        table.Columns.Add("censored", typeof(double));
        table.Rows.Add(1.0, value, 0.0);
        using var reader = table.CreateDataReader();
        var e = Assert.Throws<SurvivalInputException>(() => SqlCounts.FromReader(reader, "counts.parquet"));
        Assert.Contains("not a number", e.Message);
        Assert.Contains("events", e.Message);
        Assert.Equal(1, e.Row);
        Assert.Contains("counts.parquet", e.Message);
    }
}
