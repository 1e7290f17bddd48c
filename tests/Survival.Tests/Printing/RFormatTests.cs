using Survival.Printing;
using Survival.Tests.Support;
using Xunit;

namespace Survival.Tests.Printing;

/// <summary>R's formatting of a numeric column (fixture from Golden/R/printing.R: <c>format(x, digits = 7)</c>, what
/// <c>print</c> does to each column of a matrix): common decimals, trailing zeros, integers, negatives, and the switch to
/// scientific notation when it is narrower.</summary>
public class RFormatTests
{
    [Fact]
    public void A_column_is_formatted_as_R_formats_it()
    {
        var f = Golden.Load("printing", "columns");
        int n = 0;
        foreach (var c in f.GetProperty("cases").EnumerateArray())
        {
            var values = Golden.Numbers(c.GetProperty("values"));
            Assert.Equal(Golden.Strings(c.GetProperty("printed")), RFormat.Column(values));
            n++;
        }
        Assert.Equal(15, n);
    }

    [Fact]
    public void A_matrix_has_left_aligned_row_names_and_right_aligned_columns()
    {
        var w = new StringWriter { NewLine = "\n" };
        RFormat.Matrix(w, ["a", "longer"], ["n", "value"], [[1, 20], [0.5, 0.25]]);
        Assert.Equal("        n value\na       1  0.50\nlonger 20  0.25\n", w.ToString());
    }
}
