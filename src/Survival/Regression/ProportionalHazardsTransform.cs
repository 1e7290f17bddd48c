namespace Survival.Regression;

/// <summary>The time scale on which <see cref="ProportionalHazards.Test"/> looks for a trend in β (R <c>cox.zph</c>'s
/// <c>transform</c>).</summary>
public enum ProportionalHazardsTransform
{
    /// <summary>1 − KM(t−), the left-continuous Kaplan–Meier of all rows (R's default <c>"km"</c>).</summary>
    KaplanMeier,

    /// <summary>The rank of the time among all rows (R <c>"rank"</c>).</summary>
    Rank,

    /// <summary>The time itself (R <c>"identity"</c>).</summary>
    Identity,
}
