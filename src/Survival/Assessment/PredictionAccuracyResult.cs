using System.Globalization;
using System.Text;

namespace Survival.Assessment;

/// <summary>Time-dependent AUC and Brier scores of predicted risks (riskRegression <c>Score</c>'s <c>AUC$score</c> and
/// <c>Brier$score</c>, with the null model and the integrated Brier score).</summary>
public sealed record PredictionAccuracyResult
{
    internal PredictionAccuracyResult(IReadOnlyList<TimedEstimate> auc, IReadOnlyList<TimedEstimate> brier, IReadOnlyList<TimedEstimate> nullBrier,
        IReadOnlyList<TimedEstimate> integratedBrier, IReadOnlyList<TimedEstimate> nullIntegratedBrier, string? cause, int n, PredictionAccuracyOptions options)
    {
        Auc = auc;
        Brier = brier;
        NullBrier = nullBrier;
        IntegratedBrierTo = integratedBrier;
        NullIntegratedBrierTo = nullIntegratedBrier;
        Cause = cause;
        N = n;
        Options = options;
    }

    /// <summary>The AUC at each time (NaN when there is no case or no control at that time).</summary>
    public IReadOnlyList<TimedEstimate> Auc { get; }

    /// <summary>The model's Brier score at each time.</summary>
    public IReadOnlyList<TimedEstimate> Brier { get; }

    /// <summary>The null model's Brier score at each time (everyone predicted the Kaplan–Meier or Aalen–Johansen risk of
    /// the assessed data: Score's "Null model").</summary>
    public IReadOnlyList<TimedEstimate> NullBrier { get; }

    /// <summary>The model's integrated Brier score from 0 to each time (Score's <c>IBS</c> column).</summary>
    public IReadOnlyList<TimedEstimate> IntegratedBrierTo { get; }

    /// <summary>The null model's integrated Brier score from 0 to each time.</summary>
    public IReadOnlyList<TimedEstimate> NullIntegratedBrierTo { get; }

    /// <summary>The integrated Brier score over the whole range (to the last time).</summary>
    public TimedEstimate IntegratedBrier => IntegratedBrierTo[^1];

    /// <summary>The null model's integrated Brier score over the whole range.</summary>
    public TimedEstimate NullIntegratedBrier => NullIntegratedBrierTo[^1];

    /// <summary>The cause assessed under competing risks; null for survival.</summary>
    public string? Cause { get; }

    /// <summary>Rows assessed.</summary>
    public int N { get; }

    /// <summary>The ROC curve at each time when <see cref="PredictionAccuracyOptions.Roc"/> asked for them; empty
    /// otherwise.</summary>
    public IReadOnlyList<RocCurve> Roc { get; internal init; } = ValueList<RocCurve>.Of([]);

    /// <summary>The options used.</summary>
    public PredictionAccuracyOptions Options { get; }

    /// <summary>The rows left out for a missing value by an objects-in entry point (R's <c>na.action</c>);
    /// <see cref="OmittedRows.None"/> otherwise.</summary>
    public OmittedRows Omitted { get; internal init; } = OmittedRows.None;

    /// <summary>As riskRegression prints a <c>Score</c> object: each metric in percent with one decimal.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        static string P(double v) => double.IsNaN(v) ? "NA" : (100 * v).ToString("F1", CultureInfo.InvariantCulture);
        static string T(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        sb.Append("Metric AUC:\n\nResults by model:\n\n");
        Table(sb, ["model", "times", "AUC", "lower", "upper"], Auc.Select(a => new[] { "model", T(a.Time), P(a.Estimate), P(a.Lower), P(a.Upper) }));
        sb.Append("\nMetric Brier:\n\nResults by model:\n\n");
        var rows = NullBrier.Select((b, k) => new[] { "Null model", T(b.Time), P(b.Estimate), P(b.Lower), P(b.Upper), P(NullIntegratedBrierTo[k].Estimate) })
            .Concat(Brier.Select((b, k) => new[] { "model", T(b.Time), P(b.Estimate), P(b.Lower), P(b.Upper), P(IntegratedBrierTo[k].Estimate) }));
        Table(sb, ["model", "times", "Brier", "lower", "upper", "IBS"], rows);
        if (Omitted.Count > 0) sb.Append("   (").Append(Omitted).Append(")\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        int label = (all.Count - 1).ToString(CultureInfo.InvariantCulture).Length + 1;
        for (int r = 0; r < all.Count; r++)
        {
            sb.Append((r == 0 ? "" : r.ToString(CultureInfo.InvariantCulture) + ":").PadLeft(label));
            for (int c = 0; c < header.Length; c++) sb.Append(' ').Append(all[r][c].PadLeft(widths[c]));
            sb.Append('\n');
        }
    }
}
