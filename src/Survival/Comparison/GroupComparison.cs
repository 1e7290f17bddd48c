namespace Survival.Comparison;

/// <summary>One group's row in a log-rank table: subjects, (weighted) observed and expected events.</summary>
public sealed record GroupComparison
{
    internal GroupComparison(string group, int n, double observed, double expected)
    {
        Group = group;
        N = n;
        Observed = observed;
        Expected = expected;
    }

    /// <summary>The group label.</summary>
    public string Group { get; }

    /// <summary>The number of input rows in the group.</summary>
    public int N { get; }

    /// <summary>Observed events Σ w_j d_kj (equal to the event count for the unweighted test).</summary>
    public double Observed { get; }

    /// <summary>Expected events under the null, Σ w_j d_j n_kj / n_j.</summary>
    public double Expected { get; }
}
