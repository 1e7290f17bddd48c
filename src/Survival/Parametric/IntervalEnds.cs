namespace Survival.Parametric;

/// <summary>Interval-censored rows on the scale of an AFT model (log t or t): each row's start (its left end, or its right
/// end for a left-censored row, as survreg's first column), its other end, its midpoint (survreg's start value) and kind.</summary>
internal sealed class IntervalEnds
{
    private IntervalEnds(double[] start, double[] end, double[] midpoint, IntervalKind[] kind, double lastObserved)
    {
        Start = start;
        End = end;
        Midpoint = midpoint;
        Kind = kind;
        LastObserved = lastObserved;
    }

    /// <summary>For exact and right-censored rows the time; for interval rows the left end (−∞ on the log scale for a
    /// left end of 0, and for a left-censored row).</summary>
    public double[] Start { get; }

    /// <summary>The right end of interval- and left-censored rows (unused for the others).</summary>
    public double[] End { get; }

    /// <summary>survreg's starting y: the midpoint of an interval row on the model's scale, the right end of a
    /// left-censored row, the time otherwise.</summary>
    public double[] Midpoint { get; }

    /// <summary>Each row's kind (a row whose log-scale left end is −∞ is left-censored here).</summary>
    public IntervalKind[] Kind { get; }

    /// <summary>The largest finite end (the last time the data say anything about).</summary>
    public double LastObserved { get; }

    /// <summary>Whether row i's likelihood is F(z_r) − F(z_l) (interval- and left-censored rows).</summary>
    public bool IsCensoredInInterval(int i) => Kind[i] is IntervalKind.Interval or IntervalKind.LeftCensored;

    /// <summary>The ends of interval-censored data on the model's scale.</summary>
    /// <remarks>On the log scale an interval (0, r] is left-censored at r (its likelihood F(r) − F(0) is F(r)); R's
    /// <c>survreg</c> stops there ("Invalid survival times for this distribution"), the library fits it. An exact time of 0 is
    /// an error on the log scale, as for right-censored data.</remarks>
    public static IntervalEnds Of(SurvivalData data, bool logScale)
    {
        int n = data.Count;
        var start = new double[n];
        var end = new double[n];
        var mid = new double[n];
        var kind = data.Kinds.ToArray();
        double last = 0;
        for (int i = 0; i < n; i++)
        {
            double l = data.Time[i], r = data.Upper[i];
            if (double.IsFinite(r)) last = Math.Max(last, r);
            last = Math.Max(last, l);
            double Scale(double t) => logScale ? (t > 0 ? Math.Log(t) : double.NegativeInfinity) : t;
            switch (kind[i])
            {
                case IntervalKind.Exact:
                case IntervalKind.RightCensored:
                    if (logScale && !(l > 0))
                        throw new SurvivalInputException(kind[i] == IntervalKind.Exact ? "the log-scale AFT models need exact times > 0" : "the log-scale AFT models need right-censored times > 0",
                            column: "left", value: SurvivalData.Format(l), row: i + 1, input: DataColumn.Time);
                    start[i] = mid[i] = Scale(l);
                    break;
                case IntervalKind.LeftCensored:
                    start[i] = double.NegativeInfinity;
                    end[i] = mid[i] = Scale(r);
                    if (double.IsNegativeInfinity(end[i]))
                        throw new SurvivalInputException("a left-censored time of 0 says the event was at or before 0: the log-scale AFT models cannot take it",
                            column: "right", value: SurvivalData.Format(r), row: i + 1, input: DataColumn.Upper);
                    break;
                default:
                    start[i] = Scale(l);
                    end[i] = Scale(r);
                    if (double.IsNegativeInfinity(start[i])) { kind[i] = IntervalKind.LeftCensored; mid[i] = end[i]; }
                    else mid[i] = 0.5 * (start[i] + end[i]);
                    break;
            }
            // survreg's start for a left-censored row is its right end (its first column).
            if (kind[i] == IntervalKind.LeftCensored) start[i] = double.NegativeInfinity;
        }
        return new IntervalEnds(start, end, mid, kind, last);
    }
}
