namespace Survival.Regression;

/// <summary>How tied event times enter the Cox partial likelihood.</summary>
public enum CoxTies
{
    /// <summary>Efron's approximation: R <c>coxph</c>'s default.</summary>
    Efron,

    /// <summary>Breslow's approximation (SAS PROC PHREG's default).</summary>
    Breslow,
}
