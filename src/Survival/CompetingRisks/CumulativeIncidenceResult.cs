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

    /// <summary>The curve of <paramref name="cause"/> in <paramref name="group"/> (null: the only group).</summary>
    public IncidenceCurve Curve(string cause, string? group = null)
        => Curves.FirstOrDefault(c => c.Cause == cause && c.Group == group)
           ?? throw new SurvivalInputException($"no curve for this cause and group (causes: {string.Join(", ", Causes)})", column: "cause", value: cause);
}
