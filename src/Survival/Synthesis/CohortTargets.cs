using System.Globalization;
using System.Text.Json;
using Survival.Comparison;
using Survival.Estimation;
using Survival.Reconstruction;
using Survival.Regression;

namespace Survival.Synthesis;

/// <summary>The statistics a paper prints about its cohort, as targets a cohort is checked against (and, later, built
/// to): per group n, events, the median with its limits, survival at landmark times with limits and the numbers at risk;
/// the median follow-up; between groups the log-rank P and a Cox hazard ratio with limits and P.</summary>
/// <remarks>
/// <para>Read from the targets file of <c>survival synthesize</c> (<see cref="Parse"/>). A number is met when the value a
/// cohort gives rounds to it at the decimals it was printed with (half away from zero); "NR" is met by a value that does
/// not exist; "&lt;0.001" by any value below 0.001 (<see cref="PrintedNumber"/>). Decimals are the target's
/// <c>decimals</c>, or else those the number is written with in the file (<c>0.336</c>: 3).</para>
/// <para>The analyses are R's defaults unless the file says otherwise: Kaplan–Meier with Greenwood variance and limits on
/// the log scale (<c>confType</c>: plain, log, log-log, logit, arcsin; <c>confLevel</c> 0.95), medians by
/// <c>quantile.survfit</c>, survival by <c>summary(fit, times =)</c>, numbers at risk as under a figure, the median
/// follow-up by reverse Kaplan–Meier, the log-rank test by <c>survdiff</c> on the named groups, the hazard ratio by
/// <c>coxph</c> (Efron) on the two groups with its Wald P.</para>
/// </remarks>
public sealed record CohortTargets
{
    private CohortTargets(string? timeUnit, KaplanMeierOptions options, ValueList<string> groups, ValueList<PublishedTarget> targets,
        SynthesisConstraints constraints, ValueList<DigitizedCurve> curves)
    {
        TimeUnit = timeUnit;
        Options = options;
        Groups = groups;
        Targets = targets;
        Constraints = constraints;
        Curves = curves;
    }

    /// <summary>The time unit the file names (for reports only).</summary>
    public string? TimeUnit { get; }

    /// <summary>The Kaplan–Meier options the limits were printed with.</summary>
    public KaplanMeierOptions Options { get; }

    /// <summary>The groups, in the file's order.</summary>
    public ValueList<string> Groups { get; }

    /// <summary>Every published number, in the file's order.</summary>
    public ValueList<PublishedTarget> Targets { get; }

    /// <summary>What the file says a cohort must keep (<c>constraints</c>: maxTime, minTime, accrual, cutOff,
    /// lostToFollowUp).</summary>
    public SynthesisConstraints Constraints { get; }

    /// <summary>Digitised curves, one per group at most: soft targets the synthesis brings a group's Kaplan–Meier curve
    /// close to (a group's <c>curve</c> in the file, or <see cref="WithCurve"/>). They are not among
    /// <see cref="Targets"/>: a curve is approached, not met.</summary>
    public ValueList<DigitizedCurve> Curves { get; }

    /// <summary>These targets with a digitised curve as a soft target for its group (replacing one the group had).</summary>
    /// <param name="curve">The curve; its <see cref="DigitizedCurve.Group"/> names the group (null: the only group).</param>
    /// <exception cref="SurvivalInputException">The curve's group is not one of <see cref="Groups"/>, or it has no group and
    /// there are several.</exception>
    public CohortTargets WithCurve(DigitizedCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        string group = curve.Group ?? (Groups.Count == 1 ? Groups[0]
            : throw new SurvivalInputException($"the curve names no group and the targets have {Groups.Count}: give each curve's group", column: "group"));
        if (!Groups.Contains(group))
            throw new SurvivalInputException($"no group of the targets has this name (the groups are: {string.Join(", ", Groups)})", column: "group", value: group);
        var named = curve.Group is null ? curve.WithGroup(group) : curve;
        return new CohortTargets(TimeUnit, Options, Groups, Targets, Constraints,
            ValueList<DigitizedCurve>.Of(Curves.Where(c => c.Group != group).Append(named).ToArray()));
    }

    /// <summary>The published number of patients of a group.</summary>
    internal int PatientsOf(string group) => (int)Targets.First(t => t.Group == group && t.Statistic == TargetStatistic.Patients).Printed.Value;

    /// <summary>The published number of events of a group, if given.</summary>
    internal int? EventsOf(string group)
        => Targets.FirstOrDefault(t => t.Group == group && t.Statistic == TargetStatistic.Events) is { } t ? (int)t.Printed.Value : null;

    /// <summary>Reads a targets file's JSON (the shape in the remarks and in docs).</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file's name, for errors.</param>
    /// <exception cref="SurvivalInputException">The JSON is malformed or a value breaks a rule; the message names the JSON
    /// path (e.g. <c>groups[1].median.lower</c>) and the value.</exception>
    public static CohortTargets Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SurvivalInputException($"not valid JSON: {e.Message}", file: source, line: e.LineNumber + 1);
        }
        using (document)
        {
            return new Reader(source).Read(document.RootElement);
        }
    }

    /// <summary>Checks a cohort against every target.</summary>
    /// <param name="cohort">The rows, grouped by the targets' group names.</param>
    /// <exception cref="SurvivalInputException">A target's group is not in the cohort.</exception>
    public TargetReport Evaluate(SurvivalData cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var levels = cohort.Group?.Levels ?? [];
        foreach (var g in Groups)
            if (!levels.Contains(g)) throw new SurvivalInputException("the cohort has no rows of this group", column: "group", value: g);
        var fit = KaplanMeier.Fit(cohort, Options);
        var results = new List<TargetResult>(Targets.Count);
        FollowUp? followUp = null;
        foreach (var t in Targets)
        {
            double? value = t.Statistic switch
            {
                TargetStatistic.FollowUpMedian => (followUp ??= FollowUp.Compute(cohort)).Median.Estimate,
                TargetStatistic.LogRankP => LogRankTest.Compute(Subset(cohort, t.Groups!)).PValue,
                TargetStatistic.HazardRatio or TargetStatistic.HazardRatioLower or TargetStatistic.HazardRatioUpper or TargetStatistic.HazardRatioP => Cox(cohort, t),
                _ => GroupValue(fit[t.Group!], t),
            };
            results.Add(new TargetResult(t, value, t.Printed.IsMetBy(value)));
        }
        return new TargetReport(ValueList<TargetResult>.Of(results));
    }

    /// <summary>The value of a group's own target (n, events, median and limits, survival or incidence at a time with
    /// limits, number at risk) on that group's curve: the one place these are read, for checking and for the search.</summary>
    internal static double? GroupValue(SurvivalCurve curve, PublishedTarget t) => t.Statistic switch
    {
        TargetStatistic.Patients => curve.N,
        TargetStatistic.Events => curve.Events,
        TargetStatistic.Median => curve.Median.Estimate,
        TargetStatistic.MedianLower => curve.Median.Lower,
        TargetStatistic.MedianUpper => curve.Median.Upper,
        TargetStatistic.Survival => curve.SurvivalAt(t.Time!.Value).Survival,
        TargetStatistic.SurvivalLower => curve.SurvivalAt(t.Time!.Value).Lower,
        TargetStatistic.SurvivalUpper => curve.SurvivalAt(t.Time!.Value).Upper,
        TargetStatistic.Incidence => 1 - curve.SurvivalAt(t.Time!.Value).Survival,
        TargetStatistic.IncidenceLower => 1 - curve.SurvivalAt(t.Time!.Value).Upper,
        TargetStatistic.IncidenceUpper => 1 - curve.SurvivalAt(t.Time!.Value).Lower,
        TargetStatistic.AtRisk => curve.NumberAtRisk(t.Time!.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t.Statistic, "not a group's own statistic"),
    };

    internal static double? Cox(SurvivalData cohort, PublishedTarget t)
    {
        var data = Subset(cohort, ValueList<string>.Of([t.Reference!, t.Group!]));
        var c = CoxRegression.Fit(data, new CovariateMatrix(data.Count).AddCategorical("group", data.Group!, t.Reference)).Coefficients[0];
        return t.Statistic switch
        {
            TargetStatistic.HazardRatio => c.HazardRatio,
            TargetStatistic.HazardRatioLower => c.Lower,
            TargetStatistic.HazardRatioUpper => c.Upper,
            _ => c.PValue,
        };
    }

    /// <summary>The rows of the named groups only, with those groups as levels in that order.</summary>
    internal static SurvivalData Subset(SurvivalData data, IReadOnlyList<string> groups)
    {
        var group = data.Group!;
        var code = groups.Select(g => group.Levels.ToList().IndexOf(g)).ToArray();
        var time = new List<double>();
        var status = new List<bool>();
        var labels = new List<int>();
        for (int i = 0; i < data.Count; i++)
        {
            int k = Array.IndexOf(code, group.Codes[i]);
            if (k < 0) continue;
            time.Add(data.Time[i]);
            status.Add(data.Event[i]);
            labels.Add(k);
        }
        return SurvivalData.FromFactors(time.ToArray(), status.ToArray(), Factor.FromCodes(labels.ToArray(), groups.ToArray(), "group"));
    }

    /// <summary>Reads the file's JSON, keeping the path of every value for errors.</summary>
    private sealed class Reader(string? source)
    {
        private SurvivalInputException Bad(string path, string reason, JsonElement? value = null)
            => new(reason, file: source, column: path, value: value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : value?.GetRawText());

        public CohortTargets Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Bad("$", "the targets file must hold a JSON object", root);
            string? unit = root.TryGetProperty("timeUnit", out var u) ? Text(u, "timeUnit") : null;
            var transform = ConfidenceIntervalTransform.Log;
            if (root.TryGetProperty("confType", out var ct))
                transform = Text(ct, "confType") switch
                {
                    "plain" => ConfidenceIntervalTransform.Plain,
                    "log" => ConfidenceIntervalTransform.Log,
                    "log-log" => ConfidenceIntervalTransform.LogLog,
                    "logit" => ConfidenceIntervalTransform.Logit,
                    "arcsin" => ConfidenceIntervalTransform.Arcsin,
                    _ => throw Bad("confType", "must be plain, log, log-log, logit or arcsin", ct),
                };
            double level = root.TryGetProperty("confLevel", out var cl) ? Number(cl, "confLevel") : 0.95;
            if (!(level > 0 && level < 1)) throw Bad("confLevel", "must be between 0 and 1", cl);
            if (!root.TryGetProperty("groups", out var groups) || groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() == 0)
                throw Bad("groups", "give at least one group: \"groups\": [ { \"name\", \"n\", … } ]", groups.ValueKind == JsonValueKind.Undefined ? null : groups);
            var names = new List<string>();
            var targets = new List<PublishedTarget>();
            int gi = 0;
            foreach (var g in groups.EnumerateArray())
            {
                string path = $"groups[{gi++}]";
                if (g.ValueKind != JsonValueKind.Object) throw Bad(path, "a group must be a JSON object", g);
                if (!g.TryGetProperty("name", out var nameElement)) throw Bad(path + ".name", "each group needs a name");
                string name = Text(nameElement, path + ".name");
                if (name.Trim().Length == 0) throw Bad(path + ".name", "the name is blank", nameElement);
                if (names.Contains(name)) throw Bad(path + ".name", "two groups have this name", nameElement);
                names.Add(name);
                if (!g.TryGetProperty("n", out var n)) throw Bad(path + ".n", "each group needs its number of patients");
                int patients = Whole(n, path + ".n", minimum: 1);
                targets.Add(new PublishedTarget(path + ".n", TargetStatistic.Patients, new PrintedNumber(PrintedKind.Rounded, patients, 0), name));
                if (g.TryGetProperty("events", out var ev))
                {
                    int events = Whole(ev, path + ".events", minimum: 0);
                    if (events > patients) throw Bad(path + ".events", $"more events than the group's {patients} patients", ev);
                    targets.Add(new PublishedTarget(path + ".events", TargetStatistic.Events, new PrintedNumber(PrintedKind.Rounded, events, 0), name));
                }
                if (g.TryGetProperty("median", out var median))
                {
                    int? decimals = Decimals(median, path + ".median");
                    foreach (var (field, statistic) in new[] { ("estimate", TargetStatistic.Median), ("lower", TargetStatistic.MedianLower), ("upper", TargetStatistic.MedianUpper) })
                        if (median.TryGetProperty(field, out var v))
                            targets.Add(new PublishedTarget($"{path}.median.{field}", statistic, Printed(v, $"{path}.median.{field}", decimals, time: true), name));
                }
                foreach (var (member, statistics) in new[]
                {
                    ("survivalAt", new[] { TargetStatistic.Survival, TargetStatistic.SurvivalLower, TargetStatistic.SurvivalUpper }),
                    ("incidenceAt", new[] { TargetStatistic.Incidence, TargetStatistic.IncidenceLower, TargetStatistic.IncidenceUpper }),
                })
                {
                    if (!g.TryGetProperty(member, out var landmarks)) continue;
                    int li = 0;
                    foreach (var l in Array(landmarks, $"{path}.{member}"))
                    {
                        string lp = $"{path}.{member}[{li++}]";
                        double time = Time(l, lp);
                        int? decimals = Decimals(l, lp);
                        string[] fields = ["estimate", "lower", "upper"];
                        for (int f = 0; f < 3; f++)
                            if (l.TryGetProperty(fields[f], out var v))
                            {
                                var printed = Printed(v, $"{lp}.{fields[f]}", decimals, time: false);
                                if (printed.Kind == PrintedKind.Rounded && (printed.Value < 0 || printed.Value > 1))
                                    throw Bad($"{lp}.{fields[f]}", "a probability must be between 0 and 1", v);
                                targets.Add(new PublishedTarget($"{lp}.{fields[f]}", statistics[f], printed, name, time));
                            }
                    }
                }
                if (g.TryGetProperty("atRisk", out var atRisk))
                {
                    int ai = 0;
                    foreach (var a in Array(atRisk, path + ".atRisk"))
                    {
                        string ap = $"{path}.atRisk[{ai++}]";
                        double time = Time(a, ap);
                        if (!a.TryGetProperty("n", out var an)) throw Bad(ap + ".n", "each at-risk entry needs its number n");
                        int count = Whole(an, ap + ".n", minimum: 0);
                        if (count > patients) throw Bad(ap + ".n", $"more at risk than the group's {patients} patients", an);
                        targets.Add(new PublishedTarget(ap, TargetStatistic.AtRisk, new PrintedNumber(PrintedKind.Rounded, count, 0), name, time));
                    }
                }
            }
            if (root.TryGetProperty("comparisons", out var comparisons))
            {
                int ci = 0;
                foreach (var c in Array(comparisons, "comparisons"))
                {
                    string cp = $"comparisons[{ci++}]";
                    if (!c.TryGetProperty("test", out var test)) throw Bad(cp + ".test", "name the test: logrank or cox");
                    int? decimals = Decimals(c, cp);
                    switch (Text(test, cp + ".test"))
                    {
                        case "logrank":
                            if (!c.TryGetProperty("groups", out var lg)) throw Bad(cp + ".groups", "name the groups the test compares");
                            var compared = Array(lg, cp + ".groups").Select((x, i) => Known(x, $"{cp}.groups[{i}]", names)).ToArray();
                            if (compared.Length < 2 || compared.Distinct().Count() != compared.Length)
                                throw Bad(cp + ".groups", "name two or more different groups", lg);
                            if (c.TryGetProperty("pValue", out var lp))
                                targets.Add(new PublishedTarget(cp + ".pValue", TargetStatistic.LogRankP, Printed(lp, cp + ".pValue", decimals, time: false), Groups: ValueList<string>.Of(compared)));
                            break;
                        case "cox":
                            if (!c.TryGetProperty("reference", out var re)) throw Bad(cp + ".reference", "name the reference group");
                            if (!c.TryGetProperty("group", out var gr)) throw Bad(cp + ".group", "name the group compared with the reference");
                            string reference = Known(re, cp + ".reference", names), group = Known(gr, cp + ".group", names);
                            if (reference == group) throw Bad(cp + ".group", "the group is the reference", gr);
                            foreach (var (field, statistic) in new[] { ("hazardRatio", TargetStatistic.HazardRatio), ("lower", TargetStatistic.HazardRatioLower),
                                ("upper", TargetStatistic.HazardRatioUpper), ("pValue", TargetStatistic.HazardRatioP) })
                                if (c.TryGetProperty(field, out var v))
                                    targets.Add(new PublishedTarget($"{cp}.{field}", statistic, Printed(v, $"{cp}.{field}", decimals, time: false), group, Reference: reference));
                            break;
                        default:
                            throw Bad(cp + ".test", "must be logrank or cox", test);
                    }
                }
            }
            if (root.TryGetProperty("followUp", out var followUp) && followUp.TryGetProperty("median", out var fm))
                targets.Add(new PublishedTarget("followUp.median", TargetStatistic.FollowUpMedian, Printed(fm, "followUp.median", Decimals(followUp, "followUp"), time: true)));
            var limits = root.TryGetProperty("constraints", out var constraints) ? Constraints(constraints) : SynthesisConstraints.None;
            var curves = new List<DigitizedCurve>();
            gi = 0;
            foreach (var g in groups.EnumerateArray())
            {
                string path = $"groups[{gi++}].curve";
                if (g.TryGetProperty("curve", out var curve)) curves.Add(Curve(curve, path, names[gi - 1]));
            }
            return new CohortTargets(unit, new KaplanMeierOptions { Transform = transform, ConfidenceLevel = level },
                ValueList<string>.Of(names), ValueList<PublishedTarget>.Of(targets), limits, ValueList<DigitizedCurve>.Of(curves));
        }

        private SynthesisConstraints Constraints(JsonElement c)
        {
            if (c.ValueKind != JsonValueKind.Object) throw Bad("constraints", "must be a JSON object", c);
            double? Positive(string field, bool zero)
            {
                if (!c.TryGetProperty(field, out var e)) return null;
                double v = Number(e, "constraints." + field);
                return v > 0 || (zero && v == 0) ? v : throw Bad("constraints." + field, zero ? "must be ≥ 0" : "must be > 0", e);
            }
            double? maxTime = Positive("maxTime", zero: false), minTime = Positive("minTime", zero: true);
            double? accrual = Positive("accrual", zero: true), cutOff = Positive("cutOff", zero: false);
            int? lost = c.TryGetProperty("lostToFollowUp", out var l) ? Whole(l, "constraints.lostToFollowUp", minimum: 0) : null;
            if (maxTime is double max && minTime is double min && min > max) throw Bad("constraints.minTime", $"is above maxTime {max}", c.GetProperty("minTime"));
            if (cutOff is null && (accrual is not null || lost is not null))
                throw Bad(accrual is not null ? "constraints.accrual" : "constraints.lostToFollowUp", "needs constraints.cutOff (administrative censoring at a cut-off)",
                    accrual is not null ? c.GetProperty("accrual") : l);
            if (cutOff is double cut)
            {
                if (accrual >= cut) throw Bad("constraints.accrual", $"must be shorter than the cut-off {cut}", c.GetProperty("accrual"));
                if (maxTime > cut) throw Bad("constraints.maxTime", $"is after the cut-off {cut}: no one is followed beyond it", c.GetProperty("maxTime"));
            }
            return new SynthesisConstraints(maxTime, minTime, accrual, cutOff, lost);
        }

        /// <summary>A group's digitised curve: an array of { time, survival } (or { time, incidence }).</summary>
        private DigitizedCurve Curve(JsonElement e, string path, string group)
        {
            var times = new List<double>();
            var values = new List<double>();
            bool? incidence = null;
            int k = 0;
            foreach (var p in Array(e, path))
            {
                string pp = $"{path}[{k++}]";
                if (p.ValueKind != JsonValueKind.Object) throw Bad(pp, "a curve point must be a JSON object { \"time\", \"survival\" }", p);
                bool hasSurvival = p.TryGetProperty("survival", out var s), hasIncidence = p.TryGetProperty("incidence", out var ci);
                if (hasSurvival == hasIncidence) throw Bad(pp, "give either survival or incidence", p);
                if (incidence is bool before && before != hasIncidence) throw Bad(pp, "one curve is either survival or incidence throughout", p);
                incidence = hasIncidence;
                times.Add(Time(p, pp));
                values.Add(Number(hasSurvival ? s : ci, pp + (hasSurvival ? ".survival" : ".incidence")));
            }
            try
            {
                return DigitizedCurve.Create(times, values, group, kind: incidence == true ? CurveKind.CumulativeIncidence : CurveKind.Survival);
            }
            catch (SurvivalInputException x)
            {
                throw Bad(x.Row is long row ? $"{path}[{row - 1}]" : path, x.Reason);
            }
        }

        private string Known(JsonElement e, string path, List<string> names)
        {
            string name = Text(e, path);
            return names.Contains(name) ? name : throw Bad(path, $"no group has this name (the groups are: {string.Join(", ", names)})", e);
        }

        private IEnumerable<JsonElement> Array(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : throw Bad(path, "must be a JSON array", e);

        private string Text(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad(path, "must be a string", e);

        private double Number(JsonElement e, string path)
            => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Bad(path, "must be a number", e);

        private int Whole(JsonElement e, string path, int minimum)
        {
            double v = Number(e, path);
            return v == Math.Floor(v) && v >= minimum && v <= int.MaxValue ? (int)v : throw Bad(path, $"must be a whole number ≥ {minimum}", e);
        }

        private double Time(JsonElement e, string path)
        {
            if (!e.TryGetProperty("time", out var t)) throw Bad(path + ".time", "each entry needs its time");
            double time = Number(t, path + ".time");
            return time >= 0 ? time : throw Bad(path + ".time", "a time must be ≥ 0", t);
        }

        private int? Decimals(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Bad(path, "must be a JSON object", e);
            return e.TryGetProperty("decimals", out var d) ? Math.Min(Whole(d, path + ".decimals", minimum: 0), 15) : null;
        }

        /// <summary>A printed number: a JSON number (its decimals given, or as written), "NR", or "&lt;bound".</summary>
        private PrintedNumber Printed(JsonElement e, string path, int? decimals, bool time)
        {
            if (e.ValueKind == JsonValueKind.Number)
            {
                double v = Number(e, path);
                if (time && v < 0) throw Bad(path, "a time must be ≥ 0", e);
                return new PrintedNumber(PrintedKind.Rounded, v, decimals ?? WrittenDecimals(e.GetRawText()));
            }
            if (e.ValueKind == JsonValueKind.String)
            {
                string s = e.GetString()!.Replace(" ", "", StringComparison.Ordinal);
                if (s.Equals("NR", StringComparison.OrdinalIgnoreCase)) return new PrintedNumber(PrintedKind.NotReached, double.NaN, 0);
                if (s.StartsWith('<') && double.TryParse(s[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out double bound) && double.IsFinite(bound))
                    return new PrintedNumber(PrintedKind.Below, bound, decimals ?? WrittenDecimals(s[1..]));
            }
            throw Bad(path, "must be a number, \"NR\" or \"<bound\" (e.g. \"<0.001\")", e);
        }

        private static int WrittenDecimals(string text)
        {
            int dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || text.Contains('e', StringComparison.OrdinalIgnoreCase)) return 0;
            return text.Length - dot - 1;
        }
    }
}
