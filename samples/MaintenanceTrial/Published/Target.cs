using System.Globalization;

namespace PaperAnalysis;

/// <summary>How a reported number is met.</summary>
public enum TargetKind
{
    /// <summary>The reproduced value rounds (half up) to the reported value at the reported decimals.</summary>
    Rounded,

    /// <summary>"NR": the estimate or limit must not exist.</summary>
    NotReached,

    /// <summary>The reproduced value is at least the reported bound (e.g. P ≥ 0.05, "not significant").</summary>
    AtLeast,

    /// <summary>The reproduced value is below the reported bound (e.g. P &lt; 0.05, "significant").</summary>
    Below,

    /// <summary>An exact count.</summary>
    Count,
}

/// <summary>The values a time in months can take when it comes from whole-day dates.</summary>
public enum DateGrain
{
    /// <summary>Not a time derived from dates: any value.</summary>
    None,

    /// <summary>One patient's time (a shortest or longest follow-up): a whole number of days over the month length.</summary>
    WholeDays,

    /// <summary>A median or a median's confidence limit: R's midpoint rule (and a median of an even count) averages two
    /// whole-day times, so a whole or half number of days over the month length.</summary>
    HalfDays,
}

/// <summary>One number the paper reports (see shared/paper/targets.md).</summary>
/// <param name="Id">A stable identifier, e.g. <c>pfs.all.median</c>.</param>
/// <param name="Figure">Where the paper reports it (Figure 2A, Table 1, text).</param>
/// <param name="Description">What it is, in words.</param>
/// <param name="Kind">How it is met.</param>
/// <param name="Value">The reported value (percentages as percent), unused for <see cref="TargetKind.NotReached"/>.</param>
/// <param name="Decimals">The decimals it is reported with.</param>
/// <param name="Grain">For a time in months derived from whole-day dates, the values it can take.</param>
public sealed record Target(string Id, string Figure, string Description, TargetKind Kind, double Value = 0, int Decimals = 0, DateGrain Grain = DateGrain.None)
{
    /// <summary>Whether any cohort of whole-day dates can meet this target with the reproduction's month length
    /// (<see cref="CohortFile.DaysPerMonth"/>); see <see cref="IsAttainableFromDates"/>.</summary>
    public bool AttainableFromDates => IsAttainableFromDates(CohortFile.DaysPerMonth);

    /// <summary>
    /// Whether any time computable from whole-day dates, with months of <paramref name="daysPerMonth"/> days, rounds to
    /// this target: such a time is a whole (or, for a median, half) number of days over the month length
    /// (<see cref="Grain"/>), so a reported value can lie between two attainable ones (83.13 months with 30.4375-day
    /// months lies between 2530 and 2531 days, 83.12 and 83.15 months) and no cohort of dates can meet it.
    /// </summary>
    /// <param name="daysPerMonth">The month length in days.</param>
    public bool IsAttainableFromDates(double daysPerMonth)
    {
        if (Grain == DateGrain.None || Kind != TargetKind.Rounded) return true;
        double steps = Grain == DateGrain.HalfDays ? 2 : 1, half = 0.5 * Math.Pow(10, -Decimals);
        long first = (long)Math.Floor((Value - half) * daysPerMonth * steps) - 1, last = (long)Math.Ceiling((Value + half) * daysPerMonth * steps) + 1;
        for (long k = first; k <= last; k++)
            if (IsMetBy(k / steps / daysPerMonth)) return true;
        return false;
    }

    /// <summary>The reported value as the paper writes it.</summary>
    public string Reported => Kind switch
    {
        TargetKind.NotReached => "NR",
        TargetKind.AtLeast => "≥ " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        TargetKind.Below => "< " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        _ => Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether a reproduced value (null = does not exist) meets the target.</summary>
    public bool IsMetBy(double? reproduced) => Kind switch
    {
        TargetKind.NotReached => reproduced is null,
        TargetKind.AtLeast => reproduced >= Value,
        TargetKind.Below => reproduced < Value,
        TargetKind.Count => reproduced == Value,
        _ => reproduced is double r && Round(r, Decimals) == Round(Value, Decimals),
    };

    /// <summary>How far a value is from meeting the target (0 when met; otherwise 1 plus the gap in units of the
    /// larger of the reported precision and 2% of the value, at most 50): the objective of the cohort calibration.</summary>
    public double Distance(double? reproduced)
    {
        if (IsMetBy(reproduced)) return 0;
        if (reproduced is not double r) return 20;
        if (Kind == TargetKind.NotReached) return 20;
        double scale = Kind is TargetKind.AtLeast or TargetKind.Below
            ? Value * 0.1
            : Math.Max(Math.Pow(10, -Decimals), 0.02 * Math.Abs(Value));
        return 1 + Math.Min(Math.Abs(r - Value) / scale, 50);
    }

    /// <summary>How far a value is from the window that rounds to the target, in units of the reported precision (0
    /// when met, 100 when absent or when the kind has no window): a fine-grained objective for the last steps of the
    /// cohort calibration.</summary>
    public double WindowGap(double? reproduced)
    {
        if (IsMetBy(reproduced)) return 0;
        if (reproduced is not double r || Kind is TargetKind.NotReached) return 100;
        double unit = Math.Pow(10, -Decimals);
        if (Kind is TargetKind.AtLeast or TargetKind.Below || Kind == TargetKind.Count) return Math.Min(100, Math.Abs(r - Value) / unit);
        double lo = Value - unit / 2, hi = Value + unit / 2;
        return Math.Min(100, (r < lo ? lo - r : r - hi) / unit + 0.01);
    }

    /// <summary>Round half up at <paramref name="decimals"/> (the rule the paper's numbers are read with); a tiny
    /// guard absorbs binary representation error, e.g. 0.6145 stored as 0.61449999999999993.</summary>
    public static double Round(double x, int decimals)
    {
        double scale = Math.Pow(10, decimals);
        return Math.Floor(x * scale + 0.5 + 1e-9) / scale;
    }
}
