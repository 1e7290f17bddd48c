using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace Survival.Design;

/// <summary>Group-sequential designs at parity with rpact's <c>getDesignGroupSequential</c> and
/// <c>getDesignCharacteristics</c>: efficacy boundaries, futility bounds, α spent and the operating characteristics on
/// the scale of information.</summary>
/// <remarks>
/// <para>The standardised statistics Z₁ … Z_K at information fractions t₁ &lt; … &lt; t_K = 1 are jointly normal with
/// cov(Z_j, Z_k) = √(t_j/t_k) and mean θ√t_k (the canonical joint distribution; Jennison &amp; Turnbull 2000, ch. 3).
/// The trial stops for efficacy at the first stage with Z_k ≥ c_k (two-sided: |Z_k| ≥ c_k) and, one-sided with futility
/// bounds, for futility at the first with Z_k ≤ a_k. Every probability comes from
/// <c>SequentialIntegration</c> (recursive integration, Armitage, McPherson &amp; Rowe 1969).</para>
/// <para><b>Boundaries.</b> Wang–Tsiatis (O'Brien–Fleming Δ = 0, Pocock Δ = ½): c_k = C t_k^(Δ−½) with C solving
/// Pr₀(reject) = α. Haybittle–Peto: c_k = 3 (or the bound given) before the last stage and c_K solving Pr₀(reject) = α.
/// α-spending (Lan &amp; DeMets 1983): c_k solves Pr₀(first rejection at a stage ≤ k) = α(t_k), stage by stage. Given
/// futility bounds are ignored in these sums unless they bind (rpact's <c>bindingFutility</c>).</para>
/// <para><b>β-spending</b> (one-sided, with α-spending; Pampallona, Tsiatis &amp; Kim 2001): for a drift θ the futility
/// bounds solve Pr_θ(first futility stop at a stage ≤ k) = β(t_k) stage by stage, and θ is found where the last
/// futility bound meets the last critical value, so that the power is exactly 1 − β. With binding futility the critical
/// values are recomputed with the futility bounds in every step.</para>
/// <para><b>Characteristics</b> (rpact's <c>getDesignCharacteristics</c>): the fixed design needs information
/// I_fix = (z_{α/s} + z_β)²; the drift θ = √I_max with power 1 − β (counting futility stops, binding or not) gives the
/// inflation factor I_max/I_fix; the rejection and futility probabilities per stage under θ; and the expected
/// information I_max − Σ_{k&lt;K} Pr(stop at k)(t_K − t_k)I_max over I_fix, under θ, θ/2 and 0.</para>
/// <para>References: Armitage P, McPherson CK, Rowe BC (1969) JRSS A 132:235–244; Jennison C, Turnbull BW (2000)
/// Group Sequential Methods with Applications to Clinical Trials, ch. 19; Lan KKG, DeMets DL (1983) Biometrika
/// 70:659–663; Pampallona S, Tsiatis AA, Kim K (2001) Biometrical J 43:193–207; Wassmer G, Brannath W (2016) Group
/// Sequential and Confirmatory Adaptive Designs in Clinical Trials; rpact 3.3.</para>
/// </remarks>
public static class GroupSequential
{
    /// <summary>rpact's "no futility bound" value on the z scale.</summary>
    public const double NoFutilityBound = -6;

    /// <summary>Computes a group-sequential design and its characteristics.</summary>
    /// <param name="options">The design; rpact's defaults when null (three stages, O'Brien–Fleming, one-sided α =
    /// 0.025, β = 0.2).</param>
    /// <exception cref="SurvivalInputException">An option is out of range or does not apply (the message names it), or
    /// the futility bounds leave no room for the efficacy bounds.</exception>
    public static GroupSequentialDesign Design(GroupSequentialOptions? options = null)
    {
        options ??= new GroupSequentialOptions();
        var (t, givenFutility) = Validate(options);
        int k = t.Length, sides = (int)options.Sides;
        double accuracy = options.Tolerance * 1e-4;
        bool binding = options.BindingFutility;
        double[] futility = givenFutility ?? Fill(k, double.NegativeInfinity);
        double[] critical;
        double[]? betaSpent = null;
        if (k == 1) critical = [UpperQuantile(options.Alpha / sides)];
        else
        {
            double[] alphaLower = binding ? futility : Fill(k, double.NegativeInfinity);
            critical = options.Boundary switch
            {
                GroupSequentialBoundary.OBrienFleming => WangTsiatis(t, 0, options.Alpha, sides, alphaLower, accuracy),
                GroupSequentialBoundary.Pocock => WangTsiatis(t, 0.5, options.Alpha, sides, alphaLower, accuracy),
                GroupSequentialBoundary.WangTsiatis => WangTsiatis(t, options.DeltaWangTsiatis!.Value, options.Alpha, sides, alphaLower, accuracy),
                GroupSequentialBoundary.HaybittlePeto => HaybittlePeto(t, options.HaybittlePetoBound ?? 3, options.Alpha, sides, alphaLower, accuracy),
                _ => Spending(t, options, alphaLower, accuracy),
            };
            if (options.BetaSpending != BetaSpendingFunction.None)
                (critical, futility, betaSpent) = BetaSpending(t, options, critical, accuracy);
        }
        if (givenFutility is not null)
            for (int j = 0; j < k - 1; j++)
                if (futility[j] > critical[j] - 0.01)
                    throw new SurvivalInputException($"the futility bound at stage {j + 1} must lie below the critical value {Format(critical[j])} (by 0.01, as rpact)",
                        column: "futilityBounds", value: Format(futility[j]));

        var (above0, below0) = Crossings(t, LowerForAlpha(options, critical, futility), critical, 0);
        var alphaSpent = new double[k];
        for (int j = 0; j < k; j++) alphaSpent[j] = (j == 0 ? 0 : alphaSpent[j - 1]) + above0[j] + (sides == 2 ? below0[j] : 0);
        var stageLevels = critical.Select(c => SequentialIntegration.UpperTail(c)).ToArray();

        double fixedInformation = FixedInformation(options, accuracy);
        var characteristics = Characteristics(t, options, critical, futility, fixedInformation, accuracy);
        var bounds = futility.Take(k - 1).ToArray();
        bool hasFutility = givenFutility is not null || options.BetaSpending != BetaSpendingFunction.None;
        return new GroupSequentialDesign(options, new ValueList<double>(t), new ValueList<double>(critical),
            new ValueList<double>(stageLevels), new ValueList<double>(alphaSpent),
            hasFutility ? new ValueList<double>(bounds.Select(b => double.IsNegativeInfinity(b) ? NoFutilityBound : b).ToArray()) : null,
            betaSpent is null ? null : new ValueList<double>(betaSpent),
            fixedInformation, characteristics.MaxInformation, new ValueList<double>(characteristics.Rejection),
            new ValueList<double>(characteristics.Futility), new ValueList<double>(characteristics.Power),
            characteristics.ExpectedH1, characteristics.ExpectedH01, characteristics.ExpectedH0);
    }

    /// <summary>The lower continuation bounds under H0 for the α sums: −c two-sided, binding futility bounds one-sided.</summary>
    private static double[] LowerForAlpha(GroupSequentialOptions options, double[] critical, double[] futility)
    {
        int k = critical.Length;
        if (options.Sides == TestSides.Two) return critical.Select(c => -c).ToArray();
        return options.BindingFutility ? futility : Fill(k, double.NegativeInfinity);
    }

    /// <summary>Pr(continue to k, Z_k ≥ upper_k) and Pr(continue to k, Z_k ≤ lower_k) per stage, with drift θ
    /// (Z_k ~ N(θ√t_k, 1)).</summary>
    internal static (double[] Above, double[] Below) Crossings(double[] t, double[] lower, double[] upper, double drift)
    {
        int k = t.Length;
        var above = new double[k];
        var below = new double[k];
        var integration = new SequentialIntegration(t);
        for (int j = 0; j < k; j++)
        {
            double shift = drift * Math.Sqrt(t[j]);
            double lo = lower[j] - shift, hi = upper[j] - shift;
            above[j] = integration.Above(hi);
            below[j] = integration.Below(lo);
            if (j < k - 1) integration.Advance(lo, hi);
        }
        return (above, below);
    }

    private static double[] WangTsiatis(double[] t, double delta, double alpha, int sides, double[] lower, double accuracy)
    {
        double[] Bounds(double scale) => t.Select(x => scale * Math.Pow(x, delta - 0.5)).ToArray();
        double Excess(double scale)
        {
            var c = Bounds(scale);
            var (above, below) = Crossings(t, sides == 2 ? c.Select(v => -v).ToArray() : lower, c, 0);
            return (above.Sum() + (sides == 2 ? below.Sum() : 0)) / alpha - 1;
        }
        return Bounds(Root(Excess, 0, SequentialIntegration.Infinity, accuracy, "criticalValues"));
    }

    private static double[] HaybittlePeto(double[] t, double interim, double alpha, int sides, double[] lower, double accuracy)
    {
        int k = t.Length;
        double[] Bounds(double last) => Enumerable.Repeat(interim, k - 1).Append(last).ToArray();
        double Excess(double last)
        {
            var c = Bounds(last);
            var (above, below) = Crossings(t, sides == 2 ? c.Select(v => -v).ToArray() : lower, c, 0);
            return (above.Sum() + (sides == 2 ? below.Sum() : 0)) / alpha - 1;
        }
        if (Excess(SequentialIntegration.Infinity) >= 0)
            throw new SurvivalInputException($"the interim bound {Format(interim)} already spends α = {Format(alpha)}", column: "constantBoundsHP", value: Format(interim));
        return Bounds(Root(Excess, 0, SequentialIntegration.Infinity, accuracy, "criticalValues"));
    }

    /// <summary>α-spending: c_k solves the cumulative α spent = α(t_k), one stage at a time; with binding futility the
    /// paths below the futility bounds are removed first.</summary>
    private static double[] Spending(double[] t, GroupSequentialOptions options, double[] lower, double accuracy)
    {
        int k = t.Length, sides = (int)options.Sides;
        var critical = new double[k];
        var integration = new SequentialIntegration(t);
        double spent = 0;
        for (int j = 0; j < k; j++)
        {
            double target = SpendingFunction.Alpha(options.Boundary, options.Alpha, t[j], sides, options.GammaAlpha ?? 0);
            critical[j] = SpendingBound(integration, target - spent, sides, accuracy);
            double lo = sides == 2 ? -critical[j] : lower[j];
            spent += integration.Above(critical[j]) + (sides == 2 ? integration.Below(-critical[j]) : 0);
            if (j < k - 1) integration.Advance(lo, critical[j]);
        }
        return critical;
    }

    /// <summary>The critical value at the integration's next stage that spends <paramref name="increment"/> (+∞ when
    /// nothing is to be spent).</summary>
    private static double SpendingBound(SequentialIntegration integration, double increment, int sides, double accuracy)
    {
        if (!(increment > 1e-15)) return double.PositiveInfinity;
        if (integration.NextStage == 1) return UpperQuantile(increment / sides);
        // Relative, so that a tail probability of 10⁻¹² is solved as accurately as one of 10⁻².
        double Spend(double c) => (integration.Above(c) + (sides == 2 ? integration.Below(-c) : 0)) / increment - 1;
        if (Spend(SequentialIntegration.Infinity) >= 0) return double.PositiveInfinity;
        // As rpact, the bound is sought in [0, ∞): when even 0 spends too little (only in a search over a drift that
        // stops nearly every path for futility), 0 is the bound.
        if (Spend(0) <= 0) return 0;
        return Root(Spend, 0, SequentialIntegration.Infinity, accuracy, "criticalValues");
    }

    /// <summary>β-spending (one-sided): the drift θ at which the last futility bound meets the last critical value.</summary>
    private static (double[] Critical, double[] Futility, double[] BetaSpent) BetaSpending(
        double[] t, GroupSequentialOptions options, double[] critical, double accuracy)
    {
        int k = t.Length;
        var beta = t.Select(x => SpendingFunction.Beta(options.BetaSpending, options.Beta, x, options.GammaBeta ?? 0)).ToArray();
        double[] c = (double[])critical.Clone(), a = new double[k];

        // For drift θ: futility bounds stage by stage (and, binding, the critical values with them). Returns the β not
        // yet spent before the last stage minus Pr_θ(continue to K, Z_K < c_K): zero where the last futility bound
        // meets the last critical value, and decreasing in θ.
        double Bounds(double theta)
        {
            var h1 = new SequentialIntegration(t);
            var h0 = options.BindingFutility ? new SequentialIntegration(t) : null;
            double spentBeta = 0, spentAlpha = 0;
            for (int j = 0; j < k; j++)
            {
                double shift = theta * Math.Sqrt(t[j]);
                if (h0 is not null)
                {
                    double target = SpendingFunction.Alpha(options.Boundary, options.Alpha, t[j], 1, options.GammaAlpha ?? 0);
                    c[j] = SpendingBound(h0, target - spentAlpha, 1, accuracy);
                    spentAlpha += h0.Above(c[j]);
                }
                double increment = beta[j] - spentBeta;
                double upper = Math.Min(c[j] - shift, SequentialIntegration.Infinity);
                if (j == k - 1)
                {
                    a[j] = c[j];
                    return (h1.Below(upper) - increment) / options.Beta;
                }
                if (!(increment > 1e-15)) a[j] = double.NegativeInfinity;
                else if (h1.Below(upper) <= increment) a[j] = c[j];
                else a[j] = shift + Root(x => h1.Below(x) / increment - 1, -SequentialIntegration.Infinity, upper, accuracy, "futilityBounds");
                spentBeta += h1.Below(a[j] - shift);
                h1.Advance(a[j] - shift, upper);
                h0?.Advance(a[j], c[j]);
            }
            throw new InvalidOperationException("unreachable");
        }
        double drift = Root(Bounds, -4, 10, accuracy, "typeBetaSpending");
        Bounds(drift);
        var (_, below) = Crossings(t, a, c, drift);
        var betaSpent = new double[k];
        for (int j = 0; j < k; j++) betaSpent[j] = (j == 0 ? 0 : betaSpent[j - 1]) + below[j];
        return (c, a, betaSpent);
    }

    private sealed record CharacteristicValues(double MaxInformation, double[] Rejection, double[] Futility, double[] Power,
        double ExpectedH1, double ExpectedH01, double ExpectedH0);

    private static CharacteristicValues Characteristics(double[] t, GroupSequentialOptions options, double[] critical,
        double[] futility, double fixedInformation, double accuracy)
    {
        int k = t.Length;
        bool two = options.Sides == TestSides.Two;
        double beta = options.Beta;
        if (k == 1) return new CharacteristicValues(fixedInformation, [1 - beta], [], [1 - beta], 1, 1, 1);
        double[] lower = two ? critical.Select(c => -c).ToArray() : futility.Take(k - 1).Append(double.NegativeInfinity).ToArray();
        double Power(double information)
        {
            var (above, below) = Crossings(t, lower, critical, Math.Sqrt(information));
            return above.Sum() + (two && options.TwoSidedPower ? below.Sum() : 0);
        }
        double zA = UpperQuantile(options.Alpha / (int)options.Sides), zB = UpperQuantile(beta);
        double max = Root(i => Power(i) - (1 - beta), 0, 4 * (zA + zB) * (zA + zB), accuracy, "beta");
        var (h1Above, h1Below) = Crossings(t, lower, critical, Math.Sqrt(max));
        var rejection = new double[k];
        var power = new double[k];
        for (int j = 0; j < k; j++)
        {
            rejection[j] = h1Above[j] + (two && options.TwoSidedPower ? h1Below[j] : 0);
            power[j] = (j == 0 ? 0 : power[j - 1]) + rejection[j];
        }
        var futilityProbabilities = new double[k - 1];
        if (!two)
            for (int j = 0; j < k - 1; j++) futilityProbabilities[j] = double.IsNegativeInfinity(futility[j]) ? 0 : h1Below[j];
        double Expected(double drift)
        {
            var (above, below) = Crossings(t, lower, critical, drift);
            double saved = 0;
            for (int j = 0; j < k - 1; j++) saved += (above[j] + below[j]) * (t[k - 1] - t[j]) * max;
            return (max - saved) / fixedInformation;
        }
        return new CharacteristicValues(max, rejection, futilityProbabilities, power,
            Expected(Math.Sqrt(max)), Expected(Math.Sqrt(max) / 2), Expected(0));
    }

    /// <summary>The information a fixed (one-stage) design needs: (z_{α/s} + z_β)², or with two-sided power the n solving
    /// Φ(√n − z_{α/2}) + Φ(−√n − z_{α/2}) = 1 − β (rpact <c>.getFixedSampleSize</c>).</summary>
    private static double FixedInformation(GroupSequentialOptions options, double accuracy)
    {
        int sides = (int)options.Sides;
        double zA = UpperQuantile(options.Alpha / sides), zB = UpperQuantile(options.Beta);
        if (!(options.Sides == TestSides.Two && options.TwoSidedPower)) return (zA + zB) * (zA + zB);
        return Root(n => SequentialIntegration.UpperTail(zA - Math.Sqrt(n)) + SequentialIntegration.UpperTail(zA + Math.Sqrt(n)) - (1 - options.Beta),
            0, 2 * (zA + zB) * (zA + zB), accuracy, "beta");
    }

    /// <summary>z with 1 − Φ(z) = p, accurate for tiny p (through the lower tail, not 1 − p).</summary>
    internal static double UpperQuantile(double p) => -Normal.InvCDF(0, 1, p);

    /// <summary>MathNet's Brent; every function solved here is scaled to be O(1) near its root (probabilities relative to
    /// their target), because Brent also stops when |f| falls below the accuracy.</summary>
    private static double Root(Func<double, double> f, double lower, double upper, double accuracy, string option)
    {
        if (Brent.TryFindRoot(f, lower, upper, accuracy, 200, out double root)) return root;
        throw new SurvivalInputException("no design meets these settings (the boundary search has no solution)", column: option);
    }

    private static double[] Fill(int n, double value) => Enumerable.Repeat(value, n).ToArray();

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static (double[] Times, double[]? Futility) Validate(GroupSequentialOptions o)
    {
        if (o.Stages < 1 || o.Stages > 20) throw Bad("the number of stages must be 1 to 20 (rpact kMax)", "kMax", o.Stages);
        if (!(o.Alpha >= 1e-6 && o.Alpha < 0.5)) throw Bad("α must be in [1e-6, 0.5), as rpact", "alpha", o.Alpha);
        if (!(o.Beta >= 1e-4 && o.Beta < 1 - o.Alpha)) throw Bad("β must be in [1e-4, 1 − α), as rpact", "beta", o.Beta);
        if (!Enum.IsDefined(o.Sides)) throw new SurvivalInputException("sided must be 1 or 2", column: "sided", value: o.Sides.ToString());
        if (!Enum.IsDefined(o.Boundary)) throw new SurvivalInputException("unknown type of design", column: "typeOfDesign", value: o.Boundary.ToString());
        if (!Enum.IsDefined(o.BetaSpending)) throw new SurvivalInputException("unknown β-spending function", column: "typeBetaSpending", value: o.BetaSpending.ToString());
        if (!(o.Tolerance > 0 && o.Tolerance <= 1e-3)) throw Bad("the tolerance must be in (0, 1e-3]", "tolerance", o.Tolerance);

        if (o.Boundary == GroupSequentialBoundary.WangTsiatis)
        {
            if (o.DeltaWangTsiatis is not double delta) throw new SurvivalInputException("the Wang–Tsiatis design needs Δ", column: "deltaWT");
            if (!(delta >= -0.5 && delta <= 1)) throw Bad("Δ must be in [−0.5, 1], as rpact", "deltaWT", delta);
        }
        else if (o.DeltaWangTsiatis is double d) throw Bad("Δ applies to the Wang–Tsiatis design only", "deltaWT", d);
        CheckGamma(o.GammaAlpha, o.Boundary == GroupSequentialBoundary.SpendingKimDeMets, o.Boundary == GroupSequentialBoundary.SpendingHwangShihDeCani, "gammaA", "α");
        CheckGamma(o.GammaBeta, o.BetaSpending == BetaSpendingFunction.KimDeMets, o.BetaSpending == BetaSpendingFunction.HwangShihDeCani, "gammaB", "β");
        if (o.HaybittlePetoBound is double hp)
        {
            if (o.Boundary != GroupSequentialBoundary.HaybittlePeto) throw Bad("the constant interim bound applies to the Haybittle–Peto design only", "constantBoundsHP", hp);
            if (!(hp >= 2) || !double.IsFinite(hp)) throw Bad("the Haybittle–Peto bound must be finite and ≥ 2, as rpact", "constantBoundsHP", hp);
        }

        int k = o.Stages;
        double[] t;
        if (o.InformationRates is null) t = Enumerable.Range(1, k).Select(j => (double)j / k).ToArray();
        else
        {
            t = o.InformationRates.ToArray();
            if (t.Length != k) throw new SurvivalInputException($"{t.Length} information rates for {k} stages", column: "informationRates");
            for (int j = 0; j < k; j++)
                if (!double.IsFinite(t[j]) || t[j] <= (j == 0 ? 0 : t[j - 1]))
                    throw Bad("the information rates must be strictly increasing: 0 < t₁ < … < t_K = 1", "informationRates", t[j]);
            if (Math.Abs(t[k - 1] - 1) > 1e-12) throw Bad("the last information rate must be 1", "informationRates", t[k - 1]);
            t[k - 1] = 1;
        }

        double[]? futility = null;
        if (o.FutilityBounds is not null)
        {
            if (o.Sides == TestSides.Two) throw new SurvivalInputException("futility bounds apply to one-sided designs (rpact ignores them two-sided)", column: "futilityBounds");
            if (o.BetaSpending != BetaSpendingFunction.None) throw new SurvivalInputException("give futility bounds or β-spending, not both", column: "futilityBounds");
            if (k == 1) throw new SurvivalInputException("a one-stage design has no interim analysis for a futility bound", column: "futilityBounds");
            if (o.FutilityBounds.Count != k - 1) throw new SurvivalInputException($"{o.FutilityBounds.Count} futility bounds for {k - 1} interim analyses", column: "futilityBounds");
            futility = new double[k];
            for (int j = 0; j < k - 1; j++)
            {
                double f = o.FutilityBounds[j];
                if (!double.IsFinite(f) || f < NoFutilityBound) throw Bad("a futility bound must be finite and ≥ −6 (−6: none at that stage)", "futilityBounds", f);
                futility[j] = f <= NoFutilityBound ? double.NegativeInfinity : f;
            }
            futility[k - 1] = double.NegativeInfinity;
        }
        if (o.BetaSpending != BetaSpendingFunction.None)
        {
            if (o.Boundary < GroupSequentialBoundary.SpendingOBrienFleming)
                throw new SurvivalInputException("β-spending needs an α-spending design (asOF, asP, asKD, asHSD), as rpact", column: "typeBetaSpending");
            if (o.Sides == TestSides.Two)
                throw new SurvivalInputException("two-sided β-spending is not offered (rpact marks it experimental)", column: "typeBetaSpending");
            if (k == 1) throw new SurvivalInputException("a one-stage design has no interim analysis for β-spending", column: "typeBetaSpending");
        }
        if (o.BindingFutility && futility is null && o.BetaSpending == BetaSpendingFunction.None)
            throw new SurvivalInputException("binding futility needs futility bounds or β-spending", column: "bindingFutility");
        if (o.TwoSidedPower && o.Sides != TestSides.Two) throw new SurvivalInputException("two-sided power applies to two-sided designs", column: "twoSidedPower");
        return (t, futility);
    }

    private static void CheckGamma(double? gamma, bool kimDeMets, bool hwangShihDeCani, string option, string error)
    {
        if (!kimDeMets && !hwangShihDeCani)
        {
            if (gamma is double g) throw Bad($"γ applies to the Kim–DeMets and Hwang–Shih–DeCani {error}-spending functions only", option, g);
            return;
        }
        if (gamma is not double value) throw new SurvivalInputException($"the {(kimDeMets ? "Kim–DeMets" : "Hwang–Shih–DeCani")} {error}-spending function needs γ", column: option);
        if (kimDeMets && !(value >= 0.4 && value <= 8)) throw Bad("γ of Kim–DeMets must be in [0.4, 8], as rpact", option, value);
        if (hwangShihDeCani && !(value >= -10 && value <= 5)) throw Bad("γ of Hwang–Shih–DeCani must be in [−10, 5], as rpact", option, value);
    }

    private static SurvivalInputException Bad(string reason, string option, double value)
        => new(reason, column: option, value: Format(value));
}
