namespace Survival.Design;

/// <summary>β-spending for futility bounds (rpact's <c>typeBetaSpending</c>; the CLI names in brackets): the type II
/// error β(t) spent by information fraction t, with the same families as α-spending.</summary>
public enum BetaSpendingFunction
{
    /// <summary>No β-spending (rpact's default, <c>none</c>): futility bounds, if any, are given on the z scale.</summary>
    None,

    /// <summary>O'Brien–Fleming type (<c>bsOF</c>): β(t) = 2(1 − Φ(z_{β/2}/√t)).</summary>
    OBrienFleming,

    /// <summary>Pocock type (<c>bsP</c>): β(t) = β ln(1 + (e − 1)t).</summary>
    Pocock,

    /// <summary>Kim–DeMets (<c>bsKD</c>): β(t) = β t^γ.</summary>
    KimDeMets,

    /// <summary>Hwang–Shih–DeCani (<c>bsHSD</c>): β(t) = β(1 − e^(−γt))/(1 − e^(−γ)).</summary>
    HwangShihDeCani,
}
