namespace MaintenanceTrial;

/// <summary>Table 1's counts ("Patient demographics").</summary>
/// <param name="Patients">Patients enrolled.</param>
/// <param name="AgeGroups">Patients per age group.</param>
/// <param name="Sexes">Patients per sex.</param>
/// <param name="Iss">Patients per ISS stage.</param>
/// <param name="RIss">Patients per R-ISS stage.</param>
/// <param name="Isotypes">Patients per isotype.</param>
/// <param name="BaselineResponses">Patients per response at baseline (after transplant).</param>
public sealed record CohortCounts(
    int Patients, Tally<AgeGroup> AgeGroups, Tally<Sex> Sexes, Tally<Stage> Iss, Tally<Stage> RIss, Tally<Isotype> Isotypes,
    Tally<Response> BaselineResponses)
{
    /// <summary>Counts the cohort.</summary>
    public static CohortCounts Of(IReadOnlyList<TrialPatient> patients) => new(
        patients.Count, Tally<AgeGroup>.Of(patients, p => p.AgeGroup), Tally<Sex>.Of(patients, p => p.Sex),
        Tally<Stage>.Of(patients, p => p.Iss), Tally<Stage>.Of(patients, p => p.RIss), Tally<Isotype>.Of(patients, p => p.Isotype),
        Tally<Response>.Of(patients, p => p.BaselineResponse));
}

/// <summary>How many patients fall in each value of a category (0 for a value no one has).</summary>
/// <typeparam name="T">The category.</typeparam>
public sealed class Tally<T> where T : struct, Enum
{
    private readonly int[] _counts;

    private Tally(int[] counts) => _counts = counts;

    /// <summary>The number of patients with <paramref name="value"/>.</summary>
    public int this[T value] => _counts[Array.IndexOf(Enum.GetValues<T>(), value)];

    internal static Tally<T> Of(IReadOnlyList<TrialPatient> patients, Func<TrialPatient, T> category)
    {
        var values = Enum.GetValues<T>();
        var counts = new int[values.Length];
        foreach (var p in patients) counts[Array.IndexOf(values, category(p))]++;
        return new Tally<T>(counts);
    }
}
