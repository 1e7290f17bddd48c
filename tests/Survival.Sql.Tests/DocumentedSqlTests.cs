using Xunit;

namespace Survival.Sql.Tests;

/// <summary>docs/scaling-out.md prints the Spark SQL the library generates: the page cannot drift from the code.</summary>
public class DocumentedSqlTests
{
    [Fact]
    public void The_guide_shows_the_generated_spark_sql()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "scaling-out.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string text = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "scaling-out.md"));
        int marker = text.IndexOf("<!-- spark-sql -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, "the guide has no <!-- spark-sql --> block");
        int start = text.IndexOf("```sql", marker, StringComparison.Ordinal) + "```sql".Length;
        int end = text.IndexOf("```", start, StringComparison.Ordinal);
        string expected = SqlCounts.ReductionSql(SqlDialect.SparkSql, SqlRelation.Table("registry.pfs"),
            new SurvivalColumns("pfs_months", "pfs_event", Group: "arm", Strata: "site"), typeof(int));
        Assert.Equal(expected.ReplaceLineEndings("\n").Trim(), text[start..end].ReplaceLineEndings("\n").Trim());
    }
}
