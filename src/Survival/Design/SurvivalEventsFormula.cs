namespace Survival.Design;

/// <summary>How the number of events follows from the hazard ratio (rpact's <c>typeOfComputation</c>), with allocation
/// ratio r = n₁/n₂ and z = z_{α/s} + z_β.</summary>
/// <remarks>References: Schoenfeld DA (1981) Biometrika 68:316–319; Freedman LS (1982) Stat Med 1:121–129; Hsieh FY
/// (1992) Stat Med 11:1535–1547.</remarks>
public enum SurvivalEventsFormula
{
    /// <summary>Schoenfeld (rpact's default): d = z² (1 + r)² / (r (ln HR − ln θ₀)²).</summary>
    Schoenfeld,

    /// <summary>Freedman: d = z² (1 + r·HR)² / (r (1 − HR)²).</summary>
    Freedman,

    /// <summary>Hsieh's form of Freedman's: d = z² (1 + HR)² (1 + r)² / (4r (1 − HR)²).</summary>
    HsiehFreedman,
}
