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
}
