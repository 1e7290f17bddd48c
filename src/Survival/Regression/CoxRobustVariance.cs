using MathNet.Numerics.LinearAlgebra;

namespace Survival.Regression;

/// <summary>The robust (sandwich) variance of a Cox fit and the robust score test, as R's <c>coxph</c> computes them.</summary>
/// <remarks>
/// With dfbeta rows Dᵢ = wᵢ Lᵢ V (score residual, model-based variance, case weight) summed within clusters, the robust
/// variance is Σ_c D_cᵀ D_c (Lin &amp; Wei 1989; SAS PHREG <c>COVS(AGGREGATE)</c>); without clusters every row is its own.
/// The robust score test uses the score residuals at β = 0, weighted and summed within clusters (T): u = Σ T_c,
/// χ² = uᵀ (TᵀT)⁻¹ u on the number of coefficients. R survival <c>coxph</c>, <c>coxph.wtest</c>.
/// </remarks>
internal static class CoxRobustVariance
{
    public static (double[,] Variance, ChiSquareTest Score) Compute(CoxModelState state, double[] eta, int[]? clusters)
    {
        var sets = state.Sets;
        int q = state.Kept.Length, n = sets.Count;
        var dfbeta = CoxResiduals.DfBetaSorted(state, eta, state.EventTable(eta), weighted: true);
        var zero = new double[n];
        var score0 = CoxResiduals.ScoreSorted(state, zero, state.EventTable(zero));
        int groups = clusters is null ? n : clusters.Max() + 1;
        var d = new double[groups, q];
        var t = new double[groups, q];
        for (int i = 0; i < n; i++)
        {
            int g = clusters is null ? i : clusters[sets.Order[i]];
            double w = sets.WeightAt(i);
            for (int j = 0; j < q; j++)
            {
                d[g, j] += dfbeta[i * q + j];
                t[g, j] += w * score0[i * q + j];
            }
        }
        var variance = new double[q, q];
        var tt = new double[q, q];
        var u = new double[q];
        for (int g = 0; g < groups; g++)
            for (int j = 0; j < q; j++)
            {
                u[j] += t[g, j];
                for (int l = 0; l < q; l++)
                {
                    variance[j, l] += d[g, j] * d[g, l];
                    tt[j, l] += t[g, j] * t[g, l];
                }
            }
        return (variance, new ChiSquareTest(QuadraticForm(tt, u), q));
    }

    /// <summary>uᵀ A⁻¹ u for a symmetric non-negative definite A, with a generalised inverse when A is singular (as R's
    /// <c>coxph.wtest</c>, which drops the columns its Cholesky finds singular).</summary>
    internal static double QuadraticForm(double[,] a, double[] u)
    {
        if (u.Length == 0) return 0;
        var m = Matrix<double>.Build.DenseOfArray(a);
        var v = Vector<double>.Build.DenseOfArray(u);
        try
        {
            var chol = m.Cholesky();
            return v * chol.Solve(v);
        }
        catch (ArgumentException)
        {
            return v * (m.PseudoInverse() * v);
        }
    }
}
