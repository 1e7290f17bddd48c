using System.Globalization;
using System.Text;

namespace Survival.Assessment;

/// <summary>A concordance with its pair counts and infinitesimal-jackknife variance (R <c>concordance</c>'s object).</summary>
/// <remarks>
/// C = (concordant + tied.x/2) / (concordant + discordant + tied.x), over comparable pairs weighted by the case weights
/// and <see cref="ConcordanceOptions.TimeWeight"/>; pairs tied on the outcome (tied.y, tied.xy) are reported but not
/// used. The variance is Σᵢ dfbetaᵢ² (sums within a cluster first), with dfbetaᵢ the infinitesimal-jackknife influence
/// of row i on Somers' d divided by 2 (R <c>var</c>); <see cref="CoxVariance"/> is the variance from the Cox
/// partial-likelihood score test (R <c>cvar</c>). R survival <c>concordancefit</c>; Therneau &amp; Atkinson, "The
/// concordance statistic".
/// </remarks>
public sealed record ConcordanceResult
{
    internal ConcordanceResult(double estimate, double variance, double coxVariance, double concordant, double discordant,
        double tiedX, double tiedY, double tiedXY, int n, ConcordanceOptions options)
    {
        Estimate = estimate;
        Variance = variance;
        CoxVariance = coxVariance;
        Concordant = concordant;
        Discordant = discordant;
        TiedX = tiedX;
        TiedY = tiedY;
        TiedXY = tiedXY;
        N = n;
        Options = options;
        double z = Survival.ConfidenceLevel.Z(options.ConfidenceLevel);
        Lower = estimate - z * StdErr;
        Upper = estimate + z * StdErr;
    }

    /// <summary>The concordance C.</summary>
    public double Estimate { get; }

    /// <summary>Its infinitesimal-jackknife variance (R <c>var</c>).</summary>
    public double Variance { get; }

    /// <summary>√<see cref="Variance"/> (R's printed <c>se</c>).</summary>
    public double StdErr => Math.Sqrt(Variance);

    /// <summary>Lower Wald limit C − z·se.</summary>
    public double Lower { get; }

    /// <summary>Upper Wald limit C + z·se.</summary>
    public double Upper { get; }

    /// <summary>The variance under the Cox model's score test (R <c>cvar</c>).</summary>
    public double CoxVariance { get; }

    /// <summary>Weighted concordant pairs.</summary>
    public double Concordant { get; }

    /// <summary>Weighted discordant pairs.</summary>
    public double Discordant { get; }

    /// <summary>Weighted comparable pairs tied on the score.</summary>
    public double TiedX { get; }

    /// <summary>Weighted pairs of events tied in time (not on the score).</summary>
    public double TiedY { get; }

    /// <summary>Weighted pairs of events tied in time and on the score.</summary>
    public double TiedXY { get; }

    /// <summary>Rows used.</summary>
    public int N { get; }

    /// <summary>The options used.</summary>
    public ConcordanceOptions Options { get; }

    /// <summary>The rows left out for a missing value by an objects-in entry point (R's <c>na.action</c>);
    /// <see cref="OmittedRows.None"/> otherwise.</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>As R prints a <c>concordance</c> object (after its call line).</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        // R: cat("n=", n, "\n") without a missing value; cat("n=", n, " (", naprint(omit), ")\n", sep = "") with.
        if (Omitted.Count > 0) sb.Append("n=").Append(N.ToString(inv)).Append(" (").Append(Omitted).Append(")\n");
        else sb.Append("n= ").Append(N.ToString(inv)).Append(" \n");
        sb.Append("Concordance= ").Append(Printing.RFormat.Number(Estimate, 4)).Append(" se= ").Append(Printing.RFormat.Number(StdErr, 4)).Append('\n');
        string[] names = ["concordant", "discordant", "tied.x", "tied.y", "tied.xy"];
        string[] values = new[] { Concordant, Discordant, TiedX, TiedY, TiedXY }.Select(v => Math.Round(v, 2).ToString("R", inv)).ToArray();
        // R prints a named vector with one column width for all: the widest name or value.
        int width = names.Concat(values).Max(s => s.Length);
        sb.Append(string.Join(" ", names.Select(s => s.PadLeft(width)))).Append(" \n");
        sb.Append(string.Join(" ", values.Select(s => s.PadLeft(width)))).Append(" \n");
        return sb.ToString();
    }
}
