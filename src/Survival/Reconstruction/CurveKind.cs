namespace Survival.Reconstruction;

/// <summary>What the digitised curve shows.</summary>
public enum CurveKind
{
    /// <summary>The survival function S(t), falling from 1 (the usual Kaplan–Meier figure).</summary>
    Survival,

    /// <summary>The cumulative incidence 1 − S(t), rising from 0 (R's <c>fun = "event"</c>, IPDfromKM's
    /// <c>type = "cumulative"</c>); converted to S(t) = 1 − value before reconstruction.</summary>
    CumulativeIncidence,
}
