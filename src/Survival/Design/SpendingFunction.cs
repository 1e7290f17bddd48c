using MathNet.Numerics.Distributions;

namespace Survival.Design;

/// <summary>The error-spending functions of α- and β-spending designs: the cumulative error spent by information
/// fraction t, as rpact defines them (<c>getDesignGroupSequential</c>, <c>typeOfDesign = "as…"</c> and
/// <c>typeBetaSpending = "bs…"</c>).</summary>
/// <remarks>O'Brien–Fleming type: 2s(1 − Φ(z_{level/(2s)}/√t)) with s the sides for α (rpact spends the two-sided α this
/// way) and s = 1 for β; Pocock type: level · ln(1 + (e − 1)t); Kim–DeMets: level · t^γ; Hwang–Shih–DeCani:
/// level · (1 − e^(−γt))/(1 − e^(−γ)), and level · t when γ = 0. Each equals the level at t = 1.</remarks>
internal static class SpendingFunction
{
    public static double Alpha(GroupSequentialBoundary boundary, double alpha, double t, int sides, double gamma) => boundary switch
    {
        GroupSequentialBoundary.SpendingOBrienFleming => OBrienFleming(alpha, t, sides),
        GroupSequentialBoundary.SpendingPocock => Pocock(alpha, t),
        GroupSequentialBoundary.SpendingKimDeMets => KimDeMets(alpha, t, gamma),
        GroupSequentialBoundary.SpendingHwangShihDeCani => HwangShihDeCani(alpha, t, gamma),
        _ => throw new ArgumentOutOfRangeException(nameof(boundary), boundary, "not an α-spending boundary"),
    };

    public static double Beta(BetaSpendingFunction function, double beta, double t, double gamma) => function switch
    {
        BetaSpendingFunction.OBrienFleming => OBrienFleming(beta, t, 1),
        BetaSpendingFunction.Pocock => Pocock(beta, t),
        BetaSpendingFunction.KimDeMets => KimDeMets(beta, t, gamma),
        BetaSpendingFunction.HwangShihDeCani => HwangShihDeCani(beta, t, gamma),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a β-spending function"),
    };

    private static double OBrienFleming(double level, double t, int sides)
        => 2 * sides * SequentialIntegration.UpperTail(GroupSequential.UpperQuantile(level / (2 * sides)) / Math.Sqrt(t));

    private static double Pocock(double level, double t) => level * Math.Log(1 + (Math.E - 1) * t);

    private static double KimDeMets(double level, double t, double gamma) => level * Math.Pow(t, gamma);

    private static double HwangShihDeCani(double level, double t, double gamma)
        => gamma == 0 ? level * t : level * (1 - Math.Exp(-gamma * t)) / (1 - Math.Exp(-gamma));
}
