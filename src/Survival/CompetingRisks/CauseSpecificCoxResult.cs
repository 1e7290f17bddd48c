using Survival.Regression;

namespace Survival.CompetingRisks;

/// <summary>Cause-specific Cox models, one per cause (R <c>riskRegression::CSC</c>): each is an ordinary
/// <see cref="CoxResult"/>.</summary>
public sealed record CauseSpecificCoxResult : IIterativeFit
{
    internal CauseSpecificCoxResult(string[] causes, CoxResult[] models, int[] events, int censored, bool delayedEntry)
    {
        Causes = ValueList<string>.Of(causes);
        Models = ValueList<CoxResult>.Of(models);
        Events = ValueList<int>.Of(events);
        Censored = censored;
        DelayedEntry = delayedEntry;
        var warnings = new List<FitWarning>();
        for (int k = 0; k < models.Length; k++)
            foreach (var w in models[k].Warnings) warnings.Add(w with { Message = $"cause {causes[k]}: {w.Message}" });
        Warnings = ValueList<FitWarning>.Of(warnings.ToArray());
    }

    /// <summary>The causes, in the data's order (R <c>fit$causes</c>).</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>The Cox model of each cause, in the order of <see cref="Causes"/> (R <c>fit$models</c>).</summary>
    public IReadOnlyList<CoxResult> Models { get; private init; }

    /// <summary>The model of <paramref name="cause"/>.</summary>
    /// <param name="cause">A cause as written in the data.</param>
    /// <exception cref="SurvivalInputException">It is not one of <see cref="Causes"/>.</exception>
    public CoxResult this[string cause] => Models[IndexOf(cause)];

    /// <summary>The number of rows ending in each cause, in the order of <see cref="Causes"/>.</summary>
    public IReadOnlyList<int> Events { get; }

    /// <summary>The number of censored rows.</summary>
    public int Censored { get; }

    /// <summary>The number of rows.</summary>
    public int N => Censored + Events.Sum();

    /// <summary>Whether the rows have delayed entry.</summary>
    public bool DelayedEntry { get; }

    /// <summary>The rows left out for a missing value by the objects-in entry point (R's <c>na.action</c>);
    /// <see cref="OmittedRows.None"/> otherwise. Each model carries them too, and prints them as R's summary does.</summary>
    public OmittedRows Omitted { get; private init; } = OmittedRows.None;

    internal CauseSpecificCoxResult WithOmitted(OmittedRows omitted)
        => this with { Omitted = omitted, Models = ValueList<CoxResult>.Of(Models.Select(m => m with { Omitted = omitted }).ToArray()) };

    /// <summary>Whether every cause's model converged.</summary>
    public bool Converged => Models.All(m => m.Converged);

    /// <summary>The most iterations any cause's model used.</summary>
    public int Iterations => Models.Max(m => m.Iterations);

    /// <summary>Every cause's warnings, each message led by its cause ("cause 2: …").</summary>
    public IReadOnlyList<FitWarning> Warnings { get; }

    internal int IndexOf(string cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        for (int k = 0; k < Causes.Count; k++) if (Causes[k] == cause) return k;
        throw new SurvivalInputException($"is not a cause of the fit ({string.Join(", ", Causes)})", column: "cause", value: cause);
    }

    /// <summary>What R's <c>print(CSC(...))</c> prints without its call: the response (observations and the pattern of
    /// causes and censoring, as prodlim's <c>summary(Hist)</c>), then each cause's model under R's
    /// "----------&gt; Cause:" line, in this library's <see cref="CoxResult.ToString"/> form.</summary>
    public override string ToString()
    {
        var w = new StringWriter { NewLine = "\n" };
        bool anyCensored = Censored > 0;
        w.WriteLine();
        w.WriteLine($"{(anyCensored ? "Right-censored" : "Uncensored")} response of a competing.risks model{(DelayedEntry ? " with leftTruncated entry time" : "")}");
        w.WriteLine();
        w.WriteLine($"No.Observations: {N} ");
        w.WriteLine();
        w.WriteLine("Pattern:");
        // R's print of table(Cause = cause, observation): row labels indented two spaces under the row variable's name,
        // each column right-aligned to the wider of its label and its counts.
        var labels = Causes.Append("unknown").ToArray();
        var eventColumn = Events.Append(0).Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var censoredColumn = Events.Select(_ => "0").Append(Censored.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var columns = anyCensored ? new[] { ("event", eventColumn), ("right.censored", censoredColumn) } : [("event", eventColumn)];
        int labelWidth = Math.Max("Cause".Length, 2 + labels.Max(l => l.Length));
        var widths = columns.Select(c => Math.Max(c.Item1.Length, c.Item2.Max(v => v.Length))).ToArray();
        w.WriteLine(new string(' ', labelWidth));
        w.WriteLine("Cause".PadRight(labelWidth) + string.Concat(columns.Select((c, j) => " " + c.Item1.PadLeft(widths[j]))));
        for (int r = 0; r < labels.Length; r++)
            w.WriteLine(("  " + labels[r]).PadRight(labelWidth) + string.Concat(columns.Select((c, j) => " " + c.Item2[r].PadLeft(widths[j]))));
        for (int k = 0; k < Causes.Count; k++)
        {
            w.Write($"\n\n----------> Cause:  {Causes[k]} \n\n");
            w.Write(Models[k].ToString());
        }
        return w.ToString();
    }
}
