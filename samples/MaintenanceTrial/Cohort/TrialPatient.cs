using Survival.Endpoints;

namespace MaintenanceTrial;

/// <summary>One (synthetic) patient of the trial with derived endpoints and the baseline characteristics the paper
/// tabulates (Table 1).</summary>
/// <param name="Id">Patient identifier.</param>
/// <param name="Risk">Cytogenetic risk.</param>
/// <param name="Iss">ISS stage at diagnosis.</param>
/// <param name="RIss">R-ISS stage at diagnosis.</param>
/// <param name="AgeGroup">Age group.</param>
/// <param name="Sex">Sex.</param>
/// <param name="Isotype">Isotype.</param>
/// <param name="BaselineResponse">Response at the start of maintenance (after transplant).</param>
/// <param name="BestResponse">Best response after maintenance started.</param>
/// <param name="Endpoints">PFS, OS and DoR derived from the patient's dates; DoR exists exactly for responders.</param>
/// <param name="Progressed">Whether the patient had documented progression.</param>
/// <param name="MonthsToImprovement">Months from maintenance start to the improved best response; null when the response did not improve.</param>
public sealed record TrialPatient(
    string Id, CytogeneticRisk Risk, Stage Iss, Stage RIss, AgeGroup AgeGroup, Sex Sex, Isotype Isotype,
    Response BaselineResponse, Response BestResponse, PatientEndpoints Endpoints, bool Progressed, double? MonthsToImprovement)
{
    /// <summary>Whether the best response is better than the baseline response.</summary>
    public bool Improved => BestResponse < BaselineResponse;

    /// <summary>A responder (best response PR or better, <see cref="ResponseRules.IsResponse"/>).</summary>
    public bool Responder => BestResponse.IsResponse();
}
