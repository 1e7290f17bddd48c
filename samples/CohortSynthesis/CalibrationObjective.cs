using MaintenanceTrial;

namespace CohortSynthesis;

/// <summary>What the calibration aims at in a phase.</summary>
internal enum CalibrationRule
{
    /// <summary>
    /// The article's rounding (<see cref="Target.IsMetBy"/>) for every target; a miss of one of the three times no
    /// whole-day date can round to is not counted as a failure, and weighs a tenth in the fine objective. The phases
    /// before the last one use this rule.
    /// </summary>
    ArticleRounding,

    /// <summary>What the reproduction accepts (<see cref="Target.Accepts"/>): the article's rounding, and for those three
    /// times the nearest value dates allow. The last phase uses it.</summary>
    Accepted,
}

/// <summary>
/// How far a reproduced value is from what a published number asks under a <see cref="CalibrationRule"/>: the
/// objective the calibration minimises. It belongs to the calibration alone; the reproduction only asks whether a
/// value is accepted.
/// </summary>
internal static class CalibrationObjective
{
    /// <summary>Whether the value satisfies the target under the rule.</summary>
    public static bool Satisfied(Target target, double? reproduced, CalibrationRule rule)
        => rule == CalibrationRule.Accepted ? target.Accepts(reproduced) : target.IsMetBy(reproduced);

    /// <summary>Whether a value that does not satisfy the target counts as a failure under the rule.</summary>
    public static bool IsFailure(Target target, double? reproduced, CalibrationRule rule)
        => !Satisfied(target, reproduced, rule) && (rule == CalibrationRule.Accepted || target.AttainableFromDates);

    /// <summary>The weight of the target in the fine objective: a tenth, under the article's rounding, for a time no
    /// whole-day date can round to.</summary>
    public static double FineWeight(Target target, CalibrationRule rule)
        => rule == CalibrationRule.ArticleRounding && !target.AttainableFromDates ? 0.1 : 1;

    /// <summary>0 when satisfied; otherwise 1 plus the gap in units of the larger of the published precision and 2%
    /// of the value, at most 50 (20 for a value that should or should not exist): the coarse objective of annealing.</summary>
    public static double Distance(Target target, double? reproduced, CalibrationRule rule)
    {
        if (Satisfied(target, reproduced, rule)) return 0;
        if (reproduced is not double r) return 20;
        if (target.Kind == TargetKind.NotReached) return 20;
        double scale = target.Kind is TargetKind.AtLeast or TargetKind.Below
            ? target.Value * 0.1
            : Math.Max(Math.Pow(10, -target.Decimals), 0.02 * Math.Abs(target.Value));
        return 1 + Math.Min(Math.Abs(r - target.Value) / scale, 50);
    }

    /// <summary>How far a value is from the interval the rule accepts (the rounding window, or
    /// <see cref="Target.AcceptedInterval"/>), in units of the published precision (0 when satisfied, 100 when absent or
    /// when the kind has no interval): the fine objective of the last phases.</summary>
    public static double WindowGap(Target target, double? reproduced, CalibrationRule rule)
    {
        if (Satisfied(target, reproduced, rule)) return 0;
        if (reproduced is not double r || target.Kind is TargetKind.NotReached) return 100;
        double unit = Math.Pow(10, -target.Decimals);
        if (target.Kind is TargetKind.AtLeast or TargetKind.Below || target.Kind == TargetKind.Count) return Math.Min(100, Math.Abs(r - target.Value) / unit);
        var (lo, hi) = rule == CalibrationRule.Accepted ? target.AcceptedInterval!.Value : (target.Value - unit / 2, target.Value + unit / 2);
        return Math.Min(100, (r < lo ? lo - r : r - hi) / unit + 0.01);
    }
}
