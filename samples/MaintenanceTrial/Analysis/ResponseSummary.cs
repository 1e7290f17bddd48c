namespace MaintenanceTrial;

/// <summary>
/// The numbers of the Results text on response ("Response rates") and the count of progressions among the patients
/// taken off study ("PFS, OS, and duration of response", last paragraph). Rates are in percent of all patients.
/// </summary>
/// <param name="Improved">Patients whose best response was better than their baseline response.</param>
/// <param name="BaselineVgprOrBetterPercent">VGPR or better at baseline.</param>
/// <param name="BestVgprOrBetterPercent">VGPR or better after maintenance.</param>
/// <param name="BestCompleteResponsePercent">sCR/CR after maintenance.</param>
/// <param name="MedianMonthsToImprovement">Median months from maintenance start to the improved response (null without improvements).</param>
/// <param name="ShortestMonthsToImprovement">Shortest of those times.</param>
/// <param name="LongestMonthsToImprovement">Longest of those times.</param>
/// <param name="Progressions">Patients with documented progression.</param>
public sealed record ResponseSummary(
    int Improved, double BaselineVgprOrBetterPercent, double BestVgprOrBetterPercent, double BestCompleteResponsePercent,
    double? MedianMonthsToImprovement, double? ShortestMonthsToImprovement, double? LongestMonthsToImprovement, int Progressions)
{
    /// <summary>Summarises the cohort.</summary>
    public static ResponseSummary Of(IReadOnlyList<TrialPatient> patients)
    {
        int n = patients.Count;
        var ttr = patients.Where(p => p.Improved).Select(p => p.MonthsToImprovement ?? double.NaN).Order().ToArray();
        double? median = ttr.Length == 0 ? null : ttr.Length % 2 == 1 ? ttr[ttr.Length / 2] : (ttr[ttr.Length / 2 - 1] + ttr[ttr.Length / 2]) / 2;
        return new ResponseSummary(
            patients.Count(p => p.Improved),
            100.0 * patients.Count(p => p.BaselineResponse.IsAtLeast(Response.VGPR)) / n,
            100.0 * patients.Count(p => p.BestResponse.IsAtLeast(Response.VGPR)) / n,
            100.0 * patients.Count(p => p.BestResponse == Response.CR) / n,
            median, ttr.Length == 0 ? null : ttr[0], ttr.Length == 0 ? null : ttr[^1],
            patients.Count(p => p.Progressed));
    }
}
