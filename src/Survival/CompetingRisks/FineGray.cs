using MathNet.Numerics.LinearAlgebra;
using Survival.Regression;

namespace Survival.CompetingRisks;

/// <summary>
/// Fine–Gray regression on the subdistribution hazard of one cause, at R <c>cmprsk::crr</c> parity (one censoring
/// group, no time-varying coefficients); and the cause-specific alternative through <see cref="CoxRegression"/>.
/// </summary>
/// <remarks>
/// <para>The risk set at a failure time t of the cause holds every row still under observation (tᵢ ≥ t) and every row
/// that failed earlier from another cause, weighted by Ĝ(t−)/Ĝ(tᵢ−), Ĝ the Kaplan–Meier of the censoring times. The log
/// pseudo-likelihood Σ [xᵀβ − log Σ_risk w e^{xᵀβ}] (Breslow's ties) is maximised by crr's Newton steps with its
/// backtracking and convergence rule, so the estimate is crr's. The variance is Fine &amp; Gray's sandwich
/// I⁻¹ (Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ) I⁻¹, ηᵢ the score residual and ψᵢ the term for the estimated censoring distribution;
/// every sum over the rows is kept as a running (prefix or suffix) sum, so a fit is O(n log n) (crr's Fortran loops
/// are O(n²) and more). Reference: Fine JP, Gray RJ (1999), JASA 94:496–509; cmprsk <c>crr</c>.</para>
/// </remarks>
public static class FineGray
{
    /// <summary>Fits the subdistribution hazard of <paramref name="cause"/> to the objects an application holds, in one
    /// pass: time, status and every covariate are read from the same row. A row with a missing value in any of them
    /// (<see cref="double.NaN"/>, null) is left out as R's <c>na.omit</c> and reported in <see cref="FineGrayResult.Omitted"/>,
    /// or is an error naming the row under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The rows.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="status">The row's cause, or <paramref name="censored"/>.</param>
    /// <param name="cause">The cause modelled, as the status writes it (crr's <c>failcode</c>).</param>
    /// <param name="covariates">The covariates (<see cref="Covariate.Numeric{T}"/>, <see cref="Covariate.Categorical{T}"/>).</param>
    /// <param name="censored">The status meaning censored (default "0", crr's <c>cencode</c>).</param>
    /// <param name="options">Options; null for crr's defaults.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">A value breaks a rule of <see cref="CompetingRisksData"/> (the row is its
    /// 1-based position among all the rows), a value is missing under <see cref="MissingValuePolicy.Fail"/>, or the fit
    /// fails as the column form does.</exception>
    /// <example><code>
    /// var fit = FineGray.Fit(patients, p =&gt; p.Months, p =&gt; p.Outcome, "relapse", [Covariate.Numeric&lt;Patient&gt;("age", p =&gt; p.Age)]);
    /// </code></example>
    public static FineGrayResult Fit<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, string cause,
        IReadOnlyList<Covariate<T>> covariates, string censored = "0", FineGrayOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(covariates);
        var collected = ObjectRows<T>.Collect(rows,
            [("time", DataColumn.Time, r => double.IsNaN(time(r))), ("status", DataColumn.Event, r => status(r) is null)], covariates, missing);
        CompetingRisksData data;
        CovariateMatrix x;
        try
        {
            data = CompetingRisksData.From(collected.Kept, time, status, censored, missing: MissingValuePolicy.Fail);
            x = collected.Covariates(covariates);
        }
        catch (SurvivalInputException ex)
        {
            throw collected.AtPosition(ex);
        }
        var fit = Fit(data, cause, x, options);
        return collected.Omitted.Count == 0 ? fit : fit with { Omitted = collected.Omitted };
    }

    /// <summary>Fits the subdistribution hazard of <paramref name="cause"/>.</summary>
    /// <param name="data">Right-censored competing-risks rows (no delayed entry or weights, as crr).</param>
    /// <param name="cause">The cause modelled, as written in the data.</param>
    /// <param name="covariates">The covariate columns, one row per data row.</param>
    /// <param name="options">Options; null for crr's defaults.</param>
    /// <param name="cancellationToken">Stops the fit (checked at every Newton step).</param>
    /// <param name="progress">Receives ("fitting", steps, limit) as the fit goes.</param>
    public static FineGrayResult Fit(CompetingRisksData data, string cause, CovariateMatrix covariates, FineGrayOptions? options = null,
        CancellationToken cancellationToken = default, IProgress<ProgressReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cause);
        ArgumentNullException.ThrowIfNull(covariates);
        options ??= FineGrayOptions.Default;
        options.Validate();
        var rows = data.Rows;
        if (rows.HasEntry) throw new SurvivalInputException("Fine–Gray regression (as crr) does not handle delayed entry", column: "entry");
        if (rows.HasWeights) throw new SurvivalInputException("Fine–Gray regression (as crr) does not handle case weights", column: "weight");
        if (covariates.Count == 0) throw new SurvivalInputException("name at least one covariate", column: "covariates");
        if (covariates.Rows != rows.Count) throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data have {rows.Count}");
        int code = data.CodeOf(cause);

        using var model = new FineGrayModel(data, code, covariates);
        if (model.Events == 0) throw new SurvivalInputException("no row fails from this cause: there is nothing to fit", column: "cause", value: cause);
        model.CheckEstimable(covariates.Names);

        // crr's Newton–Raphson: stop when the scaled score is small; a step that does not lower −ℓ enough (Armijo, 1e-4)
        // is halved, at most 20 times.
        int p = model.P;
        var b = new double[p];
        bool converged = false, halvingFailed = false;
        int iterations = 0;
        double nullLik = double.NaN;
        for (int ll = 0; ; ll++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProgressReport("fitting", ll, options.MaxIterations));
            var (lik, score, info) = model.Evaluate(b, withDerivatives: true);
            if (ll == 0) nullLik = lik; // the start is β = 0: the null model's value
            double lhs = 0;
            for (int j = 0; j < p; j++) lhs = Math.Max(lhs, Math.Abs(score[j]) * Math.Max(Math.Abs(b[j]), 1));
            if (lhs < Math.Max(Math.Abs(lik), 1) * options.GradientTolerance) { converged = true; break; }
            if (ll == options.MaxIterations) break;
            var step = NewtonRaphson.Solve(info, score.Select(v => -v).ToArray());
            var next = new double[p];
            for (int j = 0; j < p; j++) next[j] = b[j] + step[j];
            double slope = 0;
            for (int j = 0; j < p; j++) slope += step[j] * score[j];
            double fNext = model.Evaluate(next, withDerivatives: false).NegLogLik;
            int halvings = 0;
            while (double.IsNaN(fNext) || fNext > lik + 1e-4 * slope)
            {
                halvings++;
                for (int j = 0; j < p; j++) { step[j] *= 0.5; next[j] = b[j] + step[j]; }
                slope *= 0.5;
                fNext = model.Evaluate(next, withDerivatives: false).NegLogLik;
                if (halvings > 20) break;
            }
            if (halvings > 20) { halvingFailed = true; break; }
            b = next;
            iterations++;
        }

        var (negLik, _, information) = model.Evaluate(b, withDerivatives: true);
        var infoMatrix = Matrix<double>.Build.DenseOfArray(information);
        if (!b.All(double.IsFinite) || infoMatrix.Rank() < p)
            throw new SurvivalInputException("the Fine–Gray information is singular at the fit (a covariate without variation among the rows at risk at the cause's failures, or a diverging coefficient): no standard errors can be given",
                column: "covariates");
        var h = infoMatrix.Inverse();
        var meat = model.Sandwich(b);
        var variance = (h * Matrix<double>.Build.DenseOfArray(meat) * h.Transpose()).ToArray();
        double z = ConfidenceLevel.Z(options.ConfidenceLevel);
        var coefficients = new FineGrayCoefficient[p];
        for (int j = 0; j < p; j++) coefficients[j] = new FineGrayCoefficient(covariates.Names[j], b[j], Math.Sqrt(variance[j, j]), z, options.ConfidenceLevel);
        FitWarning[] warnings = converged ? []
            : halvingFailed
                ? [new FitWarning(FitWarningKind.NotConverged, null, $"step halving failed after {iterations} iterations: no step along the Newton direction lowers the pseudo-likelihood enough (Armijo), so the fit did not converge")]
                : [FitWarning.NotConverged(options.MaxIterations)];
        var (baselineTimes, baselineJumps) = model.Baseline(b);
        return new FineGrayResult(cause, coefficients, variance, -negLik, -nullLik, converged, iterations, rows.Count, model.Events, model.Competing, warnings)
        {
            Terms = covariates.Terms,
            BaselineTimes = baselineTimes,
            BaselineJumps = baselineJumps,
        };
    }

    /// <summary>The rows for a cause-specific Cox model of <paramref name="cause"/>: its failures are events, every other
    /// cause is censored at its time (R <c>coxph(Surv(time, status == cause) ~ …)</c>). Fit them with
    /// <see cref="CoxRegression"/>.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="cause">The cause.</param>
    public static SurvivalData CauseSpecific(CompetingRisksData data, string cause)
    {
        ArgumentNullException.ThrowIfNull(data);
        int code = data.CodeOf(cause);
        var rows = data.Rows;
        var events = new bool[rows.Count];
        for (int i = 0; i < events.Length; i++) events[i] = data.CauseArray[i] == code;
        return SurvivalData.FromFactors(rows.Time, events, rows.Group, rows.Strata, rows.EntryArray, rows.WeightArray, rows.Id)
            .WithOmitted(rows.Omitted);
    }

    /// <summary>The Fine–Gray model of <paramref name="cause"/> by R's route through <c>finegray()</c>: a Cox fit of the
    /// weighted rows of <see cref="WeightedRows"/> (R <c>coxph(Surv(fgstart, fgstop, fgstatus) ~ x, weights = fgwt,
    /// data = finegray(...))</c>). Unlike <see cref="Fit(CompetingRisksData, string, CovariateMatrix, FineGrayOptions?, CancellationToken, IProgress{ProgressReport}?)"/>
    /// (crr) it takes delayed entry, case weights and strata; its coefficients are the subdistribution log hazard
    /// ratios, with the robust variance R reports for fractional weights.</summary>
    /// <param name="data">Competing-risks rows, as <see cref="WeightedRows"/> takes them.</param>
    /// <param name="cause">The cause modelled.</param>
    /// <param name="covariates">One row per row of <paramref name="data"/>; each weighted row carries its source row's.</param>
    /// <param name="options">Cox options; null for R's defaults (Efron ties, as <c>coxph</c>).</param>
    /// <param name="cancellationToken">Cancels the fit.</param>
    /// <exception cref="SurvivalInputException">As <see cref="WeightedRows"/>, or the covariates have another number of
    /// rows, or the Cox fit refuses them.</exception>
    public static CoxResult FitWeighted(CompetingRisksData data, string cause, CovariateMatrix covariates, CoxOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Rows != data.Count)
            throw new SurvivalInputException($"the covariates have {covariates.Rows} rows but the data {data.Count}", column: "covariates");
        var rows = WeightedRows(data, cause);
        return CoxRegression.Fit(rows.Data, covariates.Gather(rows.SourceRow), options, cancellationToken);
    }

    /// <summary>R's <c>finegray()</c>: the weighted (start, stop] rows on which an ordinary weighted Cox fit estimates the
    /// Fine–Gray model of <paramref name="cause"/> (Geskus 2011). Rows that fail from another cause stay in the risk set
    /// after their failure, in pieces over the intervals of the weighting distribution that hold a failure of the cause,
    /// each weighted by its probability at the piece's start over its probability at the failure; every other row is kept
    /// as it is with weight 1.</summary>
    /// <param name="data">Competing-risks rows (strata: one weighting distribution per stratum). With delayed entry a
    /// subject may have several contiguous rows, tied by the data's id (only the last may end in a failure), as R's
    /// <c>finegray(Surv(start, stop, status) ~ ., id = id)</c>; without an id each row is its own subject.</param>
    /// <param name="cause">The cause modelled.</param>
    /// <returns>The rows (entry, exit, event = failure from the cause, weight = case weight × piece weight; group and
    /// stratum carried) and the input row of each (to carry covariates). Fit them with <see cref="CoxRegression"/>; by R's
    /// rule the fractional weights make its variance robust, each row its own cluster, as R's default.</returns>
    /// <exception cref="SurvivalInputException">A subject's rows leave a gap in time, or a row before its last ends in a
    /// failure (R's messages).</exception>
    /// <remarks>As R: Ĝ is the Kaplan–Meier of the censoring (of subjects' last rows; a failure at a censoring's time
    /// leaves the risk set first, and a row entering at a time is at risk only after it). When some subject enters after
    /// the first exit, the weights are Ĝ(t)Ĥ(t) with Ĥ the entry distribution, the Kaplan–Meier of the subjects' first
    /// entries in reversed time, Ĥ(t) = Π_{s &gt; t} (1 − d(s)/n(s)) over entry times s with n(s) the rows with
    /// entry ≤ s &lt; exit (Geskus 2011, eq. 11); otherwise Ĝ alone. Without delayed entry every first piece starts at 0
    /// (or 2·min(time) − 1 when a time is ≤ 0); a competing failure's own row is extended, with weight 1, to the end of
    /// the weighting interval holding its time. Geskus (2011), Biometrics 67:39; R survival <c>finegray</c>.</remarks>
    public static CountingProcessRows WeightedRows(CompetingRisksData data, string cause)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cause);
        var rows = data.Rows;
        int code = data.CodeOf(cause);
        int n = rows.Count;
        var time = rows.TimeArray;
        var entry = rows.EntryArray;
        if (TimeFix.CutsOf(rows) is { } cuts)
        {
            time = time.Select(t => TimeFix.Map(cuts, t)).ToArray();
            if (entry is not null) entry = entry.Select(t => TimeFix.Map(cuts, t)).ToArray();
        }
        double min = time.Min();
        double zero = min > 0 ? 0 : 2 * min - 1;
        var status = data.CauseArray;
        var (first, last) = entry is null ? (null, null) : SubjectEnds(rows, time, entry, status);
        // R: the entry distribution enters when some subject's first row starts after the earliest exit.
        bool delay = false;
        if (entry is not null)
            for (int i = 0; i < n && !delay; i++) delay = first![i] && entry[i] > min;
        int strata = rows.Strata?.Levels.Count ?? 1;
        var stratum = rows.Strata?.CodeArray;
        var pieces = new List<(int Row, double Start, double End, double Weight)>[n];
        for (int s = 0; s < strata; s++)
        {
            var members = Enumerable.Range(0, n).Where(i => (stratum?[i] ?? 0) == s).ToArray();
            double Start(int i) => entry?[i] ?? zero;
            var eventTimes = members.Where(i => status[i] == code).Select(i => time[i]).Distinct().Order().ToArray();
            if (eventTimes.Length == 0)
            {
                foreach (int i in members) pieces[i] = [(i, Start(i), time[i], 1.0)];
                continue;
            }
            double maxTime = members.Max(i => time[i]);
            var (ctime, cprob) = Weighting(members, time, entry, status, first, last, delay);
            ctime.Add(maxTime);
            // keep[j]: interval j = (ctime[j−1], ctime[j]] holds a failure of the cause (interval 0 always kept).
            var keep = new bool[ctime.Count];
            keep[0] = true;
            foreach (double t in eventTimes)
            {
                int j = SortedSearch.CountBelow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ctime), t);
                if (j < ctime.Count) keep[j] = true;
            }
            foreach (int i in members)
            {
                bool extend = status[i] != 0 && status[i] != code && (last?[i] ?? true);
                if (!extend) { pieces[i] = [(i, Start(i), time[i], 1.0)]; continue; }
                int j = SortedSearch.CountBelow(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ctime), time[i]);
                var list = new List<(int, double, double, double)> { (i, Start(i), ctime[j], 1.0) };
                double at = cprob[j];
                for (j++; j < ctime.Count; j++)
                    if (keep[j]) list.Add((i, ctime[j - 1], ctime[j], cprob[j] / at));
                pieces[i] = list;
            }
        }
        var all = pieces.SelectMany(p => p).ToArray();
        var source = all.Select(p => p.Row).ToArray();
        var events = all.Select((p, k) => status[p.Row] == code && (k + 1 == all.Length || all[k + 1].Row != p.Row)).ToArray();
        var data2 = SurvivalData.FromFactors(all.Select(p => p.End).ToArray(), events,
            group: rows.Group is null ? null : Factor.FromCodes(source.Select(r => rows.Group.CodeArray[r]).ToArray(), rows.Group.Levels),
            strata: rows.Strata is null ? null : Factor.FromCodes(source.Select(r => rows.Strata.CodeArray[r]).ToArray(), rows.Strata.Levels),
            entry: all.Select(p => p.Start).ToArray(),
            weight: all.Select(p => p.Weight * rows.WeightAt(p.Row)).ToArray());
        var episode = new int[all.Length];
        for (int k = 0; k < all.Length; k++) episode[k] = k > 0 && all[k - 1].Row == all[k].Row ? episode[k - 1] + 1 : 1;
        return new CountingProcessRows(data2, source, episode, null);
    }

    /// <summary>Each row's place in its subject (the data's id; each row its own subject without one): whether it is the
    /// subject's first and last row by exit time. Checks R's rules for (start, stop] subjects: no gaps between a subject's
    /// rows, and no failure before the last row.</summary>
    private static (bool[] First, bool[] Last) SubjectEnds(SurvivalData rows, double[] time, double[] entry, int[] status)
    {
        int n = rows.Count;
        var first = new bool[n];
        var last = new bool[n];
        if (rows.Id is not { } id)
        {
            Array.Fill(first, true);
            Array.Fill(last, true);
            return (first, last);
        }
        var codes = id.CodeArray;
        foreach (var subject in Enumerable.Range(0, n).GroupBy(i => codes[i]))
        {
            var own = subject.OrderBy(i => time[i]).ToArray();
            first[own[0]] = true;
            last[own[^1]] = true;
            for (int k = 0; k + 1 < own.Length; k++)
            {
                if (status[own[k]] != 0)
                    throw new SurvivalInputException($"a subject has a transition before their last time point (R finegray): subject {id.Levels[codes[own[k]]]}",
                        column: "status", row: own[k] + 1, input: DataColumn.Event);
                if (entry[own[k + 1]] != time[own[k]])
                    throw new SurvivalInputException($"a subject has gaps in time (R finegray): subject {id.Levels[codes[own[k]]]} exits at {SurvivalData.Format(time[own[k]])} and re-enters at {SurvivalData.Format(entry[own[k + 1]])}",
                        column: "entry", value: SurvivalData.Format(entry[own[k + 1]]), row: own[k + 1] + 1, input: DataColumn.Entry);
            }
        }
        return (first, last);
    }

    /// <summary>The weighting distribution of a stratum as finegray's cut points: the times where it jumps, ascending, and
    /// its value before the first (1) and after each. Ĝ is the censoring Kaplan–Meier (censorings of subjects' last rows;
    /// failures at a censoring's time leave the risk set first; a row is at risk after its entry); with
    /// <paramref name="delay"/> it is multiplied by the entry distribution Ĥ(t) = Π_{s &gt; t} (1 − d(s)/n(s)).</summary>
    private static (List<double> Times, List<double> Probabilities) Weighting(int[] members, double[] time, double[]? entry, int[] status,
        bool[]? first, bool[]? last, bool delay)
    {
        var exits = members.Select(i => time[i]).Order().ToArray();
        var entries = entry is null ? [] : members.Select(i => entry[i]).Order().ToArray();
        var failures = members.Where(i => status[i] != 0).Select(i => time[i]).Order().ToArray();
        var censoredAt = members.Where(i => status[i] == 0 && (last?[i] ?? true)).GroupBy(i => time[i]).ToDictionary(x => x.Key, x => x.Count());
        var censorTimes = censoredAt.Keys.Order().ToArray();
        // Ĝ after each censoring time: at risk are rows with entry < c ≤ exit, less the failures at c.
        var gAfter = new double[censorTimes.Length];
        double g = 1;
        for (int k = 0; k < censorTimes.Length; k++)
        {
            double c = censorTimes[k];
            int atRisk = exits.Length - SortedSearch.CountBelow(exits, c) - (entries.Length - SortedSearch.CountBelow(entries, c))
                - (SortedSearch.CountAtOrBelow(failures, c) - SortedSearch.CountBelow(failures, c));
            g *= 1 - (double)censoredAt[c] / atRisk;
            gAfter[k] = g;
        }
        var times = new List<double>();
        var probabilities = new List<double> { 1.0 };
        if (!delay)
        {
            times.AddRange(censorTimes);
            probabilities.AddRange(gAfter);
            return (times, probabilities);
        }
        // Ĥ: the subjects' first entries in reversed time; at an entry time s the rows with entry ≤ s < exit are at risk.
        var enteredAt = members.Where(i => first![i]).GroupBy(i => entry![i]).ToDictionary(x => x.Key, x => x.Count());
        var entryTimes = enteredAt.Keys.Order().ToArray();
        var hAfter = new double[entryTimes.Length + 1];   // hAfter[k] = Π over entry times with index ≥ k
        hAfter[entryTimes.Length] = 1;
        for (int k = entryTimes.Length - 1; k >= 0; k--)
        {
            double t = entryTimes[k];
            int atRisk = SortedSearch.CountAtOrBelow(entries, t) - SortedSearch.CountAtOrBelow(exits, t);
            hAfter[k] = hAfter[k + 1] * (1 - (double)enteredAt[t] / atRisk);
        }
        foreach (double t in censorTimes.Concat(entryTimes).Distinct().Order())
        {
            int censoredBy = SortedSearch.CountAtOrBelow(censorTimes, t);
            double gt = censoredBy == 0 ? 1 : gAfter[censoredBy - 1];
            double ht = hAfter[SortedSearch.CountAtOrBelow(entryTimes, t)];   // entry times after t
            times.Add(t);
            probabilities.Add(gt * ht);
        }
        return (times, probabilities);
    }
}
