using System.Globalization;
using System.Text;

namespace Survival.Assessment;

/// <summary>Calibration of predicted risks at each time: predicted against observed risk by risk group, and the slope.</summary>
public sealed record CalibrationResult
{
    internal CalibrationResult(IReadOnlyList<CalibrationAtTime> times, string? cause, CalibrationOptions options)
    {
        Times = times;
        Cause = cause;
        Options = options;
    }

    /// <summary>One table per evaluation time.</summary>
    public IReadOnlyList<CalibrationAtTime> Times { get; }

    /// <summary>The cause under competing risks; null for survival.</summary>
    public string? Cause { get; }

    /// <summary>The options used.</summary>
    public CalibrationOptions Options { get; }

    /// <summary>The rows left out for a missing value by an objects-in entry point (R's <c>na.action</c>);
    /// <see cref="OmittedRows.None"/> otherwise.</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>A table per time: group, n, mean predicted risk, observed risk with limits; then the slope.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        static string F(double? v) => v is double x ? x.ToString("F3", CultureInfo.InvariantCulture) : "NA";
        foreach (var t in Times)
        {
            sb.Append("time ").Append(t.Time.ToString("R", inv)).Append('\n');
            var w = new StringWriter(inv) { NewLine = "\n" };
            Printing.RFormat.Table(w, ["group", "n", "predicted", "observed", "lower", "upper"],
                t.Groups.Select((g, k) => (IReadOnlyList<string>)[(k + 1).ToString(inv), g.N.ToString(inv), F(g.Predicted), F(g.Observed), F(g.Lower), F(g.Upper)]));
            sb.Append(w);
            sb.Append("calibration slope ").Append(t.Slope is { } s ? $"{F(s.Estimate)} (se {F(s.StdErr)}, {F(s.Lower)} to {F(s.Upper)})" : "NA").Append("\n\n");
        }
        if (Omitted.Count > 0) sb.Append("   (").Append(Omitted).Append(")\n");
        return sb.ToString();
    }
}
