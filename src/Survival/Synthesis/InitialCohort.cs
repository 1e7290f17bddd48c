namespace Survival.Synthesis;

/// <summary>The starting cohort of a chain: each group's rows drawn from the survival curve the printed numbers sketch
/// and a censoring distribution fitted to the numbers at risk, so that the search starts near the targets.</summary>
/// <remarks>
/// <para>Survival S(t) is interpolated log-linearly through (0, 1), the printed median (0.5) and the printed landmarks
/// (made non-increasing), and continued past the last with the average hazard up to it. Censoring G(t) is interpolated
/// the same way through G(t<sub>k</sub>) = r<sub>k</sub> / (n S(t<sub>k</sub>)) from the numbers at risk
/// r<sub>k</sub>, or is uniform over the follow-up when none is printed. Event times are drawn from the density of
/// observed events G(t) dS(t) and censoring times from S(t) dG(t) (mass left at the end is censored there), by
/// stratified inversion of seeded uniforms. The event count is the printed one, or else the expected one.</para>
/// <para>With administrative censoring the patients censored at the cut-off lie uniformly in its window and the
/// allowed number of early censorings come from G.</para>
/// </remarks>
internal static class InitialCohort
{
    public static (long[] Ticks, bool[] Event, bool[] Lost) Draw(SynthesisProblem problem, int g, Random random, ref int lostLeft)
    {
        int n = problem.Patients[g];
        string group = problem.Levels[g];
        long lo = problem.MinTick, hi = problem.MaxTick;
        int cells = (int)Math.Min(hi - lo + 1, 200_000);
        double width = (double)(hi - lo + 1) / cells; // ticks per cell
        var survival = Curve(problem, group, lo, width, cells, censoring: null);
        var censoring = Curve(problem, group, lo, width, cells, survival);
        // Densities on the cells: observed events G dS, censorings S dG with the mass left at the end on the last cell.
        var eventMass = new double[cells];
        var censorMass = new double[cells];
        double sPrev = 1, gPrev = 1;
        for (int c = 0; c < cells; c++)
        {
            eventMass[c] = gPrev * Math.Max(0, sPrev - survival[c]);
            censorMass[c] = survival[c] * Math.Max(0, gPrev - censoring[c]);
            sPrev = survival[c];
            gPrev = censoring[c];
        }
        censorMass[cells - 1] += sPrev * gPrev;
        double expected = eventMass.Sum() / (eventMass.Sum() + censorMass.Sum());
        int events = problem.Events[g] ?? (int)Math.Round(n * expected);
        var ticks = new long[n];
        var evt = new bool[n];
        var lost = new bool[n];
        var eventTicks = Inverse(eventMass, events, random, lo, width);
        for (int i = 0; i < events; i++) { ticks[i] = eventTicks[i]; evt[i] = true; }
        var censorTicks = Inverse(censorMass, n - events, random, lo, width);
        for (int i = events; i < n; i++)
        {
            ticks[i] = censorTicks[i - events];
            if (problem.Administrative)
            {
                // Early censorings (below the window) become losses to follow-up while any are allowed.
                if (ticks[i] < problem.AdminLowTick && lostLeft > 0) { lost[i] = true; lostLeft--; }
                else ticks[i] = problem.AdminLowTick + (long)(random.NextDouble() * (problem.AdminHighTick - problem.AdminLowTick + 1));
            }
        }
        for (int i = 0; i < n; i++)
        {
            var (low, high) = problem.Range(evt[i], lost[i]);
            ticks[i] = Math.Clamp(ticks[i], low, high);
        }
        return (ticks, evt, lost);
    }

    /// <summary>S (censoring null) or G on the cells, by log-linear interpolation through the anchors the targets give.</summary>
    private static double[] Curve(SynthesisProblem problem, string group, long lo, double width, int cells, double[]? censoring)
    {
        int n = problem.Patients[Array.IndexOf(problem.Levels, group)];
        var anchors = new List<(double Tick, double Value)> { (0, 1) };
        foreach (var t in problem.Targets.Targets.Where(t => t.Group == group && t.Printed.Kind == PrintedKind.Rounded))
        {
            double tick = (t.Time ?? t.Printed.Value) / problem.Step;
            if (censoring is null)
            {
                if (t.Statistic == TargetStatistic.Median) anchors.Add((t.Printed.Value / problem.Step, 0.5));
                else if (t.Statistic == TargetStatistic.Survival) anchors.Add((tick, t.Printed.Value));
                else if (t.Statistic == TargetStatistic.Incidence) anchors.Add((tick, 1 - t.Printed.Value));
            }
            else if (t.Statistic == TargetStatistic.AtRisk && tick > 0)
            {
                int cell = Math.Clamp((int)((tick - lo) / width), 0, cells - 1);
                double s = Math.Max(censoring[cell], 1e-3);
                anchors.Add((tick, Math.Clamp(t.Printed.Value / (n * s), 1e-3, 1)));
            }
        }
        anchors.Sort((a, b) => a.Tick.CompareTo(b.Tick));
        for (int k = 1; k < anchors.Count; k++)
            anchors[k] = (anchors[k].Tick, Math.Clamp(Math.Min(anchors[k].Value, anchors[k - 1].Value), 1e-3, 1));
        var curve = new double[cells];
        double end = problem.MaxTick + 1;
        if (anchors.Count == 1)
        {
            // Nothing printed: survival with median at half the follow-up, censoring uniform over it.
            for (int c = 0; c < cells; c++)
            {
                double tick = lo + (c + 1) * width;
                curve[c] = censoring is null ? Math.Exp(-Math.Log(2) * tick / (end / 2)) : Math.Max(0, 1 - tick / end);
            }
            return curve;
        }
        var (lastTick, lastValue) = anchors[^1];
        double hazard = lastValue < 1 && lastTick > 0 ? -Math.Log(lastValue) / lastTick : Math.Log(2) / end;
        int a = 0;
        for (int c = 0; c < cells; c++)
        {
            double tick = lo + (c + 1) * width;
            while (a + 1 < anchors.Count && anchors[a + 1].Tick < tick) a++;
            double value;
            if (a + 1 < anchors.Count)
            {
                var (t0, v0) = anchors[a];
                var (t1, v1) = anchors[a + 1];
                double f = t1 > t0 ? (tick - t0) / (t1 - t0) : 1;
                value = Math.Exp((1 - f) * Math.Log(v0) + f * Math.Log(v1));
            }
            else value = lastValue * Math.Exp(-hazard * (tick - lastTick));
            curve[c] = value;
        }
        return curve;
    }

    /// <summary>Stratified inversion: draw k ticks from the mass on the cells, one uniform in each of k equal slices.</summary>
    private static long[] Inverse(double[] mass, int k, Random random, long lo, double width)
    {
        var ticks = new long[k];
        if (k == 0) return ticks;
        double total = mass.Sum();
        if (!(total > 0))
        {
            for (int i = 0; i < k; i++) ticks[i] = lo + (long)(random.NextDouble() * mass.Length * width);
            return ticks;
        }
        double cumulative = 0;
        int cell = 0;
        for (int i = 0; i < k; i++)
        {
            double u = (i + random.NextDouble()) / k * total;
            while (cell < mass.Length - 1 && cumulative + mass[cell] < u) cumulative += mass[cell++];
            double within = mass[cell] > 0 ? Math.Clamp((u - cumulative) / mass[cell], 0, 1) : random.NextDouble();
            ticks[i] = lo + (long)Math.Floor((cell + within) * width);
        }
        return ticks;
    }
}
