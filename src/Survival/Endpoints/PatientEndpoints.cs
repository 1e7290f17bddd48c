namespace Survival.Endpoints;

/// <summary>The endpoints of one patient, derived by <see cref="TrialEndpoints.Derive(PatientDates, EndpointOptions?)"/>.</summary>
public sealed record PatientEndpoints
{
    internal PatientEndpoints(string id, EventTime pfs, EventTime os, EventTime? dor, double? timeToResponse)
    {
        Id = id;
        ProgressionFreeSurvival = pfs;
        OverallSurvival = os;
        DurationOfResponse = dor;
        TimeToResponse = timeToResponse;
    }

    /// <summary>The patient identifier.</summary>
    public string Id { get; }

    /// <summary>Progression-free survival: origin → progression or death, whichever first; censored at last contact.</summary>
    public EventTime ProgressionFreeSurvival { get; }

    /// <summary>Overall survival: origin → death; censored at last contact.</summary>
    public EventTime OverallSurvival { get; }

    /// <summary>Duration of response: best response → progression or death; censored at last contact. Null for non-responders.</summary>
    public EventTime? DurationOfResponse { get; }

    /// <summary>Months from the origin to best response, for responders; null otherwise.</summary>
    public double? TimeToResponse { get; }
}
