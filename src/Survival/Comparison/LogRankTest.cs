using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Survival.Comparison;

/// <summary>The k-sample log-rank test and its weighted family, stratified as R <c>survdiff</c>.</summary>
/// <remarks>
/// <para>Within each stratum, at each distinct event time t_j with n_j at risk and d_j events in all groups, n_kj at
/// risk and d_kj events in group k, and weight w_j (<see cref="LogRankWeighting"/>):
/// O_k = Σ w_j d_kj, E_k = Σ w_j d_j n_kj / n_j, and
/// V_kl = Σ w_j² d_j (n_j − d_j)/(n_j − 1) · (n_kj/n_j)(δ_kl − n_lj/n_j) (hypergeometric variance).
/// O, E and V are summed over strata. χ² = (O − E)ᵀ V⁻¹ (O − E) over the groups with E &gt; 0 less the first of
/// them, with df = (groups with E &gt; 0) − 1, as R; a singular V (no information) is handled by its generalised
/// inverse, df being its rank.</para>
/// <para>Weights with frequency weights use weighted counts. References: Mantel (1966); Peto &amp; Peto (1972);
/// Harrington &amp; Fleming (1982), Biometrika 69:553–566; R survival <c>survdiff</c>.</para>
/// </remarks>
public static class LogRankTest
{
    /// <summary>Compares the groups of <paramref name="data"/> (stratified by its strata, if any).</summary>
    /// <param name="data">Rows with a group column (at least two groups).</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">No groups, fewer than two groups, an empty group, or no stratum with two
    /// groups (a stratum with a single group is accepted, as R: it adds the same to O and E and nothing to V).</exception>
    public static LogRankResult Compute(SurvivalData data, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireExactTimes("The log-rank test", "IntervalLogRank.Compute (the generalised log-rank test for interval-censored data)");
        if (data.Group is null) throw new SurvivalInputException("the log-rank test needs a group column");
        options ??= LogRankOptions.Default;
        options.Validate();
        if (options.TimeFix) TimeFix.CheckIntervals(data);
        return Compute(SurvivalCounts.FromData(data, options.MaxDegreeOfParallelism, options.TimeFix), options);
    }

    /// <summary>Compares the groups of aggregated counts: identical to the row-level test.</summary>
    /// <param name="counts">Per-time counts with groups.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    public static LogRankResult Compute(SurvivalCounts counts, LogRankOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= LogRankOptions.Default;
        options.Validate();
        int k = counts.GroupCount;
        if (counts.GroupLevels.Count < 2) throw new SurvivalInputException("the log-rank test needs at least two groups");
        if (options.TimeFix) counts = TimeFix.Apply(counts);

        var subjects = new double[k];
        var observed = new double[k];
        var expected = new double[k];
        var variance = new double[k, k];
        var atRisk = new double[k];
        var deaths = new double[k];
        var time = counts.Time;
        var group = counts.Group;
        var events = counts.Events;
        var censored = counts.Censored;
        // Without delayed entry the entries are all zero: the column is not read (nor made).
        bool delayed = counts.HasEntry;
        var entered = delayed ? counts.Entered : default;

        // Unweighted counts carry no subjects column: a cell's subjects are its events plus censorings, exactly.
        bool exitsAreSubjects = counts.SubjectsAreExits;
        var countedSubjects = exitsAreSubjects ? default : counts.Subjects;
        int comparableStrata = 0;
        var weighting = options.EffectiveWeighting;
        for (int s = 0; s < counts.StratumCount; s++)
        {
            var (start, end) = counts.StratumRange(s);
            if (start == end) continue;
            Array.Clear(atRisk);
            var present = new bool[k];
            for (int c = start; c < end; c++)
            {
                int g = group[c];
                subjects[g] += exitsAreSubjects ? events[c] + censored[c] : countedSubjects[c];
                if (!counts.HasEntry) atRisk[g] += events[c] + censored[c];
                if (events[c] + censored[c] + (delayed ? entered[c] : 0) > 0) present[g] = true;
            }
            // A stratum with one group adds its events to that group's O and E alike and nothing to V, as in R's survdiff.
            if (present.Count(p => p) >= 2) comparableStrata++;

            double km = 1, tilde = 1; // pooled KM S(t−) and S̃ within the stratum
            int c0 = start;
            while (c0 < end)
            {
                int c1 = c0;
                double t = time[c0];
                while (c1 < end && time[c1] == t) c1++;
                double d = 0, n = 0;
                Array.Clear(deaths);
                for (int c = c0; c < c1; c++) { deaths[group[c]] += events[c]; d += events[c]; }
                for (int g = 0; g < k; g++) n += atRisk[g];
                if (d > 0 && n > 0)
                {
                    double tildeNow = tilde * (1 - d / (n + 1));
                    double w = weighting switch
                    {
                        LogRankWeighting.LogRank => 1.0,
                        LogRankWeighting.GehanBreslow => n,
                        LogRankWeighting.TaroneWare => Math.Sqrt(n),
                        LogRankWeighting.PetoPeto => tildeNow,
                        LogRankWeighting.ModifiedPeto => tildeNow * n / (n + 1),
                        _ => Math.Pow(km, options.Rho) * Math.Pow(1 - km, options.Gamma),
                    };
                    double hyper = n > 1 ? d * (n - d) / (n - 1) : 0;
                    for (int a = 0; a < k; a++)
                    {
                        observed[a] += w * deaths[a];
                        expected[a] += w * d * atRisk[a] / n;
                        if (hyper == 0) continue;
                        double pa = atRisk[a] / n;
                        for (int b = 0; b < k; b++)
                            variance[a, b] += w * w * hyper * pa * ((a == b ? 1 : 0) - atRisk[b] / n);
                    }
                    km *= 1 - d / n;
                    tilde = tildeNow;
                }
                for (int c = c0; c < c1; c++) atRisk[group[c]] += (delayed ? entered[c] : 0) - events[c] - censored[c];
                c0 = c1;
            }
        }

        for (int g = 0; g < k; g++)
            if (subjects[g] == 0)
                throw new SurvivalInputException("a group has no rows", column: "group", value: counts.GroupLevels[g]);
        if (counts.StratumCount > 1 && comparableStrata == 0)
            throw new SurvivalInputException("no stratum holds two groups, so there is nothing to compare (each stratum has a single group)",
                column: "strata");

        var rows = new GroupComparison[k];
        for (int g = 0; g < k; g++)
            rows[g] = new GroupComparison(counts.GroupLevels[g], (int)Math.Round(subjects[g]), observed[g], expected[g]);
        return new LogRankResult(rows, variance, Statistic(observed, expected, variance), options, counts.StratumCount) { Omitted = counts.Omitted };
    }

    /// <summary>(O − E)ᵀ V⁻¹ (O − E) over groups with E &gt; 0 less the first, df = their count − 1 (R's rule). When that
    /// variance matrix is singular (e.g. every event at one time with everyone at risk failing, where R's
    /// <c>solve</c> stops with an error) the generalised inverse is used: df is its rank, and 0 with χ² = 0 and P = 1
    /// when there is no information at all.</summary>
    internal static ChiSquareTest Statistic(double[] observed, double[] expected, double[,] variance)
    {
        var keep = Enumerable.Range(0, expected.Length).Where(g => expected[g] > 0).ToArray();
        if (keep.Length < 2) return new ChiSquareTest(0, 0);
        var idx = keep[1..];
        var v = Matrix<double>.Build.Dense(idx.Length, idx.Length, (i, j) => variance[idx[i], idx[j]]);
        var diff = Vector<double>.Build.Dense(idx.Length, i => observed[idx[i]] - expected[idx[i]]);
        var evd = v.Evd(Symmetricity.Symmetric);
        double max = evd.EigenValues.Select(c => Math.Abs(c.Real)).DefaultIfEmpty(0).Max();
        double tol = MachinePrecision.Epsilon * idx.Length * Math.Max(max, double.Epsilon) * 1e3;
        int rank = evd.EigenValues.Count(c => c.Real > tol);
        if (rank == idx.Length) return new ChiSquareTest(diff.DotProduct(v.Solve(diff)), rank);
        double chi = 0;
        for (int k = 0; k < idx.Length; k++)
        {
            double lambda = evd.EigenValues[k].Real;
            if (lambda <= tol) continue;
            double proj = evd.EigenVectors.Column(k).DotProduct(diff);
            chi += proj * proj / lambda;
        }
        return new ChiSquareTest(chi, rank);
    }
}
