using Survival.Estimation;
using Survival.Reconstruction;
using Survival.Regression;

namespace Survival.Tests.Shared;

/// <summary>How close patients reconstructed from a figure come to the patients the figure was drawn from: each arm's
/// median and events, and the Cox hazard ratio of every arm against the first. Shared by the tests and the
/// <c>reconstruct-accuracy</c> harness so that both measure the same thing.</summary>
internal static class ReconstructionScore
{
    internal sealed record Arm(string Group, double? MedianOriginal, double? MedianReconstructed, bool MedianWithin,
        double EventsOriginal, double EventsReconstructed)
    {
        public double EventsRelativeError => Math.Abs(EventsReconstructed - EventsOriginal) / Math.Max(1, EventsOriginal);
        public double? MedianRelativeError => MedianOriginal is double o && MedianReconstructed is double r ? Math.Abs(r - o) / o : null;
    }

    internal sealed record Result(IReadOnlyList<Arm> Arms, IReadOnlyList<double> HazardRatioOriginal, IReadOnlyList<double> HazardRatioReconstructed)
    {
        public double HazardRatioRelativeError => HazardRatioOriginal.Zip(HazardRatioReconstructed, (o, r) => Math.Abs(r - o) / o).DefaultIfEmpty(0).Max();
        public double EventsRelativeError => Arms.Max(a => a.EventsRelativeError);
        public bool MediansWithin => Arms.All(a => a.MedianWithin);

        public override string ToString() => string.Join("; ", Arms.Select(a =>
            $"{a.Group}: median {a.MedianOriginal:0.###} → {a.MedianReconstructed:0.###}, events {a.EventsOriginal} → {a.EventsReconstructed}"))
            + $"; HR {string.Join(",", HazardRatioOriginal.Select(h => h.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)))}"
            + $" → {string.Join(",", HazardRatioReconstructed.Select(h => h.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)))}";
    }

    /// <summary>Scores <paramref name="reconstructed"/> against <paramref name="original"/> (both grouped alike). A median is
    /// within when its relative error is at most <paramref name="medianTolerance"/>, or when it lies on the step the
    /// original median sits on: between the original event times just before and just after it.</summary>
    public static Result Compare(SurvivalData original, SurvivalData reconstructed, double medianTolerance)
    {
        var a = KaplanMeier.Fit(original);
        var b = KaplanMeier.Fit(reconstructed);
        var arms = new List<Arm>();
        foreach (var c in a.Curves)
        {
            var r = b.Curves.Single(x => x.Label == c.Label);
            double? mo = c.Median.Estimate, mr = r.Median.Estimate;
            bool within = (mo, mr) switch
            {
                (null, null) => true,
                (double o, double x) => Math.Abs(x - o) <= medianTolerance * o || OnTheStep(c, o, x),
                _ => false,
            };
            arms.Add(new Arm(c.Label ?? "all", mo, mr, within, c.Events, r.Events));
        }
        var reference = original.Group?.Levels[0];
        return new Result(arms, HazardRatios(original, reference), HazardRatios(reconstructed, reference));
    }

    /// <summary>Reconstructs every group of <paramref name="data"/> from the exact coordinates of its Kaplan–Meier curve and
    /// an at-risk table at every tenth of the longest follow-up (optionally with each arm's total events).</summary>
    public static ReconstructionResult FromExactCurves(SurvivalData data, bool withEvents)
    {
        var fit = KaplanMeier.Fit(data);
        double end = fit.Curves.Max(c => c.Steps[^1].Time);
        var times = Enumerable.Range(0, 11).Select(i => end * i / 10).ToArray();
        return GuyotReconstruction.Reconstruct(fit.Curves.Select(c => new ArmEvidence(DigitizedCurve.FromCurve(c), AtRiskTable.FromCurve(c, times),
            withEvents ? (int)c.Events : null)).ToArray());
    }

    /// <summary>Two simulated arms (seeded): <c>heavy-censoring</c> — exponential arms (median 12 and 18) where about
    /// 60% are censored, uniformly over 0–24 and by dropout; <c>crossing</c> — a Weibull arm with shape 0.6 against one with
    /// shape 2.2, whose curves cross near 10.</summary>
    public static SurvivalData Simulated(string kind, int seed, int perArm = 200)
    {
        var random = new Random(seed);
        var time = new double[2 * perArm];
        var status = new bool[2 * perArm];
        var group = new string[2 * perArm];
        for (int i = 0; i < time.Length; i++)
        {
            bool second = i >= perArm;
            double u = 1 - random.NextDouble();
            double t = kind switch
            {
                "heavy-censoring" => -Math.Log(u) * (second ? 18 : 12) / Math.Log(2),
                "crossing" => second ? 12 * Math.Pow(-Math.Log(u), 1 / 2.2) : 9 * Math.Pow(-Math.Log(u), 1 / 0.6),
                _ => throw new ArgumentException(kind),
            };
            double censor = kind == "heavy-censoring"
                ? Math.Min(24 * random.NextDouble(), -Math.Log(1 - random.NextDouble()) * 20)
                : 6 + 24 * random.NextDouble();
            time[i] = Math.Round(Math.Min(t, censor), 2);
            status[i] = t <= censor;
            group[i] = second ? "B" : "A";
        }
        return SurvivalData.Create(time, status, group: group);
    }

    private static bool OnTheStep(SurvivalCurve curve, double median, double candidate)
    {
        var eventTimes = curve.Steps.Where(s => s.Events > 0).Select(s => s.Time).ToArray();
        double before = eventTimes.Where(t => t < median).DefaultIfEmpty(0).Max();
        double after = eventTimes.Where(t => t > median).DefaultIfEmpty(double.PositiveInfinity).Min();
        return candidate >= before && candidate <= after;
    }

    private static double[] HazardRatios(SurvivalData data, string? reference)
    {
        if (data.Group is null || data.Group.Levels.Count < 2) return [];
        var x = new CovariateMatrix(data.Count).AddCategorical("group", data.Group, reference);
        var fit = CoxRegression.Fit(data, x);
        return fit.Coefficients.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.HazardRatio!.Value).ToArray();
    }
}
