namespace Survival.Regression;

/// <summary>Predicted survival curves and the baseline cumulative hazard of a Cox fit (R's <c>survfit(fit, newdata =)</c>
/// and <c>basehaz</c>).</summary>
/// <remarks>
/// <para>With the fit's baseline hazard increments dΛ₀ (Breslow's, or Efron's when the fit used Efron's ties — R's
/// <c>ctype</c> default follows the ties) on covariates centred at <see cref="CoxResult.Means"/>, a profile z has risk
/// r = exp((z − x̄)ᵀβ̂), Λ(t | z) = r Λ₀(t), S = exp(−Λ) (R's default <c>stype = 2</c>) and
/// Var Λ(t | z) = r² [Σ dΛ₀-variance increments + d(t)ᵀ V d(t)], d(t) = Σ_{s ≤ t} (x̄(s) − z) dΛ₀(s), with V the
/// variance the fit reports (robust when it has one, as R). Limits are on the log scale. Therneau &amp; Grambsch (2000),
/// § 10.2; R survival <c>survfit.coxph</c>, <c>agsurv</c>.</para>
/// </remarks>
public static class CoxPrediction
{
    /// <summary>The predicted survival of a profile: one curve per stratum (or the stratum given).</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="profile">The covariate values.</param>
    /// <param name="times">Times at which to read the curve (may be empty).</param>
    /// <param name="stratum">For a stratified fit, one stratum; null for all.</param>
    public static IReadOnlyList<CoxPredictedCurve> Survival(CoxResult fit, CovariateProfile profile, IReadOnlyList<double>? times = null, string? stratum = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(profile);
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var z = profile.Columns(state.Terms, state.Names.Length);
        return Curves(fit, state, z, profile, times ?? [], stratum, withVariance: true);
    }

    /// <summary>The baseline cumulative hazard at the event times (R's <c>basehaz(fit, centered)</c>): at the covariate
    /// means when <paramref name="centered"/> (R's default), else at zero.</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="centered">At the means (true, R's default) or at zero.</param>
    /// <param name="times">Times at which to read it (may be empty).</param>
    public static IReadOnlyList<CoxPredictedCurve> BaselineHazard(CoxResult fit, bool centered = true, IReadOnlyList<double>? times = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var z = centered ? fit.Means.ToArray() : new double[state.Names.Length];
        var profile = CovariateProfile.Empty;
        foreach (var term in state.Terms.Where(t => !t.IsCategorical)) profile = profile.With(term.Name, z[term.FirstColumn]);
        return Curves(fit, state, z, profile, times ?? [], null, withVariance: true);
    }

    /// <summary>The baseline cumulative hazard at the covariate means, stratum by stratum, without its variance (for
    /// absolute risks built from several fits), and the last observed exit time of each stratum.</summary>
    internal static (IReadOnlyList<CoxPredictedCurve> Curves, double[] LastTime) BaselineSteps(CoxResult fit)
    {
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var sets = state.Sets;
        var last = new double[sets.StratumStart.Length - 1];
        for (int s = 0; s < last.Length; s++)
        {
            double m = double.NegativeInfinity;
            for (int i = sets.StratumStart[s]; i < sets.StratumStart[s + 1]; i++) m = Math.Max(m, sets.Stop[i]);
            last[s] = m;
        }
        return (Curves(fit, state, fit.Means.ToArray(), CovariateProfile.Empty, [], null, withVariance: false), last);
    }

    private static IReadOnlyList<CoxPredictedCurve> Curves(CoxResult fit, CoxModelState state, double[] z, CovariateProfile profile,
        IReadOnlyList<double> times, string? stratum, bool withVariance)
    {
        var sets = state.Sets;
        int q = state.Kept.Length;
        var eta = state.LinearPredictors();
        var table = state.EventTable(eta);
        var zc = new double[q];
        // The event table's x̄ terms are about the columns' centres (CoxRiskSets.Centres), so the profile is taken about
        // them there; the linear predictor is about the reported means, as the baseline hazard.
        var zCentred = new double[q];
        double lp = 0;
        for (int k = 0; k < q; k++)
        {
            int c = state.Kept[k];
            zc[k] = z[c] - sets.Means[c];
            zCentred[k] = z[c] - sets.Centres[c];
            lp += zc[k] * state.Beta[k];
        }
        double risk = Math.Exp(lp);
        // The variance the fit reports: robust when it has one (R's survfit.coxph uses fit$var).
        var v = new double[q, q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
                v[a, b] = fit.RobustCovarianceMatrix is { } r ? r[state.Kept[a], state.Kept[b]] : state.Variance[a, b];
        double zcrit = ConfidenceLevel.Z(fit.Options.ConfidenceLevel);
        int? only = null;
        if (stratum is not null)
        {
            if (fit.StrataLevels is null) throw new SurvivalInputException("the fit has no strata", column: "stratum", value: stratum);
            int s = -1;
            for (int i = 0; i < fit.StrataLevels.Count; i++) if (fit.StrataLevels[i] == stratum) s = i;
            if (s < 0) throw new SurvivalInputException($"is not a stratum ({string.Join(", ", fit.StrataLevels)})", column: "stratum", value: stratum);
            only = s;
        }
        var curves = new List<CoxPredictedCurve>();
        int strata = sets.StratumStart.Length - 1;
        for (int s = 0; s < strata; s++)
        {
            if (only is int o && o != s) continue;
            // This stratum's event times, ascending (the table runs backwards within a stratum).
            var steps = new List<CoxPredictedPoint>();
            for (int k = table.Count - 1; k >= 0; k--)
            {
                if (table.Stratum[k] != s) continue;
                double h0 = table.CumulativeHazard[k];
                double quad = 0;
                if (withVariance)
                {
                    var d = new double[q];
                    for (int a = 0; a < q; a++) d[a] = table.CumulativeHazardX[k * q + a] - zCentred[a] * h0;
                    for (int a = 0; a < q; a++)
                        for (int b = 0; b < q; b++) quad += d[a] * v[a, b] * d[b];
                }
                double cum = risk * h0;
                double seH = risk * Math.Sqrt(table.CumulativeVariance[k] + quad);
                double sv = Math.Exp(-cum);
                var limits = Estimation.ConfidenceLimits.For(sv, seH, zcrit, ConfidenceIntervalTransform.Log);
                steps.Add(new CoxPredictedPoint(table.Time[k], table.AtRiskWeight[k], cum, sv, sv * seH, limits.Lower, limits.Upper));
            }
            var at = new List<CoxPredictedPoint>();
            foreach (double t in times)
            {
                if (!double.IsFinite(t)) throw new SurvivalInputException("a time must be a finite number", column: "at", value: SurvivalData.Format(t));
                int last = -1;
                for (int k = 0; k < steps.Count && steps[k].Time <= t; k++) last = k;
                double atRisk = 0;
                for (int i = sets.StratumStart[s]; i < sets.StratumStart[s + 1]; i++)
                    if (sets.Stop[i] >= t && (sets.Entry is null || sets.Entry[i] < t)) atRisk += sets.WeightAt(i);
                at.Add(last < 0
                    ? new CoxPredictedPoint(t, atRisk, 0, 1, 0, 1, 1)
                    : steps[last] with { Time = t, AtRisk = atRisk });
            }
            curves.Add(new CoxPredictedCurve(profile, fit.StrataLevels?[s], ValueList<CoxPredictedPoint>.Of(steps), ValueList<CoxPredictedPoint>.Of(at)));
        }
        return ValueList<CoxPredictedCurve>.Of(curves);
    }
}
