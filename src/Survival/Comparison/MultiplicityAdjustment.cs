namespace Survival.Comparison;

/// <summary>How P values of several comparisons are adjusted (R <c>p.adjust</c> methods).</summary>
public enum MultiplicityAdjustment
{
    /// <summary>No adjustment (R <c>"none"</c>).</summary>
    None,

    /// <summary>Bonferroni: min(1, m·p) (R <c>"bonferroni"</c>).</summary>
    Bonferroni,

    /// <summary>Holm's step-down (R <c>"holm"</c>, the default of <c>p.adjust</c>).</summary>
    Holm,

    /// <summary>Benjamini–Hochberg false-discovery rate (R <c>"BH"</c>, the default of survminer's <c>pairwise_survdiff</c>).</summary>
    BenjaminiHochberg,
}

/// <summary>Adjusts P values for multiplicity exactly as R's <c>p.adjust</c>.</summary>
public static class PValueAdjustment
{
    /// <summary>Adjusted P values in the input order.</summary>
    /// <param name="pValues">Unadjusted P values.</param>
    /// <param name="method">The method.</param>
    /// <remarks>Holm: p₍ᵢ₎·(m − i + 1), made monotone increasing, capped at 1; BH: p₍ᵢ₎·m/i, made monotone
    /// decreasing from the largest, capped at 1 (Holm 1979; Benjamini &amp; Hochberg 1995).</remarks>
    public static double[] Adjust(IReadOnlyList<double> pValues, MultiplicityAdjustment method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        int m = pValues.Count;
        var result = new double[m];
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        switch (method)
        {
            case MultiplicityAdjustment.None:
                for (int i = 0; i < m; i++) result[i] = pValues[i];
                break;
            case MultiplicityAdjustment.Bonferroni:
                for (int i = 0; i < m; i++) result[i] = Math.Min(1, m * pValues[i]);
                break;
            case MultiplicityAdjustment.Holm:
                {
                    double running = 0;
                    for (int r = 0; r < m; r++)
                    {
                        running = Math.Max(running, Math.Min(1, (m - r) * pValues[order[r]]));
                        result[order[r]] = running;
                    }
                    break;
                }
            case MultiplicityAdjustment.BenjaminiHochberg:
                {
                    double running = 1;
                    for (int r = m - 1; r >= 0; r--)
                    {
                        running = Math.Min(running, Math.Min(1, pValues[order[r]] * m / (r + 1)));
                        result[order[r]] = running;
                    }
                    break;
                }
            default:
                throw new SurvivalInputException("unknown adjustment", column: "method", value: method.ToString());
        }
        return result;
    }
}
