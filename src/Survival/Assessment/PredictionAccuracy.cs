using Survival.CompetingRisks;

namespace Survival.Assessment;

/// <summary>Time-dependent AUC and Brier score of predicted risks, with inverse-probability-of-censoring weights from
/// the censoring Kaplan–Meier, standard errors from the influence function (censoring model included), the null
/// model's Brier score and the integrated Brier score: riskRegression's <c>Score(..., metrics = c("auc", "brier"),
/// summary = "ibs", null.model = TRUE, cens.model = "km", se.fit = TRUE, conservative = FALSE)</c>.</summary>
/// <remarks>
/// <para>At τ a row is a case when its event (of the cause) is by τ, a control when it is event-free at τ or had a
/// competing event by τ, and otherwise (censored by τ) it counts for neither; cases and competing-event controls weigh
/// 1/G(Tᵢ−), controls event-free at τ 1/G(τ) (<see cref="CensoringInfluence"/>). With risks pᵢ:
/// Brier(τ) = (1/n) Σ wᵢ (1{case} − pᵢ)² over cases and controls;
/// AUC(τ) = Σ_{case i} Σ_{control j} wᵢwⱼ (1{pᵢ &gt; pⱼ} + ½·1{pᵢ = pⱼ}) / (Σ_case wᵢ · Σ_control wⱼ).</para>
/// <para>Standard errors are sd(IFᵢ)/√n (sd with n − 1) of the influence function, which includes the term from
/// estimating G; limits are estimate ± z·se clipped to [0, 1]. The null model predicts everyone the Kaplan–Meier risk
/// 1 − S(τ) (the Aalen–Johansen cumulative incidence of the cause) of the assessed data. The integrated Brier score to
/// the i-th time is (1/tᵢ) Σ_{k &lt; i} Brier(t_k)(t_{k+1} − t_k) with t₀ = 0 and Brier(t₀) = 0 (Score's <c>IBS</c>); its
/// standard error comes from the same combination of the influence functions (Score reports none).</para>
/// <para>References: Gerds &amp; Schumacher (2006), Biom J 48:1029; Blanche, Dartigues &amp; Jacqmin-Gadda (2013),
/// Stat Med 32:5381; Gerds &amp; Kattan (2021), "Medical Risk Prediction Models", ch. 5–6; riskRegression 2022.11.28
/// <c>Score</c>.</para>
/// </remarks>
public static class PredictionAccuracy
{
    /// <summary>AUC and Brier score of predicted event risks on right-censored data.</summary>
    /// <param name="data">The assessed rows: right-censored, unweighted, no delayed entry.</param>
    /// <param name="risks">Each row's predicted risk 1 − S(t | x) at each time.</param>
    /// <param name="options">Options; null for Score's defaults.</param>
    /// <exception cref="SurvivalInputException">The data have weights, delayed entry or intervals, or the predictions
    /// have another number of rows.</exception>
    public static PredictionAccuracyResult Evaluate(SurvivalData data, PredictedRisks risks, PredictionAccuracyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data, risks);
        var status = new int[data.Count];
        var ev = data.Event;
        for (int i = 0; i < status.Length; i++) status[i] = ev[i] ? 1 : 0;
        return Evaluate(data.Time.ToArray(), status, 1, risks, options ?? PredictionAccuracyOptions.Default, null);
    }

    /// <summary>AUC and Brier score of a cause's predicted absolute risk (cumulative incidence) under competing risks.</summary>
    /// <param name="data">The assessed rows.</param>
    /// <param name="cause">The cause whose risk was predicted.</param>
    /// <param name="risks">Each row's predicted cumulative incidence of <paramref name="cause"/> at each time.</param>
    /// <param name="options">Options; null for Score's defaults.</param>
    /// <exception cref="SurvivalInputException">As the other overload, or the cause is not one of the data's.</exception>
    public static PredictionAccuracyResult Evaluate(CompetingRisksData data, string cause, PredictedRisks risks, PredictionAccuracyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data.Rows, risks);
        int code = data.CodeOf(cause);
        return Evaluate(data.Rows.Time.ToArray(), data.Cause.ToArray(), code, risks, options ?? PredictionAccuracyOptions.Default, cause);
    }

    /// <summary>AUC and Brier score of a model's predictions on an application's objects (riskRegression
    /// <c>Score(list(fit), Surv(time, status) ~ 1, data = rows, times = times)</c>): the outcome and the model's
    /// covariates are read from the same row in one pass, and a row missing any of them is left out as R's
    /// <c>na.omit</c> (reported in <see cref="PredictionAccuracyResult.Omitted"/>) or is an error under
    /// <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The assessed rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="model">The model and its covariates (<see cref="RiskModel.Cox{T}"/>, <see cref="RiskModel.Parametric{T}"/>).</param>
    /// <param name="times">Increasing evaluation times.</param>
    /// <param name="options">Options; null for Score's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="Evaluate(SurvivalData, PredictedRisks, PredictionAccuracyOptions?)"/>,
    /// the row named by its 1-based position among all the rows; or a level the model was not fitted with.</exception>
    /// <example><code>
    /// var age = Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age);
    /// var fit = CoxRegression.Fit(training, p =&gt; p.Months, p =&gt; p.Died, [age]);
    /// var score = PredictionAccuracy.Evaluate(validation, p =&gt; p.Months, p =&gt; p.Died, RiskModel.Cox(fit, [age]), times: [12, 24]);
    /// </code></example>
    public static PredictionAccuracyResult Evaluate<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, RiskModel<T> model,
        IReadOnlyList<double> times, PredictionAccuracyOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OnSurvival(rows, time, eventOccurred, null, times, missing, (data, risks, omitted) => Evaluate(data, risks, options) with { Omitted = omitted });
    }

    /// <summary>AUC and Brier score of a model's predicted absolute risk of a cause on an application's objects under
    /// competing risks (riskRegression <c>Score(list(fit), Hist(time, status) ~ 1, data = rows, cause = cause)</c>).</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The assessed rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="status">The row's outcome label: <paramref name="censored"/> or a cause.</param>
    /// <param name="cause">The cause whose risk the model predicts.</param>
    /// <param name="model">The model and its covariates (<see cref="RiskModel.FineGray{T}"/>).</param>
    /// <param name="times">Increasing evaluation times.</param>
    /// <param name="censored">The label of a censored row (default "0", as R's status codes).</param>
    /// <param name="options">Options; null for Score's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As the other overloads, or the cause is not one of the data's.</exception>
    public static PredictionAccuracyResult Evaluate<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, string cause, RiskModel<T> model,
        IReadOnlyList<double> times, string censored = "0", PredictionAccuracyOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OnCompetingRisks(rows, time, status, censored, times, missing,
            (data, risks, omitted) => Evaluate(data, cause, risks, options) with { Omitted = omitted });
    }

    private static void Check(SurvivalData data, PredictedRisks risks)
    {
        ArgumentNullException.ThrowIfNull(risks);
        if (data.IsIntervalCensored) throw new SurvivalInputException("AUC and Brier scores need right-censored data");
        if (data.HasEntry) throw new SurvivalInputException("AUC and Brier scores with delayed entry are not supported (riskRegression's Score neither)");
        if (data.HasWeights) throw new SurvivalInputException("AUC and Brier scores take no case weights (riskRegression's Score neither)");
        if (risks.Rows != data.Count) throw new SurvivalInputException($"the predictions have {risks.Rows} rows but the data {data.Count}", column: "risk");
    }

    private static PredictionAccuracyResult Evaluate(double[] time, int[] status, int cause, PredictedRisks risks, PredictionAccuracyOptions options, string? causeLabel)
    {
        Survival.ConfidenceLevel.Check(options.ConfidenceLevel, nameof(options.ConfidenceLevel));
        double z = Survival.ConfidenceLevel.Z(options.ConfidenceLevel);
        int n = time.Length;
        var censored = status.Select(s => s == 0).ToArray();
        var cens = new CensoringInfluence(time, censored);
        var nullRisks = NullRisks(cens, status, cause, risks.Times);
        int times = risks.Times.Count;
        var auc = new TimedEstimate[times];
        var brier = new TimedEstimate[times];
        var nullBrier = new TimedEstimate[times];
        var brierIf = new double[times][];
        var nullIf = new double[times][];
        var roc = options.Roc ? new RocCurve[times] : null;
        // The times are independent: one a core (their influence functions are kept for the integrated score).
        Parallel.For(0, times, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(Environment.ProcessorCount, 8)) }, k =>
        {
            double tau = risks.Times[k];
            int upTo = cens.CountUpTo(tau);
            double gTau = cens.SurvivalAt(upTo);
            // Row roles and weights at τ: +1 case, -1 control, 0 neither.
            var role = new sbyte[n];
            var w = new double[n];
            var included = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (time[i] > tau) { role[i] = -1; w[i] = 1 / gTau; included[i] = upTo; }
                else if (status[i] != 0)
                {
                    role[i] = (sbyte)(status[i] == cause ? 1 : -1);
                    included[i] = cens.IndexOf(i);
                    w[i] = 1 / cens.SurvivalBefore(included[i]);
                }
            }
            var p = risks.At(k);
            var (b, bif) = Brier(p, role, w, included, cens, null);
            brier[k] = Limited(tau, b, bif, z);
            brierIf[k] = bif;
            var (nb, nbif) = Brier(p, role, w, included, cens, nullRisks[k]);
            nullBrier[k] = Limited(tau, nb, nbif, z);
            nullIf[k] = nbif;
            auc[k] = Auc(tau, p, role, w, included, cens, z);
            if (roc is not null) roc[k] = Roc(tau, p, role, w);
        });
        return new PredictionAccuracyResult(ValueList<TimedEstimate>.Of(auc), ValueList<TimedEstimate>.Of(brier), ValueList<TimedEstimate>.Of(nullBrier),
            Integrated(risks.Times, brier, brierIf, z), Integrated(risks.Times, nullBrier, nullIf, z), causeLabel, n, options)
        {
            Roc = ValueList<RocCurve>.Of(roc ?? []),
        };
    }

    /// <summary>The Brier score of the risks <paramref name="p"/>, or of everyone predicted <paramref name="constant"/>.</summary>
    private static (double Estimate, double[] Influence) Brier(ReadOnlySpan<double> p, sbyte[] role, double[] w, int[] included, CensoringInfluence cens, double? constant)
    {
        int n = p.Length;
        var r = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (role[i] == 0) continue;
            double pi = constant ?? p[i];
            double e = role[i] == 1 ? 1 - pi : pi;
            r[i] = e * e * w[i];
            sum += r[i];
        }
        double brier = sum / n;
        var term = cens.Terms([r], included)[0];
        var influence = new double[n];
        for (int i = 0; i < n; i++) influence[i] = r[i] - brier + term[i];
        return (brier, influence);
    }

    private static TimedEstimate Auc(double tau, ReadOnlySpan<double> p, sbyte[] role, double[] w, int[] included, CensoringInfluence cens, double z)
    {
        int n = p.Length;
        var a = new double[n];
        var b = new double[n];
        double sumA = 0, sumB = 0;
        for (int i = 0; i < n; i++)
        {
            if (role[i] == 1) { a[i] = w[i]; sumA += w[i]; }
            else if (role[i] == -1) { b[i] = w[i]; sumB += w[i]; }
        }
        if (sumA == 0 || sumB == 0) return new TimedEstimate(tau, double.NaN, double.NaN, double.NaN, double.NaN);
        // Sc[i] = Σ_controls b_j h(p_i, p_j); St[j] = Σ_cases a_i h(p_i, p_j): one pass over the rows sorted by risk.
        var keys = new ulong[n];
        var order = new int[n];
        for (int i = 0; i < n; i++) { keys[i] = RadixSort.Key(p[i]); order[i] = i; }
        RadixSort.Sort(keys, order, null, 0, n, new ulong[n], new int[n], null);
        var sc = new double[n];
        var st = new double[n];
        double belowB = 0, belowA = 0;
        for (int s = 0; s < n;)
        {
            int e = s;
            double tieA = 0, tieB = 0;
            while (e < n && p[order[e]] == p[order[s]]) { tieA += a[order[e]]; tieB += b[order[e]]; e++; }
            for (int k = s; k < e; k++)
            {
                int i = order[k];
                sc[i] = belowB + tieB / 2;
                st[i] = sumA - belowA - tieA + tieA / 2;
            }
            belowA += tieA;
            belowB += tieB;
            s = e;
        }
        double nu = 0;
        for (int i = 0; i < n; i++) nu += a[i] * sc[i];
        nu /= (double)n * n;
        double mu = sumA * sumB / ((double)n * n);
        double auc = nu / mu;
        var asc = new double[n];
        var bst = new double[n];
        for (int i = 0; i < n; i++) { asc[i] = a[i] * sc[i]; bst[i] = b[i] * st[i]; }
        var terms = cens.Terms([asc, bst, a, b], included);
        var (cAsc, cBst, cA, cB) = (terms[0], terms[1], terms[2], terms[3]);
        var influence = new double[n];
        for (int k = 0; k < n; k++)
        {
            double ifNu = (asc[k] + bst[k]) / n + (cAsc[k] + cBst[k]) / n;
            double ifMu = (a[k] * sumB + b[k] * sumA) / n + (cA[k] * sumB + cB[k] * sumA) / n;
            influence[k] = (ifNu * mu - ifMu * nu) / (mu * mu);
        }
        return Limited(tau, auc, influence, z);
    }

    /// <summary>The ROC curve at τ: down the distinct risks, the cumulative weighted shares of cases and controls at or
    /// above each (riskRegression's cumulative sums over rows sorted by risk, read at the last row of each tie).</summary>
    private static RocCurve Roc(double tau, ReadOnlySpan<double> p, sbyte[] role, double[] w)
    {
        int n = p.Length;
        double sumA = 0, sumB = 0;
        for (int i = 0; i < n; i++)
        {
            if (role[i] == 1) sumA += w[i];
            else if (role[i] == -1) sumB += w[i];
        }
        var keys = new ulong[n];
        var order = new int[n];
        for (int i = 0; i < n; i++) { keys[i] = ~RadixSort.Key(p[i]); order[i] = i; }
        RadixSort.Sort(keys, order, null, 0, n, new ulong[n], new int[n], null);
        var points = new List<RocPoint>();
        double a = 0, b = 0;
        for (int s = 0; s < n;)
        {
            double c = p[order[s]];
            for (; s < n && p[order[s]] == c; s++)
            {
                int i = order[s];
                if (role[i] == 1) a += w[i];
                else if (role[i] == -1) b += w[i];
            }
            points.Add(new RocPoint(c, a / sumA, b / sumB));
        }
        return new RocCurve(tau, ValueList<RocPoint>.Of(points));
    }

    private static TimedEstimate Limited(double tau, double estimate, double[] influence, double z)
    {
        double se = StdDev(influence) / Math.Sqrt(influence.Length);
        return new TimedEstimate(tau, estimate, se, Math.Max(0, estimate - z * se), Math.Min(1, estimate + z * se));
    }

    private static double StdDev(double[] x)
    {
        double mean = x.Average(), ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (x.Length - 1));
    }

    /// <summary>Score's IBS at each time: (1/tᵢ)Σ_{k&lt;i} B_k Δ_k with B at the left end of each step from 0.</summary>
    private static IReadOnlyList<TimedEstimate> Integrated(IReadOnlyList<double> times, TimedEstimate[] brier, double[][] influence, double z)
    {
        var result = new List<TimedEstimate>();
        int n = influence[0].Length;
        // Running sums of B_k·Δ_k and of IF_k·Δ_k over the steps before time i.
        double area = 0;
        var areaIf = new double[n];
        var scaled = new double[n];
        for (int i = 0; i < times.Count; i++)
        {
            double t = times[i];
            if (i > 0)
            {
                double delta = times[i] - times[i - 1];
                area += brier[i - 1].Estimate * delta;
                var f = influence[i - 1];
                for (int r = 0; r < n; r++) areaIf[r] += f[r] * delta;
            }
            if (t <= 0) { result.Add(new TimedEstimate(t, 0, 0, 0, 0)); continue; }
            for (int r = 0; r < n; r++) scaled[r] = areaIf[r] / t;
            result.Add(Limited(t, area / t, scaled, z));
        }
        return ValueList<TimedEstimate>.Of(result);
    }

    /// <summary>The null model's risk at each τ: 1 − Kaplan–Meier, or the Aalen–Johansen cumulative incidence of the
    /// cause, from the counts at the distinct times (one pass).</summary>
    private static double[] NullRisks(CensoringInfluence cens, int[] status, int cause, IReadOnlyList<double> taus)
    {
        var unique = cens.UniqueTimes;
        int u = unique.Length;
        var all = new double[u];
        var any = new double[u];
        var ofCause = new double[u];
        for (int i = 0; i < status.Length; i++)
        {
            int m = cens.IndexOf(i);
            all[m]++;
            if (status[i] != 0) any[m]++;
            if (status[i] == cause) ofCause[m]++;
        }
        var result = new double[taus.Count];
        double s = 1, cif = 0, y = status.Length;
        int k = 0;
        for (int m = 0; m <= u; m++)
        {
            while (k < taus.Count && (m == u || unique[m] > taus[k])) result[k++] = cif;
            if (m == u) break;
            cif += s * ofCause[m] / y;
            s *= 1 - any[m] / y;
            y -= all[m];
        }
        return result;
    }
}
