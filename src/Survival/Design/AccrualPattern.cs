namespace Survival.Design;

/// <summary>How simulated patients arrive.</summary>
public enum AccrualPattern
{
    /// <summary>A Poisson process at the accrual rate (exponential gaps): the default, as trials accrue at random.</summary>
    Poisson,

    /// <summary>Evenly spaced: patient i arrives at i / rate.</summary>
    Uniform,
}
