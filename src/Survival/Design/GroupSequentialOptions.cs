namespace Survival.Design;

/// <summary>What defines a group-sequential design (<see cref="GroupSequential.Design"/>); each default is rpact's
/// <c>getDesignGroupSequential()</c> default.</summary>
public sealed record GroupSequentialOptions
{
    /// <summary>The number of analyses K, interim and final (rpact <c>kMax</c>, default 3), 1 to 20.</summary>
    public int Stages { get; init; } = 3;

    /// <summary>The type I error rate α (default 0.025), in (0, 0.5); two-sided designs split it over both tails.</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>The type II error rate β (default 0.2, power 80%), in (0, 1 − α); used for the inflation factor, the
    /// rejection probabilities under H1 and β-spending.</summary>
    public double Beta { get; init; } = 0.2;

    /// <summary>One- or two-sided (default one-sided, rpact <c>sided = 1</c>).</summary>
    public TestSides Sides { get; init; } = TestSides.One;

    /// <summary>The efficacy boundaries (default O'Brien–Fleming, rpact <c>typeOfDesign = "OF"</c>).</summary>
    public GroupSequentialBoundary Boundary { get; init; } = GroupSequentialBoundary.OBrienFleming;

    /// <summary>Δ of the Wang–Tsiatis class (rpact <c>deltaWT</c>); required for, and only for,
    /// <see cref="GroupSequentialBoundary.WangTsiatis"/>.</summary>
    public double? DeltaWangTsiatis { get; init; }

    /// <summary>γ of the Kim–DeMets or Hwang–Shih–DeCani α-spending function (rpact <c>gammaA</c>); required for, and only
    /// for, those two boundaries.</summary>
    public double? GammaAlpha { get; init; }

    /// <summary>The interim bound of Haybittle–Peto (rpact <c>constantBoundsHP</c>); null (default): 3, rpact's default.
    /// Only for <see cref="GroupSequentialBoundary.HaybittlePeto"/>.</summary>
    public double? HaybittlePetoBound { get; init; }

    /// <summary>The information fractions t₁ &lt; … &lt; t_K = 1 (rpact <c>informationRates</c>); null (default): equally
    /// spaced, k/K.</summary>
    public IReadOnlyList<double>? InformationRates { get; init; }

    /// <summary>Futility bounds on the z scale at the K − 1 interim analyses (rpact <c>futilityBounds</c>; one-sided
    /// designs only); null (default): none. A value of −6 (rpact's "no bound") means none at that stage.</summary>
    public IReadOnlyList<double>? FutilityBounds { get; init; }

    /// <summary>Futility bounds by β-spending instead (rpact <c>typeBetaSpending</c>, default none); only with an
    /// α-spending boundary and one-sided (rpact calls the two-sided version experimental; it is not offered here).</summary>
    public BetaSpendingFunction BetaSpending { get; init; } = BetaSpendingFunction.None;

    /// <summary>γ of the Kim–DeMets or Hwang–Shih–DeCani β-spending function (rpact <c>gammaB</c>).</summary>
    public double? GammaBeta { get; init; }

    /// <summary>Whether the futility bounds bind (rpact <c>bindingFutility</c>, default false): binding bounds lower the
    /// efficacy bounds, because a trial that should have stopped for futility can no longer reject.</summary>
    public bool BindingFutility { get; init; }

    /// <summary>Two-sided designs: whether the power counts rejections in the wrong direction too (rpact
    /// <c>twoSidedPower</c>, default false).</summary>
    public bool TwoSidedPower { get; init; }

    /// <summary>The accuracy of every boundary and drift solved for (rpact <c>tolerance</c>, default 10⁻⁸).</summary>
    public double Tolerance { get; init; } = 1e-8;
}
