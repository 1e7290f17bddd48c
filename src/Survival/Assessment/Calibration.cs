using Survival.CompetingRisks;
using Survival.Regression;

namespace Survival.Assessment;

/// <summary>Calibration of predicted risks: rows grouped by predicted risk at a time, each group's mean prediction beside
/// its observed risk, and the calibration slope.</summary>
/// <remarks>
/// <para>Groups are cut at quantiles of the predicted risk (R <c>quantile(type = 7)</c>, merged where they repeat,
/// <c>cut(..., include.lowest = TRUE)</c>) or at given cut points. The observed risk of a group is 1 − its Kaplan–Meier
/// survival at the time (limits 1 − the log-scale limits of S, R <c>survfit</c>'s default), or under competing risks the
/// Aalen–Johansen cumulative incidence of the cause with its limits; past a group's last time the curve is carried
/// forward (R <c>summary(extend = TRUE)</c>). The slope is the coefficient of log(−log(1 − p)) in a Cox model for the
/// assessed data (Fine–Gray for a cause): 1 when the predictions' spread is right, below 1 when they are too extreme
/// (van Houwelingen (2000), Stat Med 19:3401; Steyerberg, "Clinical Prediction Models", ch. 15). This is the
/// calibration table riskRegression's <c>plotCalibration(method = "quantile")</c> draws, with Kaplan–Meier (not
/// pseudo-values) in each group.</para>
/// </remarks>
public static class Calibration
{
    /// <summary>Calibration of a model's predictions on an application's objects: the outcome and the model's covariates
    /// are read from the same row in one pass, and a row missing any of them is left out as R's <c>na.omit</c> (reported
    /// in <see cref="CalibrationResult.Omitted"/>) or is an error under <see cref="MissingValuePolicy.Fail"/>.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The assessed rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="eventOccurred">Whether the row ends in an event.</param>
    /// <param name="model">The model and its covariates (<see cref="RiskModel.Cox{T}"/>, <see cref="RiskModel.Parametric{T}"/>).</param>
    /// <param name="times">Increasing evaluation times.</param>
    /// <param name="weight">Optional case weight.</param>
    /// <param name="options">Options; null for deciles.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As <see cref="Compute(SurvivalData, PredictedRisks, CalibrationOptions?)"/>,
    /// the row named by its 1-based position among all the rows; or a level the model was not fitted with.</exception>
    public static CalibrationResult Compute<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, bool> eventOccurred, RiskModel<T> model,
        IReadOnlyList<double> times, Func<T, double>? weight = null, CalibrationOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OnSurvival(rows, time, eventOccurred, weight, times, missing, (data, risks, omitted) => Compute(data, risks, options) with { Omitted = omitted });
    }

    /// <summary>Calibration of a model's predicted cumulative incidence of a cause on an application's objects under
    /// competing risks.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="rows">The assessed rows, enumerated once.</param>
    /// <param name="time">Exit time.</param>
    /// <param name="status">The row's outcome label: <paramref name="censored"/> or a cause.</param>
    /// <param name="cause">The cause whose risk the model predicts.</param>
    /// <param name="model">The model and its covariates (<see cref="RiskModel.FineGray{T}"/>).</param>
    /// <param name="times">Increasing evaluation times.</param>
    /// <param name="censored">The label of a censored row (default "0", as R's status codes).</param>
    /// <param name="options">Options; null for deciles.</param>
    /// <param name="missing">What a missing value does (default: leave the row out, as R).</param>
    /// <exception cref="SurvivalInputException">As the other overloads, or the cause is not one of the data's.</exception>
    public static CalibrationResult Compute<T>(IEnumerable<T> rows, Func<T, double> time, Func<T, string?> status, string cause, RiskModel<T> model,
        IReadOnlyList<double> times, string censored = "0", CalibrationOptions? options = null, MissingValuePolicy missing = MissingValuePolicy.Omit)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.OnCompetingRisks(rows, time, status, censored, times, missing,
            (data, risks, omitted) => Compute(data, cause, risks, options) with { Omitted = omitted });
    }

    /// <summary>Calibration of predicted event risks on right-censored data.</summary>
    /// <param name="data">The assessed rows (right-censored, no delayed entry).</param>
    /// <param name="risks">Each row's predicted risk at each time.</param>
    /// <param name="options">Options; null for deciles.</param>
    /// <exception cref="SurvivalInputException">The data have delayed entry or intervals, the rows differ, or an option
    /// is invalid.</exception>
    public static CalibrationResult Compute(SurvivalData data, PredictedRisks risks, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = Check(data, risks, options);
        var time = data.Time.ToArray();
        var ev = data.Event.ToArray();
        var weight = data.HasWeights ? data.Weight.ToArray() : null;
        var kmOptions = new Estimation.KaplanMeierOptions { ConfidenceLevel = options.ConfidenceLevel };
        return Tables(risks, options, null,
            (rows, t) =>
            {
                var sub = SurvivalData.Create(rows.Select(i => time[i]).ToArray(), rows.Select(i => ev[i]).ToArray(),
                    weight: weight is null ? null : rows.Select(i => weight[i]).ToArray());
                var at = Estimation.KaplanMeier.Fit(sub, kmOptions).Curves[0].SurvivalAt(t);
                return (1 - at.Survival, at.Upper is double u ? 1 - u : null, at.Lower is double l ? 1 - l : null);
            },
            x =>
            {
                var c = CoxRegression.Fit(data, x, new CoxOptions { ConfidenceLevel = options.ConfidenceLevel }).Coefficients[0];
                return c.Estimate is double b && c.StdErr is double se ? (b, se) : null;
            });
    }

    /// <summary>Calibration of a cause's predicted cumulative incidence under competing risks.</summary>
    /// <param name="data">The assessed rows.</param>
    /// <param name="cause">The cause whose risk was predicted.</param>
    /// <param name="risks">Each row's predicted cumulative incidence of the cause at each time.</param>
    /// <param name="options">Options; null for deciles.</param>
    /// <exception cref="SurvivalInputException">As the other overload, or the cause is not one of the data's.</exception>
    public static CalibrationResult Compute(CompetingRisksData data, string cause, PredictedRisks risks, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options = Check(data.Rows, risks, options);
        data.CodeOf(cause);
        var time = data.Rows.Time.ToArray();
        var labels = data.Cause.ToArray().Select(c => c == 0 ? data.CensoredLabel : data.Causes[c - 1]).ToArray();
        return Tables(risks, options, cause,
            (rows, t) =>
            {
                var sub = CompetingRisksData.Create(rows.Select(i => time[i]).ToArray(), rows.Select(i => labels[i]).ToArray(), data.CensoredLabel);
                if (!sub.Causes.Contains(cause)) return (0, 0, 0);
                var at = CumulativeIncidence.Fit(sub, new CumulativeIncidenceOptions { ConfidenceLevel = options.ConfidenceLevel, At = [t] }).Curve(cause).At[0];
                return (at.Estimate, at.Lower, at.Upper);
            },
            x =>
            {
                var c = FineGray.Fit(data, cause, x, new FineGrayOptions { ConfidenceLevel = options.ConfidenceLevel }).Coefficients[0];
                return (c.Estimate, c.StdErr);
            });
    }

    /// <summary>The tables at every time: groups with their observed risk, and the slope from a fit on cloglog(risk)
    /// (null when a risk is 0 or 1, or the fit fails).</summary>
    private static CalibrationResult Tables(PredictedRisks risks, CalibrationOptions options, string? cause,
        Func<int[], double, (double Observed, double? Lower, double? Upper)> observed, Func<CovariateMatrix, (double Estimate, double StdErr)?> slopeFit)
    {
        var result = new List<CalibrationAtTime>();
        for (int k = 0; k < risks.Times.Count; k++)
        {
            double t = risks.Times[k];
            var p = risks.At(k).ToArray();
            var groups = new List<CalibrationGroup>();
            foreach (var rows in Groups(p, options))
            {
                var (o, lower, upper) = observed(rows, t);
                groups.Add(Group(p, rows, o, lower, upper));
            }
            CalibrationSlope? slope = null;
            if (Transform(p) is { } x)
            {
                try
                {
                    if (slopeFit(new CovariateMatrix(p.Length).AddNumeric("cloglog", x)) is var (b, se)) slope = Slope(b, se, options.ConfidenceLevel);
                }
                catch (SurvivalInputException) { slope = null; }
            }
            result.Add(new CalibrationAtTime(t, ValueList<CalibrationGroup>.Of(groups), slope));
        }
        return new CalibrationResult(ValueList<CalibrationAtTime>.Of(result), cause, options);
    }

    private static CalibrationOptions Check(SurvivalData data, PredictedRisks risks, CalibrationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(risks);
        options ??= CalibrationOptions.Default;
        Survival.ConfidenceLevel.Check(options.ConfidenceLevel, nameof(options.ConfidenceLevel));
        if (data.IsIntervalCensored) throw new SurvivalInputException("calibration needs right-censored data");
        if (data.HasEntry) throw new SurvivalInputException("calibration with delayed entry is not supported");
        if (risks.Rows != data.Count) throw new SurvivalInputException($"the predictions have {risks.Rows} rows but the data {data.Count}", column: "risk");
        if (options.Cuts is { } cuts)
        {
            for (int i = 0; i < cuts.Count; i++)
                if (!(cuts[i] > 0 && cuts[i] < 1) || (i > 0 && !(cuts[i] > cuts[i - 1])))
                    throw new SurvivalInputException("calibration cuts must increase within (0, 1)", column: "cuts", value: SurvivalData.Format(cuts[i]));
        }
        else if (options.Groups < 1) throw new SurvivalInputException("at least one risk group is needed", column: "groups", value: options.Groups.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return options;
    }

    private static CalibrationGroup Group(double[] p, int[] rows, double observed, double? lower, double? upper)
    {
        double sum = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (int i in rows) { sum += p[i]; lo = Math.Min(lo, p[i]); hi = Math.Max(hi, p[i]); }
        return new CalibrationGroup(sum / rows.Length, observed, lower, upper, rows.Length, lo, hi);
    }

    private static CalibrationSlope Slope(double estimate, double se, double level)
    {
        double z = Survival.ConfidenceLevel.Z(level);
        return new CalibrationSlope(estimate, se, estimate - z * se, estimate + z * se);
    }

    private static double[]? Transform(double[] p)
    {
        var x = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] > 0 && p[i] < 1)) return null;
            x[i] = Math.Log(-Math.Log(1 - p[i]));
        }
        return x;
    }

    /// <summary>The rows of each non-empty group, lowest risks first.</summary>
    private static IEnumerable<int[]> Groups(double[] p, CalibrationOptions options)
    {
        double[] breaks;
        if (options.Cuts is { } cuts) breaks = [0, .. cuts, 1];
        else
        {
            var sorted = p.Order().ToArray();
            int n = sorted.Length;
            breaks = new double[options.Groups + 1];
            for (int k = 0; k <= options.Groups; k++)
            {
                // R's quantile type 7: h = (n − 1)·q, linear between the order statistics around it.
                double index = (n - 1) * (k == options.Groups ? 1.0 : k * (1.0 / options.Groups));
                int lo = (int)Math.Floor(index);
                double h = index - lo;
                breaks[k] = h > 0 && lo + 1 < n && sorted[lo + 1] != sorted[lo] ? (1 - h) * sorted[lo] + h * sorted[lo + 1] : sorted[lo];
            }
            breaks = breaks.Distinct().ToArray();
        }
        var members = new List<int>[Math.Max(1, breaks.Length - 1)];
        for (int g = 0; g < members.Length; g++) members[g] = new List<int>();
        for (int i = 0; i < p.Length; i++)
        {
            int g = 0;
            // (b_{g}, b_{g+1}], the first group closed below.
            while (g < members.Length - 1 && p[i] > breaks[g + 1]) g++;
            members[g].Add(i);
        }
        return members.Where(m => m.Count > 0).Select(m => m.ToArray());
    }
}
