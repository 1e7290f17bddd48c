using Survival.Regression;

namespace Survival.Assessment;

/// <summary>The concordance of a score with survival, as R <c>survival::concordance</c>: Harrell's C and its time-weighted
/// variants (Uno's C among them), with the infinitesimal-jackknife variance, by strata, with case weights and clusters.</summary>
/// <remarks>
/// <para>A pair (i, j) is comparable when i has an event at tᵢ and j is still at risk after tᵢ (tⱼ &gt; tᵢ, or tⱼ = tᵢ
/// with j censored), in the same stratum — with delayed entry, when j's interval (entryⱼ, tⱼ] holds tᵢ; it weighs
/// wᵢ·wⱼ·ω(tᵢ) with ω from <see cref="ConcordanceOptions.TimeWeight"/> (0 past <see cref="ConcordanceOptions.Horizon"/>). It is concordant when the score orders the two as their times do
/// (<see cref="ConcordanceOptions.Direction"/>), discordant when it orders them the other way, tied.x when the scores are
/// equal. C = (concordant + tied.x/2)/(concordant + discordant + tied.x) = (d + 1)/2 with Somers' d.</para>
/// <para>Each row's influence on the three counts (as the event and as the one still at risk) gives
/// dfbetaᵢ = wᵢ[(Iᶜᵢ − Iᵈᵢ) − d(Iᶜᵢ + Iᵈᵢ + Iᵗᵢ)]/(2·npair) and Var C = Σ dfbetaᵢ² (summed within each cluster, the
/// data's <see cref="SurvivalData.Id"/>, first): R's <c>var</c>. The walk runs down time with two Fenwick trees of
/// weights over the score's ranks (all rows seen, and the events weighted by ω): O(n log n), no pair loops. With delayed
/// entry a row leaves the trees before the first event time at or before its entry (R's <c>concordance4</c>), and the
/// time weights are those R defines for (start, stop] data: <see cref="ConcordanceTimeWeight.N"/>,
/// <see cref="ConcordanceTimeWeight.S"/> and <see cref="ConcordanceTimeWeight.I"/>, from the risk sets
/// entry &lt; t ≤ exit.</para>
/// <para>Reference: R survival 3.5 <c>concordancefit</c>, <c>concordance3.c</c> (<c>concordance3</c>, <c>concordance4</c>)
/// and <c>fastkm.c</c>; Therneau &amp; Atkinson, "The
/// concordance statistic" (package vignette); Harrell et al. (1982), JAMA 247:2543; Uno et al. (2011), Stat Med
/// 30:1105.</para>
/// </remarks>
public static class Concordance
{
    /// <summary>The concordance of a score read from an application's objects with their survival (R
    /// <c>concordance(Surv(time, status) ~ score + strata(s) + cluster(id), weights = w)</c>), in one pass: a row with a
    /// missing value (<see cref="double.NaN"/>, null) is left out as R's <c>na.omit</c> and reported in
    /// <see cref="ConcordanceResult.Omitted"/>, or is an error under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="score">The row's score (its direction is <see cref="ConcordanceOptions.Direction"/>).</param>
    /// <param name="strata">Optional stratum: pairs are compared within strata only.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="cluster">Optional cluster (subject) label: the variance sums each cluster's influence first.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="Compute(SurvivalData, ReadOnlySpan{double}, ConcordanceOptions?)"/>,
    /// the row named by its 1-based position among all the rows.</exception>
    /// <example><code>
    /// var c = Concordance.Compute(patients, p =&gt; p.Months, p =&gt; p.Died, p =&gt; p.RiskScore,
    ///     options: new ConcordanceOptions { Direction = ConcordanceDirection.LargerScoreHigherRisk });
    /// </code></example>
    public static ConcordanceResult Compute<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, Func<T, double> score,
        Func<T, string?>? strata = null, Func<T, double>? weight = null, Func<T, string?>? cluster = null, ConcordanceOptions? options = null,
        MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        ArgumentNullException.ThrowIfNull(score);
        var checks = ObjectRows<T>.SurvivalChecks(time, weight, strata, cluster);
        checks.Add(("score", null, r => double.IsNaN(score(r))));
        var collected = ObjectRows<T>.Collect(rows, checks, covariates: null, missing);
        var data = collected.Survival(time, eventOccurred, weight, strata, cluster);
        var x = collected.Kept.Select(score).ToArray();
        try { return Compute(data, x, options) with { Omitted = collected.Omitted }; }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    /// <summary>The concordance of a fitted model's linear predictor on an application's objects (R
    /// <c>concordance(fit, newdata = rows)</c>): the covariates are read by the model's selectors, the direction is the
    /// model's (<see cref="RiskModel{T}.Direction"/>: higher risk for Cox and Fine–Gray, as R's <c>reverse = TRUE</c>;
    /// longer survival for an accelerated-failure-time model), and a stratified Cox model compares pairs within its strata.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="model">The model and its covariates (<see cref="RiskModel.Cox{T}"/>, <see cref="RiskModel.Parametric{T}"/>,
    /// <see cref="RiskModel.FineGray{T}"/>).</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="cluster">Optional cluster (subject) label.</param>
    /// <param name="options">Options (their <see cref="ConcordanceOptions.Direction"/> is replaced by the model's); null for R's defaults.</param>
    /// <param name="missing">What a missing value, in the outcome or a covariate, does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As the other overload; or a level the model was not fitted with; or the
    /// model has no linear predictor.</exception>
    public static ConcordanceResult Compute<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, RiskModel<T> model,
        Func<T, double>? weight = null, Func<T, string?>? cluster = null, ConcordanceOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(eventOccurred);
        ArgumentNullException.ThrowIfNull(model);
        var collected = ObjectRows<T>.Collect(rows, ObjectRows<T>.SurvivalChecks(time, weight, model.Strata, cluster), model.Covariates, missing);
        var data = collected.Survival(time, eventOccurred, weight, model.Strata, cluster);
        try
        {
            var score = model.LinearPredictorsKept(collected);
            return Compute(data, score, (options ?? ConcordanceOptions.Default) with { Direction = model.Direction }) with { Omitted = collected.Omitted };
        }
        catch (SurvivalInputException ex) { throw collected.AtPosition(ex); }
    }

    /// <summary>The concordance of a Cox model with the rows it was fitted on (R <c>concordance(fit)</c>): its linear
    /// predictor, larger meaning higher risk (R's <c>reverse = TRUE</c>), within the fit's strata, with its case weights,
    /// delayed entry and the data's ids as clusters; the full result (variance, counts, every time weight) where
    /// <see cref="CoxResult.Concordance"/> is the estimate alone.</summary>
    /// <param name="fit">A fit from <see cref="CoxRegression"/>.</param>
    /// <param name="options">Options (their <see cref="ConcordanceOptions.Direction"/> is replaced by the model's); null for
    /// R's defaults.</param>
    /// <exception cref="SurvivalInputException">As <see cref="Compute(SurvivalData, ReadOnlySpan{double}, ConcordanceOptions?)"/>.</exception>
    /// <exception cref="InvalidOperationException">The result was not made by <see cref="CoxRegression"/>.</exception>
    public static ConcordanceResult Compute(CoxResult fit, ConcordanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var state = fit.State ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var data = state.Data ?? throw new InvalidOperationException("this result does not carry its data (it was not made by CoxRegression.Fit)");
        var eta = state.LinearPredictors();
        var order = state.Sets.Order;
        var lp = new double[data.Count];
        for (int k = 0; k < eta.Length; k++) lp[order[k]] = eta[k];
        return Compute(data, lp, (options ?? ConcordanceOptions.Default) with { Direction = ConcordanceDirection.LargerScoreHigherRisk });
    }

    /// <summary>The concordance of <paramref name="score"/> with the survival in <paramref name="data"/>.</summary>
    /// <param name="data">Right-censored rows, with optional delayed entry (start, stop], weights, strata and ids (clusters).</param>
    /// <param name="score">One value per row: a risk score, a linear predictor, a predicted time.</param>
    /// <param name="options">Options; null for R's defaults.</param>
    /// <exception cref="SurvivalInputException">The data are interval-censored; they have delayed entry and the time weight
    /// is <see cref="ConcordanceTimeWeight.SOverG"/> or <see cref="ConcordanceTimeWeight.NOverG2"/> (R refuses these for
    /// (time1, time2) data); an interval collapses under the near-tie rule; the score has the wrong length or a value that
    /// is not finite; or an option is invalid.</exception>
    public static ConcordanceResult Compute(SurvivalData data, ReadOnlySpan<double> score, ConcordanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= ConcordanceOptions.Default;
        Survival.ConfidenceLevel.Check(options.ConfidenceLevel, nameof(options.ConfidenceLevel));
        if (data.IsIntervalCensored) throw new SurvivalInputException("concordance needs right-censored data (R: \"left or interval censored data is not supported\")");
        if (data.HasEntry && options.TimeWeight is ConcordanceTimeWeight.SOverG or ConcordanceTimeWeight.NOverG2)
            throw new SurvivalInputException($"the time weight {options.TimeWeight} needs the censoring distribution, which is not defined with delayed entry (R: \"{(options.TimeWeight == ConcordanceTimeWeight.SOverG ? "S/G" : "n/G2")} timewt option not supported for (time1, time2) data\"); use N, S or I",
                column: "timewt", value: options.TimeWeight.ToString());
        int n = data.Count;
        if (score.Length != n) throw new SurvivalInputException($"the score has {score.Length} values but the data have {n} rows", column: "score");
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(score[i])) throw new SurvivalInputException("a score must be a finite number", column: "score", value: SurvivalData.Format(score[i]), row: i + 1);
        if (options.Horizon is double h && !double.IsFinite(h)) throw new SurvivalInputException("the horizon (ymax) must be a finite number", column: "horizon", value: SurvivalData.Format(h));
        if (options.Ymin is double y0 && !double.IsFinite(y0)) throw new SurvivalInputException("ymin must be a finite number", column: "ymin", value: SurvivalData.Format(y0));

        var time = data.Time.ToArray();
        var entry = data.HasEntry ? data.Entry.ToArray() : null;
        if (entry is not null)
        {
            // R's aeqSurv on (start, stop] data: entries and exits together, and no interval may collapse.
            if (options.TimeFix && TimeFix.CutsOf(data) is { } both)
            {
                TimeFix.CheckIntervals(data, both);
                for (int i = 0; i < n; i++) { time[i] = TimeFix.Map(both, time[i]); entry[i] = TimeFix.Map(both, entry[i]); }
            }
        }
        else if (options.TimeFix && TimeFix.Cuts(TimeFix.SortedDistinct((double[])time.Clone())) is { } cuts)
            for (int i = 0; i < n; i++) time[i] = TimeFix.Map(cuts, time[i]);
        if (options.Ymin is double ymin)
            for (int i = 0; i < n; i++) time[i] = Math.Max(time[i], ymin);
        var status = data.Event.ToArray();
        var weight = new double[n];
        for (int i = 0; i < n; i++) weight[i] = data.WeightAt(i);
        var x = score.ToArray();

        var counts = new double[6];
        var influence = new double[3][];
        for (int k = 0; k < 3; k++) influence[k] = new double[n];
        var rank = new int[n];
        foreach (var rows in Strata(data))
            CountStratum(rows, time, entry, status, weight, x, options, counts, influence, rank);

        double npair = counts[0] + counts[1] + counts[2];
        double somers = (counts[0] - counts[1]) / npair;
        double coxVariance = counts[5] / (4 * npair * npair);
        var dfbeta = new double[n];
        for (int i = 0; i < n; i++)
            dfbeta[i] = ((influence[0][i] - influence[1][i]) - (influence[0][i] + influence[1][i] + influence[2][i]) * somers) * weight[i] / (2 * npair);
        double variance = 0;
        if (data.Id is { } id)
        {
            var byCluster = new double[id.Levels.Count];
            var codes = id.Codes;
            for (int i = 0; i < n; i++) byCluster[codes[i]] += dfbeta[i];
            foreach (double v in byCluster) variance += v * v;
        }
        else foreach (double v in dfbeta) variance += v * v;
        double c = (somers + 1) / 2;
        double concordant = counts[0], discordant = counts[1];
        if (options.Direction == ConcordanceDirection.LargerScoreHigherRisk)
        {
            c = 1 - c;
            (concordant, discordant) = (discordant, concordant);
        }
        return new ConcordanceResult(c, variance, coxVariance, concordant, discordant, counts[2], counts[3], counts[4], n, options);
    }

    private static IEnumerable<int[]> Strata(SurvivalData data)
    {
        int n = data.Count;
        if (data.Strata is not { } strata) { yield return Enumerable.Range(0, n).ToArray(); yield break; }
        var codes = strata.Codes;
        var lists = new List<int>[strata.Levels.Count];
        for (int i = 0; i < n; i++) (lists[codes[i]] ??= new List<int>()).Add(i);
        foreach (var l in lists) if (l is not null) yield return l.ToArray();
    }

    /// <summary>One stratum: the counts (concordant, discordant, tied.x, tied.y, tied.xy, Cox variance sum) and each
    /// row's influence on the first three (the only ones the variance uses), as R's concordance3 walk: backwards in time,
    /// censored rows before events at a tied time, then by score. With delayed entry (R's concordance4) a row leaves the
    /// trees before the first event time at or before its entry, and is then the later member of the pairs of the events
    /// met while it was in (the event tree's state at leaving minus its state at joining).</summary>
    private static void CountStratum(int[] rows, double[] time, double[]? entry, bool[] status, double[] weight, double[] x,
        ConcordanceOptions options, double[] count, double[][] imat, int[] rank)
    {
        int m = rows.Length;
        int events = 0;
        foreach (int r in rows) if (status[r]) events++;
        if (events == 0) return;
        var timeOption = events < 2 ? ConcordanceTimeWeight.N : options.TimeWeight;
        // Rank the scores (1..k) and the times, then order the rows by a single key: time descending, censored before
        // events at a tied time, score ascending (R's order(-time, status, risk)). Radix sorts: no comparisons.
        var scoreRank = DenseRanks(rows, x, out int distinctScores);
        var timeRank = DenseRanks(rows, time, out int distinctTimes);
        var keys = new ulong[m];
        var order = new int[m];
        for (int k = 0; k < m; k++)
        {
            int r = rows[k];
            keys[k] = ((ulong)(uint)(distinctTimes - timeRank[k]) << 32) | ((status[r] ? 1UL : 0UL) << 31) | (uint)scoreRank[k];
            order[k] = k;
        }
        RadixSort.Sort(keys, order, null, 0, m, new ulong[m], new int[m], null);
        for (int k = 0; k < m; k++) rank[rows[k]] = scoreRank[k];
        for (int k = 0; k < m; k++) order[k] = rows[order[k]];
        int Rank(int row) => rank[row];
        var leaving = entry is null ? null : EntryOrder(rows, entry);
        var timeWeights = leaving is null
            ? TimeWeights(order, time, status, weight, timeOption, options.Horizon)
            : TimeWeightsWithEntry(order, leaving, time, entry!, status, weight, timeOption, options.Horizon);
        int left = 0;   // rows of `leaving` already out of the trees

        double tiedXYBefore = count[4];
        var all = new WeightTree(distinctScores);
        var deaths = new WeightTree(distinctScores);
        double z2 = 0;
        int utime = timeWeights.Length - 1;   // event times are met latest first
        for (int i = 0; i < m;)
        {
            int ii = order[i];
            if (!status[ii])
            {
                var (g, l, t) = deaths.Around(Rank(ii));
                imat[0][ii] -= l;
                imat[1][ii] -= g;
                imat[2][ii] -= t;
                AddToCox(ii);
                i++;
                continue;
            }
            if (leaving is not null)
                for (; left < m && entry![leaving[left]] >= time[ii]; left++)
                {
                    int jj = leaving[left];
                    var (g, l, t) = deaths.Around(Rank(jj));
                    imat[0][jj] += l;
                    imat[1][jj] += g;
                    imat[2][jj] += t;
                    RemoveFromCox(jj);
                }
            double adj = timeWeights[utime--];
            int end = i;
            while (end < m && time[order[end]] == time[ii]) end++;
            double dwt = 0, dwt2 = 0;
            int groupStart = i;
            for (int j = i; j < end; j++)
            {
                int jj = order[j];
                count[3] += weight[jj] * dwt * adj;
                dwt += weight[jj];
                if (x[jj] != x[order[groupStart]])
                {
                    groupStart = j;
                    dwt2 = 0;
                }
                count[4] += weight[jj] * dwt2 * adj;
                dwt2 += weight[jj];
                var (g, l, t) = all.Around(Rank(jj));
                count[0] += weight[jj] * g * adj;
                count[1] += weight[jj] * l * adj;
                count[2] += weight[jj] * t * adj;
                imat[0][jj] += g * adj;
                imat[1][jj] += l * adj;
                imat[2][jj] += t * adj;
                deaths.Add(Rank(jj), adj * weight[jj]);
            }
            for (int j = i; j < end; j++)
            {
                int jj = order[j];
                var (g, l, t) = deaths.Around(Rank(jj));
                imat[0][jj] -= l;
                imat[1][jj] -= g;
                imat[2][jj] -= t;
                AddToCox(jj);
            }
            count[5] += dwt * adj * z2 / all.Total;
            i = end;
        }
        // Looking backwards in time, a row at risk is the later member of the pairs of every event before it: the event
        // tree's final state minus its state when the row was met (rows that left at their entry were done then).
        if (leaving is null)
            foreach (int ii in order) FinishInfluence(ii);
        else
            for (; left < m; left++) FinishInfluence(leaving[left]);
        count[3] -= count[4] - tiedXYBefore;   // this stratum's tied.xy were counted as tied.y as well

        void FinishInfluence(int row)
        {
            var (g, l, t) = deaths.Around(Rank(row));
            imat[0][row] += l;
            imat[1][row] += g;
            imat[2][row] += t;
        }

        // The Cox variance's running sum over the rows in the tree: a row's term against the others when it joins, the
        // same term taken away when it leaves (R's z2).
        void AddToCox(int row)
        {
            double w = weight[row];
            z2 += w * CoxTerm(all.Around(Rank(row)), w);
            all.Add(Rank(row), w);
        }

        void RemoveFromCox(int row)
        {
            double w = weight[row];
            all.Add(Rank(row), -w);
            z2 -= w * CoxTerm(all.Around(Rank(row)), w);
        }
    }

    private static double CoxTerm((double Greater, double Less, double Tied) around, double w)
    {
        var (g, l, t) = around;
        return g * (w + 2 * (l + t)) + l * (w + 2 * (g + t)) + (g - l) * (g - l);
    }

    /// <summary>The stratum's rows by entry time, latest first (R's <c>order(-start)</c>: ties keep the rows' order).</summary>
    private static int[] EntryOrder(int[] rows, double[] entry)
    {
        int m = rows.Length;
        var keys = new ulong[m];
        var order = new int[m];
        for (int k = 0; k < m; k++) { keys[k] = ~RadixSort.Key(entry[rows[k]]); order[k] = k; }
        RadixSort.Sort(keys, order, null, 0, m, new ulong[m], new int[m], null);
        for (int k = 0; k < m; k++) order[k] = rows[order[k]];
        return order;
    }

    /// <summary>Dense ranks 1..k of <paramref name="values"/> at <paramref name="rows"/> (equal values share a rank), by
    /// position in <paramref name="rows"/>.</summary>
    private static int[] DenseRanks(int[] rows, double[] values, out int distinct)
    {
        int m = rows.Length;
        var keys = new ulong[m];
        var order = new int[m];
        for (int k = 0; k < m; k++) { keys[k] = RadixSort.Key(values[rows[k]]); order[k] = k; }
        RadixSort.Sort(keys, order, null, 0, m, new ulong[m], new int[m], null);
        var ranks = new int[m];
        int r = 0;
        for (int k = 0; k < m; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1]) r++;
            ranks[order[k]] = r;
        }
        distinct = r;
        return ranks;
    }

    /// <summary>ω at each distinct event time of a stratum with delayed entry, ascending (R's fastkm2): n(t) is the weight
    /// of the rows with entry &lt; t ≤ exit and S(t−) the product-limit estimate over those risk sets; the censoring
    /// distribution is not defined here, so only <see cref="ConcordanceTimeWeight.N"/>, <see cref="ConcordanceTimeWeight.S"/>
    /// and <see cref="ConcordanceTimeWeight.I"/> arrive (checked at the entry point).</summary>
    private static double[] TimeWeightsWithEntry(int[] order, int[] leaving, double[] time, double[] entry, bool[] status, double[] weight,
        ConcordanceTimeWeight option, double? horizon)
    {
        // Down time (order runs latest first): at each distinct exit, the rows entering at or after it leave, the rows
        // exiting at it join; an exit with an event records (t, n(t), d(t)).
        int m = order.Length;
        double total = 0;
        foreach (int r in order) total += weight[r];
        var eventTimes = new List<(double Time, double AtRisk, double Deaths)>();
        double atRisk = 0;
        int left = 0;
        for (int i = 0; i < m;)
        {
            double t = time[order[i]];
            for (; left < m && entry[leaving[left]] >= t; left++) atRisk -= weight[leaving[left]];
            double d = 0;
            for (; i < m && time[order[i]] == t; i++)
            {
                atRisk += weight[order[i]];
                if (status[order[i]]) d += weight[order[i]];
            }
            if (d > 0) eventTimes.Add((t, atRisk, d));
        }
        var result = new double[eventTimes.Count];
        double s = 1;
        for (int k = 0; k < result.Length; k++)
        {
            var (t, n, d) = eventTimes[result.Length - 1 - k];
            double w = option switch
            {
                ConcordanceTimeWeight.S => total * s / n,
                ConcordanceTimeWeight.I => 1 / n,
                _ => 1.0,
            };
            if (horizon is double hz && t > hz) w = 0;
            result[k] = w;
            s *= (n - d) / n;
        }
        return result;
    }

    /// <summary>ω at each distinct event time of a stratum, ascending (R's fastkm1 for S(t−), G(t−) and n(t)); 0 past the
    /// horizon.</summary>
    private static double[] TimeWeights(int[] order, double[] time, bool[] status, double[] weight,
        ConcordanceTimeWeight option, double? horizon)
    {
        // order runs latest first; walk it backwards (earliest first) in blocks of equal time.
        int m = order.Length;
        double total = 0;
        foreach (int r in order) total += weight[r];
        var result = new List<double>();
        double s = 1, g = 1, atRisk = total;
        int i = m - 1;
        while (i >= 0)
        {
            double t = time[order[i]];
            double d = 0, c = 0;
            int j = i;
            for (; j >= 0 && time[order[j]] == t; j--)
            {
                if (status[order[j]]) d += weight[order[j]];
                else c += weight[order[j]];
            }
            bool anyEvent = false;
            for (int k = i; k > j; k--) anyEvent |= status[order[k]];
            if (anyEvent)
            {
                double w = option switch
                {
                    ConcordanceTimeWeight.S => total * s / atRisk,
                    ConcordanceTimeWeight.SOverG => total * s / (g * atRisk),
                    ConcordanceTimeWeight.NOverG2 => 1 / (g * g),
                    ConcordanceTimeWeight.I => 1 / atRisk,
                    _ => 1.0,
                };
                if (horizon is double hz && t > hz) w = 0;
                result.Add(w);
                s *= (atRisk - d) / atRisk;
            }
            if (c > 0) g *= (atRisk - d - c) / (atRisk - d);
            atRisk -= d + c;
            i = j;
        }
        return result.ToArray();
    }
}
