using BenchmarkDotNet.Running;
using Survival.Benchmarks;

// dotnet run -c Release --project benchmarks/Survival.Benchmarks -- scale --n 1000000 --format json
// dotnet run -c Release --project benchmarks/Survival.Benchmarks -- pushdown --n 100000000
// dotnet run -c Release --project benchmarks/Survival.Benchmarks -- clickhouse --n 100000000 [--runs 3]   (after eval "$(bash .ci/clickhouse-up)")
// dotnet run -c Release --project benchmarks/Survival.Benchmarks -- reconstruct-accuracy [--seeds 20] [--format json]
// dotnet run -c Release --project benchmarks/Survival.Benchmarks -- --filter '*' [--job short|dry]
if (args.Length > 0 && args[0] == "scale") return ScaleHarness.Run(args[1..]);
if (args.Length > 0 && args[0] == "pushdown") return PushDownDemo.Run(args[1..]);
if (args.Length > 0 && args[0] == "reconstruct-accuracy") return ReconstructAccuracy.Run(args[1..]);
if (args.Length > 0 && args[0] == "postgres") return PostgresDemo.Run(args[1..]);
if (args.Length > 0 && args[0] == "clickhouse") return ClickHouseDemo.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(EstimatorBenchmarks).Assembly).Run(args);
return 0;
