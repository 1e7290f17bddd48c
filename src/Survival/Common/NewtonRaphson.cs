using MathNet.Numerics.LinearAlgebra;

namespace Survival;

/// <summary>The convergence and step-halving rules of R's three Newton–Raphson loops; each fit names the one of the R
/// routine it reproduces.</summary>
internal enum NewtonRule
{
    /// <summary>R <c>coxph</c> on right-censored data (<c>coxfit6.c</c>): converged when the likelihood is finite and
    /// |1 − ℓ_best/ℓ_new| ≤ ε (also on a halved step); a step that lowers ℓ or is not finite is pulled back towards the last
    /// good point ever harder (the h-th try is (new + h·old)/(h + 1)), each try counting as an iteration; out of
    /// iterations, the last good point.</summary>
    Coxph,

    /// <summary>R <c>coxph</c> on (start, stop] data (<c>agfit4.c</c>): as <see cref="Coxph"/>, but a halved step cannot
    /// converge; out of iterations, the last point tried, or the last good one when the last try is worse than it by
    /// more than ε (relative).</summary>
    Agreg,

    /// <summary>R <c>survreg</c> (<c>survreg6.c</c>): converged only on a full Newton step with
    /// |1 − ℓ_old/ℓ_new| ≤ ε; a worse step is halved up to five times per iteration (the first halving also keeps
    /// log σ within 1.1 of its last good value); out of iterations, the last point tried.</summary>
    Survreg,
}

/// <summary>
/// Newton–Raphson maximisation of a log-likelihood with R's step-halving and convergence rules (<see cref="NewtonRule"/>),
/// the one home of the loop that the Cox, parametric and generalized-gamma fits share.
/// </summary>
/// <remarks>Each step solves I δ = U (information I = −Hessian, by Cholesky) and moves β to β + δ. An iteration is one
/// evaluation of the likelihood after the start, so a halved step counts, as in R's <c>iter</c>. "Converged" means the
/// rule's test passed; running out of iterations returns the point R returns, with <c>Converged</c> false, whatever
/// halving did before. Hand-written because MathNet's optimisers do not expose R's convergence tests or step-halving,
/// and the numbers (including the last iterate of a fit that does not converge) must be R's.</remarks>
internal static class NewtonRaphson
{
    /// <summary>The maximisation's end state: the point returned, its log-likelihood, score and information, the
    /// iterations used and whether the convergence test passed.</summary>
    public readonly record struct Result(double[] Estimate, double LogLikelihood, double[] Score, double[,] Information, int Iterations, bool Converged);

    /// <summary>Maximises from <paramref name="start"/> by <paramref name="rule"/>.</summary>
    /// <param name="start">The starting value (not changed).</param>
    /// <param name="evaluate">The log-likelihood, its gradient (score) and the information at a point.</param>
    /// <param name="maxIterations">The most iterations (evaluations after the start).</param>
    /// <param name="epsilon">The convergence tolerance on the relative change of the log-likelihood.</param>
    /// <param name="rule">Whose loop to follow.</param>
    /// <param name="atStart">The evaluation at <paramref name="start"/>, when the caller has it already (saves a pass).</param>
    /// <param name="logScaleIndex">For <see cref="NewtonRule.Survreg"/>, the index of log σ (−1 for none).</param>
    public static Result Maximize(double[] start, Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate,
        int maxIterations, double epsilon, NewtonRule rule, (double LogLik, double[] Score, double[,] Information)? atStart = null,
        int logScaleIndex = -1)
    {
        var beta = (double[])start.Clone();
        var (ll, u, info) = atStart ?? evaluate(beta);
        // Nothing to fit, or a start R would give up on at once ("it almost takes malice").
        if (start.Length == 0) return new Result(beta, ll, u, info, 0, true);
        if (!double.IsFinite(ll) || maxIterations == 0) return new Result(beta, ll, u, info, 0, false);
        return rule switch
        {
            NewtonRule.Coxph => Coxph(beta, ll, u, info, evaluate, maxIterations, epsilon),
            NewtonRule.Agreg => Agreg(beta, ll, u, info, evaluate, maxIterations, epsilon),
            _ => Survreg(beta, ll, u, info, evaluate, maxIterations, epsilon, logScaleIndex),
        };
    }

    private static Result Coxph(double[] beta, double ll, double[] u, double[,] info,
        Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate, int maxIterations, double epsilon)
    {
        var next = Step(beta, info, u);
        int halving = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            var (nll, nu, ninfo) = evaluate(next);
            bool finite = Finite(nll, nu, ninfo);
            if (finite && Math.Abs(1 - ll / nll) <= epsilon) return new Result(next, nll, nu, ninfo, iteration, true);
            if (!finite || nll < ll)
            {
                halving++;
                for (int j = 0; j < next.Length; j++) next[j] = (next[j] + halving * beta[j]) / (halving + 1.0);
            }
            else
            {
                halving = 0;
                (beta, ll, u, info) = (next, nll, nu, ninfo);
                next = Step(beta, info, u);
            }
        }
        // Out of iterations: the last good point (R recomputes its score and information; these are they).
        return new Result(beta, ll, u, info, maxIterations, false);
    }

    private static Result Agreg(double[] beta, double ll, double[] u, double[,] info,
        Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate, int maxIterations, double epsilon)
    {
        var old = beta;
        beta = Step(old, info, u);
        int halving = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            var (nll, nu, ninfo) = evaluate(beta);
            bool finite = Finite(nll, nu, ninfo);
            if (finite && halving == 0 && Math.Abs(1 - ll / nll) <= epsilon) return new Result(beta, nll, nu, ninfo, iteration, true);
            if (iteration == maxIterations)
            {
                // R keeps the last try unless it is worse than the best by more than round-off (then the best); a try
                // that is not finite is never kept (R would return its NaN).
                bool worse = !finite || (maxIterations > 1 && (nll - ll) / Math.Abs(ll) < -epsilon);
                return worse ? new Result(old, ll, u, info, iteration, false) : new Result(beta, nll, nu, ninfo, iteration, false);
            }
            if (!finite || nll < ll)
            {
                halving++;
                for (int j = 0; j < beta.Length; j++) beta[j] = (old[j] * halving + beta[j]) / (halving + 1.0);
            }
            else
            {
                halving = 0;
                (old, ll, u, info) = (beta, nll, nu, ninfo);
                beta = Step(old, info, u);
            }
        }
        return new Result(old, ll, u, info, maxIterations, false); // not reached: the last iteration returns above
    }

    private static Result Survreg(double[] beta, double ll, double[] u, double[,] info,
        Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate, int maxIterations, double epsilon, int logScaleIndex)
    {
        var next = Step(beta, info, u);
        var (nll, nu, ninfo) = evaluate(next);
        int halving = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            bool finite = Finite(nll, nu, ninfo);
            if (finite && halving == 0 && Math.Abs(1 - ll / nll) <= epsilon) return new Result(next, nll, nu, ninfo, iteration, true);
            if (!finite || nll < ll)
            {
                // Up to five halvings in one iteration (R tests newlk < loglik, so a NaN would not be halved there; it
                // is here, which only spares R's wasted iterations on such a point).
                for (int k = 0; k < 5 && !(nll >= ll && Finite(nll, nu, ninfo)); k++)
                {
                    halving++;
                    for (int j = 0; j < next.Length; j++) next[j] = (next[j] + beta[j]) / 2;
                    // survreg: the scale is what gets the iteration into trouble; the first pull-back keeps log σ within
                    // 1.1 of its last good value.
                    if (halving == 1 && logScaleIndex >= 0 && beta[logScaleIndex] - next[logScaleIndex] > 1.1)
                        next[logScaleIndex] = beta[logScaleIndex] - 1.1;
                    (nll, nu, ninfo) = evaluate(next);
                }
            }
            else
            {
                halving = 0;
                (beta, ll) = (next, nll);
                next = Step(beta, ninfo, nu);
                (nll, nu, ninfo) = evaluate(next);
            }
        }
        // Out of iterations: survreg returns the last point tried.
        return new Result(next, nll, nu, ninfo, maxIterations, false);
    }

    /// <summary>The evaluation wrapped for long fits: the token is checked before each evaluation and each is reported as
    /// ("fitting", evaluations so far, the limit). The same function when there is neither.</summary>
    public static Func<double[], (double LogLik, double[] Score, double[,] Information)> Observed(
        Func<double[], (double LogLik, double[] Score, double[,] Information)> evaluate, int maxIterations,
        CancellationToken cancellationToken, IProgress<ProgressReport>? progress)
    {
        if (!cancellationToken.CanBeCanceled && progress is null) return evaluate;
        int evaluations = 0;
        return theta =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            evaluations++;
            progress?.Report(new ProgressReport("fitting", evaluations, Math.Max(evaluations, maxIterations)));
            return evaluate(theta);
        };
    }

    private static double[] Step(double[] beta, double[,] info, double[] u)
    {
        var delta = Solve(info, u);
        var next = new double[beta.Length];
        for (int j = 0; j < beta.Length; j++) next[j] = beta[j] + delta[j];
        return next;
    }

    private static bool Finite(double ll, double[] u, double[,] info)
    {
        if (!double.IsFinite(ll)) return false;
        foreach (double v in u) if (!double.IsFinite(v)) return false;
        foreach (double v in info) if (!double.IsFinite(v)) return false;
        return true;
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
