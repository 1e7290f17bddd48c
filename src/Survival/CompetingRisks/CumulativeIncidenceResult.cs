namespace Survival.CompetingRisks;

/// <summary>Cumulative incidence curves by group, the event-free curves beside them, and Gray's tests.</summary>
public sealed record CumulativeIncidenceResult
{
    internal CumulativeIncidenceResult(IncidenceCurve[] curves, IncidenceCurve[] eventFree, GrayTestResult[] grayTests, IReadOnlyList<string> causes,
        CumulativeIncidenceOptions options, OmittedRows omitted)
    {
        Curves = ValueList<IncidenceCurve>.Of(curves);
        EventFree = ValueList<IncidenceCurve>.Of(eventFree);
        GrayTests = ValueList<GrayTestResult>.Of(grayTests);
        Causes = causes;
        Options = options;
        Omitted = omitted;
    }

    /// <summary>One curve per group and cause (groups in level order, causes in <see cref="Causes"/> order within a group).</summary>
    public IReadOnlyList<IncidenceCurve> Curves { get; }

    /// <summary>The event-free probability of each group (R's state "(s0)"): with the group's curves it adds to one.</summary>
    public IReadOnlyList<IncidenceCurve> EventFree { get; }

    /// <summary>Gray's test for each cause when there are groups (empty otherwise, or when Gray's test does not apply:
    /// delayed entry or case weights, which cmprsk's test does not handle).</summary>
    public IReadOnlyList<GrayTestResult> GrayTests { get; }

    /// <summary>The causes, in order.</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>The options used.</summary>
    public CumulativeIncidenceOptions Options { get; }

    /// <summary>The input rows left out for missing values (R's <c>na.omit</c>).</summary>
    public OmittedRows Omitted { get; }

    /// <summary>The cumulative incidence of <paramref name="cause"/> when the data have no groups (R's <c>fit$"1 relapse"</c>
    /// in cmprsk, <c>fit[, "relapse"]</c> in survival).</summary>
    /// <param name="cause">The cause, as written in the data.</param>
    /// <exception cref="KeyNotFoundException">No such cause, or the data have groups (use the two-key indexer); the message
    /// lists the curves there are.</exception>
    public IncidenceCurve this[string cause] => Find(cause, null);

    /// <summary>The cumulative incidence of <paramref name="cause"/> in <paramref name="group"/>.</summary>
    /// <param name="cause">The cause, as written in the data.</param>
    /// <param name="group">The group label.</param>
    /// <exception cref="KeyNotFoundException">No such cause or group; the message lists the curves there are.</exception>
    public IncidenceCurve this[string cause, string group] => Find(cause, group ?? throw new ArgumentNullException(nameof(group)));

    private IncidenceCurve Find(string cause, string? group)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return Curves.FirstOrDefault(c => c.Cause == cause && c.Group == group)
            ?? throw new KeyNotFoundException($"no curve for cause '{cause}'{(group is null ? "" : $" in group '{group}'")}; the curves are " +
                string.Join(", ", Curves.Select(c => c.Group is null ? $"'{c.Cause}'" : $"'{c.Cause}' in '{c.Group}'")));
    }

    /// <summary>As R prints the fit (<c>print(survfit(Surv(time, factor(status)) ~ group))</c>, after its call line):
    /// per group and state — the event-free state "(s0)" first, then each cause — the rows <c>n</c>, the events
    /// <c>nevent</c> (both unweighted, as R) and the restricted mean time in the state up to the largest time of all
    /// the groups (<c>rmean = "common"</c>: ∫₀^τ p(t) dt, each curve carried flat past its group's last time). Curves
    /// are named by group level (R writes <c>group=level</c>).</summary>
    /// <remarks>Checked against R's printout (fixtures from Golden/R/competing-risks.R). cmprsk's <c>print.cuminc</c> table
    /// is not printed: its variances are cmprsk's delta-method ones, while these curves carry survfit's infinitesimal
    /// jackknife.</remarks>
    public override string ToString()
    {
        var w = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        if (Omitted.Count > 0) w.Write($"   {Omitted} \n");
        // R: every group's event-free curve, then every group's curve of each cause (states outer, groups inner).
        var rows = EventFree.Select(c => (Curve: c, State: "(s0)"))
            .Concat(Causes.SelectMany(cause => Curves.Where(c => c.Cause == cause).Select(c => (Curve: c, State: cause))))
            .ToArray();
        double tau = Curves.Concat(EventFree).Where(c => c.Steps.Count > 0).Select(c => c.Steps[^1].Time).DefaultIfEmpty(0).Max();
        Printing.RFormat.Matrix(w, rows.Select(r => r.Curve.Group is null ? r.State : $"{r.Curve.Group}, {r.State}").ToArray(), ["n", "nevent", "rmean*"],
            [rows.Select(r => r.Curve.N).ToArray(), rows.Select(r => r.Curve.Events).ToArray(), rows.Select(r => RestrictedMean(r.Curve, tau)).ToArray()]);
        w.Write($"   *restricted mean time in state (max time = {Printing.RFormat.Column([tau])[0]} )\n");
        return w.ToString();
    }

    /// <summary>∫₀^τ p(t) dt of a step curve starting at 1 (event-free) or 0 (a cause), flat past its last step.</summary>
    private static double RestrictedMean(IncidenceCurve curve, double tau)
    {
        double area = 0, previousTime = 0, previous = curve.Cause is null ? 1 : 0;
        foreach (var step in curve.Steps)
        {
            if (step.Time >= tau) break;
            area += previous * (step.Time - previousTime);
            previousTime = step.Time;
            previous = step.Estimate;
        }
        return area + previous * (tau - previousTime);
    }

    /// <summary>The curve of <paramref name="cause"/> in <paramref name="group"/> (null: the only group).</summary>
    public IncidenceCurve Curve(string cause, string? group = null)
        => Curves.FirstOrDefault(c => c.Cause == cause && c.Group == group)
           ?? throw new SurvivalInputException($"no curve for this cause and group (causes: {string.Join(", ", Causes)})", column: "cause", value: cause);
}
