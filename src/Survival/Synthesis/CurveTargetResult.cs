namespace Survival.Synthesis;

/// <summary>How close a synthesised group's Kaplan–Meier curve comes to a digitised curve given as a soft target.</summary>
public sealed record CurveTargetResult
{
    internal CurveTargetResult(string group, int points, double maxDistance, double meanDistance)
    {
        Group = group;
        Points = points;
        MaxDistance = maxDistance;
        MeanDistance = meanDistance;
    }

    /// <summary>The group.</summary>
    public string Group { get; }

    /// <summary>How many cleaned digitised points (after time 0) were compared.</summary>
    public int Points { get; }

    /// <summary>The largest vertical distance from a point to the step curve (at a drop, the nearer of the levels before
    /// and after it).</summary>
    public double MaxDistance { get; }

    /// <summary>The mean of those distances.</summary>
    public double MeanDistance { get; }
}
