namespace Survival.Regression;

/// <summary>
/// The baseline hazard of a fitted Cox model at its event times, with the pieces that residuals and predicted curves
/// need (R's <c>agsurv</c> and <c>agmart3</c> quantities), from one walk over the risk sets at β.
/// </summary>
/// <remarks>
/// At an event time with m tied deaths of total weight D, mean weight w̄ = D/m, Efron's k-th denominator (k = 0…m−1) is
/// S0 − (k/m) E0 with mean x̄ₖ = (S1 − (k/m) E1)/(S0 − (k/m) E0) (Breslow: one term, m = 1, w̄ = D). Then the hazard
/// increment h = Σₖ w̄/denₖ, the increment a tied death itself experiences eh = Σₖ (1 − k/m) w̄/denₖ, the x̄-weighted
/// increment hx = Σₖ w̄ x̄ₖ/denₖ (the d(t) term of the curve's variance), the Schoenfeld mean x̄* = Σₖ x̄ₖ/m and the
/// variance increment Σₖ w̄/denₖ². Cumulative sums run forward in time within a stratum. Therneau &amp; Grambsch (2000),
/// §§ 3.3, 4.2, 10.2; R survival <c>agsurv</c>, <c>coxmart</c>, <c>coxscho</c>.
/// </remarks>
internal sealed class CoxEventTable
{
    public int Count { get; }
    public double[] Time { get; }
    public int[] Stratum { get; }
    /// <summary>The sorted rows that exit at each event time: [DeathStart, DeathEnd).</summary>
    public int[] DeathStart { get; }
    public int[] DeathEnd { get; }
    public double[] Hazard { get; }
    public double[] DeathHazard { get; }
    public double[] VarianceIncrement { get; }
    public double[] AtRiskWeight { get; }
    public double[] DeadWeight { get; }
    /// <summary>hx per event (row-major, q per event).</summary>
    public double[] HazardX { get; }
    /// <summary>ehx per event (row-major).</summary>
    public double[] DeathHazardX { get; }
    /// <summary>x̄* per event (row-major).</summary>
    public double[] MeanX { get; }
    /// <summary>Cumulative hazard H(tₖ) through each event time within its stratum.</summary>
    public double[] CumulativeHazard { get; }
    /// <summary>Cumulative hx (row-major).</summary>
    public double[] CumulativeHazardX { get; }
    /// <summary>Cumulative variance increments.</summary>
    public double[] CumulativeVariance { get; }
    public int Q { get; }

    public CoxEventTable(CoxRiskSets sets, int[] columns, double[] eta, CoxTies ties)
    {
        int q = columns.Length;
        var time = new List<double>();
        var stratum = new List<int>();
        var ds = new List<int>();
        var de = new List<int>();
        var h = new List<double>();
        var eh = new List<double>();
        var vh = new List<double>();
        var atRisk = new List<double>();
        var dead = new List<double>();
        var hx = new List<double>();
        var ehx = new List<double>();
        var mx = new List<double>();
        var xk = new double[q];
        sets.Sweep(columns, eta, false, s =>
        {
            time.Add(s.Time);
            stratum.Add(s.Stratum);
            ds.Add(s.DeathStart);
            de.Add(s.DeathEnd);
            atRisk.Add(s.AtRiskWeight);
            dead.Add(s.DeadWeight);
            bool efron = ties == CoxTies.Efron && s.Deaths > 1;
            int m = efron ? s.Deaths : 1;
            double wbar = s.DeadWeight / m, hi = 0, ehi = 0, vi = 0;
            int baseIndex = hx.Count;
            for (int j = 0; j < q; j++) { hx.Add(0); ehx.Add(0); mx.Add(0); }
            for (int k = 0; k < m; k++)
            {
                double f = efron ? (double)k / m : 0;
                double den = s.S0 - f * s.E0;
                hi += wbar / den;
                ehi += (1 - f) * wbar / den;
                vi += wbar / (den * den);
                for (int j = 0; j < q; j++)
                {
                    xk[j] = (s.S1[j] - f * s.E1[j]) / den;
                    hx[baseIndex + j] += wbar * xk[j] / den;
                    ehx[baseIndex + j] += (1 - f) * wbar * xk[j] / den;
                    mx[baseIndex + j] += xk[j] / m;
                }
            }
            h.Add(hi);
            eh.Add(ehi);
            vh.Add(vi);
        });
        Count = time.Count;
        Q = q;
        Time = time.ToArray();
        Stratum = stratum.ToArray();
        DeathStart = ds.ToArray();
        DeathEnd = de.ToArray();
        Hazard = h.ToArray();
        DeathHazard = eh.ToArray();
        VarianceIncrement = vh.ToArray();
        AtRiskWeight = atRisk.ToArray();
        DeadWeight = dead.ToArray();
        HazardX = hx.ToArray();
        DeathHazardX = ehx.ToArray();
        MeanX = mx.ToArray();
        // Forward cumulative sums within each stratum: the table runs backwards in time, so sum from each stratum's end.
        CumulativeHazard = new double[Count];
        CumulativeVariance = new double[Count];
        CumulativeHazardX = new double[Count * q];
        for (int k = Count - 1; k >= 0; k--)
        {
            bool first = k == Count - 1 || Stratum[k + 1] != Stratum[k];
            CumulativeHazard[k] = Hazard[k] + (first ? 0 : CumulativeHazard[k + 1]);
            CumulativeVariance[k] = VarianceIncrement[k] + (first ? 0 : CumulativeVariance[k + 1]);
            for (int j = 0; j < q; j++)
                CumulativeHazardX[k * q + j] = HazardX[k * q + j] + (first ? 0 : CumulativeHazardX[(k + 1) * q + j]);
        }
    }

    /// <summary>For each sorted row, the index of the latest event time ≤ its exit time in its stratum (−1: none), by a
    /// merge of the two descending orders (linear).</summary>
    public int[] ExitIndex(CoxRiskSets sets)
    {
        var result = new int[sets.Count];
        int k = 0;
        for (int i = 0; i < sets.Count; i++)
        {
            int s = sets.Strata?[i] ?? 0;
            while (k < Count && (Stratum[k] < s || (Stratum[k] == s && Time[k] > sets.Stop[i]))) k++;
            result[i] = k < Count && Stratum[k] == s ? k : -1;
        }
        return result;
    }

    /// <summary>For each sorted row, the index of the latest event time ≤ its entry time in its stratum (−1: none, and
    /// always −1 without entry times).</summary>
    public int[] EntryIndex(CoxRiskSets sets)
    {
        var result = new int[sets.Count];
        if (sets.Entry is null) { Array.Fill(result, -1); return result; }
        int k = 0;
        foreach (int i in sets.EntryOrder!)
        {
            int s = sets.Strata?[i] ?? 0;
            while (k < Count && (Stratum[k] < s || (Stratum[k] == s && Time[k] > sets.Entry[i]))) k++;
            result[i] = k < Count && Stratum[k] == s ? k : -1;
        }
        return result;
    }
}
