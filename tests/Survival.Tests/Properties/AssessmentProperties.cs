using FsCheck;
using FsCheck.Xunit;
using Survival.Assessment;
using Survival.Estimation;
using Survival.Regression;

namespace Survival.Tests.Properties;

/// <summary>Properties of concordance, AUC and Brier score on arbitrary data: Harrell's C equals a count over all pairs;
/// a score that orders the rows as their times do has C = 1 and AUC = 1; reversing the direction gives 1 − C with the
/// same variance; a constant score has C = 0.5 and AUC = 0.5, and predicting everyone the Kaplan–Meier risk is the null
/// model's Brier score. With delayed entry: C is the count over the pairs whose later member is at risk at the event;
/// splitting follow-up into (start, stop] pieces of the same subject changes nothing (C, both variances, the counts);
/// and a Cox fit's concordance on (start, stop] data is this one's.</summary>
public class AssessmentProperties
{
    private static (double[] Time, bool[] Event, double[] Weight, string[] Strata, double[] Score) Rows(int[] raw)
    {
        var time = raw.Select(x => 1 + Math.Abs(x % 23) / 2.0).ToArray();
        var ev = raw.Select(x => (Math.Abs(x / 23) % 3) != 0).ToArray();
        if (!ev.Any(e => e)) ev[0] = true;
        var weight = raw.Select(x => 1 + Math.Abs(x / 7 % 3) / 2.0).ToArray();
        var strata = raw.Select(x => (Math.Abs(x / 5) & 1) == 0 ? "a" : "b").ToArray();
        var score = raw.Select(x => Math.Abs(x / 3 % 9) / 4.0).ToArray();
        return (time, ev, weight, strata, score);
    }

    /// <summary>Weighted concordant, discordant and score-tied pairs by brute force: i has an event and j is at risk at
    /// tᵢ in the same stratum (entered before tᵢ, and leaves after it, or at it censored).</summary>
    private static (double Concordant, double Discordant, double Tied) PairCounts(double[] time, bool[] ev, double[] weight, string[] strata,
        double[] score, double[]? entry)
    {
        double concordant = 0, discordant = 0, tied = 0;
        for (int i = 0; i < time.Length; i++)
        {
            if (!ev[i]) continue;
            for (int j = 0; j < time.Length; j++)
            {
                if (strata[i] != strata[j] || (entry is not null && !(entry[j] < time[i])) || !(time[j] > time[i] || (time[j] == time[i] && !ev[j]))) continue;
                double w = weight[i] * weight[j];
                if (score[j] > score[i]) concordant += w; else if (score[j] < score[i]) discordant += w; else tied += w;
            }
        }
        return (concordant, discordant, tied);
    }

    [Property(MaxTest = 100)]
    public bool Harrells_C_is_the_count_over_all_comparable_pairs(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, ev, weight, strata, score) = Rows(raw);
        var data = SurvivalData.Create(time, ev, weight: weight, strata: strata);
        var (concordant, discordant, tied) = PairCounts(time, ev, weight, strata, score, entry: null);
        if (concordant + discordant + tied == 0) return true;
        var r = Concordance.Compute(data, score);
        return Math.Abs(r.Estimate - (concordant + tied / 2) / (concordant + discordant + tied)) < 1e-12
            && Math.Abs(r.Concordant - concordant) < 1e-9 && Math.Abs(r.Discordant - discordant) < 1e-9 && Math.Abs(r.TiedX - tied) < 1e-9;
    }

    [Property(MaxTest = 100)]
    public bool A_score_ordered_as_the_times_has_C_one_reversed_zero_and_a_constant_one_half(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, ev, _, _, _) = Rows(raw);
        var data = SurvivalData.Create(time, ev);
        // A censored row tied with an event counts as later, so it gets the larger score.
        var perfect = time.Select((t, i) => t + (ev[i] ? 0 : 0.25)).ToArray();
        bool comparable = Enumerable.Range(0, time.Length).Any(i => ev[i] && Enumerable.Range(0, time.Length).Any(j => time[j] > time[i] || (time[j] == time[i] && !ev[j] )));
        if (!comparable) return true;
        var c = Concordance.Compute(data, perfect);
        var reversed = Concordance.Compute(data, perfect, new ConcordanceOptions { Direction = ConcordanceDirection.LargerScoreHigherRisk });
        var constant = Concordance.Compute(data, new double[time.Length]);
        var uno = Concordance.Compute(data, perfect, new ConcordanceOptions { TimeWeight = ConcordanceTimeWeight.NOverG2 });
        return Math.Abs(c.Estimate - 1) < 1e-12 && Math.Abs(reversed.Estimate) < 1e-12 && Math.Abs(reversed.Variance - c.Variance) < 1e-15
            && Math.Abs(constant.Estimate - 0.5) < 1e-12 && Math.Abs(uno.Estimate - 1) < 1e-12;
    }

    [Property(MaxTest = 100)]
    public bool A_risk_that_separates_cases_from_controls_has_AUC_one_and_the_Kaplan_Meier_risk_is_the_null_Brier(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, ev, _, _, _) = Rows(raw);
        var data = SurvivalData.Create(time, ev);
        double tau = time.Order().ElementAt(time.Length / 2);
        var separating = time.Select(t => t <= tau ? 0.8 : 0.2).ToArray();
        double kmRisk = 1 - KaplanMeier.Fit(data, new KaplanMeierOptions()).Curves[0].SurvivalAt(tau).Survival;
        var r = PredictionAccuracy.Evaluate(data, new PredictedRisks([tau], [separating]));
        var k = PredictionAccuracy.Evaluate(data, new PredictedRisks([tau], [Enumerable.Repeat(kmRisk, time.Length).ToArray()]));
        bool hasCase = Enumerable.Range(0, time.Length).Any(i => ev[i] && time[i] <= tau), hasControl = time.Any(t => t > tau);
        if (!hasCase || !hasControl) return double.IsNaN(r.Auc[0].Estimate);
        return Math.Abs(r.Auc[0].Estimate - 1) < 1e-12 && Math.Abs(k.Auc[0].Estimate - 0.5) < 1e-12
            && Math.Abs(k.Brier[0].Estimate - k.NullBrier[0].Estimate) < 1e-12 && Math.Abs(k.Brier[0].StdErr - k.NullBrier[0].StdErr) < 1e-12;
    }
    /// <summary>Entries on the same half-unit grid as the exits (so they coincide with other rows' event times), below
    /// each row's exit.</summary>
    private static double[] Entries(int[] raw, double[] time)
        => raw.Select((x, i) => Math.Max(0, time[i] - (1 + Math.Abs(x / 11 % 5)) / 2.0)).ToArray();

    [Property(MaxTest = 100)]
    public bool With_delayed_entry_C_is_the_count_over_the_pairs_at_risk(int[] raw)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, ev, weight, strata, score) = Rows(raw);
        var entry = Entries(raw, time);
        var data = SurvivalData.Create(time, ev, entry: entry, weight: weight, strata: strata);
        var (concordant, discordant, tied) = PairCounts(time, ev, weight, strata, score, entry);
        if (concordant + discordant + tied == 0) return true;
        var r = Concordance.Compute(data, score);
        return Math.Abs(r.Estimate - (concordant + tied / 2) / (concordant + discordant + tied)) < 1e-12
            && Math.Abs(r.Concordant - concordant) < 1e-9 && Math.Abs(r.Discordant - discordant) < 1e-9 && Math.Abs(r.TiedX - tied) < 1e-9;
    }

    [Property(MaxTest = 100)]
    public bool Splitting_follow_up_into_pieces_of_the_same_subject_changes_nothing(int[] raw, NonEmptyArray<int> rawCuts, bool delayed, bool byTime)
    {
        if (raw is null || raw.Length < 3) return true;
        var (time, ev, weight, strata, score) = Rows(raw);
        var entry = delayed ? Entries(raw, time) : null;
        var id = Enumerable.Range(0, time.Length).Select(i => "s" + i).ToArray();
        var whole = SurvivalData.Create(time, ev, entry: entry, weight: weight, strata: strata, id: id);
        // Cuts on the quarter grid: between the half-unit times, and at them.
        var cuts = rawCuts.Get.Select(c => 0.5 + Math.Abs(c % 24) / 4.0).ToArray();
        var split = CountingProcess.Split(whole, cuts);
        var pieceScore = split.SourceRow.Select(r => score[r]).ToArray();
        var options = new ConcordanceOptions { TimeWeight = byTime ? ConcordanceTimeWeight.S : ConcordanceTimeWeight.N, Horizon = 7 };
        bool comparable = Enumerable.Range(0, time.Length).Any(i => ev[i] && time[i] <= 7
            && Enumerable.Range(0, time.Length).Any(j => strata[i] == strata[j] && (entry is null || entry[j] < time[i]) && (time[j] > time[i] || (time[j] == time[i] && !ev[j]))));
        if (!comparable) return true;
        var a = Concordance.Compute(whole, score, options);
        var b = Concordance.Compute(split.Data, pieceScore, options);
        static bool Near(double x, double y) => Math.Abs(x - y) <= 1e-10 * Math.Max(1, Math.Abs(x));
        return Near(a.Estimate, b.Estimate) && Near(a.Variance, b.Variance) && Near(a.CoxVariance, b.CoxVariance)
            && Near(a.Concordant, b.Concordant) && Near(a.Discordant, b.Discordant) && Near(a.TiedX, b.TiedX)
            && Near(a.TiedY, b.TiedY) && Near(a.TiedXY, b.TiedXY);
    }

    [Property(MaxTest = 60)]
    public bool A_Cox_fit_on_start_stop_rows_reports_this_concordance(int[] raw)
    {
        if (raw is null || raw.Length < 4) return true;
        var (time, ev, weight, strata, score) = Rows(raw);
        var data = SurvivalData.Create(time, ev, entry: Entries(raw, time), weight: weight, strata: strata);
        var x = new CovariateMatrix(time.Length).AddNumeric("z", score);
        var fit = CoxRegression.Fit(data, x);
        if (fit.Concordance is not double reported) return true;
        var lp = RiskPrediction.LinearPredictors(fit, x);
        var c = Concordance.Compute(data, lp, new ConcordanceOptions { Direction = ConcordanceDirection.LargerScoreHigherRisk });
        return Math.Abs(c.Estimate - reported) < 1e-12;
    }
}
