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

    /// <summary>(start, stop] rows for the counting-process Cox benchmark: n/2 subjects (n even) with times 0.02 + Exp(mean
    /// 50) rounded to 0.01, 60% events, a 0/1 group; each subject split at half its follow-up (rounded to 0.01) into (0,
    /// cut] without event and (cut, time] with its status, and a time-varying 0/1 covariate z drawn afresh for each
    /// row.</summary>
    public static (double[] Entry, double[] Stop, bool[] Event, double[] Group, double[] Z) CountingProcess(int n, int seed = 20261202)
    {
        var random = new Random(seed);
        var entry = new double[n];
        var stop = new double[n];
        var status = new bool[n];
        var group = new double[n];
        var z = new double[n];
        for (int i = 0; i + 1 < n; i += 2)
        {
            double time = 0.02 + Math.Round(-50 * Math.Log(1 - random.NextDouble()), 2);
            double cut = Math.Round(time / 2, 2);
            bool died = random.NextDouble() < 0.6;
            double g = random.Next(2);
            (entry[i], stop[i], status[i], group[i], z[i]) = (0, cut, false, g, random.Next(2));
            (entry[i + 1], stop[i + 1], status[i + 1], group[i + 1], z[i + 1]) = (cut, time, died, g, random.Next(2));
        }
        if (n % 2 == 1) (entry[n - 1], stop[n - 1], status[n - 1]) = (0, 1, true);
        return (entry, stop, status, group, z);
    }

    public static SurvivalData Data(int n, bool groups)
    {
        var (time, status, group) = Generate(n);
        return SurvivalData.FromFactors(time, status, groups ? Factor.FromCodes(group, ["A", "B"]) : null);
    }
}
