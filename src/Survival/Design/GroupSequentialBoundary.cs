namespace Survival.Design;

/// <summary>The efficacy boundaries of a group-sequential design (rpact's <c>typeOfDesign</c>; the CLI names in
/// brackets).</summary>
/// <remarks>References: O'Brien PC, Fleming TR (1979) Biometrics 35:549–556; Pocock SJ (1977) Biometrika 64:191–199;
/// Wang SK, Tsiatis AA (1987) Biometrics 43:193–199; Haybittle JL (1971) Br J Radiol 44:793–797; Peto R et al. (1976)
/// Br J Cancer 34:585–612; Lan KKG, DeMets DL (1983) Biometrika 70:659–663; Kim K, DeMets DL (1987) Biometrika
/// 74:149–154; Hwang IK, Shih WJ, De Cani JS (1990) Stat Med 9:1439–1445.</remarks>
public enum GroupSequentialBoundary
{
    /// <summary>O'Brien–Fleming (<c>OF</c>, rpact's default): c_k = C · t_k^(−1/2), C chosen for level α.</summary>
    OBrienFleming,

    /// <summary>Pocock (<c>P</c>): one constant critical value at every stage.</summary>
    Pocock,

    /// <summary>Wang–Tsiatis Δ-class (<c>WT</c>): c_k = C · t_k^(Δ − 1/2); Δ = 0 is O'Brien–Fleming, Δ = 1/2 Pocock.</summary>
    WangTsiatis,

    /// <summary>Haybittle–Peto (<c>HP</c>): a fixed interim bound (3 by default) and the final bound chosen for level α.</summary>
    HaybittlePeto,

    /// <summary>Lan–DeMets α-spending of O'Brien–Fleming type (<c>asOF</c>): α(t) = 2s(1 − Φ(z_{α/(2s)}/√t)), s the sides.</summary>
    SpendingOBrienFleming,

    /// <summary>Lan–DeMets α-spending of Pocock type (<c>asP</c>): α(t) = α ln(1 + (e − 1)t).</summary>
    SpendingPocock,

    /// <summary>Kim–DeMets power family (<c>asKD</c>): α(t) = α t^γ.</summary>
    SpendingKimDeMets,

    /// <summary>Hwang–Shih–DeCani family (<c>asHSD</c>): α(t) = α(1 − e^(−γt))/(1 − e^(−γ)); γ = 0 is α t.</summary>
    SpendingHwangShihDeCani,
}
