using PaperAnalysis;

namespace CohortSynthesis;

/// <summary>
/// Builds a synthetic 64-patient cohort whose analysis reproduces the paper's numbers: a seeded simulated-annealing
/// search over day-level dates and over the assignment of baseline characteristics, whose objective is the distance
/// of every <see cref="PaperTargets"/> value, computed by <see cref="Reproduction"/> (this library's estimators on
/// endpoints derived from the dates), from the window that rounds to the reported number.
/// </summary>
/// <remarks>
/// Structure fixed by the paper and kept by every move: 50 standard- and 14 high-risk patients; Table 1 counts;
/// 22 progressions and 10 deaths (the split between deaths after and without progression is searched); 19 patients on study at the cut-off (last contact =
/// 2020-10-01) and 19 who left the study alive without progression; maintenance starts 60–180 days after transplant
/// and between 2012-12-04 and 2015-05-13; no date after the cut-off. The search is single-threaded and seeded, so the
/// same seed writes the same file.
/// </remarks>
internal sealed class Synthesizer
{
    private const int N = 64;
    private const int EnrolmentDays = 890;    // 2012-12-04 .. 2015-05-13
    private const int CutOffDay = 2858;       // 2020-10-01, as days after 2012-12-04
    private static readonly DateOnly Day0 = new(2012, 12, 4);

    private enum Kind { OnStudy, LeftAlive, ProgressedAlive, ProgressedDied, Died }

    private sealed class Patient
    {
        public Kind Kind;
        public bool High;
        public string Iss = "", RIss = "", Age = "", Sex = "", Isotype = "", Baseline = "", Best = "";
        public int Maint, Gap, Pfs, Os, Ttr; // Pfs and Os in days from transplant; Ttr in days from maintenance start
        public Patient Clone() => (Patient)MemberwiseClone();
    }

    private readonly Random _random;
    private Patient[] _patients;

    public Synthesizer(int seed)
    {
        _random = new Random(seed);
        _patients = Initial();
        if (Problem(_patients) is { } why) throw new InvalidOperationException("the initial cohort breaks a rule of the design: " + why);
    }

    /// <summary>The targets the final cohort meets and misses.</summary>
    public IReadOnlyList<TargetCheck> Checks => Reproduction.Check(Rows().Select(r => r.ToPatient()).ToArray());

    /// <summary>Runs the search for <paramref name="iterations"/> steps; reports progress every so often.</summary>
    public double Run(int iterations, Action<int, double, int>? progress = null)
    {
        // Annealing in rounds: each round restarts from the best cohort so far at a lower temperature.
        double bestLoss = double.PositiveInfinity;
        double[] starts = [3.0, 1.0, 0.3, 0.1];
        for (int round = 0; round < starts.Length; round++)
            bestLoss = Anneal(iterations / starts.Length, starts[round], round * (iterations / starts.Length), progress);
        return Polish(progress is null ? null : (sweep, loss, missed) => progress(iterations + sweep, loss, missed));
    }

    /// <summary>Greedy coordinate descent after annealing: every single-date change of every patient, by steps of
    /// 1 to 233 days either way, kept when it lowers the loss; sweeps until none does (at most 8 sweeps).</summary>
    private double Polish(Action<int, double, int>? progress)
    {
        double loss = Loss(_patients, out int missed);
        int[] steps = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233];
        for (int sweep = 0; sweep < 8; sweep++)
        {
            bool improved = false;
            for (int i = 0; i < N; i++)
            {
                for (int field = 0; field < 6; field++)
                {
                    foreach (int step in steps)
                    {
                        foreach (int sign in (int[])[1, -1])
                        {
                            var candidate = Copy(_patients);
                            Shift(candidate[i], field, sign * step);
                            if (!Valid(candidate)) continue;
                            double l = Loss(candidate, out int m);
                            if (l < loss - 1e-12)
                            {
                                _patients = candidate;
                                loss = l;
                                missed = m;
                                improved = true;
                            }
                        }
                    }
                }
            }
            progress?.Invoke(sweep, loss, missed);
            if (!improved) break;
        }
        return loss;
    }

    private static void Shift(Patient p, int field, int delta)
    {
        switch (field)
        {
            case 0: p.Pfs += delta; break;
            case 1: p.Os += delta; break;
            case 2: p.Ttr += delta; break;
            case 3: p.Gap += delta; break;
            case 4: p.Maint += delta; break;
            default: p.Pfs += delta; p.Os += delta; break;
        }
    }

    private double Anneal(int iterations, double t0, int offset, Action<int, double, int>? progress)
    {
        double loss = Loss(_patients, out int missed);
        var best = Copy(_patients);
        double bestLoss = loss;
        const double t1 = 0.002;
        for (int it = 0; it < iterations; it++)
        {
            double temperature = t0 * Math.Pow(t1 / t0, (double)it / iterations);
            var candidate = Copy(_patients);
            if (!Move(candidate) || !Valid(candidate)) continue;
            double l = Loss(candidate, out int m);
            if (l <= loss || _random.NextDouble() < Math.Exp((loss - l) / temperature))
            {
                _patients = candidate;
                loss = l;
                missed = m;
                if (l < bestLoss) { bestLoss = l; best = Copy(candidate); }
            }
            if (progress is not null && it % 2000 == 0) progress(offset + it, bestLoss, missed);
        }
        _patients = best;
        return bestLoss;
    }

    /// <summary>The cohort as file rows, ids P01..P64 in transplant-date order.</summary>
    public IReadOnlyList<CohortFile.Row> Rows() => ToRows(_patients);

    private static IReadOnlyList<CohortFile.Row> ToRows(Patient[] patients)
    {
        var ordered = patients.OrderBy(p => p.Maint - p.Gap).ThenBy(p => p.Os).ThenBy(p => p.Pfs).ToArray();
        var rows = new CohortFile.Row[N];
        for (int i = 0; i < N; i++)
        {
            var p = ordered[i];
            var transplant = Day0.AddDays(p.Maint - p.Gap);
            var maintenance = Day0.AddDays(p.Maint);
            bool progressed = p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied;
            bool died = p.Kind is Kind.ProgressedDied or Kind.Died;
            int os = p.Kind == Kind.OnStudy ? CutOffDay - (p.Maint - p.Gap) : p.Os;
            bool responder = TrialPatient.Rank(p.Best) <= TrialPatient.Rank("PR");
            bool improved = TrialPatient.Rank(p.Best) < TrialPatient.Rank(p.Baseline);
            DateOnly? response = responder ? maintenance.AddDays(improved ? p.Ttr : 0) : null;
            rows[i] = new CohortFile.Row($"P{i + 1:00}", transplant, maintenance, response,
                progressed ? transplant.AddDays(p.Pfs) : null, died ? transplant.AddDays(os) : null, transplant.AddDays(os),
                p.Baseline, p.Best, p.High ? "high" : "standard", p.Iss, p.RIss, p.Age, p.Sex, p.Isotype);
        }
        return rows;
    }

    private static double Loss(Patient[] patients, out int missed)
    {
        var cohort = ToRows(patients).Select(r => r.ToPatient()).ToArray();
        var checks = Reproduction.Check(cohort);
        double loss = 0;
        missed = 0;
        var byId = new Dictionary<string, TargetCheck>(StringComparer.Ordinal);
        foreach (var c in checks)
        {
            byId[c.Target.Id] = c;
            double d = c.Target.Distance(c.Reproduced);
            if (d > 0) missed++;
            loss += d;
        }
        return loss + Guidance(cohort, byId);
    }

    /// <summary>
    /// Smooth hints for the targets whose distance is flat (a median that should or should not exist): how far the
    /// curve is from 0.5 at the reported median, or how far its lowest point is below 0.5.
    /// </summary>
    private static double Guidance(TrialPatient[] cohort, Dictionary<string, TargetCheck> checks)
    {
        double g = 0;
        var responders = cohort.Where(p => p.Endpoints.DurationOfResponse is not null).ToArray();
        (string Id, TrialPatient[] Who, Func<TrialPatient, Survival.Endpoints.EventTime> Endpoint)[] medians =
        [
            ("pfs.all", cohort, p => p.Endpoints.ProgressionFreeSurvival),
            ("pfs.high", cohort.Where(p => p.Risk == "high").ToArray(), p => p.Endpoints.ProgressionFreeSurvival),
            ("pfs.standard", cohort.Where(p => p.Risk == "standard").ToArray(), p => p.Endpoints.ProgressionFreeSurvival),
            ("pfs.iss3", cohort.Where(p => p.Iss == "III").ToArray(), p => p.Endpoints.ProgressionFreeSurvival),
            ("pfs.iss1", cohort.Where(p => p.Iss == "I").ToArray(), p => p.Endpoints.ProgressionFreeSurvival),
            ("os", cohort, p => p.Endpoints.OverallSurvival),
            ("dor.all", responders, p => p.Endpoints.DurationOfResponse!.Value),
            ("dor.standard", responders.Where(p => p.Risk == "standard").ToArray(), p => p.Endpoints.DurationOfResponse!.Value),
            ("dor.high", responders.Where(p => p.Risk == "high").ToArray(), p => p.Endpoints.DurationOfResponse!.Value),
        ];
        foreach (var (id, who, endpoint) in medians)
        {
            if (!checks.TryGetValue(id + ".median", out var check) || check.Met || who.Length == 0) continue;
            var curve = Survival.Estimation.KaplanMeier.Fit(Reproduction.Data(who, endpoint)).Curves[0];
            if (check.Target.Kind == TargetKind.NotReached)
                g += 20 * Math.Max(0, 0.52 - curve.Steps[^1].Survival);
            else
                g += (id == "pfs.all" ? 100 : 40) * Math.Abs(curve.SurvivalProbability(check.Target.Value) - 0.5);
        }
        return g;
    }

    private static Patient[] Copy(Patient[] patients) => patients.Select(p => p.Clone()).ToArray();

    /// <summary>Every rule of the remarks, and the orders of dates that endpoints require.</summary>
    private static bool Valid(Patient[] patients) => Problem(patients) is null;

    /// <summary>The first broken rule, or null.</summary>
    private static string? Problem(Patient[] patients)
    {
        bool highNonResponder = false;
        foreach (var p in patients)
        {
            if (p.Maint < 0 || p.Maint > EnrolmentDays || p.Gap < 60 || p.Gap > 180) return "enrolment or gap";
            int transplant = p.Maint - p.Gap;
            int os = p.Kind == Kind.OnStudy ? CutOffDay - transplant : p.Os;
            if (os < 30 || transplant + os > CutOffDay) return "os window";
            if (p.Kind == Kind.LeftAlive && transplant + os >= CutOffDay - 30) return "left alive at cut-off";
            int pfs = p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied ? p.Pfs : os;
            if (p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied && (pfs < 30 || pfs > os || (p.Kind == Kind.ProgressedAlive && pfs == os))) return "progression order";
            bool responder = TrialPatient.Rank(p.Best) <= TrialPatient.Rank("PR");
            bool improved = TrialPatient.Rank(p.Best) < TrialPatient.Rank(p.Baseline);
            if (!responder && p.High) highNonResponder = true;
            int response = p.Gap + (improved ? p.Ttr : 0);
            if (responder && response >= pfs) return "response after event";
            if (improved && (p.Ttr < 20 || p.Ttr > 1600)) return "time to response";
        }
        return highNonResponder ? null : "no high-risk non-responder";
    }

    private bool Move(Patient[] ps)
    {
        int a = _random.Next(N), b = _random.Next(N);
        switch (_random.Next(11))
        {
            case 10:
                {
                    // Trade a death after progression for a death without one, keeping 22 progressions: one patient who
                    // died after progressing now dies without progressing, and one who left alive now progresses
                    // (or the reverse).
                    var (pa, pb) = (ps[a], ps[b]);
                    if (pa.Kind == Kind.ProgressedDied && pb.Kind == Kind.LeftAlive)
                    {
                        pa.Kind = Kind.Died;
                        pa.Pfs = pa.Os;
                        pb.Kind = Kind.ProgressedAlive;
                        pb.Pfs = pb.Gap + (pb.Os - pb.Gap) / 2;
                        return true;
                    }
                    if (pa.Kind == Kind.Died && pb.Kind == Kind.ProgressedAlive)
                    {
                        pa.Kind = Kind.ProgressedDied;
                        pa.Pfs = Math.Max(pa.Gap + pa.Ttr + 1, pa.Os - 60);
                        pb.Kind = Kind.LeftAlive;
                        pb.Pfs = pb.Os;
                        return true;
                    }
                    return false;
                }
            case 0:
            case 1:
            case 2:
            case 3:
                {
                    int[] steps = [1, 2, 5, 15, 45, 120];
                    int delta = steps[_random.Next(steps.Length)] * (_random.Next(2) == 0 ? -1 : 1);
                    var p = ps[a];
                    switch (_random.Next(6))
                    {
                        case 5: p.Pfs += delta; p.Os += delta; break;
                        case 0: p.Pfs += delta; break;
                        case 1: p.Os += delta; break;
                        case 2: p.Ttr += delta; break;
                        case 3: p.Gap += delta; break;
                        default: p.Maint += delta; break;
                    }
                    return true;
                }
            case 4:
                if (ps[a].High == ps[b].High) return false;
                (ps[a].High, ps[b].High) = (ps[b].High, ps[a].High);
                return true;
            case 5:
                (ps[a].Iss, ps[b].Iss) = (ps[b].Iss, ps[a].Iss);
                return ps[a].Iss != ps[b].Iss;
            case 6:
                (ps[a].RIss, ps[b].RIss) = (ps[b].RIss, ps[a].RIss);
                return ps[a].RIss != ps[b].RIss;
            case 7:
                (ps[a].Baseline, ps[b].Baseline) = (ps[b].Baseline, ps[a].Baseline);
                (ps[a].Best, ps[b].Best) = (ps[b].Best, ps[a].Best);
                (ps[a].Ttr, ps[b].Ttr) = (ps[b].Ttr, ps[a].Ttr);
                return true;
            default:
                {
                    // Swap the courses (kind and times) of two patients, keeping their characteristics.
                    var (pa, pb) = (ps[a], ps[b]);
                    (pa.Kind, pb.Kind) = (pb.Kind, pa.Kind);
                    (pa.Pfs, pb.Pfs) = (pb.Pfs, pa.Pfs);
                    (pa.Os, pb.Os) = (pb.Os, pa.Os);
                    (pa.Maint, pb.Maint) = (pb.Maint, pa.Maint);
                    (pa.Gap, pb.Gap) = (pb.Gap, pa.Gap);
                    return a != b;
                }
        }
    }

    /// <summary>A plausible start: Table 1's categories dealt out by a seeded shuffle and courses of the right kinds.</summary>
    private Patient[] Initial()
    {
        var kinds = Repeat((Kind.OnStudy, 19), (Kind.LeftAlive, 19), (Kind.ProgressedAlive, 16), (Kind.ProgressedDied, 6), (Kind.Died, 4));
        var iss = Shuffle(Repeat(("I", 33), ("II", 13), ("III", 9), ("unknown", 9)));
        var riss = Shuffle(Repeat(("I", 17), ("II", 20), ("III", 3), ("unknown", 24)));
        var age = Shuffle(Repeat(("<60", 23), (">=60", 41)));
        var sex = Shuffle(Repeat(("female", 22), ("male", 42)));
        var isotype = Shuffle(Repeat(("IgG-kappa", 31), ("IgG-lambda", 12), ("IgA-kappa", 5), ("IgA-lambda", 7), ("kappa-LC", 7), ("lambda-LC", 2)));
        // Table 1's baseline responses (CR 3, VGPR 39, PR 18, SD 2, PD 1, unknown 1) and the text's improvements.
        var responses = Repeat((("CR", "CR"), 3), (("VGPR", "CR"), 16), (("VGPR", "VGPR"), 23), (("PR", "VGPR"), 6), (("PR", "CR"), 7),
            (("PR", "PR"), 5), (("SD", "CR"), 1), (("SD", "VGPR"), 1), (("PD", "PD"), 1), (("unknown", "unknown"), 1));
        // Non-responders last, so that the high-risk block (the last 14) holds them.
        var ps = new Patient[N];
        var kindOrder = Shuffle(kinds);
        for (int i = 0; i < N; i++)
        {
            var (baseline, best) = responses[i];
            var p = new Patient
            {
                Kind = kindOrder[i], High = i >= N - 14, Iss = iss[i], RIss = riss[i], Age = age[i], Sex = sex[i], Isotype = isotype[i],
                Baseline = baseline, Best = best, Gap = 60 + _random.Next(121), Maint = _random.Next(EnrolmentDays + 1),
                Ttr = 30 + _random.Next(600),
            };
            int transplant = p.Maint - p.Gap;
            int room = CutOffDay - transplant;
            p.Os = p.Kind switch
            {
                Kind.LeftAlive => 800 + _random.Next(Math.Max(1, room - 830)),
                _ => Math.Max(700, room - _random.Next(600)),
            };
            p.Os = Math.Min(p.Os, room);
            p.Pfs = p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied ? Math.Max(p.Gap + p.Ttr + 30, p.Os / 2) : p.Os;
            ps[i] = p;
        }
        // High-risk patients progress early (the paper's median is 25 months): give the high-risk block the
        // progressions, earliest first.
        var progressions = ps.Where(p => p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied).ToList();
        for (int i = N - 14, k = 0; i < N && k < progressions.Count; i++)
        {
            if (ps[i].Kind is Kind.ProgressedAlive or Kind.ProgressedDied) continue;
            var q = progressions[k++];
            (ps[i].Kind, q.Kind) = (q.Kind, ps[i].Kind);
            (ps[i].Pfs, q.Pfs) = (q.Pfs, ps[i].Pfs);
            (ps[i].Os, q.Os) = (q.Os, ps[i].Os);
            if (k >= 9) break;
        }
        // Deaths: five in the first two years (3-year OS is 59/64 with no censoring before), two in years 3–5,
        // three later (10 in all).
        int[] deathDays = [200, 350, 480, 600, 740, 1250, 1600, 1950, 2100, 2250];
        var dying = ps.Where(p => p.Kind is Kind.ProgressedDied or Kind.Died).OrderBy(p => p.High ? 0 : 1).ToArray();
        for (int k = 0; k < dying.Length; k++)
        {
            var p = dying[k];
            p.Maint = Math.Min(p.Maint, 500);
            p.Os = deathDays[k];
            p.Pfs = p.Kind == Kind.ProgressedDied ? Math.Max(p.Gap + 60, p.Os - 150) : p.Os;
        }
        // The high-risk block as the targets pin it: 7 events give S = 0.5 with the 5th at 13.5 months (where the lower
        // band crosses 0.5) and the 7th and 8th summing to 1547 days (median 25.41); one censoring, then a 9th event just
        // before 5 years with 5 at risk (5-year PFS 0.343, limits 0.16–0.72); four followed past 5 years.
        int[] highEvents = [150, 250, 330, 370, 411, 560, 760, 787, 1823];
        var high = ps.Where(p => p.High).OrderBy(p => p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied or Kind.Died ? 0 : 1).ToArray();
        for (int k = 0; k < high.Length && k < highEvents.Length; k++)
        {
            var p = high[k];
            p.Gap = 60 + _random.Next(20);
            p.Ttr = 30;
            if (p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied) { p.Pfs = highEvents[k]; p.Os = Math.Max(p.Os, p.Pfs + 100); }
            else if (p.Kind == Kind.Died) { p.Os = highEvents[k]; p.Pfs = p.Os; }
        }
        foreach (var p in ps)
        {
            // Repair: dates within the data, the best response before the first event.
            int room = CutOffDay - (p.Maint - p.Gap);
            bool progressed = p.Kind is Kind.ProgressedAlive or Kind.ProgressedDied;
            p.Os = Math.Min(p.Os, p.Kind == Kind.LeftAlive ? room - 60 : room);
            if (!progressed) p.Pfs = p.Os;
            else p.Pfs = Math.Min(p.Pfs, p.Os - 1);
            if (p.Pfs < p.Gap + 60)
            {
                p.Pfs = p.Gap + 60;
                if (!progressed || p.Os <= p.Pfs) p.Os = Math.Max(p.Os, p.Pfs + 1);
                if (!progressed) p.Pfs = p.Os;
            }
            p.Ttr = Math.Clamp(p.Ttr, 30, p.Pfs - p.Gap - 1);
        }
        return ps;
    }

    private static T[] Repeat<T>(params (T Value, int Count)[] parts) => parts.SelectMany(p => Enumerable.Repeat(p.Value, p.Count)).ToArray();

    private T[] Shuffle<T>(T[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
