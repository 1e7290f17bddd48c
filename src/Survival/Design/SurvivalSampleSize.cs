using System.Globalization;
using MathNet.Numerics.RootFinding;

namespace Survival.Design;

/// <summary>Events, patients and analysis times of a two-arm survival trial compared by the log-rank test, for a fixed or
/// group-sequential design, and the power of a given trial: rpact's <c>getSampleSizeSurvival</c> and
/// <c>getPowerSurvival</c>.</summary>
/// <remarks>
/// <para><b>Events.</b> The fixed design needs d_fix events by the formula chosen (<see cref="SurvivalEventsFormula"/>;
/// Schoenfeld: d = (z_{α/s} + z_β)² (1 + r)² / (r ln²(HR/θ₀)), r = n₁/n₂); with two-sided power the d solving
/// Φ(√d·δ − z_{α/2}) + Φ(−√d·δ − z_{α/2}) = 1 − β, δ = √r/(1 + r)·|ln(HR/θ₀)|. A group-sequential design needs
/// d_k = d_fix · IF · t_k events at stage k (IF the inflation factor, t_k the information rates).</para>
/// <para><b>Patients and times</b> (<see cref="TrialEventModel"/>): with follow-up F after an accrual of length A, the
/// trial needs N = d_K / P(A + F) patients, P(T) the expected share with an observed event by calendar time T; the
/// interim analyses fall at the T_k with N·P(T_k) = d_k. With N fixed (absolute accrual intensities or a number of
/// patients), the last analysis falls where N·P(T_K) = d_K and the follow-up is T_K − A (negative when the events come
/// before accrual ends).</para>
/// <para><b>Expectations under H1</b>: the study duration Σ T_k·Pr(stop at k) and the patients Σ N_k·Pr(stop at k), with
/// the stopping probabilities of <see cref="GroupSequentialDesign"/>; the expected events under H0, H1/2 and H1 are the
/// design's expected information times d_fix. <b>Effect scale</b>: the hazard ratio a bound z corresponds to at d_k
/// events, θ₀·exp(±z(1 + r)/√(r d_k)), in the direction of the assumed effect.</para>
/// <para><b>Power</b> of d_K events among N patients: Z_k ~ N(δ√(d_K t_k), 1) with δ from the formula, in the direction of
/// the assumed hazard ratio (one-sided; rpact's default <c>directionUpper = NA</c> takes the upper direction whatever the
/// hazard ratio, so for HR &lt; 1 this equals rpact with <c>directionUpper = FALSE</c>); two-sided designs count
/// rejections on either side, as rpact does.</para>
/// <para>References: Schoenfeld DA (1981) Biometrika 68:316–319; Lachin JM, Foulkes MA (1986) Biometrics 42:507–519;
/// Kim K, Tsiatis AA (1990) Biometrics 46:81–92; Wassmer G, Brannath W (2016) ch. 7; rpact 3.3.</para>
/// </remarks>
public static class SurvivalSampleSize
{
    /// <summary>rpact's follow-up when neither it nor the number of patients is given.</summary>
    public const double DefaultFollowUpTime = 6;

    /// <summary>The events, patients and analysis times for the power of <paramref name="design"/> (rpact
    /// <c>getSampleSizeSurvival</c>).</summary>
    /// <param name="design">A group-sequential design (one stage for a fixed design): its α, β, sides and boundaries.</param>
    /// <param name="assumptions">Effect, accrual, follow-up, drop-out.</param>
    /// <exception cref="SurvivalInputException">An assumption is missing, out of range or contradicts another (the message
    /// names it), or the patients cannot produce the events.</exception>
    public static SurvivalSampleSizeResult ForPower(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(assumptions);
        var m = Resolve(assumptions, forPower: false);
        if (m.HazardRatio == assumptions.ThetaH0)
            throw Bad("the hazard ratio must differ from θ₀ for a sample size", "hazardRatio", m.HazardRatio);
        int k = design.Stages;
        double eventsFixed = EventsFixed(design.Options, m.HazardRatio, assumptions.ThetaH0, assumptions.AllocationRatio, assumptions.Formula);
        var events = design.InformationRates.Select(t => eventsFixed * t * design.InflationFactor).ToArray();
        if (k == 1) events[0] = eventsFixed;
        double maxEvents = events[^1];
        var model = m.Model;
        double accrualEnd = model.AccrualEnd, subjects, followUp;
        var times = new double[k];
        if (m.Subjects is double fixedSubjects)
        {
            subjects = fixedSubjects;
            if (maxEvents > subjects)
                throw Bad($"the {Format(subjects)} patients are fewer than the {Format(maxEvents)} events needed", m.SubjectsOption, subjects);
            times[k - 1] = TimeOfEvents(model, maxEvents / subjects, m.SubjectsOption, subjects);
            followUp = times[k - 1] - accrualEnd;
        }
        else
        {
            followUp = m.FollowUp;
            times[k - 1] = accrualEnd + followUp;
            double omega = model.EventProbability(times[k - 1]);
            subjects = maxEvents / omega;
        }
        for (int j = 0; j < k - 1; j++) times[j] = TimeOfEvents(model, events[j] / subjects, "followUpTime", followUp, times[k - 1]);
        var numbers = times.Select(t => subjects * model.AccruedFraction(t)).ToArray();
        if (k > 1) numbers[k - 1] = subjects;

        var stop = StoppingUnderAlternative(design);
        double duration = k == 1 ? times[0] : Dot(times, stop);
        double expectedSubjects = k == 1 ? subjects : Dot(numbers, stop);
        var (upper, lower, futility) = EffectScale(design, events, m.HazardRatio, assumptions);
        double r = assumptions.AllocationRatio;
        return new SurvivalSampleSizeResult(design, assumptions, m.HazardRatio, new ValueList<double>(m.Lambda1), new ValueList<double>(m.Lambda2),
            m.Exponential ? Math.Log(2) / m.Lambda1[0] : null, m.Exponential ? Math.Log(2) / m.Lambda2[0] : null,
            eventsFixed, new ValueList<double>(events), subjects, subjects * r / (1 + r), subjects / (1 + r), new ValueList<double>(numbers),
            new ValueList<double>(times), followUp, times[k - 1], duration, expectedSubjects,
            k == 1 ? eventsFixed : design.ExpectedInformationUnderNull * eventsFixed,
            k == 1 ? eventsFixed : design.ExpectedInformationUnderHalfAlternative * eventsFixed,
            k == 1 ? eventsFixed : design.ExpectedInformationUnderAlternative * eventsFixed,
            upper, lower, futility, new ValueList<double>(m.AccrualShares.Select(s => s * subjects).ToArray()));
    }

    /// <summary>The power of a trial with <paramref name="maxNumberOfEvents"/> events among
    /// <paramref name="maxNumberOfSubjects"/> patients (rpact <c>getPowerSurvival</c>; remarks for the direction).</summary>
    /// <param name="design">The boundaries (one stage for a fixed design).</param>
    /// <param name="assumptions">Effect, accrual and drop-out; no follow-up (it follows from the events).</param>
    /// <param name="maxNumberOfEvents">d_K ≥ 1.</param>
    /// <param name="maxNumberOfSubjects">N ≥ d_K.</param>
    /// <exception cref="SurvivalInputException">An assumption is out of range, or the patients cannot produce the events.</exception>
    public static SurvivalPowerResult PowerOf(GroupSequentialDesign design, SurvivalDesignAssumptions assumptions, double maxNumberOfEvents,
        double maxNumberOfSubjects)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(assumptions);
        if (!(maxNumberOfEvents >= 1) || !double.IsFinite(maxNumberOfEvents)) throw Bad("the number of events must be finite and ≥ 1", "maxNumberOfEvents", maxNumberOfEvents);
        if (!(maxNumberOfSubjects >= maxNumberOfEvents) || !double.IsFinite(maxNumberOfSubjects))
            throw Bad($"the number of patients must be finite and at least the {Format(maxNumberOfEvents)} events", "maxNumberOfSubjects", maxNumberOfSubjects);
        if (assumptions.FollowUpTime is double given) throw Bad("the follow-up follows from the events and patients in a power calculation", "followUpTime", given);
        if (assumptions.MaxNumberOfSubjects is double n && n != maxNumberOfSubjects) throw Bad("give the number of patients once", "maxNumberOfSubjects", n);
        var m = Resolve(assumptions with { MaxNumberOfSubjects = maxNumberOfSubjects }, forPower: true);
        int k = design.Stages;
        var t = design.InformationRates.ToArray();
        var events = t.Select(x => maxNumberOfEvents * x).ToArray();
        double r = assumptions.AllocationRatio, hr = m.HazardRatio, theta0 = assumptions.ThetaH0;
        double effect = assumptions.Formula switch
        {
            SurvivalEventsFormula.Schoenfeld => Math.Sqrt(r) / (1 + r) * Math.Log(hr / theta0),
            SurvivalEventsFormula.Freedman => Math.Sqrt(r) * (hr - 1) / (r * hr + 1),
            _ => Math.Sqrt(4 * r) / (1 + r) * (hr - 1) / (hr + 1),
        };
        double drift = Math.Abs(effect) * Math.Sqrt(maxNumberOfEvents);
        var critical = design.CriticalValues.ToArray();
        bool two = design.Options.Sides == TestSides.Two;
        double[] lower = two ? critical.Select(c => -c).ToArray()
            : (design.FutilityBounds?.Select(f => f <= GroupSequential.NoFutilityBound ? double.NegativeInfinity : f) ?? Enumerable.Repeat(double.NegativeInfinity, k - 1))
                .Append(double.NegativeInfinity).ToArray();
        var (above, below) = GroupSequential.Crossings(t, lower, critical, drift);
        var reject = new double[k];
        var futility = new double[Math.Max(0, k - 1)];
        for (int j = 0; j < k; j++)
        {
            reject[j] = above[j] + (two ? below[j] : 0);
            if (!two && j < k - 1) futility[j] = below[j];
        }
        var stop = new double[k];
        for (int j = 0; j < k - 1; j++) stop[j] = reject[j] + futility[j];
        stop[k - 1] = 1 - stop.Take(k - 1).Sum();
        double expectedEvents = Dot(events, stop);

        var model = m.Model;
        double subjects = maxNumberOfSubjects;
        var times = events.Select(d => TimeOfEvents(model, d / subjects, "maxNumberOfSubjects", subjects)).ToArray();
        var numbers = times.Select(x => subjects * model.AccruedFraction(x)).ToArray();
        double duration = k == 1 ? times[0] : Dot(times, stop);
        double expectedSubjects = Dot(numbers, stop);
        var (upperScale, lowerScale, futilityScale) = EffectScale(design, events, hr, assumptions);
        return new SurvivalPowerResult(design, assumptions, hr, maxNumberOfEvents, maxNumberOfSubjects, new ValueList<double>(events),
            reject.Sum(), new ValueList<double>(reject), new ValueList<double>(futility), stop.Take(k - 1).Sum(), expectedEvents,
            new ValueList<double>(times), new ValueList<double>(numbers), times[k - 1] - model.AccrualEnd, times[k - 1], duration, expectedSubjects,
            upperScale, lowerScale, futilityScale);
    }

    /// <summary>d_fix (remarks).</summary>
    internal static double EventsFixed(GroupSequentialOptions design, double hr, double theta0, double r, SurvivalEventsFormula formula)
    {
        int sides = (int)design.Sides;
        double zA = GroupSequential.UpperQuantile(design.Alpha / sides), zB = GroupSequential.UpperQuantile(design.Beta);
        double perEvent = formula switch // δ, the drift per √event
        {
            SurvivalEventsFormula.Schoenfeld => Math.Sqrt(r) / (1 + r) * Math.Abs(Math.Log(hr) - Math.Log(theta0)),
            SurvivalEventsFormula.Freedman => Math.Sqrt(r) * Math.Abs(1 - hr) / (1 + r * hr),
            _ => 2 * Math.Sqrt(r) / (1 + r) * Math.Abs(1 - hr) / (1 + hr),
        };
        double d = Math.Pow((zA + zB) / perEvent, 2);
        if (design.Sides == TestSides.Two && design.TwoSidedPower)
        {
            double zHalf = GroupSequential.UpperQuantile(design.Alpha / 2);
            d = Brent.FindRoot(n => SequentialIntegration.UpperTail(zHalf - Math.Sqrt(n) * perEvent)
                + SequentialIntegration.UpperTail(zHalf + Math.Sqrt(n) * perEvent) - (1 - design.Beta), 1e-3, 2 * d, 1e-12, 200);
        }
        return d;
    }

    private static double[] StoppingUnderAlternative(GroupSequentialDesign design)
    {
        int k = design.Stages;
        var stop = new double[k];
        for (int j = 0; j < k - 1; j++) stop[j] = design.RejectionProbabilities[j] + design.FutilityProbabilities[j];
        stop[k - 1] = 1 - stop.Take(k - 1).Sum();
        return stop;
    }

    private static (ValueList<double> Upper, ValueList<double>? Lower, ValueList<double>? Futility) EffectScale(
        GroupSequentialDesign design, double[] events, double hr, SurvivalDesignAssumptions a)
    {
        double r = a.AllocationRatio, theta0 = a.ThetaH0, sign = hr > theta0 ? 1 : -1;
        double Scale(double z, double d) => double.IsPositiveInfinity(z) ? (sign > 0 ? double.PositiveInfinity : 0)
            : theta0 * Math.Exp(sign * z * (1 + r) / Math.Sqrt(r * d));
        var toward = design.CriticalValues.Select((c, j) => Scale(c, events[j])).ToArray();
        ValueList<double>? other = null;
        if (design.Options.Sides == TestSides.Two)
            other = new ValueList<double>(design.CriticalValues.Select((c, j) => Scale(-c, events[j])).ToArray());
        ValueList<double>? futility = design.FutilityBounds is null ? null
            : new ValueList<double>(design.FutilityBounds.Select((f, j) => f <= GroupSequential.NoFutilityBound ? double.NaN : Scale(f, events[j])).ToArray());
        return (new ValueList<double>(toward), other, futility);
    }

    /// <summary>The calendar time at which the expected share of patients with an event reaches <paramref name="share"/>.</summary>
    private static double TimeOfEvents(TrialEventModel model, double share, string option, double value, double? upper = null)
    {
        double hi = upper ?? 2;
        for (int i = 0; upper is null && model.EventProbability(hi) < share; i++)
        {
            if (i > 50) throw Bad("the patients are too few to reach the events needed (drop-out limits the share with an event)", option, value);
            hi *= 2;
        }
        if (model.EventProbability(hi) <= share) return hi;
        return Brent.FindRoot(x => model.EventProbability(x) / share - 1, 0, hi, 1e-13, 500);
    }

    /// <summary>The event model of validated assumptions (for the simulation).</summary>
    internal static TrialEventModel Model(SurvivalDesignAssumptions assumptions) => Resolve(assumptions, forPower: true).Model;

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private sealed record ResolvedModel(TrialEventModel Model, double HazardRatio, double[] Lambda1, double[] Lambda2, bool Exponential,
        double? Subjects, string SubjectsOption, double FollowUp, double[] AccrualShares);

    private static ResolvedModel Resolve(SurvivalDesignAssumptions a, bool forPower)
    {
        Positive(a.ThetaH0, "thetaH0");
        Positive(a.AllocationRatio, "allocationRatioPlanned");
        Positive(a.EventTime, "eventTime");
        Positive(a.DropoutTime, "dropoutTime");
        if (!Enum.IsDefined(a.Formula)) throw new SurvivalInputException("unknown events formula", column: "typeOfComputation", value: a.Formula.ToString());
        if (!Enum.IsDefined(a.AccrualIntensityType)) throw new SurvivalInputException("unknown accrual intensity type", column: "accrualIntensityType", value: a.AccrualIntensityType.ToString());
        double dropout1 = DropoutHazard(a.DropoutRate1, a.DropoutTime, "dropoutRate1");
        double dropout2 = DropoutHazard(a.DropoutRate2, a.DropoutTime, "dropoutRate2");

        // The effect, one way only.
        double[] starts, lambda1, lambda2;
        double hr;
        bool exponential = true;
        if (a.PiecewiseLambda2 is not null || a.PiecewiseSurvivalTime is not null)
        {
            if (a.PiecewiseLambda2 is null || a.PiecewiseSurvivalTime is null)
                throw new SurvivalInputException("piecewise hazards need both the start times and the control hazards", column: a.PiecewiseLambda2 is null ? "lambda2" : "piecewiseSurvivalTime");
            if (a.HazardRatio is not double ratio) throw new SurvivalInputException("piecewise control hazards need a hazard ratio", column: "hazardRatio");
            if (a.Median1 is not null || a.Median2 is not null || a.Lambda1 is not null || a.Lambda2 is not null || a.Pi1 is not null || a.Pi2 is not null)
                throw new SurvivalInputException("give the effect one way: piecewise hazards with a hazard ratio, without medians, rates or probabilities", column: "lambda2");
            starts = a.PiecewiseSurvivalTime.ToArray();
            lambda2 = a.PiecewiseLambda2.ToArray();
            if (starts.Length != lambda2.Length) throw new SurvivalInputException($"{lambda2.Length} hazards for {starts.Length} pieces", column: "lambda2");
            if (starts.Length == 0 || starts[0] != 0) throw new SurvivalInputException("the first piece must start at 0", column: "piecewiseSurvivalTime");
            for (int i = 1; i < starts.Length; i++)
                if (!(starts[i] > starts[i - 1]) || !double.IsFinite(starts[i])) throw Bad("the piece start times must be increasing and finite", "piecewiseSurvivalTime", starts[i]);
            foreach (double l in lambda2) Positive(l, "lambda2");
            Positive(ratio, "hazardRatio");
            hr = ratio;
            lambda1 = lambda2.Select(l => l * hr).ToArray();
            exponential = starts.Length == 1;
        }
        else
        {
            double? Rate(double? median, double? lambda, double? pi, string arm)
            {
                int given = (median is null ? 0 : 1) + (lambda is null ? 0 : 1) + (pi is null ? 0 : 1);
                if (given > 1) throw new SurvivalInputException($"give arm {arm}'s median, hazard or event probability, not several", column: $"median{arm}");
                if (median is double md) return Math.Log(2) / Positive(md, $"median{arm}");
                if (lambda is double l) return Positive(l, $"lambda{arm}");
                if (pi is double p)
                {
                    if (!(p > 0 && p < 1)) throw Bad("an event probability must be in (0, 1)", $"pi{arm}", p);
                    return -Math.Log(1 - p) / a.EventTime;
                }
                return null;
            }
            double? rate1 = Rate(a.Median1, a.Lambda1, a.Pi1, "1"), rate2 = Rate(a.Median2, a.Lambda2, a.Pi2, "2");
            if (a.HazardRatio is double ratio)
            {
                Positive(ratio, "hazardRatio");
                if (rate1 is not null && rate2 is not null)
                    throw new SurvivalInputException("give the hazard ratio with one arm's median, hazard or probability, or both arms without it", column: "hazardRatio");
                if (rate1 is null && rate2 is null)
                    throw new SurvivalInputException("a hazard ratio needs the control arm's median, hazard or event probability", column: "median2");
                hr = ratio;
                lambda2 = [rate2 ?? rate1!.Value / ratio];
                lambda1 = [rate1 ?? rate2!.Value * ratio];
            }
            else
            {
                if (rate1 is null || rate2 is null)
                    throw new SurvivalInputException("give the effect: a hazard ratio with the control median, or both medians, hazards or event probabilities", column: "hazardRatio");
                lambda1 = [rate1.Value];
                lambda2 = [rate2.Value];
                hr = rate1.Value / rate2.Value;
            }
            starts = [0];
        }

        // Accrual.
        var times = a.AccrualTime?.ToList() ?? throw new SurvivalInputException("the accrual times are missing", column: "accrualTime");
        if (times.Count > 1 && times[0] == 0) times.RemoveAt(0);
        if (times.Count == 0) throw new SurvivalInputException("the accrual needs an end time", column: "accrualTime");
        for (int i = 0; i < times.Count; i++)
            if (!(times[i] > (i == 0 ? 0 : times[i - 1])) || !double.IsFinite(times[i]))
                throw Bad("the accrual times must be increasing, finite and > 0", "accrualTime", times[i]);
        var intensity = a.AccrualIntensity?.ToArray() ?? throw new SurvivalInputException("the accrual intensities are missing", column: "accrualIntensity");
        if (intensity.Length != times.Count)
            throw new SurvivalInputException($"{intensity.Length} accrual intensities for {times.Count} accrual periods", column: "accrualIntensity");
        foreach (double i in intensity)
            if (!(i >= 0) || !double.IsFinite(i)) throw Bad("an accrual intensity must be finite and ≥ 0", "accrualIntensity", i);
        if (intensity.All(i => i == 0)) throw new SurvivalInputException("at least one accrual intensity must be > 0", column: "accrualIntensity");
        bool absolute = a.AccrualIntensityType switch
        {
            AccrualIntensityType.Absolute => true,
            AccrualIntensityType.Relative => false,
            _ => intensity.Any(i => i >= 1),
        };
        var ends = times.ToArray();
        double totalWeight = 0;
        for (int j = 0; j < ends.Length; j++) totalWeight += intensity[j] * (ends[j] - (j == 0 ? 0 : ends[j - 1]));
        var shares = intensity.Select(i => i / totalWeight).ToArray(); // patients per time unit per patient
        var model = new TrialEventModel(starts, lambda2, lambda1, dropout1, dropout2, ends, intensity, a.AllocationRatio);

        double? subjects = null;
        string subjectsOption = "maxNumberOfSubjects";
        double followUp = double.NaN;
        if (absolute)
        {
            subjects = totalWeight;
            subjectsOption = "accrualIntensity";
            if (a.MaxNumberOfSubjects is double n && Math.Abs(n - totalWeight) > 1e-6 * totalWeight)
                throw Bad($"absolute accrual intensities give {Format(totalWeight)} patients", "maxNumberOfSubjects", n);
            if (!forPower && a.FollowUpTime is double f) throw Bad("with absolute accrual intensities the follow-up follows from the events; leave it out", "followUpTime", f);
        }
        else if (a.MaxNumberOfSubjects is double n)
        {
            subjects = Positive(n, "maxNumberOfSubjects");
            if (!forPower && a.FollowUpTime is double f) throw Bad("with a number of patients the follow-up follows from the events; leave it out", "followUpTime", f);
        }
        else
        {
            followUp = a.FollowUpTime ?? DefaultFollowUpTime;
            if (!(followUp >= 0) || !double.IsFinite(followUp)) throw Bad("the follow-up must be finite and ≥ 0", "followUpTime", followUp);
        }
        return new ResolvedModel(model, hr, lambda1, lambda2, exponential, subjects, subjectsOption, followUp, shares);
    }

    private static double DropoutHazard(double rate, double time, string option)
    {
        if (!(rate >= 0 && rate < 1)) throw Bad("a drop-out rate must be in [0, 1)", option, rate);
        return -Math.Log(1 - rate) / time;
    }

    private static double Positive(double value, string option)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw Bad("must be a finite number > 0", option, value);
        return value;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static SurvivalInputException Bad(string reason, string option, double value) => new(reason, column: option, value: Format(value));
}
