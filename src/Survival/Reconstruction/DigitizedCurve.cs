using System.Globalization;

namespace Survival.Reconstruction;

/// <summary>The points of one published curve as a digitiser reads them, validated, with the monotone survival curve
/// cleaned from them that reconstruction uses.</summary>
/// <remarks>
/// <para>Digitising leaves points in any order, with duplicates, noise and small rises. The cleaning rule, applied once
/// here, is stated so that it can be checked:</para>
/// <list type="number">
/// <item>values are put on the survival scale: a percentage is divided by 100, a cumulative incidence c becomes 1 − c;</item>
/// <item>a value up to 0.05 outside [0, 1] (a digitiser's overshoot of the axis) is set to the nearer end; one further
/// out is an error;</item>
/// <item>points are sorted by time (at one time, higher survival first: the top of a drop before its foot);</item>
/// <item>survival is made non-increasing by isotonic (antitonic) regression, the pool-adjacent-violators algorithm with
/// equal weights: a run of points that rises is replaced by its mean (Barlow et al. 1972);</item>
/// <item>the point (0, 1) is put first when the curve does not already start there (Guyot et al. 2012 require it).</item>
/// </list>
/// <para><see cref="Points"/> keeps the input as given (on the survival scale, for the accuracy report);
/// <see cref="Cleaned"/> is the result of the rule; <see cref="PointsAdjusted"/> counts the points the rule moved.</para>
/// </remarks>
public sealed record DigitizedCurve
{
    private const double Overshoot = 0.05;

    private DigitizedCurve(string? group, ValueList<CurvePoint> points, ValueList<CurvePoint> cleaned, int adjusted)
    {
        Group = group;
        Points = points;
        Cleaned = cleaned;
        PointsAdjusted = adjusted;
    }

    /// <summary>The same curve named for a group.</summary>
    internal DigitizedCurve WithGroup(string group) => new(group, Points, Cleaned, PointsAdjusted);

    /// <summary>The arm the curve belongs to, or null for a single curve.</summary>
    public string? Group { get; }

    /// <summary>The points as given, in the given order, converted to survival proportions (not yet cleaned).</summary>
    public ValueList<CurvePoint> Points { get; }

    /// <summary>The monotone curve the cleaning rule (remarks) makes of <see cref="Points"/>: sorted, non-increasing,
    /// within [0, 1], starting at (0, 1).</summary>
    public ValueList<CurvePoint> Cleaned { get; }

    /// <summary>How many input points the cleaning rule moved (clipped to [0, 1] or pooled by isotonic regression).</summary>
    public int PointsAdjusted { get; }

    /// <summary>Validates digitised points and cleans them (remarks).</summary>
    /// <param name="times">The times, finite and ≥ 0.</param>
    /// <param name="values">The vertical values, on <paramref name="scale"/>, showing <paramref name="kind"/>.</param>
    /// <param name="group">The arm, or null for one curve; named in error messages.</param>
    /// <param name="scale">Proportion (default, as IPDfromKM) or percent.</param>
    /// <param name="kind">Survival (default) or cumulative incidence.</param>
    /// <exception cref="SurvivalInputException">No points, lengths differ, a time is negative or not finite, a value is
    /// outside the scale by more than 5% of it, or a survival curve said to be in percent has no value above 1 (it is
    /// written as a proportion); the message names the row and value.</exception>
    public static DigitizedCurve Create(IReadOnlyList<double> times, IReadOnlyList<double> values, string? group = null,
        CurveScale scale = CurveScale.Proportion, CurveKind kind = CurveKind.Survival)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        string where = group is null ? "" : $"group {group}: ";
        if (times.Count == 0) throw new SurvivalInputException(where + "the curve has no points", column: "time");
        if (values.Count != times.Count)
            throw new SurvivalInputException(where + $"the curve has {times.Count} times but {values.Count} values", column: "survival");
        double full = scale == CurveScale.Percent ? 100 : 1;
        var points = new CurvePoint[times.Count];
        for (int i = 0; i < points.Length; i++)
        {
            double t = times[i], v = values[i];
            if (!double.IsFinite(t) || t < 0) throw new SurvivalInputException(where + "a time must be finite and ≥ 0", column: "time", value: Text(t), row: i + 1);
            if (!double.IsFinite(v) || v < -Overshoot * full || v > (1 + Overshoot) * full)
            {
                string range = scale == CurveScale.Percent ? "0 to 100 (percent)" : "0 to 1 (a proportion; use the percent scale for 0 to 100)";
                throw new SurvivalInputException(where + $"a value must be within {range}", column: "survival", value: Text(v), row: i + 1);
            }
            double p = v / full;
            points[i] = new CurvePoint(t, kind == CurveKind.CumulativeIncidence ? 1 - p : p);
        }
        if (scale == CurveScale.Percent && kind == CurveKind.Survival && values.Count > 1 && values.All(v => Math.Abs(v) <= 1))
            throw new SurvivalInputException(where + "every value is at most 1, so the curve is written as a proportion, not a percentage: use the proportion scale",
                column: "survival", value: Text(values.Max()));
        var (cleaned, adjusted) = Clean(points);
        return new DigitizedCurve(group, new ValueList<CurvePoint>(points), new ValueList<CurvePoint>(cleaned), adjusted);
    }

    /// <summary>A digitised curve from the points an application holds (a digitiser's export, rows read from a file).</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points, enumerated once, in any order.</param>
    /// <param name="time">A point's time.</param>
    /// <param name="value">A point's vertical value, on <paramref name="scale"/>.</param>
    /// <param name="group">The arm, or null for one curve.</param>
    /// <param name="scale">Proportion (default, as IPDfromKM) or percent.</param>
    /// <param name="kind">Survival (default) or cumulative incidence.</param>
    /// <exception cref="SurvivalInputException">As <see cref="Create"/>; a missing value (<see cref="double.NaN"/>) is an
    /// error naming the point's 1-based position, never dropped: a digitised point left out would move the curve.</exception>
    public static DigitizedCurve From<T>(IEnumerable<T> points, Func<T, double> time, Func<T, double> value, string? group = null,
        CurveScale scale = CurveScale.Proportion, CurveKind kind = CurveKind.Survival)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(value);
        var t = new List<double>();
        var v = new List<double>();
        foreach (var p in points) { t.Add(time(p)); v.Add(value(p)); }
        return Create(t, v, group, scale, kind);
    }

    /// <summary>One digitised curve per arm from points of several arms held together (R's IPDfromKM takes one data frame
    /// per arm; a digitiser's export often holds all of them), in the order the arms first appear.</summary>
    /// <typeparam name="T">The point type.</typeparam>
    /// <param name="points">The points, enumerated once.</param>
    /// <param name="group">A point's arm (null is an error: a point must belong to a curve).</param>
    /// <param name="time">A point's time.</param>
    /// <param name="value">A point's vertical value, on <paramref name="scale"/>.</param>
    /// <param name="scale">Proportion (default) or percent.</param>
    /// <param name="kind">Survival (default) or cumulative incidence.</param>
    /// <exception cref="SurvivalInputException">As <see cref="Create"/>, naming the arm and the point's 1-based position
    /// among all the points.</exception>
    public static ValueList<DigitizedCurve> ByGroup<T>(IEnumerable<T> points, Func<T, string?> group, Func<T, double> time, Func<T, double> value,
        CurveScale scale = CurveScale.Proportion, CurveKind kind = CurveKind.Survival)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(value);
        var arms = GroupedRows.Split(points, group, p => (time(p), value(p)));
        return new ValueList<DigitizedCurve>(arms.Select(a => GroupedRows.AtPosition(a, () => Create(a.Values.Select(x => x.Item1).ToArray(),
            a.Values.Select(x => x.Item2).ToArray(), a.Group, scale, kind))).ToArray());
    }

    /// <summary>The exact coordinates a perfect digitiser would read off a drawn Kaplan–Meier curve: (0, 1), both corners
    /// of each drop (the level before and after it, at the event time), and the last time with the last level. For
    /// simulation studies of reconstruction, and to test it on curves whose patients are known.</summary>
    /// <param name="curve">A fitted curve (<see cref="Estimation.KaplanMeier"/>).</param>
    /// <param name="group">The name to give the curve; default the curve's own label.</param>
    public static DigitizedCurve FromCurve(Estimation.SurvivalCurve curve, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var times = new List<double> { 0 };
        var values = new List<double> { 1 };
        double level = 1;
        foreach (var step in curve.Steps)
        {
            if (step.Survival < level)
            {
                times.Add(step.Time);
                values.Add(level);
                times.Add(step.Time);
                values.Add(step.Survival);
                level = step.Survival;
            }
        }
        if (curve.Steps.Count > 0 && curve.Steps[^1].Time > times[^1])
        {
            times.Add(curve.Steps[^1].Time);
            values.Add(level);
        }
        return Create(times, values, group ?? curve.Label);
    }

    /// <summary>The cleaning rule of the remarks.</summary>
    private static (CurvePoint[] Cleaned, int Adjusted) Clean(CurvePoint[] points)
    {
        var sorted = points.Select(p => new CurvePoint(p.Time, Math.Clamp(p.Survival, 0, 1)))
            .OrderBy(p => p.Time).ThenByDescending(p => p.Survival).ToArray();
        int adjusted = points.Count(p => p.Survival < 0 || p.Survival > 1);
        // Pool adjacent violators, for a non-increasing fit: blocks of (mean, size); a block that rises above the one
        // before it is merged into it.
        var mean = new double[sorted.Length];
        var size = new int[sorted.Length];
        int blocks = 0;
        foreach (var p in sorted)
        {
            mean[blocks] = p.Survival;
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 1] > mean[blocks - 2])
            {
                int merged = size[blocks - 2] + size[blocks - 1];
                mean[blocks - 2] = (mean[blocks - 2] * size[blocks - 2] + mean[blocks - 1] * size[blocks - 1]) / merged;
                size[blocks - 2] = merged;
                blocks--;
            }
        }
        var fitted = new List<CurvePoint>(sorted.Length + 1);
        for (int b = 0, k = 0; b < blocks; b++)
        {
            for (int j = 0; j < size[b]; j++, k++)
            {
                if (sorted[k].Survival != mean[b]) adjusted++;
                fitted.Add(new CurvePoint(sorted[k].Time, mean[b]));
            }
        }
        if (!(fitted[0].Time == 0 && fitted[0].Survival == 1)) fitted.Insert(0, new CurvePoint(0, 1));
        return (fitted.ToArray(), adjusted);
    }

    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
