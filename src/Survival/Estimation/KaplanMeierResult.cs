namespace Survival.Estimation;

/// <summary>The Kaplan–Meier fit: one curve per group (per group and stratum when strata are given), and the options used.</summary>
public sealed record KaplanMeierResult
{
    internal KaplanMeierResult(SurvivalCurve[] curves, KaplanMeierOptions options)
    {
        Curves = new ValueList<SurvivalCurve>(curves);
        Options = options;
    }

    /// <summary>The curves, in group-level order (group-major, then stratum, as R's <c>survfit(Surv ~ g + s)</c>).</summary>
    public IReadOnlyList<SurvivalCurve> Curves { get; }

    /// <summary>The curve of one group (its label; with strata, <c>"group, stratum"</c> as <see cref="SurvivalCurve.Label"/>),
    /// or of one stratum when there are no groups.</summary>
    /// <param name="group">The group (or stratum) label.</param>
    /// <exception cref="KeyNotFoundException">No curve has that label; the message lists the labels there are.</exception>
    public SurvivalCurve this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            foreach (var curve in Curves)
                if (curve.Label == group || (curve.Stratum is null && curve.Group == group)) return curve;
            throw new KeyNotFoundException(
                $"no curve for group '{group}'; the curves are {string.Join(", ", Curves.Select(c => $"'{c.Label ?? "(all)"}'"))}");
        }
    }

    /// <summary>The options the curves were fitted with.</summary>
    public KaplanMeierOptions Options { get; internal init; }

    /// <summary>The variance the standard errors and limits use: <see cref="KaplanMeierVariance.Greenwood"/> or
    /// <see cref="KaplanMeierVariance.Robust"/> (what <see cref="KaplanMeierOptions.Variance"/> resolved to).</summary>
    public KaplanMeierVariance Variance { get; internal init; } = KaplanMeierVariance.Greenwood;

    /// <summary>The input rows left out for missing values before the fit (R's <c>na.action</c>).</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>What R's <c>print(survfit(...))</c> prints: one row per curve with n, events, the median and its limits,
    /// after R's note on rows deleted for missingness.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        if (Omitted.Count > 0) w.WriteLine($"   {Omitted}");
        string level = Options.ConfidenceLevel.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        Printing.RFormat.Table(w, ["", "n", "events", "median", $"{level}LCL", $"{level}UCL"],
            Curves.Select(c => (IReadOnlyList<string>)[c.Label ?? "[1,]", c.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Printing.RFormat.Number(c.Events), Printing.RFormat.Number(c.Median.Estimate), Printing.RFormat.Number(c.Median.Lower),
                Printing.RFormat.Number(c.Median.Upper)]));
        return w.ToString();
    }
}
