using Survival.Endpoints;

namespace PaperAnalysis;

/// <summary>One (synthetic) patient of the trial with derived endpoints and the baseline characteristics the paper tabulates.</summary>
/// <param name="Id">Patient identifier.</param>
/// <param name="Risk">Cytogenetic risk: <c>standard</c> or <c>high</c>.</param>
/// <param name="Iss">ISS stage: I, II, III or unknown.</param>
/// <param name="RIss">R-ISS stage: I, II, III or unknown.</param>
/// <param name="AgeGroup"><c>&lt;60</c> or <c>&gt;=60</c>.</param>
/// <param name="Sex"><c>female</c> or <c>male</c>.</param>
/// <param name="Isotype">IgG-kappa, IgG-lambda, IgA-kappa, IgA-lambda, kappa-LC, lambda-LC.</param>
/// <param name="BaselineResponse">Response at the start of maintenance: CR, VGPR, PR, SD, PD or unknown.</param>
/// <param name="BestResponse">Best response after maintenance started.</param>
/// <param name="Endpoints">PFS, OS and DoR derived from the patient's dates.</param>
/// <param name="Progressed">Whether the patient had documented progression.</param>
/// <param name="MonthsToImprovement">Months from maintenance start to the improved best response; null when the response did not improve.</param>
public sealed record TrialPatient(
    string Id, string Risk, string Iss, string RIss, string AgeGroup, string Sex, string Isotype,
    string BaselineResponse, string BestResponse, PatientEndpoints Endpoints, bool Progressed, double? MonthsToImprovement)
{
    /// <summary>Response categories from best to worst.</summary>
    public static IReadOnlyList<string> ResponseOrder { get; } = ["CR", "VGPR", "PR", "SD", "PD", "unknown"];

    /// <summary>Whether the best response is better than the baseline response.</summary>
    public bool Improved => Rank(BestResponse) < Rank(BaselineResponse);

    /// <summary>A responder has a best response of PR or better.</summary>
    public bool Responder => Rank(BestResponse) <= Rank("PR");

    /// <summary>The position of a response in <see cref="ResponseOrder"/> (0 = best).</summary>
    public static int Rank(string response)
    {
        for (int i = 0; i < ResponseOrder.Count; i++) if (ResponseOrder[i] == response) return i;
        throw new ArgumentException($"unknown response '{response}'", nameof(response));
    }
}
