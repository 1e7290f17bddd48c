namespace Survival.Parametric;

/// <summary>Exponential fits overall and by group, and the exact comparison of two groups' rates.</summary>
public static class ExponentialModel
{
    /// <summary>Fits one exponential model to all rows (groups pooled).</summary>
    /// <param name="data">Rows; delayed entry counts time at risk from entry.</param>
    /// <param name="options">Options; null for the defaults (95% limits).</param>
    public static ExponentialFit Fit(SurvivalData data, ParametricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The closed-form exponential fit", "AftModel.Fit with AftDistribution.Exponential");
        options ??= ParametricOptions.Default;
        options.Validate();
        return FitRows(data, null, -1, options.ConfidenceLevel);
    }

    /// <summary>Fits one exponential model per group, in level order.</summary>
    /// <param name="data">Rows with a group column.</param>
    /// <param name="options">Options; null for the defaults (95% limits).</param>
    public static ExponentialGroupFits FitByGroup(SurvivalData data, ParametricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The closed-form exponential fit", "AftModel.Fit with AftDistribution.Exponential");
        options ??= ParametricOptions.Default;
        options.Validate();
        double confidenceLevel = options.ConfidenceLevel;
        var levels = data.Group?.Levels ?? throw new SurvivalInputException("fitting by group needs a group column");
        return new ExponentialGroupFits(levels.Select((level, g) => FitRows(data, level, g, confidenceLevel)).ToArray());
    }

    /// <summary>The ratio of two groups' rates, λ₁/λ₂, with the exact conditional interval.</summary>
    /// <param name="first">The numerator group's fit.</param>
    /// <param name="second">The denominator group's fit.</param>
    /// <remarks>Given d₁ + d₂ events, d₁ is binomial with p = λ₁T₁/(λ₁T₁ + λ₂T₂); the Clopper–Pearson limits for p give
    /// exact limits for the ratio, ratio = p/(1 − p)·T₂/T₁ (equivalently F-distribution limits). R:
    /// <c>poisson.test(c(d1, d2), c(T1, T2))</c>. Needs whole-number event counts.</remarks>
    public static IntervalEstimate RateRatio(ExponentialFit first, ExponentialFit second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int d1 = WholeCount(first.Events), d2 = WholeCount(second.Events);
        if (d1 + d2 == 0) throw new SurvivalInputException("the rate ratio needs at least one event");
        double ratio = (first.Events / first.Exposure) / (second.Events / second.Exposure);
        var p = Survival.Estimation.BinomialProportion.Compute(d1, d1 + d2, first.ConfidenceLevel);
        double scale = second.Exposure / first.Exposure;
        double? lower = p.Lower * scale / (1 - p.Lower);
        double? upper = p.Upper < 1 ? p.Upper * scale / (1 - p.Upper) : null;
        return new IntervalEstimate(d2 == 0 ? null : ratio, lower, upper);
    }

    private static int WholeCount(double events)
    {
        if (Math.Abs(events - Math.Round(events)) > 1e-9)
            throw new SurvivalInputException("the exact rate ratio needs whole-number event counts", column: "events", value: SurvivalData.Format(events));
        return (int)Math.Round(events);
    }

    private static ExponentialFit FitRows(SurvivalData data, string? label, int group, double level)
    {
        int[]? codes = data.Group?.CodeArray;
        double events = 0, exposure = 0;
        int n = 0;
        var time = data.Time;
        var status = data.Event;
        var entry = data.Entry;
        for (int i = 0; i < data.Count; i++)
        {
            if (group >= 0 && codes![i] != group) continue;
            double w = data.WeightAt(i);
            n++;
            exposure += w * (time[i] - (data.HasEntry ? entry[i] : 0));
            if (status[i]) events += w;
        }
        if (!(exposure > 0)) throw new SurvivalInputException("the total time at risk is zero", column: "time", value: label);
        return new ExponentialFit(label, n, events, exposure, level);
    }

}
