using MathNet.Numerics.Distributions;

namespace Survival;

/// <summary>The one home of the confidence-level rule and its normal quantile.</summary>
internal static class ConfidenceLevel
{
    /// <summary>Checks that a confidence level is strictly between 0 and 1.</summary>
    /// <param name="level">The level, e.g. 0.95.</param>
    /// <param name="name">The option or argument name, for the error.</param>
    /// <exception cref="SurvivalInputException">It is not.</exception>
    public static void Check(double level, string name)
    {
        if (!(level > 0 && level < 1))
            throw new SurvivalInputException("the confidence level must be strictly between 0 and 1", column: name, value: SurvivalData.Format(level));
    }

    /// <summary>The two-sided standard normal quantile z for <paramref name="level"/>: Φ⁻¹(1 − (1 − level)/2), 1.959964 at 0.95.</summary>
    public static double Z(double level) => Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
}

/// <summary>The double-precision constants R's tolerances are built from.</summary>
internal static class MachinePrecision
{
    /// <summary>The machine epsilon, 2⁻⁵² (R's <c>.Machine$double.eps</c>).</summary>
    public static readonly double Epsilon = Math.Pow(2, -52);

    /// <summary>√ε, R's default tolerance for near ties (<c>timefix</c>) and the quantile rule.</summary>
    public static readonly double SqrtEpsilon = Math.Sqrt(Epsilon);
}
