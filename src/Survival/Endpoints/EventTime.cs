namespace Survival.Endpoints;

/// <summary>A time-to-event observation: the time in months and whether the event was observed (else censored).</summary>
/// <param name="Months">Time from the endpoint's origin, in months.</param>
/// <param name="Event">True for an observed event, false for censoring.</param>
public readonly record struct EventTime(double Months, bool Event);
