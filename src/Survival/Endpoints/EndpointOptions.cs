namespace Survival.Endpoints;

/// <summary>Options of <see cref="TrialEndpoints"/>.</summary>
public sealed record EndpointOptions
{
    /// <summary>Days per month: 365.25 / 12 = 30.4375 (the average Gregorian month, the usual convention of trial
    /// reports and of <c>lubridate</c>'s <c>time_length(unit = "month")</c>).</summary>
    public const double DaysPerMonthDefault = 365.25 / 12;

    /// <summary>The default options.</summary>
    public static EndpointOptions Default { get; } = new();

    /// <summary>Days per month used to turn day counts into months. Default <see cref="DaysPerMonthDefault"/>.</summary>
    public double DaysPerMonth { get; init; } = DaysPerMonthDefault;

    /// <summary>The data cut-off: a date after it is an error. Null for none.</summary>
    public DateOnly? CutOff { get; init; }
}
