namespace Survival.Estimation;

/// <summary>The Kaplan–Meier product-limit estimator of the survival function, at R <c>survfit</c> parity.</summary>
/// <remarks>
/// <para>At each distinct time t_j with n_j at risk and d_j events (weighted sums with frequency weights):
/// S(t) = Π_{t_j ≤ t} (1 − d_j / n_j). A subject with delayed entry e and exit t is at risk on (e, t]. Variance by
/// Greenwood's formula; limits as <see cref="ConfidenceIntervalTransform"/> describes; quantiles by R's rule.</para>
/// <para>References: Kaplan &amp; Meier (1958), JASA 53:457–481; Greenwood (1926); R survival <c>survfit.formula</c>,
/// <c>survfitKM</c>; Therneau &amp; Grambsch (2000), Modeling Survival Data, §2.1.</para>
/// </remarks>
public static class KaplanMeier
{
    /// <summary>Fits one curve per group (and stratum) to row-level data.</summary>
    /// <param name="data">Validated rows.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">An option is invalid, or a delayed-entry interval collapses under the near-tie rule.</exception>
    public static KaplanMeierResult Fit(SurvivalData data, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= KaplanMeierOptions.Default;
        options.Validate();
        if (options.TimeFix) TimeFix.CheckIntervals(data);
        return Fit(SurvivalCounts.FromData(data), options);
    }

    /// <summary>Fits one curve per group (and stratum) to counts (aggregated input): identical to the row-level fit.</summary>
    /// <param name="counts">Per-time counts.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    public static KaplanMeierResult Fit(SurvivalCounts counts, KaplanMeierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= KaplanMeierOptions.Default;
        options.Validate();
        if (options.TimeFix) counts = TimeFix.Apply(counts);

        double z = ConfidenceLimits.Z(options.ConfidenceLevel);
        var curves = new List<SurvivalCurve>(counts.GroupCount * counts.StratumCount);
        for (int g = 0; g < counts.GroupCount; g++)
        {
            for (int s = 0; s < counts.StratumCount; s++)
            {
                var curve = FitCurve(counts, g, s, z, options);
                if (curve is not null) curves.Add(curve);
            }
        }
        return new KaplanMeierResult(curves.ToArray(), options);
    }

    /// <summary>One curve: a single pass over the stratum's cells of one group, in time order.</summary>
    private static SurvivalCurve? FitCurve(SurvivalCounts counts, int g, int s, double z, KaplanMeierOptions options)
    {
        var (start, end) = counts.StratumRange(s);
        var time = counts.Time;
        var group = counts.Group;
        var events = counts.Events;
        var censored = counts.Censored;
        var entered = counts.Entered;
        var subjects = counts.Subjects;

        // Without delayed entry everyone is at risk from the start: n(t) = Σ exits at or after t.
        double totalExits = 0, subjectCount = 0, totalEvents = 0;
        int stepCount = 0;
        for (int c = start; c < end; c++)
        {
            if (group[c] != g) continue;
            double exits = events[c] + censored[c];
            totalExits += exits;
            subjectCount += subjects[c];
            totalEvents += events[c];
            if (exits > 0 || subjects[c] > 0) stepCount++;
        }
        if (subjectCount == 0 && totalExits == 0) return null;

        var steps = new SurvivalStep[stepCount];
        bool delayed = counts.HasEntry;
        double atRisk = delayed ? 0 : totalExits;
        double initialAtRisk = atRisk;
        double surv = 1, greenwood = 0, hazard = 0, hazardVar = 0;
        int k = 0;
        bool first = true;
        for (int c = start; c < end; c++)
        {
            if (group[c] != g) continue;
            double d = events[c], cens = censored[c], e = entered[c];
            if (d + cens > 0 || subjects[c] > 0)
            {
                if (first && delayed) initialAtRisk = atRisk;
                first = false;
                if (d > 0)
                {
                    surv *= 1 - d / atRisk;
                    greenwood += atRisk == d ? double.PositiveInfinity : d / (atRisk * (atRisk - d));
                    hazard += d / atRisk;
                    hazardVar += d / (atRisk * atRisk);
                }
                double se = Math.Sqrt(greenwood);
                steps[k++] = new SurvivalStep(time[c], atRisk, d, cens, e, surv, se,
                    ConfidenceLimits.For(surv, se, z, options.Transform), hazard, Math.Sqrt(hazardVar));
            }
            atRisk += e - d - cens;
        }
        string? groupLabel = counts.GroupLevels.Count > 0 ? counts.GroupLevels[g] : null;
        string? stratumLabel = counts.StratumLevels.Count > 0 ? counts.StratumLevels[s] : null;
        return new SurvivalCurve(groupLabel, stratumLabel, (int)Math.Round(subjectCount), totalEvents, initialAtRisk, steps,
            options.ConfidenceLevel, options.Transform);
    }
}
