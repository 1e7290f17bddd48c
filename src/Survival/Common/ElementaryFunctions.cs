namespace Survival;

/// <summary>Elementary functions at full double precision where the libraries at hand lose digits.</summary>
internal static class ElementaryFunctions
{
    /// <summary>e^x − 1 to full precision for small |x| (Kahan's trick: (u − 1)·x/log u with u = e^x).</summary>
    /// <remarks>MathNet 5.0's <c>SpecialFunctions.Expm1</c> truncates a series (relative error up to 2·10⁻⁷ near
    /// |x| ≈ 0.07), and e^x − 1 loses digits as x → 0; this is exact to a few ulps over the whole range. Used by every
    /// exponential survival probability of the designs and by the generalized gamma log-likelihood.</remarks>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        if (um1 == -1) return -1;
        return double.IsInfinity(u) ? u : um1 * x / Math.Log(u);
    }

    /// <summary>log(1 + x) to full precision for small |x| (Kahan's trick: log u·x/(u − 1) with u = 1 + x).</summary>
    /// <remarks>.NET's <c>double.LogP1</c> is log(1 + x), which returns 0 for |x| below 1e-16; this keeps every digit
    /// (the normal lower tail log(1 − Φ(−z)) for large z needs it).</remarks>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
