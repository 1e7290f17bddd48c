namespace Survival.Synthesis;

/// <summary>One published number a cohort is to reproduce.</summary>
/// <param name="Name">Where it is in the targets file, as a JSON path (e.g. <c>groups[1].median.lower</c>).</param>
/// <param name="Statistic">What it measures.</param>
/// <param name="Printed">The number as printed.</param>
/// <param name="Group">The group it belongs to (for a Cox target, the group compared with <paramref name="Reference"/>);
/// null for the whole cohort.</param>
/// <param name="Time">The time of a landmark or at-risk target.</param>
/// <param name="Reference">The reference group of a Cox target.</param>
/// <param name="Groups">The groups a log-rank test compares.</param>
public sealed record PublishedTarget(string Name, TargetStatistic Statistic, PrintedNumber Printed, string? Group = null, double? Time = null,
    string? Reference = null, ValueList<string>? Groups = null);
