namespace Survival.Estimation;

/// <summary>Median follow-up by the reverse Kaplan–Meier method, with the range of follow-up among those still event-free.</summary>
/// <remarks>
/// The reverse Kaplan–Meier estimate treats censoring as the event and events as censoring, so its median is the
/// median potential follow-up, unbiased by early deaths (Schemper &amp; Smith 1996, Controlled Clinical Trials
/// 17:343–346). The range is the smallest and largest time among censored rows (patients alive at last contact).
/// In R: <c>quantile(survfit(Surv(time, 1 - status) ~ 1), 0.5)</c>.
/// </remarks>
public sealed record FollowUp
{
    internal FollowUp(IntervalEstimate median, double? minimum, double? maximum, int censored)
    {
        Median = median;
        Minimum = minimum;
        Maximum = maximum;
        CensoredCount = censored;
    }

    /// <summary>The reverse-KM median follow-up with its limits (null where not reached).</summary>
    public IntervalEstimate Median { get; }

    /// <summary>The shortest follow-up among censored rows, or null when none is censored.</summary>
    public double? Minimum { get; }

    /// <summary>The longest follow-up among censored rows, or null when none is censored.</summary>
    public double? Maximum { get; }

    /// <summary>The number of censored rows.</summary>
    public int CensoredCount { get; }

    /// <summary>Computes the pooled reverse-KM median follow-up of <paramref name="data"/> (weights are used; groups and strata are pooled).</summary>
    /// <param name="data">Time-to-event rows (right-censored).</param>
    /// <param name="options">Kaplan–Meier options for the reverse curve; null for R's defaults.</param>
    public static FollowUp Compute(SurvivalData data, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The reverse Kaplan–Meier follow-up", "Turnbull.Fit for the curve");
        var flipped = new bool[data.Count];
        double? min = null, max = null;
        int censored = 0;
        for (int i = 0; i < data.Count; i++)
        {
            flipped[i] = !data.Event[i];
            if (!data.Event[i])
            {
                censored++;
                double t = data.Time[i];
                min = min is null ? t : Math.Min(min.Value, t);
                max = max is null ? t : Math.Max(max.Value, t);
            }
        }
        var reverse = SurvivalData.FromFactors(data.Time, flipped, entry: data.EntryArray, weight: data.WeightArray);
        var curve = KaplanMeier.Fit(reverse, options).Curves[0];
        return new FollowUp(curve.Median, min, max, censored);
    }

    /// <summary>Computes the pooled reverse-KM median follow-up from counts (a database or DuckDB reduction): events and
    /// censorings swap roles, groups and strata are pooled.</summary>
    /// <param name="counts">The counts.</param>
    /// <param name="options">Kaplan–Meier options for the reverse curve; null for R's defaults.</param>
    /// <remarks>Counts carry weighted censorings, not rows: <see cref="CensoredCount"/> is their total (the number of censored
    /// rows when there are no weights, as on the row path), and the range covers the times with a positive censored count
    /// (a censored row of weight zero, which the row path includes, does not show in counts).</remarks>
    public static FollowUp Compute(SurvivalCounts counts, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double? min = null, max = null;
        double censored = 0;
        for (int c = 0; c < counts.CellCount; c++)
        {
            if (counts.Censored[c] <= 0) continue;
            censored += counts.Censored[c];
            double t = counts.Time[c];
            min = min is null ? t : Math.Min(min.Value, t);
            max = max is null ? t : Math.Max(max.Value, t);
        }
        var reverse = SurvivalCounts.Create(counts.Time, counts.Censored, counts.Events, counts.HasEntry ? counts.Entered.ToArray() : null,
            subjects: counts.Subjects.ToArray());
        var curve = KaplanMeier.Fit(reverse, options).Curves[0];
        return new FollowUp(curve.Median, min, max, (int)Math.Round(censored));
    }
}
