namespace Survival.CompetingRisks;

/// <summary>
/// Competing-risks data reduced to per-time counts, as a database computes them (one <c>GROUP BY</c>): the counts'
/// group is group × (cause + 1), slot 0 the censored rows. <see cref="CumulativeIncidence.Fit(CompetingRisksCounts, CumulativeIncidenceOptions, CancellationToken)"/>
/// needs nothing more for unweighted rows without delayed entry.
/// </summary>
public sealed class CompetingRisksCounts
{
    internal CompetingRisksCounts(SurvivalCounts counts, SurvivalCounts? stratified, IReadOnlyList<string>? groups, IReadOnlyList<string> causes)
    {
        Counts = counts;
        StratifiedCounts = stratified;
        Groups = groups;
        Causes = causes;
    }

    /// <summary>The counts by (time, group × (cause + 1)), without strata.</summary>
    public SurvivalCounts Counts { get; }

    /// <summary>The same by stratum as well (Gray's stratified test), or null without strata.</summary>
    public SurvivalCounts? StratifiedCounts { get; }

    /// <summary>The group levels, or null without groups.</summary>
    public IReadOnlyList<string>? Groups { get; }

    /// <summary>The cause labels, in order.</summary>
    public IReadOnlyList<string> Causes { get; }

    /// <summary>The separator between the group and the status in the labels of counts a database produced
    /// (<see cref="FromLabelledCounts"/>): the ASCII unit separator, which no label holds.</summary>
    public const char Separator = '\u001f';

    /// <summary>Builds the counts from counts whose group labels are <c>group + Separator + status</c> (or the status
    /// alone without groups), as a SQL <c>GROUP BY</c> over such a composite label gives them.</summary>
    /// <param name="labelled">Counts by composite label (no strata).</param>
    /// <param name="stratified">The same by stratum, or null.</param>
    /// <param name="censored">The status label meaning censored.</param>
    /// <param name="hasGroups">Whether the labels carry a group.</param>
    /// <exception cref="SurvivalInputException">No cause, or a label without the separator.</exception>
    public static CompetingRisksCounts FromLabelledCounts(SurvivalCounts labelled, SurvivalCounts? stratified, string censored, bool hasGroups)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(censored);
        var parts = new List<(string Group, string Status)>();
        foreach (var label in labelled.GroupLevels.Concat(stratified?.GroupLevels ?? []))
        {
            if (!hasGroups) { parts.Add(("", label)); continue; }
            int cut = label.LastIndexOf(Separator);
            if (cut < 0) throw new SurvivalInputException("a composite label has no separator", column: "group", value: label);
            parts.Add((label[..cut], label[(cut + 1)..]));
        }
        var causes = parts.Select(p => p.Status).Where(s => s != censored).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (causes.Length == 0) throw new SurvivalInputException($"no row has a cause: every status is the censoring label \"{censored}\"", column: "status");
        string[]? groups = null;
        if (hasGroups)
        {
            groups = parts.Select(p => p.Group).Distinct().ToArray();
            Factor.SortLevels(groups);
        }
        return new CompetingRisksCounts(Recode(labelled, groups, causes, censored), stratified is null ? null : Recode(stratified, groups, causes, censored),
            groups is null ? null : ValueList<string>.Of(groups), ValueList<string>.Of(causes));
    }

    /// <summary>The counts with their composite labels replaced by codes g × (causes + 1) + slot.</summary>
    private static SurvivalCounts Recode(SurvivalCounts counts, string[]? groups, string[] causes, string censored)
    {
        int slots = causes.Length + 1;
        var map = new int[counts.GroupLevels.Count];
        for (int l = 0; l < map.Length; l++)
        {
            string label = counts.GroupLevels[l];
            string group = "", status = label;
            if (groups is not null) { int cut = label.LastIndexOf(Separator); group = label[..cut]; status = label[(cut + 1)..]; }
            int g = groups is null ? 0 : Array.IndexOf(groups, group);
            int slot = status == censored ? 0 : Array.IndexOf(causes, status) + 1;
            map[l] = g * slots + slot;
        }
        int n = counts.CellCount;
        var codes = new int[n];
        var source = counts.Group;
        for (int c = 0; c < n; c++) codes[c] = map[source[c]];
        var levels = Enumerable.Range(0, (groups?.Length ?? 1) * slots).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var strataLevels = counts.StratumLevels;
        var strata = strataLevels.Count == 0 ? null : Factor.FromCodes(counts.Stratum, strataLevels);
        var recoded = SurvivalCounts.Create(counts.Time, counts.Events, counts.Censored, counts.HasEntry ? counts.Entered.ToArray() : null,
            Factor.Trusted(codes, levels), strata, counts.Subjects.ToArray());
        return counts.Omitted.Count == 0 ? recoded : recoded.WithOmitted(counts.Omitted);
    }
}
