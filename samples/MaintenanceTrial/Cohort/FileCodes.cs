namespace MaintenanceTrial;

/// <summary>
/// The text each category has in the cohort file (and in <c>endpoints.csv</c>, which R reads): one table per enum, so
/// that reading, writing and the R check agree.
/// </summary>
public static class FileCodes
{
    private static readonly Dictionary<Type, (Enum Value, string Code)[]> Tables = new()
    {
        [typeof(CytogeneticRisk)] = [(CytogeneticRisk.Standard, "standard"), (CytogeneticRisk.High, "high")],
        [typeof(Stage)] = [(Stage.I, "I"), (Stage.II, "II"), (Stage.III, "III"), (Stage.Unknown, "unknown")],
        [typeof(AgeGroup)] = [(AgeGroup.Under60, "<60"), (AgeGroup.SixtyOrOver, ">=60")],
        [typeof(Sex)] = [(Sex.Female, "female"), (Sex.Male, "male")],
        [typeof(Isotype)] =
        [
            (Isotype.IgGKappa, "IgG-kappa"), (Isotype.IgGLambda, "IgG-lambda"), (Isotype.IgAKappa, "IgA-kappa"),
            (Isotype.IgALambda, "IgA-lambda"), (Isotype.KappaLightChain, "kappa-LC"), (Isotype.LambdaLightChain, "lambda-LC"),
        ],
        [typeof(Response)] =
        [
            (Response.CR, "CR"), (Response.VGPR, "VGPR"), (Response.PR, "PR"), (Response.SD, "SD"), (Response.PD, "PD"),
            (Response.Unknown, "unknown"),
        ],
    };

    /// <summary>The file text of a category.</summary>
    public static string Code<T>(T value) where T : struct, Enum
    {
        foreach (var (v, code) in Tables[typeof(T)])
            if (v.Equals(value)) return code;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"no file code for this {typeof(T).Name}");
    }

    /// <summary>Every file text of a category's values, in declaration order.</summary>
    public static IReadOnlyList<string> Codes<T>() where T : struct, Enum => Tables[typeof(T)].Select(e => e.Code).ToArray();

    /// <summary>The category a file text names (exact, case-sensitive), or false.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var (v, code) in Tables[typeof(T)])
        {
            if (code == text)
            {
                value = (T)v;
                return true;
            }
        }
        value = default;
        return false;
    }
}
