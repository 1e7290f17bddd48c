using System.Globalization;

namespace MaintenanceTrial;

/// <summary>
/// One number the article publishes, where it is printed, how a reproduced value meets it, and how the reproduction
/// measures it from the analysis (<see cref="Measure"/>): the published number and its reproduction in one place.
/// Create them with <see cref="Rounded"/>, <see cref="NotReached"/>, <see cref="Count"/>, <see cref="AtLeast"/> or
/// <see cref="Below"/>; all of them are listed in <see cref="PaperTargets"/>.
/// </summary>
/// <param name="Id">A stable identifier, e.g. <c>pfs.all.median</c>: the key of <c>targets.csv</c> and of R's check.</param>
/// <param name="Where">Where the article prints it (figure, table or the section of the Results text).</param>
/// <param name="Description">What it is, in words.</param>
/// <param name="Kind">How it is met.</param>
/// <param name="Value">The published value (percentages as percent); unused for <see cref="TargetKind.NotReached"/>.</param>
/// <param name="Decimals">The decimals it is published with.</param>
/// <param name="Grain">For a time in months derived from whole-day dates, the values it can take.</param>
/// <param name="Measure">The reproduced value from the analysis (null = not reached / does not exist).</param>
public sealed record Target(string Id, string Where, string Description, TargetKind Kind, double Value, int Decimals, DateGrain Grain,
    Func<TrialAnalysis, double?> Measure)
{
    /// <summary>A number met by any value that rounds (half up) to it at <paramref name="decimals"/>.</summary>
    public static Target Rounded(string id, string where, string description, double value, int decimals, Func<TrialAnalysis, double?> measure,
        DateGrain grain = DateGrain.None) => new(id, where, description, TargetKind.Rounded, value, decimals, grain, measure);

    /// <summary>"NR": met when the value does not exist.</summary>
    public static Target NotReached(string id, string where, string description, Func<TrialAnalysis, double?> measure)
        => new(id, where, description, TargetKind.NotReached, 0, 0, DateGrain.None, measure);

    /// <summary>An exact count.</summary>
    public static Target Count(string id, string where, string description, int value, Func<TrialAnalysis, double?> measure)
        => new(id, where, description, TargetKind.Count, value, 0, DateGrain.None, measure);

    /// <summary>A lower bound (e.g. "not significant": P ≥ 0.05).</summary>
    public static Target AtLeast(string id, string where, string description, double bound, int decimals, Func<TrialAnalysis, double?> measure)
        => new(id, where, description, TargetKind.AtLeast, bound, decimals, DateGrain.None, measure);

    /// <summary>A strict upper bound (e.g. "significant": P &lt; 0.05).</summary>
    public static Target Below(string id, string where, string description, double bound, int decimals, Func<TrialAnalysis, double?> measure)
        => new(id, where, description, TargetKind.Below, bound, decimals, DateGrain.None, measure);

    /// <summary>Whether any cohort of whole-day dates can meet this target at the article's rounding with the
    /// reproduction's month length (<see cref="CohortFile.DaysPerMonth"/>); see <see cref="IsAttainableFromDates"/>.</summary>
    public bool AttainableFromDates => IsAttainableFromDates(CohortFile.DaysPerMonth);

    /// <summary>
    /// Whether any time computable from whole-day dates, with months of <paramref name="daysPerMonth"/> days, rounds to
    /// this target: such a time is a whole (or, for a median, half) number of days over the month length
    /// (<see cref="Grain"/>), so a published value can lie between two attainable ones (83.13 months with 30.4375-day
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

    /// <summary>The published value as the article writes it.</summary>
    public string Reported => Kind switch
    {
        TargetKind.NotReached => "NR",
        TargetKind.AtLeast => "≥ " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        TargetKind.Below => "< " + Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
        _ => Value.ToString("F" + Decimals, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether a reproduced value (null = does not exist) meets the target at the article's rounding.</summary>
    public bool IsMetBy(double? reproduced) => Kind switch
    {
        TargetKind.NotReached => reproduced is null,
        TargetKind.AtLeast => reproduced >= Value,
        TargetKind.Below => reproduced < Value,
        TargetKind.Count => reproduced == Value,
        _ => reproduced is double r && Round(r, Decimals) == Round(Value, Decimals),
    };

    /// <summary>
    /// The values accepted for a <see cref="TargetKind.Rounded"/> target: the window that rounds (half up) to the
    /// published value, [value − ½ unit, value + ½ unit); when no whole-day date can fall inside it
    /// (<see cref="AttainableFromDates"/> false), that window widened on both sides by one date grain — a day for one
    /// patient's time, half a day for a median or its limit — so that it holds the nearest values dates can give on
    /// either side. Null for the other kinds.
    /// </summary>
    public (double Lower, double Upper)? AcceptedInterval
    {
        get
        {
            if (Kind != TargetKind.Rounded) return null;
            double half = 0.5 * Math.Pow(10, -Decimals);
            return AttainableFromDates ? (Value - half, Value + half) : (Value - half - GrainMonths, Value + half + GrainMonths);
        }
    }

    /// <summary>One date grain in months (a day, or half a day for a median); 0 when the target is not a time from dates.</summary>
    public double GrainMonths => Grain switch
    {
        DateGrain.WholeDays => 1 / CohortFile.DaysPerMonth,
        DateGrain.HalfDays => 0.5 / CohortFile.DaysPerMonth,
        _ => 0,
    };

    /// <summary>
    /// Whether a reproduced value is accepted: it meets the target (<see cref="IsMetBy"/>), or the target is a time that
    /// no whole-day date can round to and the value is inside <see cref="AcceptedInterval"/> — the nearest value dates allow.
    /// </summary>
    public bool Accepts(double? reproduced)
    {
        if (IsMetBy(reproduced)) return true;
        if (AttainableFromDates || reproduced is not double r || AcceptedInterval is not { } w) return false;
        return r >= w.Lower && r <= w.Upper;
    }

    /// <summary>Round half up at <paramref name="decimals"/> (the rule the article's numbers are read with); a tiny
    /// guard absorbs binary representation error, e.g. 0.6145 stored as 0.61449999999999993.</summary>
    public static double Round(double x, int decimals)
    {
        double scale = Math.Pow(10, decimals);
        return Math.Floor(x * scale + 0.5 + 1e-9) / scale;
    }
}
