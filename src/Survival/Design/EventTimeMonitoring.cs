using MathNet.Numerics;
using MathNet.Numerics.RootFinding;

namespace Survival.Design;

/// <summary>
/// Bayesian monitoring of an exponential event time in a single-arm trial (Thall, Wooten &amp; Tannir 2005):
/// stop early when Pr(median_E &gt; median_S + δ | data) &lt; p_L.
/// </summary>
/// <remarks>
/// <para>Event times are exponential with mean μ (median μ ln 2). The standard therapy's mean has an informative
/// prior μ_S ~ IG(a_S, b_S) (historical data; it is not updated by the trial); the experimental mean has a vague prior
/// μ_E ~ IG(a_E, b_E). After d events in total time at risk T, μ_E | data ~ IG(a_E + d, b_E + T), and
/// Pr(median_E &gt; median_S + δ) = Pr(μ_E &gt; μ_S + δ / ln 2).</para>
/// <para>Computation. With λ_S = 1/μ_S ~ Gamma(a_S, rate b_S) and Pr(μ_E &gt; x) = P(a_E′, b_E′/x) (regularised lower
/// incomplete gamma), the probability is E[P(a_E′, b_E′ / (1/λ_S + δ/ln 2))] over λ_S. It is integrated by adaptive
/// Gauss–Kronrod quadrature (MathNet.Numerics) in t = ln(b_S λ_S), whose density e^(a_S t − e^t)/Γ(a_S) is smooth and
/// unimodal; the range is cut where the density falls below e^−60 of its peak and split at the mode. Relative error
/// target 1e-12. For δ = 0 there is a closed form, Pr(μ_E &gt; μ_S) = I_x(a_E′, a_S) with x = b_E′/(b_E′ + b_S) (the
/// regularised incomplete beta: b_E′λ_E/(b_E′λ_E + b_Sλ_S) is Beta(a_E′, a_S)); it is used at δ = 0 and the tests
/// check the quadrature against it.</para>
/// <para>Boundary form. The probability increases with T and decreases with d, so "stop if below p_L" is "stop at a
/// look iff T &lt; T*(d)", where T*(d) solves Pr(d, T) = p_L (Brent's method; 0 when even T = 0 does not stop).
/// <see cref="Simulate"/> uses the boundary, computed once per d.</para>
/// <para>Reference: Thall PF, Wooten LH, Tannir NM (2005). Monitoring event times in early phase clinical trials: some
/// practical issues. Clinical Trials 2:467–478.</para>
/// </remarks>
public sealed record EventTimeMonitoring
{
    private EventTimeMonitoring(InverseGammaPrior standard, InverseGammaPrior experimental, double delta, double stopBelow)
    {
        Standard = standard;
        Experimental = experimental;
        Delta = delta;
        StopBelow = stopBelow;
    }

    /// <summary>The prior of the standard therapy's mean μ_S.</summary>
    public InverseGammaPrior Standard { get; }

    /// <summary>The prior of the experimental therapy's mean μ_E (before the trial's data).</summary>
    public InverseGammaPrior Experimental { get; }

    /// <summary>The improvement δ in median the experimental therapy is hoped to achieve (time unit of the priors).</summary>
    public double Delta { get; }

    /// <summary>The trial stops when Pr(median_E &gt; median_S + δ | data) falls below this p_L.</summary>
    public double StopBelow { get; }

    /// <summary>Creates the rule.</summary>
    /// <param name="standard">Prior of μ_S (informative; e.g. <see cref="InverseGammaPrior.FromMedian"/>).</param>
    /// <param name="experimental">Prior of μ_E (vague; e.g. the standard prior with a tenth of its effective sample size).</param>
    /// <param name="delta">δ, finite (the paper: 12 months).</param>
    /// <param name="stopBelow">p_L in (0, 1) (the paper: 0.035).</param>
    /// <exception cref="SurvivalInputException">δ is not finite or p_L is outside (0, 1).</exception>
    public static EventTimeMonitoring Create(InverseGammaPrior standard, InverseGammaPrior experimental, double delta, double stopBelow)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(experimental);
        if (!double.IsFinite(delta)) throw Bad("δ must be a finite number", "delta", delta);
        if (!(stopBelow > 0 && stopBelow < 1)) throw Bad("the stopping probability must be in (0, 1)", "stopBelow", stopBelow);
        return new EventTimeMonitoring(standard, experimental, delta, stopBelow);
    }

    /// <summary>Pr(median_E &gt; median_S + δ | <paramref name="events"/> events in <paramref name="exposure"/> time at risk).</summary>
    /// <param name="events">Events observed on the experimental therapy, ≥ 0.</param>
    /// <param name="exposure">Total time at risk, ≥ 0.</param>
    public double PosteriorProbability(double events, double exposure)
        => ProbabilityOfImprovement(Standard, Experimental.Update(events, exposure), Delta);

    /// <summary>Whether the rule stops the trial: <see cref="PosteriorProbability"/> &lt; p_L.</summary>
    /// <param name="events">Events observed, ≥ 0.</param>
    /// <param name="exposure">Total time at risk, ≥ 0.</param>
    public bool ShouldStop(double events, double exposure) => PosteriorProbability(events, exposure) < StopBelow;

    /// <summary>T*(d): with <paramref name="events"/> events the rule stops iff the total time at risk is below this
    /// (0 when no exposure stops it).</summary>
    /// <param name="events">Events observed, ≥ 0.</param>
    public double ExposureBoundary(int events)
    {
        if (events < 0) throw Bad("the number of events must be ≥ 0", "events", events);
        double f(double t) => PosteriorProbability(events, t) - StopBelow;
        if (f(0) >= 0) return 0;
        double hi = Math.Max(1, Standard.Scale);
        while (f(hi) < 0) hi *= 2;
        // MathNet's accuracy bounds |f| too, so ask for 1e-15 in probability: the root is then good to ~1e-11 relative.
        return Brent.FindRoot(f, 0, hi, 1e-15, 500);
    }

    /// <summary>The boundary for d = 0 … <paramref name="maxEvents"/>.</summary>
    /// <param name="maxEvents">The largest event count, ≥ 0.</param>
    public IReadOnlyList<EventTimeBoundary> Boundaries(int maxEvents)
    {
        if (maxEvents < 0) throw Bad("the number of events must be ≥ 0", "maxEvents", maxEvents);
        return Enumerable.Range(0, maxEvents + 1).Select(d => new EventTimeBoundary(d, ExposureBoundary(d))).ToArray();
    }

    /// <summary>Operating characteristics by simulation, one scenario per true median.</summary>
    /// <param name="trueMedians">True medians of the experimental therapy to try, each &gt; 0.</param>
    /// <param name="options">Accrual, looks, follow-up, replicates and seed.</param>
    /// <param name="progress">Receives the number of replicates completed (over all scenarios) as the work goes.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    /// <remarks>See <see cref="EventTimeSimulation"/> for the trial model. Every replicate draws from its own generator,
    /// seeded from (seed, replicate) and shared by the scenarios (common random numbers), and the results are summed in replicate order, so the output is the
    /// same for a seed whatever the number of threads.</remarks>
    public EventTimeSimulation Simulate(IReadOnlyList<double> trueMedians, EventTimeSimulationOptions options,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
        => EventTimeSimulation.Run(this, trueMedians, options, progress, cancellationToken);

    /// <summary>Pr(μ_E &gt; μ_S + δ / ln 2) for independent μ_S ~ <paramref name="standard"/> and
    /// μ_E ~ <paramref name="experimental"/>, i.e. Pr(median_E &gt; median_S + δ).</summary>
    /// <param name="standard">Distribution of μ_S.</param>
    /// <param name="experimental">Distribution of μ_E (already updated with the data).</param>
    /// <param name="delta">δ in median, finite.</param>
    public static double ProbabilityOfImprovement(InverseGammaPrior standard, InverseGammaPrior experimental, double delta)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(experimental);
        if (!double.IsFinite(delta)) throw Bad("δ must be a finite number", "delta", delta);
        if (delta == 0) return ClosedFormAtZero(standard, experimental);
        double shift = delta / Constants.Ln2;
        double a = standard.Shape, b = standard.Scale;
        double logNorm = SpecialFunctions.GammaLn(a);
        // y = b λ_S ~ Gamma(a, 1); t = ln y has log-density a t − e^t − ln Γ(a), mode t0 = ln a.
        double LogDensity(double t) => a * t - Math.Exp(t) - logNorm;
        double Integrand(double t)
        {
            double ld = LogDensity(t);
            return ld < -745 ? 0 : Math.Exp(ld) * experimental.ProbabilityAbove(b / Math.Exp(t) + shift);
        }
        double t0 = Math.Log(a), peak = LogDensity(t0), floor = peak - 60;
        double left = 1, right = 1;
        while (LogDensity(t0 - left) > floor) left *= 2;
        while (LogDensity(t0 + right) > floor) right *= 2;
        double lower = Integrate.GaussKronrod(Integrand, t0 - left, t0, out _, out _, 1e-12, 25, 21);
        double upper = Integrate.GaussKronrod(Integrand, t0, t0 + right, out _, out _, 1e-12, 25, 21);
        return Math.Clamp(lower + upper, 0, 1);
    }

    /// <summary>Pr(μ_E &gt; μ_S) = I_x(a_E, a_S), x = b_E / (b_E + b_S): the closed form at δ = 0.</summary>
    /// <param name="standard">Distribution of μ_S.</param>
    /// <param name="experimental">Distribution of μ_E.</param>
    public static double ClosedFormAtZero(InverseGammaPrior standard, InverseGammaPrior experimental)
    {
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(experimental);
        return SpecialFunctions.BetaRegularized(experimental.Shape, standard.Shape,
            experimental.Scale / (experimental.Scale + standard.Scale));
    }

    private static SurvivalInputException Bad(string reason, string column, double value)
        => new(reason, column: column, value: SurvivalData.Format(value));
}
