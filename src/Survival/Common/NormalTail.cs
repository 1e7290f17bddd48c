using System.Runtime.CompilerServices;

namespace Survival;

/// <summary>
/// The standard normal upper tail Q(z) = 1 − Φ(z) as its logarithm and its inverse Mills ratio λ(z) = φ(z)/Q(z), through
/// the scaled complementary error function erfcx(x) = e^{x²}·erfc(x): the two terms every censored row of a log-normal or
/// Gaussian likelihood needs.
/// </summary>
/// <remarks>
/// <para>With x = z/√2, Q(z) = ½·e^{−x²}·erfcx(x), so for x ≥ 0.46875 log Q = log(½·erfcx(x)) − x² and
/// λ = √(2/π)/erfcx(x): no exponential at all, and no underflow however far the tail (erfc itself underflows beyond
/// z ≈ 38). Below −0.46875, Q = 1 − ½·e^{−x²}·erfcx(−x) (its logarithm by log1p); in between, Q = ½(1 − erf x).</para>
/// <para>erf and erfcx are W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
/// error function", Math. Comp. 23 (1969) 631–637; coefficients of his public-domain SPECFUN routine CALERF, the
/// algorithm R's <c>pnorm</c> also uses), accurate to about 1e-16 relative. Written by hand because MathNet.Numerics
/// offers erfc but not erfcx: its erfc costs about 27 ns (this costs a third of that) and still needs an exponential
/// and a logarithm for λ and log Q, and it is the inner loop of every log-normal fit.</para>
/// </remarks>
internal static class NormalTail
{
    private const double Threshold = 0.46875;
    private const double RootTwo = 1.4142135623730950488;
    private const double OneOverRootPi = 0.56418958354775628695;
    private const double RootTwoOverPi = 0.79788456080286535588;
    private const double OneOverRootTwoPi = 0.39894228040143267794;
    private const double RootPiOverTwo = 1.2533141373155002512;

    /// <summary>log Q(z) and λ(z) = φ(z)/Q(z) for the standard normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double LogQ, double Lambda) At(double z)
    {
        double x = z / RootTwo;
        if (x >= Threshold)
        {
            double scaled = Erfcx(x);
            return (Math.Log(0.5 * scaled) - x * x, RootTwoOverPi / scaled);
        }
        if (x > -Threshold)
        {
            double q = 0.5 * (1 - Erf(x));
            return (Math.Log(q), Density(z) / q);
        }
        // Φ(z), the small side: ½·e^{−x²}·erfcx(−x), with e^{−x²} = √(2π)·φ(z) taken from the exact split.
        double density = Density(z), lower = RootPiOverTwo * density * Erfcx(-x);
        return (ElementaryFunctions.Log1p(-lower), density / (1 - lower));
    }

    /// <summary>φ(z) with z split into a part on a 2⁻¹⁶ grid, whose square is exact, and the rest: e^{−z²/2} computed
    /// directly loses about |z|²·1e-16 of relative precision (1e-13 at z = −37) to the rounding of z².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Density(double z)
    {
        // Below |z| = 2 the square's rounding moves e^{−z²/2} by at most an ulp of 2: the direct form is as exact.
        if (Math.Abs(z) < 2) return OneOverRootTwoPi * Math.Exp(-0.5 * z * z);
        double high = Math.Round(z * 65536) / 65536, low = z - high;
        return OneOverRootTwoPi * Math.Exp(-0.5 * high * high) * Math.Exp(-(0.5 * low + high) * low);
    }

    /// <summary>erf(x) for |x| &lt; 0.46875 (Cody's first approximation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Erf(double x)
    {
        double ysq = x * x;
        double num = 0.185777706184603153 * ysq, den = ysq;
        num = (num + 3.1611237438705656) * ysq; den = (den + 23.6012909523441209) * ysq;
        num = (num + 113.864154151050156) * ysq; den = (den + 244.024637934444173) * ysq;
        num = (num + 377.485237685302021) * ysq; den = (den + 1282.61652607737228) * ysq;
        return x * (num + 3209.37758913846947) / (den + 2844.23683343917062);
    }

    /// <summary>erfcx(x) = e^{x²}·erfc(x) for x ≥ 0.46875 (Cody's second and third approximations).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Erfcx(double x)
    {
        if (x <= 4)
        {
            double num = 2.15311535474403846e-8 * x, den = x;
            num = (num + 0.564188496988670089) * x; den = (den + 15.7449261107098347) * x;
            num = (num + 8.88314979438837594) * x; den = (den + 117.693950891312499) * x;
            num = (num + 66.1191906371416295) * x; den = (den + 537.181101862009858) * x;
            num = (num + 298.635138197400131) * x; den = (den + 1621.38957456669019) * x;
            num = (num + 881.95222124176909) * x; den = (den + 3290.79923573345963) * x;
            num = (num + 1712.04761263407058) * x; den = (den + 4362.61909014324716) * x;
            num = (num + 2051.07837782607147) * x; den = (den + 3439.36767414372164) * x;
            return (num + 1230.33935479799725) / (den + 1230.33935480374942);
        }
        double r = 1 / (x * x);
        double n2 = 0.0163153871373020978 * r, d2 = r;
        n2 = (n2 + 0.305326634961232344) * r; d2 = (d2 + 2.56852019228982242) * r;
        n2 = (n2 + 0.360344899949804439) * r; d2 = (d2 + 1.87295284992346047) * r;
        n2 = (n2 + 0.125781726111229246) * r; d2 = (d2 + 0.527905102951428412) * r;
        n2 = (n2 + 0.0160837851487422766) * r; d2 = (d2 + 0.0605183413124413191) * r;
        double tail = r * (n2 + 6.58749161529837803e-4) / (d2 + 0.00233520497626869185);
        return (OneOverRootPi - tail) / x;
    }
}
