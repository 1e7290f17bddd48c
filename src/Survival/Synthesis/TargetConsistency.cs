using System.Globalization;

namespace Survival.Synthesis;

/// <summary>Finds published targets that no cohort can meet together, before any search: each rule below follows from
/// the definitions of the statistics, whatever the data.</summary>
/// <remarks>
/// Within a group (a printed number stands for its rounding window): survival cannot rise, nor incidence fall, from one
/// landmark to a later one; numbers at risk cannot rise; at a time no later than the shortest allowed time all patients
/// are at risk; nobody is at risk after the longest allowed time; a lower limit cannot exceed its estimate nor an estimate
/// its upper limit; survival is at least one half before the median and at most one half after it (R's median is the
/// first time the curve reaches 0.5 or below, or the midpoint of a flat stretch at 0.5); a median (or limit) cannot lie
/// beyond the longest allowed time. Between groups: the hazard ratio lies within its limits.
/// </remarks>
internal static class TargetConsistency
{
    public static ValueList<TargetConflict> Find(CohortTargets targets, double minTime, double maxTime)
    {
        var found = new List<TargetConflict>();
        void Add(string reason, params PublishedTarget[] t) => found.Add(new TargetConflict(ValueList<string>.Of(t.Select(x => x.Name).ToArray()), reason));
        static (double Low, double High) Window(PublishedTarget t)
        {
            double half = 0.5 * Math.Pow(10, -t.Printed.Decimals);
            return (t.Printed.Value - half, t.Printed.Value + half);
        }
        static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        var rounded = targets.Targets.Where(t => t.Printed.Kind == PrintedKind.Rounded).ToArray();
        foreach (string group in targets.Groups)
        {
            var own = rounded.Where(t => t.Group == group).ToArray();
            int n = targets.PatientsOf(group);
            foreach (var (estimate, lower, upper) in new[]
            {
                (TargetStatistic.Survival, TargetStatistic.SurvivalLower, TargetStatistic.SurvivalUpper),
                (TargetStatistic.Incidence, TargetStatistic.IncidenceLower, TargetStatistic.IncidenceUpper),
            })
            {
                var points = own.Where(t => t.Statistic == estimate).OrderBy(t => t.Time).ToArray();
                for (int a = 0; a < points.Length; a++)
                    for (int b = a + 1; b < points.Length; b++)
                        if (points[a].Time < points[b].Time)
                        {
                            bool survival = estimate == TargetStatistic.Survival;
                            if (survival ? Window(points[a]).High <= Window(points[b]).Low : Window(points[a]).Low >= Window(points[b]).High)
                                Add(survival ? "survival cannot rise over time" : "cumulative incidence cannot fall over time", points[a], points[b]);
                        }
                Limits(own.Where(t => t.Statistic == estimate), own.Where(t => t.Statistic == lower), own.Where(t => t.Statistic == upper), Add);
            }
            Limits(own.Where(t => t.Statistic == TargetStatistic.Median), own.Where(t => t.Statistic == TargetStatistic.MedianLower),
                own.Where(t => t.Statistic == TargetStatistic.MedianUpper), Add);
            var atRisk = own.Where(t => t.Statistic == TargetStatistic.AtRisk).OrderBy(t => t.Time).ToArray();
            for (int a = 0; a + 1 < atRisk.Length; a++)
                if (atRisk[a].Time < atRisk[a + 1].Time && atRisk[a].Printed.Value < atRisk[a + 1].Printed.Value)
                    Add("the number at risk cannot rise over time", atRisk[a], atRisk[a + 1]);
            foreach (var r in atRisk)
            {
                if (r.Time <= minTime && r.Printed.Value != n)
                    Add($"all {n} patients are at risk at time {F(r.Time!.Value)}, no later than the shortest allowed time {F(minTime)}", r);
                if (r.Time > maxTime && r.Printed.Value > 0)
                    Add($"no one is at risk after the longest allowed time {F(maxTime)}", r);
            }
            foreach (var m in own.Where(t => t.Statistic is TargetStatistic.Median or TargetStatistic.MedianLower or TargetStatistic.MedianUpper))
                if (Window(m).Low > maxTime)
                    Add($"a median or limit cannot lie after the longest allowed time {F(maxTime)}", m);
            if (own.FirstOrDefault(t => t.Statistic == TargetStatistic.Median) is { } median)
            {
                var (mLow, mHigh) = Window(median);
                foreach (var s in own.Where(t => t.Statistic == TargetStatistic.Survival))
                {
                    if (s.Time < mLow && Window(s).High <= 0.5)
                        Add("survival is below one half before the median", median, s);
                    if (s.Time >= mHigh && Window(s).Low > 0.5)
                        Add("survival is above one half after the median", median, s);
                }
            }
        }
        var cross = rounded.Where(t => t.Statistic is TargetStatistic.HazardRatio or TargetStatistic.HazardRatioLower or TargetStatistic.HazardRatioUpper)
            .GroupBy(t => (t.Reference, t.Group));
        foreach (var c in cross)
            Limits(c.Where(t => t.Statistic == TargetStatistic.HazardRatio), c.Where(t => t.Statistic == TargetStatistic.HazardRatioLower),
                c.Where(t => t.Statistic == TargetStatistic.HazardRatioUpper), Add);
        return ValueList<TargetConflict>.Of(found.ToArray());

        static void Limits(IEnumerable<PublishedTarget> estimate, IEnumerable<PublishedTarget> lower, IEnumerable<PublishedTarget> upper,
            Action<string, PublishedTarget[]> add)
        {
            foreach (var e in estimate)
            {
                foreach (var l in lower.Where(x => x.Time == e.Time))
                    if (Window(l).Low >= Window(e).High) add("a lower limit cannot be above its estimate", [l, e]);
                foreach (var u in upper.Where(x => x.Time == e.Time))
                    if (Window(u).High <= Window(e).Low) add("an upper limit cannot be below its estimate", [e, u]);
            }
        }
    }
}
