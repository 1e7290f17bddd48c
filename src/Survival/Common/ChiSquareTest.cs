namespace Survival;

/// <summary>A test statistic referred to a χ² distribution: the statistic, its degrees of freedom and the upper-tail P.</summary>
/// <remarks>P = Pr(χ²_df ≥ statistic), as R's <c>pchisq(stat, df, lower.tail = FALSE)</c>. With df = 0 the test is
/// undefined: P is then 1 by convention (nothing to contrast). The upper tail is computed as the regularised upper incomplete gamma Q(df/2, x/2), without the cancellation of 1 − CDF.</remarks>
public sealed record ChiSquareTest
{
    internal ChiSquareTest(double chiSquare, int degreesOfFreedom)
    {
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = degreesOfFreedom <= 0 ? 1.0 : UpperTail(chiSquare, degreesOfFreedom);
    }

    /// <summary>The χ² statistic.</summary>
    public double ChiSquare { get; }

    /// <summary>The degrees of freedom.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>The upper-tail probability Pr(χ²_df ≥ <see cref="ChiSquare"/>).</summary>
    public double PValue { get; }

    /// <summary>R's line for a χ² test: <c>Chisq= 3.4  on 1 degrees of freedom, p= 0.07</c>.</summary>
    public override string ToString()
        => $"Chisq= {Printing.RFormat.Number(ChiSquare, 3)}  on {DegreesOfFreedom} degrees of freedom, p= {Printing.RFormat.PValue(PValue)}";

    /// <summary>Pr(χ²_df ≥ x) without cancellation in 1 − CDF: Q(df/2, x/2), the regularised upper incomplete gamma.</summary>
    internal static double UpperTail(double x, int df)
        => x <= 0 ? 1.0 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2.0, x / 2.0);
}
