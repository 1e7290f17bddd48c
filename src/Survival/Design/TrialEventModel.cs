namespace Survival.Design;

/// <summary>
/// The expected share of a two-arm trial's patients with an observed event by a calendar time, under piecewise-constant
/// accrual, piecewise-exponential hazards and exponential drop-out: rpact's event probabilities, in closed form.
/// </summary>
/// <remarks>
/// <para>A patient of arm g with hazard λ_g(u) (constant λ_i on [s_i, s_{i+1})) and drop-out hazard φ_g has an observed
/// event by time x after entry with probability F_g(x) = ∫₀ˣ λ_g(u) e^(−Λ_g(u) − φ_g u) du; on piece i,
/// F_g(x) = F_g(s_i) + λ_i/(λ_i + φ_g) · e^(−Λ_g(s_i) − φ_g s_i) · (1 − e^(−(λ_i + φ_g)(x − s_i))).</para>
/// <para>Patients enter with density a(e) constant on each accrual period (intensity over the total), so the share with an
/// event by calendar time T is P_g(T) = ∫ a(e) F_g(T − e) de = Σ_j a_j (G_g(T − A_{j−1}) − G_g(T − A_j)) over the
/// periods started by T, with G_g(y) = ∫₀^y F_g(u) du also in closed form (each piece adds F(s_i)(y − s_i) + c[(y − s_i)
/// − (1 − e^(−(λ+φ)(y − s_i)))/(λ + φ)]). rpact evaluates the same integral with R's <c>integrate</c>; the trial's share is
/// (r P₁ + P₂)/(1 + r).</para>
/// </remarks>
internal sealed class TrialEventModel
{
    private readonly double[] _starts;           // piece starts s₀ = 0 < s₁ < …
    private readonly double[][] _hazards;        // per arm (0: experimental, 1: control), per piece
    private readonly double[] _dropout;          // per arm
    private readonly double[] _accrualEnds;      // A₁ < … < A_J (A₀ = 0)
    private readonly double[] _accrualDensity;   // per period, integrating to 1 over [0, A_J]
    private readonly double _ratio;

    public TrialEventModel(double[] starts, double[] controlHazards, double[] experimentalHazards, double dropout1, double dropout2,
        double[] accrualEnds, double[] accrualIntensity, double allocationRatio)
    {
        _starts = starts;
        _hazards = [experimentalHazards, controlHazards];
        _dropout = [dropout1, dropout2];
        _accrualEnds = accrualEnds;
        double total = 0;
        for (int j = 0; j < accrualEnds.Length; j++) total += accrualIntensity[j] * (accrualEnds[j] - (j == 0 ? 0 : accrualEnds[j - 1]));
        _accrualDensity = accrualIntensity.Select(i => i / total).ToArray();
        _ratio = allocationRatio;
    }

    /// <summary>The end of accrual, A_J.</summary>
    public double AccrualEnd => _accrualEnds[^1];

    /// <summary>The share of all patients with an observed event by calendar time <paramref name="time"/>.</summary>
    public double EventProbability(double time) => (_ratio * Arm(0, time) + Arm(1, time)) / (1 + _ratio);

    /// <summary>The share of the arm's patients with an observed event by calendar time <paramref name="time"/>.</summary>
    public double Arm(int arm, double time)
    {
        if (!(time > 0)) return 0;
        double sum = 0;
        for (int j = 0; j < _accrualEnds.Length; j++)
        {
            double from = j == 0 ? 0 : _accrualEnds[j - 1];
            if (time <= from) break;
            double to = Math.Min(_accrualEnds[j], time);
            // ∫ over entry e in [from, to] of F(T − e) = G(T − from) − G(T − to)
            sum += _accrualDensity[j] * (Integral(arm, time - from) - Integral(arm, time - to));
        }
        return sum;
    }

    /// <summary>The share of patients accrued by calendar time <paramref name="time"/>.</summary>
    public double AccruedFraction(double time)
    {
        double sum = 0;
        for (int j = 0; j < _accrualEnds.Length; j++)
        {
            double from = j == 0 ? 0 : _accrualEnds[j - 1];
            if (time <= from) break;
            sum += _accrualDensity[j] * (Math.Min(_accrualEnds[j], time) - from);
        }
        return Math.Min(1, sum);
    }

    /// <summary>An entry time drawn from the accrual distribution by inversion of its CDF at <paramref name="u"/> ∈ [0, 1).</summary>
    public double DrawEntry(double u)
    {
        double cumulative = 0;
        for (int j = 0; j < _accrualEnds.Length; j++)
        {
            double from = j == 0 ? 0 : _accrualEnds[j - 1], mass = _accrualDensity[j] * (_accrualEnds[j] - from);
            if (u < cumulative + mass && mass > 0) return from + (u - cumulative) / _accrualDensity[j];
            cumulative += mass;
        }
        return _accrualEnds[^1];
    }

    /// <summary>The event time (since entry) whose cumulative hazard in arm <paramref name="arm"/> is
    /// <paramref name="exponential"/> (an Exp(1) draw).</summary>
    public double DrawEventTime(int arm, double exponential)
    {
        var hazards = _hazards[arm];
        for (int i = 0; i < _starts.Length; i++)
        {
            double length = i + 1 < _starts.Length ? _starts[i + 1] - _starts[i] : double.PositiveInfinity;
            if (exponential <= hazards[i] * length) return _starts[i] + exponential / hazards[i];
            exponential -= hazards[i] * length;
        }
        return double.PositiveInfinity;
    }

    /// <summary>The drop-out time (since entry) of an Exp(1) draw: E/φ_g, +∞ without drop-out.</summary>
    public double DrawDropoutTime(int arm, double exponential) => _dropout[arm] > 0 ? exponential / _dropout[arm] : double.PositiveInfinity;

    /// <summary>F_g(x): Pr(event observed within x of entry).</summary>
    public double Cumulative(int arm, double x)
    {
        double f = 0, logSurvival = 0; // −Λ(s_i) − φ s_i
        var hazards = _hazards[arm];
        double phi = _dropout[arm];
        for (int i = 0; i < _starts.Length; i++)
        {
            double s = _starts[i], end = i + 1 < _starts.Length ? _starts[i + 1] : double.PositiveInfinity;
            double rate = hazards[i] + phi, c = hazards[i] / rate * Math.Exp(logSurvival);
            if (x <= end) return f - c * ElementaryFunctions.Expm1(-rate * (x - s));
            f += c * -ElementaryFunctions.Expm1(-rate * (end - s));
            logSurvival -= rate * (end - s);
        }
        return f;
    }

    /// <summary>G_g(y) = ∫₀^y F_g(u) du.</summary>
    private double Integral(int arm, double y)
    {
        if (!(y > 0)) return 0;
        double g = 0, f = 0, logSurvival = 0;
        var hazards = _hazards[arm];
        double phi = _dropout[arm];
        for (int i = 0; i < _starts.Length; i++)
        {
            double s = _starts[i], end = i + 1 < _starts.Length ? _starts[i + 1] : double.PositiveInfinity;
            double rate = hazards[i] + phi, c = hazards[i] / rate * Math.Exp(logSurvival);
            double upper = Math.Min(y, end), h = upper - s;
            // ∫_s^upper [f + c(1 − e^(−rate(u − s)))] du
            g += f * h + c * (h + ElementaryFunctions.Expm1(-rate * h) / rate);
            if (y <= end) return g;
            f += c * -ElementaryFunctions.Expm1(-rate * h);
            logSurvival -= rate * h;
        }
        return g;
    }
}
