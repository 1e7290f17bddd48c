using MathNet.Numerics.LinearAlgebra;

namespace Survival;

/// <summary>
/// Newton–Raphson maximisation of a log-likelihood with step-halving, the one home of the loop that Cox regression and
/// the Weibull model share (R's <c>coxph.fit</c> and <c>survreg.fit</c> rule: stop when |1 − ℓ_old/ℓ_new| ≤ ε).
/// </summary>
/// <remarks>Each step solves I δ = U (information I = −Hessian, by Cholesky) and moves β to β + δ; while the new
/// log-likelihood is NaN or lower, the step is halved, at most 30 times; a step that still gives no finite value ends the
/// loop at the last finite iterate, not converged. The count of iterations includes the step that
/// converged. Hand-written because MathNet's optimisers do not expose R's convergence rule or the step-halving that R's
/// fits use, and the numbers must match R's.</remarks>
internal static class NewtonRaphson
{
    /// <summary>The maximisation's end state.</summary>
    public readonly record struct Result(double[] Estimate, double LogLikelihood, double[] Score, double[,] Information, int Iterations, bool Converged);

    /// <summary>Maximises from <paramref name="start"/>.</summary>
    /// <param name="start">The starting value (not changed).</param>
    /// <param name="evaluate">The log-likelihood, its gradient (score) and the information at a point.</param>
    /// <param name="maxIterations">The most steps.</param>
    /// <param name="epsilon">The convergence tolerance on the relative change of the log-likelihood.</param>
    /// <param name="atStart">The evaluation at <paramref name="start"/>, when the caller has it already (saves a pass).</param>
    public static Result Maximize(double[] start, Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate,
        int maxIterations, double epsilon, (double LogLik, double[] Score, double[,] Information)? atStart = null)
    {
        int q = start.Length;
        var beta = (double[])start.Clone();
        var (ll, u, info) = atStart ?? evaluate(beta);
        int iterations = 0;
        bool converged = q == 0;
        while (!converged && iterations < maxIterations)
        {
            iterations++;
            var step = Solve(info, u);
            var next = new double[q];
            for (int j = 0; j < q; j++) next[j] = beta[j] + step[j];
            var (nll, nu, ninfo) = evaluate(next);
            int halvings = 0;
            while ((double.IsNaN(nll) || nll < ll) && halvings < 30)
            {
                for (int j = 0; j < q; j++) next[j] = (beta[j] + next[j]) / 2;
                (nll, nu, ninfo) = evaluate(next);
                halvings++;
            }
            // Still no finite value half a billion times closer: the step leaves double precision (a supremum at
            // infinity); stop at the last finite iterate, not converged, so the caller can see where it was heading.
            if (!double.IsFinite(nll)) break;
            converged = Math.Abs(1 - ll / nll) <= epsilon;
            beta = next;
            ll = nll;
            u = nu;
            info = ninfo;
        }
        return new Result(beta, ll, u, info, iterations, converged);
    }

    /// <summary>Solves I x = b for a symmetric positive-definite I (Cholesky); away from the maximum, where I may not be
    /// positive definite, by LU instead (the step-halving then guards the ascent).</summary>
    public static double[] Solve(double[,] information, double[] b)
    {
        if (b.Length == 0) return [];
        var m = Matrix<double>.Build.DenseOfArray(information);
        var rhs = Vector<double>.Build.DenseOfArray(b);
        try
        {
            return m.Cholesky().Solve(rhs).ToArray();
        }
        catch (ArgumentException)
        {
            return m.LU().Solve(rhs).ToArray();
        }
    }
}
