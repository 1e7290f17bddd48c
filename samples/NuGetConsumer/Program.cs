using Survival;
using Survival.Comparison;
using Survival.Csv;
using Survival.DuckDb;
using Survival.Estimation;

// Uses the packed Survival, Survival.Csv and Survival.DuckDb packages as a NuGet user would (built and run by .ci/run).
var path = Path.Combine(Path.GetTempPath(), "survival-consumer.csv");
File.WriteAllText(path, "months,progressed,arm\n6,0,A\n3,1,A\n9,1,A\n3,1,A\n1,1,A\n3,0,B\n12,1,B\n15,0,B\n2,1,B\n8,1,B\n");
var data = SurvivalCsv.Read(path, new SurvivalColumns("months", "progressed", Group: "arm"));
foreach (var curve in KaplanMeier.Fit(data).Curves)
    Console.WriteLine($"{curve.Group}: n = {curve.N}, median = {curve.Median.Estimate?.ToString() ?? "NR"}");
Console.WriteLine($"log-rank P = {LogRankTest.Compute(data).PValue:F4}");

// The same file reduced to counts inside DuckDB (the native engine comes with the package): the same P value.
var counts = DuckDbCounts.Read(path, new SurvivalColumns("months", "progressed", Group: "arm"));
double pushDown = LogRankTest.Compute(counts).PValue;
Console.WriteLine($"log-rank P by DuckDB push-down = {pushDown:F4}");
return pushDown == LogRankTest.Compute(data).PValue ? 0 : 1;
