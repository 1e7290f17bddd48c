namespace Survival.Reconstruction;

/// <summary>How the vertical values of digitised points are written.</summary>
public enum CurveScale
{
    /// <summary>A proportion, 0 to 1 (R's <c>plot.survfit</c> default, IPDfromKM's default).</summary>
    Proportion,

    /// <summary>A percentage, 0 to 100 (many journals' axes).</summary>
    Percent,
}
