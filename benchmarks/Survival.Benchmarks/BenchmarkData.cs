namespace Survival.Benchmarks;

/// <summary>The benchmark shape of issue 6: times Exp(mean 50) rounded to 0.01, 60% events, two groups, fixed seed.</summary>
internal static class BenchmarkData
{
    /// <param name="n">Rows.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="continuous">The same draws not rounded: all times distinct, as simulation studies produce.</param>
    public static (double[] Time, bool[] Event, int[] Group) Generate(int n, int seed = 20261123, bool continuous = false)
    {
        var random = new Random(seed);
        var time = new double[n];
        var status = new bool[n];
        var group = new int[n];
        for (int i = 0; i < n; i++)
        {
            double draw = -50 * Math.Log(1 - random.NextDouble());
            time[i] = continuous ? draw : Math.Round(draw, 2);
            status[i] = random.NextDouble() < 0.6;
            group[i] = random.Next(2);
        }
        return (time, status, group);
    }

    public static SurvivalData Data(int n, bool groups)
    {
        var (time, status, group) = Generate(n);
        return SurvivalData.FromFactors(time, status, groups ? Factor.FromCodes(group, ["A", "B"]) : null);
    }
}
