namespace Survival.Assessment;

/// <summary>How the comparable pairs at each event time are weighted (R <c>concordance(timewt =)</c>).</summary>
/// <remarks>
/// At an event time t with weighted number at risk n(t), Kaplan–Meier S(t−) and censoring Kaplan–Meier G(t−) (events
/// leave the censoring risk set first), the pairs formed at t weigh: <see cref="N"/> 1 (Harrell's C); <see cref="S"/>
/// W·S(t−)/n(t) with W the total weight (Schemper); <see cref="SOverG"/> W·S(t−)/(G(t−) n(t)); <see cref="NOverG2"/>
/// 1/G(t−)² (Uno's C); <see cref="I"/> 1/n(t). With fewer than two events in a stratum every choice is
/// <see cref="N"/>, as R. Therneau &amp; Atkinson, "The concordance statistic" (survival package vignette); Uno et al.
/// (2011), Stat Med 30:1105.
/// </remarks>
public enum ConcordanceTimeWeight
{
    /// <summary>Every comparable pair weighs 1: Harrell's C (R <c>timewt = "n"</c>, the default).</summary>
    N,
    /// <summary>W·S(t−)/n(t) (R <c>"S"</c>).</summary>
    S,
    /// <summary>W·S(t−)/(G(t−)·n(t)) (R <c>"S/G"</c>).</summary>
    SOverG,
    /// <summary>1/G(t−)²: Uno's C (R <c>"n/G2"</c>).</summary>
    NOverG2,
    /// <summary>1/n(t) (R <c>"I"</c>).</summary>
    I,
}
