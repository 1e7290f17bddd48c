namespace Survival.Assessment;

/// <summary>Predicted absolute risks of the event (1 − S(t | x), or a cause's cumulative incidence) for each row at each
/// of a few times: what a model says, in the form <see cref="PredictionAccuracy"/> and <see cref="Calibration"/> assess
/// (riskRegression's <c>predictRisk</c> matrix).</summary>
public sealed class PredictedRisks
{
    private readonly double[][] _risk;

    /// <summary>Risks given per time: <paramref name="risk"/>[k][i] is row i's risk by <paramref name="times"/>[k].</summary>
    /// <param name="times">Evaluation times, finite, ≥ 0 and increasing.</param>
    /// <param name="risk">One array per time, each with one risk in [0, 1] per row.</param>
    /// <exception cref="SurvivalInputException">A time or a risk is out of range, or the arrays differ in length (the
    /// message names the time and row).</exception>
    public PredictedRisks(IReadOnlyList<double> times, IReadOnlyList<double[]> risk)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(risk);
        if (times.Count == 0) throw new SurvivalInputException("at least one evaluation time is needed", column: "times");
        if (risk.Count != times.Count) throw new SurvivalInputException($"{risk.Count} risk columns for {times.Count} times", column: "risk");
        for (int k = 0; k < times.Count; k++)
        {
            if (!double.IsFinite(times[k]) || times[k] < 0) throw new SurvivalInputException("an evaluation time must be a finite number ≥ 0", column: "times", value: SurvivalData.Format(times[k]));
            if (k > 0 && !(times[k] > times[k - 1])) throw new SurvivalInputException("evaluation times must increase", column: "times", value: SurvivalData.Format(times[k]));
        }
        int n = risk[0]?.Length ?? throw new ArgumentNullException(nameof(risk));
        for (int k = 0; k < risk.Count; k++)
        {
            var column = risk[k] ?? throw new ArgumentNullException(nameof(risk));
            if (column.Length != n) throw new SurvivalInputException($"the risks at time {SurvivalData.Format(times[k])} have {column.Length} rows, the first time's {n}", column: "risk");
            for (int i = 0; i < n; i++)
                if (!(column[i] >= 0 && column[i] <= 1))
                    throw new SurvivalInputException($"a predicted risk at time {SurvivalData.Format(times[k])} must be in [0, 1]", column: "risk", value: SurvivalData.Format(column[i]), row: i + 1);
        }
        Times = ValueList<double>.Of(times.ToArray());
        _risk = risk.Select(c => c.ToArray()).ToArray();
        Rows = n;
    }

    /// <summary>The evaluation times, increasing.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>Every row's risk by <see cref="Times"/>[<paramref name="timeIndex"/>].</summary>
    /// <param name="timeIndex">Index into <see cref="Times"/>.</param>
    public ReadOnlySpan<double> At(int timeIndex) => _risk[timeIndex];

    /// <summary>Row <paramref name="row"/>'s risk by <see cref="Times"/>[<paramref name="timeIndex"/>].</summary>
    /// <param name="row">The row.</param>
    /// <param name="timeIndex">Index into <see cref="Times"/>.</param>
    public double this[int row, int timeIndex] => _risk[timeIndex][row];
}
