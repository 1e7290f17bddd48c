namespace Survival.Endpoints;

/// <summary>The dates of one trial patient from which time-to-event endpoints are derived.</summary>
/// <param name="Id">The patient identifier, used in error messages.</param>
/// <param name="Origin">The time origin (in the myeloma trial: the date of autologous stem-cell transplant).</param>
/// <param name="LastContact">The date of last contact (for a patient who died, the date of death or later is invalid).</param>
/// <param name="Progression">The date of progression, if any.</param>
/// <param name="Death">The date of death, if any.</param>
/// <param name="BestResponse">The date of best response, for responders only; null for a non-responder.</param>
public sealed record PatientDates(
    string Id,
    DateOnly Origin,
    DateOnly LastContact,
    DateOnly? Progression = null,
    DateOnly? Death = null,
    DateOnly? BestResponse = null);
